import * as http from 'node:http'
import * as https from 'node:https'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import { closed } from './sockets.js'

type Created = (error: Error | null, socket?: Duplex) => void
type Open = (created: Created) => Duplex | undefined

/**
 * A connection opened before the step needs it, handed to the agent's first request for the
 * same host and port. Its TCP and TLS handshakes (and the CONNECT through a proxy) then run
 * while the rest of the action loads, instead of after it.
 */
class WarmConnection {
  private socket: Duplex | undefined
  /**
   * The connection emitted an error. A TLS 1.3 server's alert (a client certificate it
   * wanted) comes after 'secureConnect', and the socket is destroyed only a little later: a
   * request given it meanwhile would wait for an error Node's HTTP client never reports,
   * since the socket had one already.
   */
  private errored = false
  /**
   * The connection once it is ready for a request (TLS handshake done); undefined if it
   * failed first. Why it failed is not kept: a request that needs it dials afresh and
   * meets (and reports) the failure itself.
   */
  private readonly ready: Promise<Duplex | undefined>
  /** What the dial gave at once: the connection, or through a proxy the proxy's socket. */
  readonly dialled: Duplex | undefined

  constructor(
    readonly key: string,
    open: Open,
    /** Through a proxy the socket comes from the callback, once the tunnel is up. */
    private readonly tunnelled: boolean
  ) {
    let dialled: Duplex | undefined
    this.ready = new Promise<Duplex | undefined>((resolve) => {
      const failed = () => resolve(undefined)
      const take = (socket: Duplex) => {
        this.socket = socket
        // Unreferenced until a request takes it: an unused warm connection (a step that
        // fails on its inputs) must not keep the process alive.
        unref(socket)
        socket.once('error', () => {
          this.errored = true
          failed()
        })
        socket.once('close', failed)
        if (handshaking(socket)) socket.once('secureConnect', () => resolve(socket))
        else resolve(socket)
      }
      dialled = open((error, socket) => {
        if (error) failed()
        else if (socket && socket !== this.socket) take(socket)
      })
      if (dialled && !tunnelled) take(dialled)
    })
    this.dialled = dialled
  }

  /**
   * Gives the connection to the agent's callback once it is ready. One that failed, or that
   * the server has closed meanwhile, is replaced by a fresh one (`open`), so a request never
   * starts on a dead socket and the warm-up can never change how a failure is diagnosed.
   */
  handOver(created: Created, open: Open): void {
    void this.ready.then((socket) => {
      if (!socket || this.errored || closed(socket)) {
        this.discard()
        return dialAfresh(open, created, this.tunnelled)
      }
      ;(socket as Partial<Socket>).ref?.()
      created(null, socket)
    })
  }

  discard(): void {
    this.socket?.destroy()
  }
}

/**
 * As Node's agent does: a socket returned at once is the connection, else the callback gives
 * it. Through a proxy what comes back at once is the socket to the proxy, on which the tunnel
 * is still being opened: a request written there would reach the proxy in clear, so only
 * the callback's socket, the one inside the tunnel, is the connection.
 */
function dialAfresh(open: Open, created: Created, tunnelled: boolean): void {
  const socket = open(created)
  if (socket && !tunnelled) created(null, socket)
}

function unref(socket: Duplex): void {
  ;(socket as Partial<Socket>).unref?.()
}

/** A TLS socket whose handshake has not finished: it has sent no Finished message yet. */
function handshaking(socket: Duplex): boolean {
  const tlsSocket = socket as Partial<TLSSocket>
  return tlsSocket.encrypted === true && tlsSocket.getFinished?.() === undefined
}

function keyOf(host: unknown, port: unknown): string {
  return `${String(host)}:${String(port)}`
}

/** The agents' shared part: keeps the warm connection and gives it to the matching socket. */
class WarmSlot {
  private pending: WarmConnection | undefined

  /** Returns what the dial gave at once (WarmConnection.dialled). */
  fill(host: string, port: number, open: Open, tunnelled: boolean): Duplex | undefined {
    this.pending?.discard()
    this.pending = new WarmConnection(keyOf(host, port), open, tunnelled)
    return this.pending.dialled
  }

  /** True when the warm connection serves this socket (given to `created`, later). */
  serve(options: http.ClientRequestArgs, created: Created, open: Open): boolean {
    const warm = this.pending
    if (!warm || warm.key !== keyOf(options.host, options.port)) return false
    this.pending = undefined
    warm.handOver(created, open)
    return true
  }

  empty(): void {
    this.pending?.discard()
    this.pending = undefined
  }
}

const atProxy = new WeakSet<Error>()

/**
 * Whether a connection failed on its leg to the proxy, not in the tunnel to the controller:
 * a certificate error is then the proxy's, and the message must name the proxy variable.
 */
export function failedAtProxy(error: Error): boolean {
  return atProxy.has(error)
}

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base must take any constructor arguments
type AgentClass = new (...args: any[]) => http.Agent

/**
 * What both agents add to Node's: the warm slot, served before the agent dials itself, and a
 * hold on every connection they open until it closes. Node's agent holds a connection only once
 * it is ready: through a proxy, not while the CONNECT and the TLS handshake in the tunnel are
 * under way, and never one whose request gave up waiting for it (a warm connection's handshake
 * that does not finish). Such a connection would keep a finished step from exiting.
 */
function withWarmSlot<Base extends AgentClass>(BaseAgent: Base) {
  return class extends BaseAgent {
    readonly slot = new WarmSlot()
    private readonly opened = new Set<Duplex>()
    private closed = false

    override createConnection(
      options: http.ClientRequestArgs,
      created: Created
    ): Duplex | undefined {
      const open: Open = (done) => this.dial(options, done)
      if (this.slot.serve(options, created, open)) return undefined
      return open(created)
    }

    override destroy(): void {
      this.closed = true
      this.slot.empty()
      for (const socket of this.opened) socket.destroy()
      this.opened.clear()
      super.destroy()
    }

    dial(options: http.ClientRequestArgs, created: Created): Duplex | undefined {
      // A warm connection that fails once the step has closed its agents (closing destroys
      // it) would otherwise be replaced by a fresh dial, for a request that is long gone: it
      // gets no connection, and holds nothing that could keep the step alive.
      if (this.closed) return undefined
      // Through a proxy, Node's agent gives back the socket to the proxy at once and calls back
      // with the same socket when that leg fails (its TCP or TLS connection, or the CONNECT),
      // with the socket inside the tunnel when the handshake with the controller does.
      const socket = super.createConnection(options, (error, delivered) => {
        if (error && delivered !== undefined && delivered === socket) atProxy.add(error)
        created(error, delivered)
      }) as Duplex | undefined
      if (socket && !socket.destroyed) {
        this.opened.add(socket)
        socket.once('close', () => this.opened.delete(socket))
      }
      return socket
    }
  }
}

/**
 * A TLS session with the controller that a later step can resume: its handshake then needs no
 * certificate from the server, nor the work of checking one, and the server's first flight is
 * half the size. The holder of `data` can impersonate the controller to a client that
 * resumes it, so it is as secret as the token itself.
 */
export interface ResumableSession {
  host: string
  port: number
  /**
   * Node's serialised session, as the 'session' event and getSession() give it and
   * tls.connect's `session` takes it: OpenSSL's DER, which newer Node 24 releases prefix with
   * the server name it was made for (and then offer to no other).
   */
  data: Buffer
}

/** How far a connection through a proxy got (WarmHttpsAgent.tunnelStage). */
export type TunnelStage = 'proxy' | 'connect' | 'handshake'

/** An https.Agent whose first connection can be opened ahead of its first request. */
export class WarmHttpsAgent extends withWarmSlot(https.Agent) {
  private latest: ResumableSession | undefined
  /** Through a proxy, the socket the agent dials first is the proxy's (TLS to an https proxy). */
  private readonly tunnelled: boolean
  /**
   * Through a proxy, the socket to the proxy of the newest connection dialled: the warm one, or
   * the one a request dialled itself (a step sends one request at a time). Node gives a request
   * nothing before the tunnel and the handshake in it are done, so this is all there is to see
   * of a connection that is not up yet.
   */
  private toProxy: Duplex | undefined

  // Typed again: the mixin's constructor takes anything.
  constructor(options: https.AgentOptions & { proxyEnv?: NodeJS.ProcessEnv }) {
    super(options)
    this.tunnelled = options.proxyEnv !== undefined
  }

  /** The newest session the controller gave this agent's connections, if it gave one. */
  tlsSession(): ResumableSession | undefined {
    return this.latest
  }

  /**
   * Through a proxy, how far the newest connection got: its own connection to the proxy
   * ('proxy'), the CONNECT the proxy has not answered ('connect'), or the TLS handshake with
   * the controller inside the tunnel ('handshake'). Only watched, never read: Node reads the
   * proxy's answer from that socket (its bytesRead, which counts the cleartext for an https
   * proxy), and any answer but a 200 fails the connection at once. Undefined without a proxy.
   */
  tunnelStage(): TunnelStage | undefined {
    const socket = this.toProxy as (Duplex & Partial<Socket>) | undefined
    if (!socket) return undefined
    if (socket.connecting || handshaking(socket)) return 'proxy'
    return socket.bytesRead ? 'handshake' : 'connect'
  }

  override dial(options: http.ClientRequestArgs, created: Created): Duplex | undefined {
    const where = { host: String(options.host), port: Number(options.port) }
    const keep = (socket: Duplex | undefined) => {
      // Node's agent keeps sessions too, but through a proxy it listens on the proxy's socket.
      socket?.on('session', (data: Buffer) => {
        this.latest = { ...where, data }
      })
    }
    let first: Duplex | undefined
    first = super.dial(options, (error, delivered) => {
      // Through a proxy, the socket inside the tunnel: the one whose TLS is the controller's.
      // Node hands it over with its handshake done, and reports sessions only to a listener
      // there before they are made: TLS 1.3's come after the handshake, TLS 1.2's during it,
      // so that one is taken as it stands.
      if (this.tunnelled && !error && delivered !== first) {
        const tls = delivered as Partial<TLSSocket> | undefined
        const data = tls?.getProtocol?.() === 'TLSv1.2' ? tls.getSession?.() : undefined
        if (data) this.latest = { ...where, data }
        keep(delivered)
      }
      created(error, delivered)
    })
    if (this.tunnelled) this.toProxy = first
    else keep(first)
    return first
  }

  /**
   * `tunnelled`: the agent goes through a proxy, so the socket comes after the CONNECT.
   * `socket`: a TCP connection to the host already under way, to put TLS over.
   * Returns the socket being dialled: through a proxy, the connection to the proxy.
   */
  warm(
    host: string,
    port: number,
    how: {
      servername: string | undefined
      tunnelled: boolean
      socket: Socket | undefined
      /** A session the controller gave an earlier step, offered for resumption. */
      session?: Buffer | undefined
    }
  ): Duplex | undefined {
    const options = {
      ...(this as unknown as https.Agent).options,
      host,
      port,
      ...(how.servername ? { servername: how.servername } : {}),
      ...(how.socket ? { socket: how.socket } : {}),
      ...(how.session ? { session: how.session } : {})
    }
    return this.slot.fill(host, port, (created) => this.dial(options, created), how.tunnelled)
  }
}

/** An http.Agent whose first connection can be opened ahead of its first request. */
export class WarmHttpAgent extends withWarmSlot(http.Agent) {
  constructor(options: http.AgentOptions) {
    super(options)
  }

  /** `socket`: a TCP connection to the host already under way, to use as it is. */
  warm(host: string, port: number, socket?: Socket): Duplex | undefined {
    // http.Agent keeps its constructor options as `options`, as https.Agent declares.
    const options = { ...(this as unknown as { options: object }).options, host, port }
    return this.slot.fill(host, port, (created) => socket ?? this.dial(options, created), false)
  }
}
