import { connect } from 'node:tls'
import { dialTarget } from './sockets.js'

/** Connections a port resets or refuses say nothing of what it speaks once it listens. */
const NO_ANSWER_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'])

/**
 * Whether the host and port of a plain-http URL complete a TLS handshake: a port that serves
 * https, which closes a plain-HTTP request unanswered (Jetty) or answers it with bytes HTTP
 * cannot read. `no answer`: the connection was refused or reset, or the time ran out. Only
 * the handshake happens, and nothing is sent over it, so the certificate need not be
 * trusted: the answer only names the fix.
 */
export function speaksTls(url: URL, timeoutMs: number): Promise<'tls' | 'not tls' | 'no answer'> {
  const { host, port, ipAddress } = dialTarget(url)
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(ipAddress ? {} : { servername: host })
    })
    const done = (answer: 'tls' | 'not tls' | 'no answer') => {
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => done('no answer'), timeoutMs)
    socket.once('secureConnect', () => done('tls'))
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(NO_ANSWER_CODES.has(error.code ?? '') ? 'no answer' : 'not tls')
    )
  })
}
