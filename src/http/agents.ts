import type * as http from 'node:http'
import { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import * as tls from 'node:tls'
import { type ProxyChoice, proxyFor } from './proxy.js'
import { dialTarget, onFirst, resumesAt } from './sockets.js'
import { type ResumableSession, WarmHttpAgent, WarmHttpsAgent } from './warm-agents.js'

export type { ResumableSession }

export interface TlsSettings {
  /** PEM certificates trusted in addition to the default roots and NODE_EXTRA_CA_CERTS. */
  ca?: string
  /** False only for insecure-skip-tls-verify: applies to the controller, not to a proxy. */
  rejectUnauthorized?: boolean
}

/**
 * Through an http:// proxy, no TLS starts until the proxy answers the CONNECT, which takes a
 * turn of the event loop at least: the roots (with a ca-certificate, 6 ms of parsing Node's
 * bundled ones, 20-25 ms with a system bundle in NODE_EXTRA_CA_CERTS) can then be set after
 * the dial instead of delaying it. Proxies need Node.js 24.5 (proxyFor), so the roots are the
 * process's defaults, which every TLS context created afterwards takes up. An https:// proxy
 * is dialled over TLS at once: not so.
 */
function rootsCanWait(proxy: ProxyChoice | undefined): boolean {
  return proxy?.url.protocol === 'http:' && typeof tls.setDefaultCACertificates === 'function'
}

/**
 * Settles once a client hello written now would leave at once: the TCP connection is up, or
 * it failed. Through a proxy it does not wait for the CONNECT's answer: on a network that
 * answer comes only after the proxy's own round trip to the controller, and waiting for it
 * would put the whole loading after that round trip instead of inside it.
 */
function helloCanGo(socket: Duplex | undefined, tunnelled: boolean): Promise<void> {
  if (tunnelled || !(socket instanceof Socket) || !socket.connecting) return Promise.resolve()
  return new Promise((resolve) => onFirst(socket, ['connect', 'close'], resolve))
}

/**
 * The step's connections: one kept-alive agent per scheme and proxy, so every request of a
 * step rides one TCP connection and one TLS handshake (one CONNECT through a proxy). Node's
 * own agents carry the requests because @actions/http-client's tunnel agent opens a new
 * CONNECT per request and cannot bound a whole exchange in time or size.
 */
export class Agents {
  private readonly agents = new Map<string, http.Agent>()
  private secureContext: tls.SecureContext | undefined
  private rootsSet = false

  constructor(private readonly settings: TlsSettings = {}) {}

  /** The agent for a request to `target`; throws an HttpError for an unusable proxy variable. */
  for(
    target: URL,
    options: { rootsLater?: boolean } = {}
  ): { agent: http.Agent; proxy: ProxyChoice | undefined } {
    const proxy = proxyFor(target)
    const https = target.protocol === 'https:'
    const secureContext =
      https && !(options.rootsLater && rootsCanWait(proxy)) ? this.context() : undefined
    // An https:// proxy is verified with the default roots, to which context() adds the
    // ca-certificate: for a plain-http controller behind it too.
    if (!https && proxy?.url.protocol === 'https:') this.context()
    const key = `${target.protocol}${proxy ? proxy.url.href : ''}`
    let agent = this.agents.get(key)
    if (!agent) {
      const proxyEnv = proxy
        ? { [https ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
        : undefined
      const common = { keepAlive: true, maxSockets: 1, ...(proxyEnv ? { proxyEnv } : {}) }
      agent = https
        ? new WarmHttpsAgent({
            ...common,
            secureContext,
            rejectUnauthorized: this.settings.rejectUnauthorized !== false
          })
        : new WarmHttpAgent(common)
      this.agents.set(key, agent)
    }
    return { agent, proxy }
  }

  /**
   * Opens the connection to `target` now, so that its TCP and TLS handshakes (and the CONNECT
   * through a proxy) overlap the rest of the step's start-up; the step's first request to that
   * origin takes it. Nothing is sent on it until then but the TLS handshake. `socket`, a TCP
   * connection to the target already under way (dialEarly), carries it when the target is
   * reached directly. Not for a plain-http request through a proxy, which the agent sends to
   * the proxy's address rather than dialling the host. Says whether `socket` was taken, and
   * when the connection is far enough for the client hello to leave at once (`helloCanGo`).
   */
  warm(
    target: URL,
    socket?: Socket,
    session?: ResumableSession
  ): { tookSocket: boolean; helloCanGo: Promise<void> } {
    const none = { tookSocket: false, helloCanGo: Promise.resolve() }
    let chosen: { agent: http.Agent; proxy: ProxyChoice | undefined }
    try {
      chosen = this.for(target, { rootsLater: true })
    } catch {
      return none // an unusable proxy variable: the first request says so
    }
    const { agent, proxy } = chosen
    const { host, port, ipAddress } = dialTarget(target)
    const early = proxy ? undefined : socket
    let dialled: Duplex | undefined
    if (agent instanceof WarmHttpsAgent) {
      dialled = agent.warm(host, port, {
        // As the agent itself would: no TLS server name for an IP address.
        servername: ipAddress ? undefined : host,
        tunnelled: !!proxy,
        socket: early,
        session: session && resumesAt(session, target) ? session.data : undefined
      })
      if (rootsCanWait(proxy)) this.rootsOnceConnectSent(dialled)
    } else if (agent instanceof WarmHttpAgent && !proxy) {
      dialled = agent.warm(host, port, early)
    } else return none
    return { tookSocket: early !== undefined, helloCanGo: helloCanGo(early ?? dialled, !!proxy) }
  }

  /**
   * Sets the roots `for` left for later (rootsCanWait) as soon as the proxy is connected:
   * Node's agent writes the CONNECT in its own 'connect' listener, which runs before this one,
   * and the proxy's answer cannot be read, nor TLS start, before this listener has returned.
   * A dial that fails first sets them too, for the fresh dial of the first request.
   */
  private rootsOnceConnectSent(proxySocket: Duplex | undefined): void {
    if (!(proxySocket instanceof Socket) || !proxySocket.connecting) this.context()
    else onFirst(proxySocket, ['connect', 'close'], () => this.context())
  }

  /**
   * The TLS session the controller gave these agents, for the next step to resume. A step
   * has one https agent (one origin, one proxy choice), so one session at most.
   */
  tlsSession(): ResumableSession | undefined {
    for (const agent of this.agents.values()) {
      const session = agent instanceof WarmHttpsAgent ? agent.tlsSession() : undefined
      if (session) return session
    }
    return undefined
  }

  /** Whether these agents verify certificates as `settings` asks, so a step may use them. */
  serves(settings: TlsSettings): boolean {
    return (
      (settings.ca ?? '') === (this.settings.ca ?? '') &&
      (settings.rejectUnauthorized !== false) === (this.settings.rejectUnauthorized !== false)
    )
  }

  /** Closes the kept-alive connections, so that a finished step holds nothing open. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy()
    this.agents.clear()
  }

  /**
   * Built once per step. The `ca` option would replace Node's roots, so the extra certificate
   * joins the default ones (which include NODE_EXTRA_CA_CERTS), as a default root of the
   * process: Node dials an https proxy with the default roots only, and the agents then need
   * no context of their own (parsing the 265 default roots into a second context cost 17 ms
   * of every step's start). Before Node 24.5, which cannot set the defaults, a context of the
   * agents' own carries them.
   */
  private context(): tls.SecureContext | undefined {
    if (!this.settings.ca || this.rootsSet) return this.secureContext
    this.rootsSet = true
    const roots = [...tls.getCACertificates('default'), this.settings.ca]
    if (typeof tls.setDefaultCACertificates === 'function') tls.setDefaultCACertificates(roots)
    else this.secureContext = tls.createSecureContext({ ca: roots })
    return this.secureContext
  }
}
