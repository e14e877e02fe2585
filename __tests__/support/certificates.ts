import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestPki {
  /** The internal CA a company would hand its runners. */
  caPem: string
  /**
   * The controller's key and certificate, signed by that CA, for 127.0.0.1, localhost and the
   * extra DNS names given to makeTestPki (e.g. `jenkins.test`, for tests with host names).
   */
  serverKey: string
  serverCert: string
  /** A self-signed certificate for 127.0.0.1, as `openssl req -x509` makes one, and its key. */
  selfSignedKey: string
  selfSignedCert: string
}

const HOSTS = 'subjectAltName=IP:127.0.0.1,DNS:localhost'

/** A private CA, a server certificate signed by it, and a self-signed one: real openssl. */
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
    const sans = [HOSTS, ...names.map((name) => `DNS:${name}`)].join(',')
    writeFileSync(join(dir, 'ext.cnf'), `${sans}\nextendedKeyUsage=serverAuth\n`)
    openssl(
      'x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out server.pem'
    )
    openssl(`req -x509 ${newKey} -keyout self.key -out self.pem -addext ${HOSTS}`, '/CN=127.0.0.1')
    return {
      caPem: read('ca.pem'),
      serverKey: read('server.key'),
      serverCert: read('server.pem'),
      selfSignedKey: read('self.key'),
      selfSignedCert: read('self.pem')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
