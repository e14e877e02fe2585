import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP relay on loopback in front of another loopback port. It sees the bytes as they are on
 * the wire (TLS stays encrypted: it does not terminate anything), so it can
 *   - count the TCP connections a client opened (`connections`),
 *   - keep every byte a client sent (`received()`), to prove what did or did not go in clear,
 *   - and add a round-trip delay, to measure what a step costs on a real network.
 */
export interface TcpRelay {
  port: number
  /** TCP connections accepted so far. */
  readonly connections: number
  /** Everything clients sent, all connections in order of arrival. */
  received(): Buffer
  /** Forgets the connections counted and the bytes kept so far. */
  reset(): void
  close(): Promise<void>
}

export interface RelayOptions {
  /**
   * Round-trip time to add, in ms. Each direction is delayed by half of it, and a client's first
   * bytes wait a whole round trip more, as they would behind the TCP handshake (on loopback the
   * handshake itself is instant). 0: bytes pass at once.
   */
  rttMs?: number
}

/** Delivers chunks in order, each no earlier than its due time. */
class DelayLine {
  private readonly queue: Array<{ due: number; chunk: Buffer | null }> = []
  private timer: NodeJS.Timeout | undefined
  constructor(private readonly deliver: (chunk: Buffer | null) => void) {}

  push(due: number, chunk: Buffer | null): void {
    const last = this.queue.at(-1)?.due ?? 0
    this.queue.push({ due: Math.max(due, last), chunk })
    if (!this.timer) this.schedule()
  }

  private schedule(): void {
    const head = this.queue[0]
    if (!head) return
    this.timer = setTimeout(() => this.pump(), Math.max(0, head.due - performance.now()))
  }

  private pump(): void {
    this.timer = undefined
    const now = performance.now()
    while (this.queue.length && (this.queue[0]?.due ?? 0) <= now + 0.5) {
      this.deliver((this.queue.shift() as { chunk: Buffer | null }).chunk)
    }
    this.schedule()
  }

  cancel(): void {
    clearTimeout(this.timer)
    this.queue.length = 0
  }
}

export async function startTcpRelay(
  targetPort: number,
  options: RelayOptions = {}
): Promise<TcpRelay> {
  const rtt = options.rttMs ?? 0
  const sockets = new Set<Socket>()
  let connections = 0
  let chunks: Buffer[] = []

  const server: Server = createServer((client) => {
    connections++
    const accepted = performance.now()
    const upstream = connect(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    }
    const toTarget = new DelayLine((chunk) => (chunk ? upstream.write(chunk) : upstream.end()))
    const toClient = new DelayLine((chunk) => (chunk ? client.write(chunk) : client.end()))
    const fail = () => {
      toTarget.cancel()
      toClient.cancel()
      client.destroy()
      upstream.destroy()
    }
    client.on('error', fail).on('close', fail)
    // A target that closes cleanly still has its last bytes in the delay line: they go first.
    upstream.on('error', fail)
    const gate = accepted + rtt
    client.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk))
      toTarget.push(Math.max(performance.now(), gate) + rtt / 2, chunk)
    })
    client.on('end', () => toTarget.push(performance.now() + rtt / 2, null))
    upstream.on('data', (chunk: Buffer) => toClient.push(performance.now() + rtt / 2, chunk))
    upstream.on('end', () => toClient.push(performance.now() + rtt / 2, null))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections
    },
    received: () => Buffer.concat(chunks),
    reset() {
      connections = 0
      chunks = []
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
