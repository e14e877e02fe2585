import { readFileSync } from 'node:fs'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import * as http from 'node:http'
import * as https from 'node:https'
import type { Socket } from 'node:net'
import * as tls from 'node:tls'
import { JenkinsError } from './errors.js'
import { proxyFor } from './proxy.js'
import { isRedirect, redirectTarget } from './redirects.js'

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: OutgoingHttpHeaders
  /** Sent as application/x-www-form-urlencoded, never in the URL, so it never reaches a log. */
  form?: Record<string, string>
}

export interface TlsSettings {
  /** PEM certificates trusted in addition to the default CAs. */
  ca?: string
  rejectUnauthorized?: boolean
}

export interface TransportOptions {
  /** Limit of one attempt: connecting, sending, and reading the whole answer. */
  timeoutMs: number
  retries: number
  /** Limit of everything this transport does, retries and pauses included. */
  budgetMs: number
  /** Receives method, path, status and timing only: never headers or bodies. */
  debug: (message: string) => void
  /** First backoff pause; doubled per attempt, with jitter. */
  backoffMs?: number
  tls?: TlsSettings
  /** Where the proxy variables come from. */
  env?: NodeJS.ProcessEnv
}

/**
 * How far a failed attempt got. `unsent`: Jenkins cannot have acted on it. `uncertain`: it
 * may have (sent, then no answer). `permanent`: retrying cannot help (a certificate error).
 */
type FailureKind = 'unsent' | 'uncertain' | 'permanent'

class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind
  ) {
    super(message)
  }
}

/** Called once per attempt whose outcome is unknown: Jenkins may have acted on it. */
export type UncertainAttempt = (attempt: number) => void

const USER_AGENT = 'jenkins-token-action'
const MAX_REDIRECTS = 5
const MAX_BODY_BYTES = 1024 * 1024
const MAX_BACKOFF_MS = 10_000
const MAX_RETRY_AFTER_MS = 30_000
const UNSENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])
const UNTRUSTED_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE'
])

export class Transport {
  private readonly deadline: number
  private readonly backoffMs: number
  private readonly ca: string[] | undefined

  constructor(private readonly options: TransportOptions) {
    this.deadline = Date.now() + options.budgetMs
    this.backoffMs = options.backoffMs ?? 500
    this.ca = options.tls?.ca ? trustedCertificates(options.tls.ca) : undefined
  }

  /**
   * Sends a request, retrying connection failures, timeouts, 5xx and 429 (honouring
   * Retry-After) but never 4xx. `build` may give each attempt a different request: a mint
   * names every attempt differently, so no retry can hide a token behind another's name.
   */
  async request(
    build: HttpRequest | ((attempt: number) => HttpRequest),
    onUncertain?: UncertainAttempt
  ): Promise<HttpResponse> {
    let lastFailure = ''
    for (let attempt = 0; ; attempt++) {
      const request = typeof build === 'function' ? build(attempt) : build
      const path = new URL(request.url).pathname
      const remaining = this.deadline - Date.now()
      if (remaining <= 0) throw this.outOfTime(attempt, lastFailure)
      const started = Date.now()
      let pause: number | undefined
      try {
        const response = await this.followRedirects(
          request,
          Math.min(this.options.timeoutMs, remaining)
        )
        this.options.debug(
          `${request.method} ${path} -> ${response.status} (${Date.now() - started} ms)`
        )
        if (!isTransientStatus(response.status) || attempt >= this.options.retries) return response
        // 503 and 429 say the request was not served; a 500 or a gateway error may follow work done.
        if (response.status !== 503 && response.status !== 429) onUncertain?.(attempt)
        lastFailure = `HTTP ${response.status}`
        pause = retryAfterMs(response.headers['retry-after'])
      } catch (error) {
        if (!(error instanceof AttemptFailure)) throw error
        this.options.debug(
          `${request.method} ${path} failed: ${error.message} (${Date.now() - started} ms)`
        )
        if (error.kind === 'uncertain') onUncertain?.(attempt)
        lastFailure = error.message
        if (error.kind === 'permanent' || attempt >= this.options.retries) {
          const tries = attempt + 1
          // An uncertain attempt was already reported to onUncertain above.
          throw new JenkinsError(
            `Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${error.message}`
          )
        }
      }
      const wait = pause ?? this.backoff(attempt)
      if (Date.now() + wait >= this.deadline) throw this.outOfTime(attempt + 1, lastFailure)
      this.options.debug(`retrying ${request.method} ${path} in ${wait} ms`)
      await sleep(wait)
    }
  }

  private outOfTime(attempts: number, lastFailure: string): JenkinsError {
    const seconds = Math.round(this.options.budgetMs / 1000)
    return new JenkinsError(
      `Timed out: gave up on Jenkins after ${attempts} attempt${attempts === 1 ? '' : 's'} and ${seconds} s${lastFailure ? ` (last: ${lastFailure})` : ''}. The step waits at most (retries + 1) × timeout-seconds.`
    )
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt)
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
  }

  private async followRedirects(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const until = Date.now() + timeoutMs
    let url = new URL(request.url)
    let method: string = request.method
    let body = request.form ? new URLSearchParams(request.form).toString() : null
    for (let hop = 0; ; hop++) {
      const response = await this.send(method, url, request.headers ?? {}, body, until - Date.now())
      if (!isRedirect(response.status)) return response
      if (hop >= MAX_REDIRECTS) {
        throw new JenkinsError(`Too many redirects, last to ${url.pathname}: check jenkins-url.`)
      }
      const location = response.headers.location
      const next = redirectTarget(
        url,
        Array.isArray(location) ? location[0] : location,
        response.status
      )
      this.options.debug(
        `${method} ${url.pathname} redirected (${response.status}) to ${next.protocol}//${next.host}${next.pathname}`
      )
      if (response.status === 303) {
        method = 'GET'
        body = null
      }
      url = next
    }
  }

  /** One HTTP exchange, directly or through the proxy, bounded by timeoutMs. */
  private async send(
    method: string,
    url: URL,
    headers: OutgoingHttpHeaders,
    body: string | null,
    timeoutMs: number
  ): Promise<HttpResponse> {
    if (timeoutMs <= 0) throw new AttemptFailure(timedOut(this.options.timeoutMs), 'uncertain')
    const abort = new AbortController()
    let connected = false
    const timer = setTimeout(() => abort.abort(), timeoutMs)
    try {
      const proxy = this.proxyFor(url)
      const secure = url.protocol === 'https:'
      const tlsOptions = {
        ca: this.ca,
        rejectUnauthorized: this.options.tls?.rejectUnauthorized !== false,
        servername: url.hostname
      }
      const requestOptions: https.RequestOptions = {
        method,
        agent: false,
        signal: abort.signal,
        headers: {
          'user-agent': USER_AGENT,
          ...headers,
          host: url.host,
          ...(body === null
            ? {}
            : {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body)
              })
        }
      }
      if (proxy && secure) {
        const socket = await openTunnel(proxy, url, abort.signal)
        connected = true
        // Without an agent, so that Node uses createConnection rather than dialling the host.
        Object.assign(requestOptions, tlsOptions, {
          agent: undefined,
          path: url.pathname + url.search,
          createConnection: () => tls.connect({ ...tlsOptions, socket })
        })
      } else if (proxy) {
        Object.assign(requestOptions, {
          host: proxy.hostname,
          port: proxy.port || 80,
          path: url.href
        })
        requestOptions.headers = { ...requestOptions.headers, ...proxyAuthorization(proxy) }
      } else {
        Object.assign(requestOptions, secure ? tlsOptions : {}, {
          host: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          path: url.pathname + url.search
        })
      }
      return await new Promise<HttpResponse>((resolve, reject) => {
        const req = (secure ? https : http).request(requestOptions, (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > MAX_BODY_BYTES) {
              req.destroy()
              reject(new AttemptFailure('the answer was larger than 1 MiB', 'uncertain'))
            } else chunks.push(chunk)
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8')
            })
          )
          res.on('error', (error) => reject(this.failure(error, true, abort.signal)))
          res.on('close', () => {
            if (!res.complete) reject(this.failure(new Error('socket hang up'), true, abort.signal))
          })
        })
        req.on('socket', (socket: Socket) => {
          if (!socket.connecting) connected = true
          else socket.once('connect', () => (connected = true))
        })
        req.on('error', (error) => reject(this.failure(error, connected, abort.signal)))
        req.end(body ?? undefined)
      })
    } catch (error) {
      throw error instanceof AttemptFailure || error instanceof JenkinsError
        ? error
        : this.failure(error as Error, connected, abort.signal)
    } finally {
      clearTimeout(timer)
    }
  }

  private proxyFor(url: URL): URL | undefined {
    try {
      return proxyFor(url, this.options.env ?? process.env)
    } catch (error) {
      throw new AttemptFailure((error as Error).message, 'permanent')
    }
  }

  private failure(error: Error, connected: boolean, signal: AbortSignal): AttemptFailure {
    if (signal.aborted) {
      return new AttemptFailure(
        timedOut(this.options.timeoutMs),
        connected ? 'uncertain' : 'unsent'
      )
    }
    if (error instanceof AttemptFailure) return error
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (UNTRUSTED_CERT_CODES.has(code)) {
      return new AttemptFailure(
        `the controller's TLS certificate is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input.`,
        'permanent'
      )
    }
    if (code === 'CERT_HAS_EXPIRED') {
      return new AttemptFailure(
        "the controller's TLS certificate has expired (CERT_HAS_EXPIRED). Renew it on the server.",
        'permanent'
      )
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return new AttemptFailure(
        `the controller's TLS certificate does not name this host (${code}). Use a jenkins-url host name that the certificate lists.`,
        'permanent'
      )
    }
    if (code === 'EPROTO' || code.startsWith('ERR_SSL')) {
      return new AttemptFailure(
        `the TLS handshake failed (${code}): does the URL's port serve https? Use http:// in jenkins-url for a plain-HTTP port.`,
        'permanent'
      )
    }
    if (UNSENT_CODES.has(code)) {
      const what =
        code === 'ECONNREFUSED'
          ? 'connection refused (is Jenkins running at this address?)'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'host name could not be resolved'
            : `network unreachable (${code})`
      return new AttemptFailure(what, 'unsent')
    }
    const what =
      code === 'ECONNRESET' || error.message === 'socket hang up'
        ? 'the connection was closed before Jenkins answered'
        : code
          ? `${code}: ${error.message}`
          : error.message
    return new AttemptFailure(what, connected ? 'uncertain' : 'unsent')
  }
}

/** CONNECT through an http:// proxy, for an https target. */
function openTunnel(proxy: URL, target: URL, signal: AbortSignal): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || 443}`
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      agent: false,
      signal,
      headers: { host: authority, ...proxyAuthorization(proxy) }
    })
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket)
      socket.destroy()
      const hint =
        res.statusCode === 407
          ? ': the proxy requires authentication; put user:password in the proxy URL'
          : ''
      reject(
        new AttemptFailure(
          `the proxy ${proxy.host} refused to connect to ${authority} (HTTP ${res.statusCode})${hint}`,
          res.statusCode === 407 ? 'permanent' : 'unsent'
        )
      )
    })
    req.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? error.message
      reject(
        signal.aborted
          ? error
          : new AttemptFailure(
              `could not use the proxy ${proxy.host} (${code}); check HTTPS_PROXY`,
              'unsent'
            )
      )
    })
    req.end()
  })
}

function proxyAuthorization(proxy: URL): OutgoingHttpHeaders {
  if (!proxy.username) return {}
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` }
}

/**
 * The `ca` option replaces Node's trust store, so keep the default roots and any
 * NODE_EXTRA_CA_CERTS a self-hosted runner relies on beside the given certificates.
 */
function trustedCertificates(pem: string): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS
  let extraPem: string[] = []
  if (extra) {
    try {
      extraPem = [readFileSync(extra, 'utf8')]
    } catch {
      extraPem = []
    }
  }
  return [...tls.rootCertificates, ...extraPem, pem]
}

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

function timedOut(timeoutMs: number): string {
  return `timed out: Jenkins did not answer within ${Math.round(timeoutMs / 100) / 10} s (timeout-seconds)`
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  if (!Number.isFinite(ms) || ms < 0) return undefined
  return Math.min(ms, MAX_RETRY_AFTER_MS)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
