import { connect, type Socket } from 'node:net'
import { proxyFor } from './proxy.js'
import { atMost, dialTarget, onFirst } from './sockets.js'

/**
 * Opens the TCP connection to a controller that is reached directly, before the step loads
 * TLS and the rest of its code, so that the TCP handshake overlaps that loading. Nothing is
 * written on it here; the agents put TLS over it later (Agents.warm). A controller behind a
 * proxy, or a proxy variable that cannot be used, gets no early connection: the agents dial
 * through the proxy themselves, and the first request reports a bad variable.
 */
export function dialEarly(target: URL): Socket | undefined {
  try {
    if (proxyFor(target)) return undefined
  } catch {
    return undefined
  }
  const { host, port } = dialTarget(target)
  const socket = connect({ host, port })
  // Until a request takes it, it must not keep a step that stops early alive, nor crash it.
  socket.unref()
  socket.on('error', () => undefined)
  return socket
}

/**
 * How long to wait for the connection attempt to start. Node starts it on a later turn of the
 * event loop (after a DNS lookup for a host name), and the step's next move is to load TLS,
 * which holds the loop for some 10 ms: without this wait the SYN would leave only after that.
 * A resolver slower than this overlaps the loading instead.
 */
const ATTEMPT_WAIT_MS = 25

/** Resolves once the socket's connection attempt has started (the SYN is sent), or failed. */
export function attemptStarted(socket: Socket): Promise<void> {
  return atMost(
    ATTEMPT_WAIT_MS,
    new Promise((resolve) => onFirst(socket, ['connectionAttempt', 'error', 'close'], resolve))
  )
}
