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
