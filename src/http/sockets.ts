import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'

/**
 * Calls `then` once, on the first of `events` the socket emits, and stops listening for the
 * others. `then` runs inside that emit, before the event loop can handle anything else.
 */
export function onFirst(socket: Socket, events: string[], then: () => void): void {
  const done = () => {
    for (const event of events) socket.off(event, done)
    then()
  }
  for (const event of events) socket.once(event, done)
}

/** Settles when `promise` does, or after `ms`, whichever comes first; never holds the process. */
export function atMost(ms: number, promise: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref()
    void promise.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** A socket nothing more can be sent on: destroyed, or closed by either side. */
export function closed(socket: Duplex): boolean {
  return socket.destroyed || socket.readableEnded || !socket.writable
}

/**
 * Where to dial for `target`: the host without IPv6 brackets, the port with its scheme's
 * default, and whether the host is an IP address. The URL parser has written any IPv4 address
 * as four decimal numbers and put IPv6 in brackets, so this needs no net.isIP, whose IPv6
 * pattern costs milliseconds on a host name.
 */
export function dialTarget(target: URL): { host: string; port: number; ipAddress: boolean } {
  return {
    host: target.hostname.replace(/^\[|\]$/g, ''),
    port: Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
    ipAddress: target.hostname.startsWith('[') || /^[\d.]+$/.test(target.hostname)
  }
}

/**
 * Whether a TLS session made with `made` (its host and port) may be offered to `target`: only
 * an https URL at the same host and port. To any other server the session means nothing, and
 * it is as secret as the token it came with.
 */
export function resumesAt(made: { host: string; port: number }, target: URL): boolean {
  const { host, port } = dialTarget(target)
  return target.protocol === 'https:' && host === made.host && port === made.port
}
