import { connect } from 'node:tls'
import { dialTarget } from './sockets.js'

/**
 * Whether the host and port of a plain-http URL complete a TLS handshake: a port that serves
 * https, which closes a plain-HTTP request unanswered (Jetty) or answers it with bytes HTTP
 * cannot read. Only the handshake happens, and nothing is sent over it, so the certificate
 * need not be trusted: the answer only names the fix.
 */
export function speaksTls(url: URL, timeoutMs: number): Promise<boolean> {
  const { host, port, ipAddress } = dialTarget(url)
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(ipAddress ? {} : { servername: host })
    })
    const done = (answer: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => done(false), timeoutMs)
    socket.once('secureConnect', () => done(true))
    socket.once('error', () => done(false))
  })
}
