import { createServer as createTcpServer, type Server as TcpServer } from 'node:net'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { runStep } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'

/**
 * An https:// proxy whose TLS fails: the message names the proxy and its variable, and the fix
 * it gives is the proxy's, never the controller's (whose jenkins-url is fine). The controller's
 * name is never resolved: the proxy fails before anything is asked of it.
 */

const alice = { username: 'alice', password: 'alice-password' }
const JENKINS = 'https://jenkins.example.invalid/'
let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

const servers: Array<TlsServer | TcpServer> = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

async function listen(server: TlsServer | TcpServer): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

/**
 * A TLS listener that ends every connection once its handshake is done; with `requestCert`,
 * one that asks for a client certificate and refuses a connection without one.
 */
function tlsProxy(key: string, cert: string, requestCert = false): Promise<number> {
  const server = createTlsServer({ key, cert, requestCert }, (socket) => socket.destroy())
  server.on('tlsClientError', () => undefined)
  return listen(server)
}

/**
 * An https proxy (for localhost, signed by the test CA) that takes a CONNECT, answers it with
 * `answer` (or never), and then holds the connection without a byte more: behind the tunnel,
 * nothing speaks TLS.
 */
function tlsProxyAnswering(answer: string | undefined): Promise<number> {
  const server = createTlsServer({ key: pki.localhostKey, cert: pki.localhostCert }, (socket) => {
    socket.on('error', () => undefined)
    socket.once('data', () => {
      if (answer) socket.write(answer)
    })
  })
  server.on('tlsClientError', () => undefined)
  return listen(server)
}

async function errorOf(
  proxyUrl: string,
  inputs: Record<string, string> = {},
  jenkinsUrl = JENKINS
): Promise<string> {
  const variable = jenkinsUrl.startsWith('https:') ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  const main = await runStep('main', {
    entry: 'dist',
    env: { [variable]: proxyUrl },
    inputs: { 'jenkins-url': jenkinsUrl, ...alice, retries: '0', ...inputs }
  })
  expect(main.exitCode).toBe(1)
  expect(main.stderr).toBe('')
  return main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
}

describe("an https:// proxy's TLS, diagnosed as the proxy's", () => {
  it('a certificate that names another host', async () => {
    // Signed by the CA given, for localhost only: the proxy is dialled as 127.0.0.1.
    const port = await tlsProxy(pki.localhostKey, pki.localhostCert)
    const error = await errorOf(`https://127.0.0.1:${port}`, { 'ca-certificate': pki.caPem })
    expect(error).toContain(
      `the TLS certificate of the proxy 127.0.0.1:${port} named by HTTPS_PROXY does not name that host (ERR_TLS_CERT_ALTNAME_INVALID). Write the proxy's host in HTTPS_PROXY as its certificate names it.`
    )
    expect(error).not.toContain('jenkins-url')
  })

  it('a certificate signed by a CA the runner does not trust', async () => {
    const port = await tlsProxy(pki.serverKey, pki.serverCert)
    const error = await errorOf(`https://127.0.0.1:${port}`)
    expect(error).toContain(
      `the TLS certificate of the proxy 127.0.0.1:${port} named by HTTPS_PROXY is not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Put the PEM certificate of the CA that signed it in the ca-certificate input; if it holds the root CA already, the server sends its certificate without the intermediate CA's: add the intermediate, or have the server send its full chain.`
    )
    expect(error).not.toContain("controller's")
  })

  it('a certificate the runner does not trust, in front of a plain-http controller', async () => {
    const port = await tlsProxy(pki.serverKey, pki.serverCert)
    const error = await errorOf(`https://127.0.0.1:${port}`, {}, 'http://jenkins.example.invalid/')
    expect(error).toContain(
      `the TLS certificate of the proxy 127.0.0.1:${port} named by HTTP_PROXY is not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`
    )
    expect(error).not.toContain("controller's")
  })

  it('a certificate for another host, in front of a plain-http controller', async () => {
    const port = await tlsProxy(pki.localhostKey, pki.localhostCert)
    const error = await errorOf(
      `https://127.0.0.1:${port}`,
      { 'ca-certificate': pki.caPem },
      'http://jenkins.example.invalid/'
    )
    expect(error).toContain(
      `the TLS certificate of the proxy 127.0.0.1:${port} named by HTTP_PROXY does not name that host (ERR_TLS_CERT_ALTNAME_INVALID).`
    )
    expect(error).not.toContain('jenkins-url')
  })

  it('a proxy that asks for a client certificate, for a plain-http controller', async () => {
    const port = await tlsProxy(pki.localhostKey, pki.localhostCert, true)
    const error = await errorOf(
      `https://localhost:${port}`,
      { 'ca-certificate': pki.caPem },
      'http://jenkins.example.invalid/'
    )
    expect(error).toContain(
      `the proxy localhost:${port} named by HTTP_PROXY asks for a client certificate (mutual TLS) and refused the connection without one (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)`
    )
    expect(error).not.toContain('does it serve https')
  })

  it('a TLS handshake with the proxy that never finishes, for a plain-http controller', async () => {
    const server = createTcpServer((socket) => socket.on('error', () => undefined))
    const port = await listen(server)
    const error = await errorOf(
      `https://127.0.0.1:${port}`,
      { 'timeout-seconds': '1' },
      'http://jenkins.example.invalid/'
    )
    // Nothing was sent: the connection to the proxy never came up.
    expect(error).toContain(
      `timed out: no connection to Jenkins through the proxy 127.0.0.1:${port} named by HTTP_PROXY within 1 s (timeout-seconds): the connection to the proxy did not come up.`
    )
  })

  it('a TLS handshake with the proxy that never finishes, for an https controller', async () => {
    const server = createTcpServer((socket) => socket.on('error', () => undefined))
    const port = await listen(server)
    const error = await errorOf(`https://127.0.0.1:${port}`, { 'timeout-seconds': '1' })
    // Not the CONNECT, nor the controller's handshake: the proxy's own connection.
    expect(error).toContain(
      `timed out: no connection to Jenkins through the proxy 127.0.0.1:${port} named by HTTPS_PROXY within 1 s (timeout-seconds): the connection to the proxy did not come up.`
    )
  })

  it('an https proxy that never answers the CONNECT', async () => {
    // Its TLS handshake is done: that is no answer to the CONNECT.
    const port = await tlsProxyAnswering(undefined)
    const error = await errorOf(`https://localhost:${port}`, {
      'ca-certificate': pki.caPem,
      'timeout-seconds': '1'
    })
    expect(error).toContain(
      `named by HTTPS_PROXY within 1 s (timeout-seconds): the proxy did not answer the CONNECT to jenkins.example.invalid:443: it cannot reach that host and port`
    )
  })

  it('an https proxy that opens the tunnel, to something that never finishes the handshake', async () => {
    const port = await tlsProxyAnswering('HTTP/1.1 200 Connection established\r\n\r\n')
    const error = await errorOf(`https://localhost:${port}`, {
      'ca-certificate': pki.caPem,
      'timeout-seconds': '1'
    })
    expect(error).toContain(
      `named by HTTPS_PROXY within 1 s (timeout-seconds): the proxy opened the tunnel to jenkins.example.invalid:443, but the TLS handshake with the server there did not finish. Check that port 443 is the controller's https port`
    )
  })

  it.each([
    ['an https', JENKINS],
    ['a plain-http', 'http://jenkins.example.invalid/']
  ])('a proxy that speaks plain HTTP, in front of %s controller', async (_what, jenkinsUrl) => {
    const server = createTcpServer((socket) => {
      socket.on('error', () => undefined)
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')
    })
    const port = await listen(server)
    const variable = jenkinsUrl.startsWith('https:') ? 'HTTPS_PROXY' : 'HTTP_PROXY'
    const error = await errorOf(`https://127.0.0.1:${port}`, {}, jenkinsUrl)
    expect(error).toMatch(
      new RegExp(
        `the TLS handshake with the proxy 127\\.0\\.0\\.1:${port} named by ${variable} failed \\((EPROTO|ERR_SSL_[A-Z_]+)\\): does it serve https\\? Write ${variable} as http://host:port for a proxy that speaks plain HTTP\\.`
      )
    )
    expect(error).not.toContain('jenkins-url')
  })
})
