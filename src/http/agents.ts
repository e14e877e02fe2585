import * as http from 'node:http'
import * as https from 'node:https'
import * as tls from 'node:tls'
import { type ProxyChoice, proxyFor } from './proxy.js'

export interface TlsSettings {
  /** PEM certificates trusted in addition to the default roots and NODE_EXTRA_CA_CERTS. */
  ca?: string
  /** False only for insecure-skip-tls-verify: applies to the controller, not to a proxy. */
  rejectUnauthorized?: boolean
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

  constructor(private readonly settings: TlsSettings = {}) {}

  /** The agent for a request to `target`; throws an HttpError for an unusable proxy variable. */
  for(target: URL): { agent: http.Agent; proxy: ProxyChoice | undefined } {
    const proxy = proxyFor(target)
    const key = `${target.protocol}${proxy ? proxy.url.href : ''}`
    let agent = this.agents.get(key)
    if (!agent) {
      const proxyEnv = proxy
        ? { [target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
        : undefined
      const common = { keepAlive: true, maxSockets: 1, ...(proxyEnv ? { proxyEnv } : {}) }
      agent =
        target.protocol === 'https:'
          ? new https.Agent({
              ...common,
              secureContext: this.context(),
              rejectUnauthorized: this.settings.rejectUnauthorized !== false
            })
          : new http.Agent(common)
      this.agents.set(key, agent)
    }
    return { agent, proxy }
  }

  /** Closes the kept-alive connections, so that a finished step holds nothing open. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy()
    this.agents.clear()
  }

  /**
   * Built once per step. The `ca` option would replace Node's roots, so the extra certificate
   * joins the default ones (which include NODE_EXTRA_CA_CERTS). It also becomes a default
   * root of the process, because Node dials an https proxy with the default roots only.
   */
  private context(): tls.SecureContext | undefined {
    if (!this.settings.ca) return undefined
    if (!this.secureContext) {
      const roots = [...tls.getCACertificates('default'), this.settings.ca]
      if (typeof tls.setDefaultCACertificates === 'function') tls.setDefaultCACertificates(roots)
      this.secureContext = tls.createSecureContext({ ca: roots })
    }
    return this.secureContext
  }
}
