import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestPki {
  /** The internal CA a company would hand its runners. */
  caPem: string
  /**
   * The controller's key and certificate, signed by that CA, for 127.0.0.1, localhost and any
   * extra names asked for.
   */
  serverKey: string
  serverCert: string
  /** A self-signed certificate for 127.0.0.1, ::1 and localhost, as `openssl req -x509` makes one, and its key. */
  selfSignedKey: string
  selfSignedCert: string
  /** A certificate signed by the CA for DNS:localhost only (no IP entry), and its key. */
  localhostKey: string
  localhostCert: string
}

const HOSTS = 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost'

/**
 * A private CA, a server certificate signed by it, and a self-signed one: real openssl.
 * `names`: more DNS names for the server certificate, e.g. a name a test maps to 127.0.0.1.
 */
export function makeTestPki(names: string[] = []): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-pki-'))
  // Arguments hold no spaces but the subjects, so they are written as one string each.
  const openssl = (args: string, subject?: string) =>
    execFileSync('openssl', [...args.split(' '), ...(subject ? ['-subj', subject] : [])], {
      cwd: dir,
      stdio: 'pipe'
    })
  const read = (file: string) => readFileSync(join(dir, file), 'utf8')
  try {
    const newKey = '-newkey rsa:2048 -nodes -days 2'
    openssl(
      `req -x509 ${newKey} -keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign`,
      '/CN=Test Internal CA'
    )
    openssl('req -newkey rsa:2048 -nodes -keyout server.key -out server.csr', '/CN=127.0.0.1')
    const serverHosts = [HOSTS, ...names.map((name) => `DNS:${name}`)].join(',')
    writeFileSync(join(dir, 'ext.cnf'), `${serverHosts}\nextendedKeyUsage=serverAuth\n`)
    openssl(
      'x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out server.pem'
    )
    openssl('req -newkey rsa:2048 -nodes -keyout local.key -out local.csr', '/CN=localhost')
    writeFileSync(
      join(dir, 'local.cnf'),
      'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n'
    )
    openssl(
      'x509 -req -in local.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile local.cnf -out local.pem'
    )
    openssl(`req -x509 ${newKey} -keyout self.key -out self.pem -addext ${HOSTS}`, '/CN=127.0.0.1')
    return {
      caPem: read('ca.pem'),
      serverKey: read('server.key'),
      serverCert: read('server.pem'),
      selfSignedKey: read('self.key'),
      selfSignedCert: read('self.pem'),
      localhostKey: read('local.key'),
      localhostCert: read('local.pem')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A CA and a certificate for 127.0.0.1 signed by it, with the dates and purpose given:
 * `openssl ca`, which sets both. By default valid from 2030, as a controller whose clock ran
 * ahead when it was issued has it; `purpose: 'clientAuth'` makes one no server may present.
 */
export function makeOddCertificate(
  options: { startDate?: string; endDate?: string; purpose?: 'serverAuth' | 'clientAuth' } = {}
): { caPem: string; key: string; cert: string } {
  const {
    startDate = '20300101000000Z',
    endDate = '20300201000000Z',
    purpose = 'serverAuth'
  } = options
  const dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-pki-'))
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const read = (file: string) => readFileSync(join(dir, file), 'utf8')
  try {
    openssl([
      ...'req -x509 -newkey rsa:2048 -nodes -days 2 -keyout ca.key -out ca.pem'.split(' '),
      ...['-addext', 'basicConstraints=critical,CA:TRUE', '-subj', '/CN=Test Internal CA']
    ])
    openssl(
      'req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1'.split(
        ' '
      )
    )
    writeFileSync(join(dir, 'index.txt'), '')
    writeFileSync(join(dir, 'serial'), '01\n')
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        'database = index.txt',
        'serial = serial',
        'new_certs_dir = .',
        'default_md = sha256',
        'policy = any',
        '[any]',
        'commonName = supplied',
        '[server]',
        HOSTS,
        `extendedKeyUsage = ${purpose}`,
        ''
      ].join('\n')
    )
    openssl([
      ...'ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in server.csr -out server.pem'.split(
        ' '
      ),
      ...['-startdate', startDate, '-enddate', endDate, '-extensions', 'server', '-notext']
    ])
    return { caPem: read('ca.pem'), key: read('server.key'), cert: read('server.pem') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A root CA, an intermediate CA it signed, and a certificate for 127.0.0.1 the intermediate
 * signed, as a public or company CA issues them: the chain a server may or may not send.
 */
export function makeChainedPki(): {
  rootPem: string
  intermediatePem: string
  key: string
  cert: string
} {
  const dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-pki-'))
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const read = (file: string) => readFileSync(join(dir, file), 'utf8')
  const ca = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
  try {
    openssl([
      ...'req -x509 -newkey rsa:2048 -nodes -days 2 -keyout root.key -out root.pem'.split(' '),
      ...['-addext', 'basicConstraints=critical,CA:TRUE', '-subj', '/CN=Test Root CA']
    ])
    openssl([
      ...'req -newkey rsa:2048 -nodes -keyout int.key -out int.csr'.split(' '),
      ...['-subj', '/CN=Test Intermediate CA']
    ])
    writeFileSync(join(dir, 'int.cnf'), ca)
    openssl(
      'x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 2 -extfile int.cnf -out int.pem'.split(
        ' '
      )
    )
    openssl(
      'req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj /CN=127.0.0.1'.split(' ')
    )
    writeFileSync(join(dir, 'leaf.cnf'), `${HOSTS}\nextendedKeyUsage=serverAuth\n`)
    openssl(
      'x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -days 2 -extfile leaf.cnf -out leaf.pem'.split(
        ' '
      )
    )
    return {
      rootPem: read('root.pem'),
      intermediatePem: read('int.pem'),
      key: read('leaf.key'),
      cert: read('leaf.pem')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
