import type { IncomingHttpHeaders, OutgoingHttpHeaders, RequestOptions } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { JenkinsError } from './errors.js'
import { logPath } from './url.js'

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * How a request may be retried. `idempotent`: any transient failure (revoke, GETs).
 * `unsent-only`: only failures that prove Jenkins did not act on it, because a repeated
 * mint would create a second token.
 */
export type RetryMode = 'idempotent' | 'unsent-only'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: OutgoingHttpHeaders
  /** Sent as application/x-www-form-urlencoded, never in the URL, so it never reaches a log. */
  form?: Record<string, string>
  retry: RetryMode
}

export interface TransportOptions {
  timeoutMs: number
  retries: number
  /** Receives method, path, status and timing only: never headers or bodies. */
  debug: (message: string) => void
  /** First backoff delay; doubled per attempt, with jitter. */
  backoffMs?: number
  /** Extra node request options (TLS settings) applied to every request. */
  tls?: TlsSettings
}

export interface TlsSettings {
  /** PEM certificates to trust in addition to nothing else: replaces the default CAs. */
  ca?: string
  rejectUnauthorized?: boolean
}

const USER_AGENT = 'jenkins-token-action'
const MAX_BACKOFF_MS = 10_000
const MAX_RETRY_AFTER_MS = 30_000
// A gateway or an overloaded controller answered: Jenkins itself did not run the request.
const UNPROCESSED_STATUSES = new Set([429, 502, 503, 504])
// Errors raised before a single byte of the request left this machine.
const UNSENT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

class RequestFailure extends Error {
  constructor(
    message: string,
    readonly unsent: boolean
  ) {
    super(message)
  }
}

export class Transport {
  private readonly backoffMs: number

  constructor(private readonly options: TransportOptions) {
    this.backoffMs = options.backoffMs ?? 500
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const path = logPath(request.url)
    for (let attempt = 0; ; attempt++) {
      const started = Date.now()
      let delayMs: number | undefined
      try {
        const response = await this.once(request)
        this.options.debug(
          `${request.method} ${path} -> ${response.status} (${Date.now() - started} ms)`
        )
        if (!this.isRetryableStatus(request, response.status) || attempt >= this.options.retries) {
          return response
        }
        delayMs = retryAfterMs(response.headers['retry-after'])
      } catch (error) {
        const failure = error as RequestFailure
        this.options.debug(
          `${request.method} ${path} failed: ${failure.message} (${Date.now() - started} ms)`
        )
        const retryable = request.retry === 'idempotent' || failure.unsent
        if (!retryable || attempt >= this.options.retries) {
          const tries = attempt + 1
          throw new JenkinsError(
            `Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${failure.message}`,
            undefined,
            !failure.unsent
          )
        }
      }
      const wait = delayMs ?? this.backoff(attempt)
      this.options.debug(`retrying ${request.method} ${path} in ${wait} ms`)
      await sleep(wait)
    }
  }

  private isRetryableStatus(request: HttpRequest, status: number): boolean {
    if (UNPROCESSED_STATUSES.has(status)) return true
    return request.retry === 'idempotent' && status >= 500
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt)
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
  }

  /** One attempt, bounded as a whole (connect, headers and body) by timeoutMs. */
  private async once(request: HttpRequest): Promise<HttpResponse> {
    const abort = new AbortController()
    const tls = this.options.tls
    const client = new HttpClient(
      USER_AGENT,
      [
        {
          prepareRequest(options: RequestOptions & TlsSettings) {
            options.signal = abort.signal
            if (tls?.ca) options.ca = tls.ca
            if (tls?.rejectUnauthorized === false) options.rejectUnauthorized = false
          },
          canHandleAuthentication: () => false,
          handleAuthentication: () => Promise.reject(new Error('unused'))
        }
      ],
      { allowRedirects: false, allowRetries: false, socketTimeout: this.options.timeoutMs }
    )
    const body = request.form ? new URLSearchParams(request.form).toString() : null
    const headers: OutgoingHttpHeaders = { ...request.headers }
    if (body !== null) headers['content-type'] = 'application/x-www-form-urlencoded'

    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort()
        reject(new RequestFailure(`timed out after ${this.options.timeoutMs / 1000} s`, false))
      }, this.options.timeoutMs)
    })
    const exchange = (async () => {
      try {
        const response = await client.request(request.method, request.url, body, headers)
        const text = await response.readBody()
        return {
          status: response.message.statusCode ?? 0,
          headers: response.message.headers,
          body: text
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? ''
        throw new RequestFailure(describeNetworkError(error as Error), UNSENT_ERROR_CODES.has(code))
      }
    })()
    exchange.catch(() => undefined)
    try {
      return await Promise.race([exchange, deadline])
    } finally {
      clearTimeout(timer)
    }
  }
}

function describeNetworkError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ECONNREFUSED') return 'connection refused (is Jenkins running at this address?)'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name could not be resolved'
  if (code === 'ECONNRESET') return 'the connection was reset'
  if (error.message.startsWith('Request timeout')) return 'timed out waiting for Jenkins'
  return code ? `${code}: ${error.message}` : error.message
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
