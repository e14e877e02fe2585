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
  /**
   * Flip a bit in the first TLS application-data record the target sends, as a broken load
   * balancer or network appliance would: with TLS 1.2 that is the answer to the first request,
   * so the client's TLS fails after the request went out and Jenkins acted on it.
   */
  corruptFirstAnswer?: boolean
  /**
   * Flip a bit in the first TLS application-data record a client sends, on the relay's first
   * connection only: the server cannot read it and refuses the connection with an alert (with
   * TLS 1.2 that record is the first request, which the server never took).
   */
  corruptFirstRequest?: boolean
}

/** Passes TLS records through whole, the first application-data record with one bit flipped. */
function corruptingFirstRecord(forward: (chunk: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0)
  let done = false
  return (chunk) => {
    if (done) return forward(chunk)
    pending = Buffer.concat([pending, chunk])
    while (!done && pending.length >= 5) {
      const end = 5 + pending.readUInt16BE(3)
      if (pending.length < end) return
      const record = Buffer.from(pending.subarray(0, end))
      pending = pending.subarray(end)
      if (record[0] === 0x17) {
        record[end - 1] = (record[end - 1] ?? 0) ^ 0x01
        done = true
      }
      forward(record)
    }
    if (done && pending.length > 0) forward(pending)
  }
}

/** Delivers chunks in order, each at its due time. */
class DelayLine {
  private readonly queue: Array<{ due: number; chunk: Buffer | null }> = []
  private timer: NodeJS.Timeout | undefined
  private immediate: NodeJS.Immediate | undefined
  constructor(private readonly deliver: (chunk: Buffer | null) => void) {}

  push(due: number, chunk: Buffer | null): void {
    const last = this.queue.at(-1)?.due ?? 0
    this.queue.push({ due: Math.max(due, last), chunk })
    if (!this.timer && !this.immediate) this.schedule()
  }

  /**
   * libuv's timers count whole milliseconds and fire on the loop turn after their time, so a
   * timer set for the due time delivers 1-1.5 ms late, and a round trip (two deliveries) came
   * out some 1.5 ms longer than asked. The timer now wakes the line 2 ms early, and the rest
   * is waited out turn by turn (each turn still serves I/O), so the relay adds the round trip
   * it is given and no more.
   */
  private schedule(): void {
    this.timer = undefined
    this.immediate = undefined
    const head = this.queue[0]
    if (!head) return
    const wait = head.due - performance.now()
    if (wait > 2) this.timer = setTimeout(() => this.schedule(), wait - 2)
    else this.immediate = setImmediate(() => this.pump())
  }

  private pump(): void {
    const now = performance.now()
    while (this.queue.length && (this.queue[0]?.due ?? 0) <= now) {
      this.deliver((this.queue.shift() as { chunk: Buffer | null }).chunk)
    }
    this.schedule()
  }

  cancel(): void {
    clearTimeout(this.timer)
    clearImmediate(this.immediate)
    this.timer = undefined
    this.immediate = undefined
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
    const request = (chunk: Buffer) =>
      toTarget.push(Math.max(performance.now(), gate) + rtt / 2, chunk)
    const send =
      options.corruptFirstRequest && connections === 1 ? corruptingFirstRecord(request) : request
    client.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk))
      send(chunk)
    })
    client.on('end', () => toTarget.push(performance.now() + rtt / 2, null))
    const answer = (chunk: Buffer) => toClient.push(performance.now() + rtt / 2, chunk)
    upstream.on('data', options.corruptFirstAnswer ? corruptingFirstRecord(answer) : answer)
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
