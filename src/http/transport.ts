import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import * as http from 'node:http'
import * as https from 'node:https'
import type { TLSSocket } from 'node:tls'
import { Agents, type ResumableSession, type TlsSettings } from './agents.js'
import { HttpError } from './errors.js'
import { isGatewayStatus } from './gateway.js'
import type { ProxyChoice } from './proxy.js'
import { isRedirect, redirectTarget } from './redirects.js'
import { shownLocation, shownPath } from './server-text.js'
import { closed, dialTarget } from './sockets.js'
import { speaksTls } from './tls-probe.js'
import { failedAtProxy, type TunnelStage, WarmHttpsAgent } from './warm-agents.js'

export { Agents, type ResumableSession, type TlsSettings } from './agents.js'

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** The URL that gave this answer, after any redirects. */
  url: string
}

/**
 * Cookies kept by the URL each request actually went to, so a cookie goes back to the origin
 * that set it, also after a redirect from http to https.
 */
export interface CookieStore {
  header(url: string): Promise<string | undefined>
  store(url: string, setCookie: string[]): Promise<void>
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: OutgoingHttpHeaders
  /** Sent as application/x-www-form-urlencoded, never in the URL, so it never reaches a log. */
  form?: Record<string, string>
  cookies?: CookieStore
}

/**
 * What an answer means beyond its status, which only the caller knows: `starting`, the
 * controller is loading and did not process the request; `final`, a failure that retrying
 * cannot mend, whatever its status.
 */
export type Verdict = 'starting' | 'final' | undefined

export interface StartupWait {
  /** How long to wait for a controller that answers `starting`. */
  loadingMs: number
  /**
   * How long to wait for one that refuses or drops connections before it has answered; 0: fail
   * as usual. After an answer, such a controller is waited for as long as `loadingMs`.
   */
  unreachableMs: number
  /**
   * Whether a request that went out and lost its connection counts as unreachable too: a
   * starting service container may take a connection and drop it. Never one that timed out:
   * a controller that took the request and hangs is not starting, and every mint sent again
   * to it could leave one more token. The post step waits on neither.
   */
  unreachableAfterSend: boolean
  /**
   * A line for the log, about every ten seconds while waiting, and when the reason or the wait
   * changes. `waitingFor`: which of the two waits it is; `answered`: when Jenkins answered
   * before (Transport's answeredEarlier), for the `return` wait to say.
   */
  progress: (
    waitedMs: number,
    limitMs: number,
    why: string,
    waitingFor: WaitingFor,
    answered: string
  ) => void
}

/**
 * What the step waits for: `start`, a controller starting or restarting (it showed the page
 * for that, or has not answered yet); `return`, one that answered in this step and then
 * stopped taking connections without that page (a crash, a container restarted): the wait
 * LimitWords.gone is about.
 */
export type WaitingFor = 'start' | 'return'

/**
 * How the step that uses the transport sets its time limits, for the messages that name them:
 * the two steps set them differently, and a message must point to a setting that applies.
 */
export interface LimitWords {
  /** What sets the limit of one request, e.g. "timeout-seconds". */
  request: string
  /** The step's rule for its whole time, said when it runs out. */
  step: string
  /** What to do about a controller still starting when the step stopped waiting for it. */
  starting: string
  /** What to do about one that answered in the step, then stopped taking connections. */
  gone: string
}

// For a transport made without a step's settings (tests).
const NEUTRAL_LIMITS: LimitWords = {
  request: 'the limit per request',
  step: 'That is as long as this step tries.',
  starting: 'Try again once it has started.',
  gone: 'Try again once it answers again.'
}

export interface TransportOptions {
  /** Limit of one attempt: connecting, sending, and reading the whole answer. */
  timeoutMs: number
  retries: number
  /** Limit of everything this transport does, retries and pauses included. */
  budgetMs: number
  /**
   * However much of the budget earlier requests spent, each request may make all the attempts
   * its retries allow, each of timeoutMs, with the pauses between them: a slow but healthy
   * controller must not fail a request by the sum of the answers before it.
   */
  triesPerRequest?: boolean
  /** Receives method, path, status and timing only: never headers or bodies. */
  debug: (message: string) => void
  /** First backoff pause; doubled per attempt, with jitter. */
  backoffMs?: number
  tls?: TlsSettings
  /** Agents made earlier for the same TLS settings, with the step's connection warming up. */
  agents?: Agents
  judge?: (response: HttpResponse) => Verdict
  /**
   * For a refusal the judge cannot place alone: a URL to ask once more, without credentials,
   * whose answer judged `starting` means the refusal was a starting controller's too. A 4xx so
   * placed stopped the request in a filter; a 5xx still counts as one that may follow work.
   */
  askAnonymously?: (response: HttpResponse) => string | undefined
  /**
   * An answer whose own words prove the controller acted on nothing, where its status alone
   * (a 5xx) leaves open that it may have: the attempt it answered is reported `unprocessed`.
   */
  actedOnNothing?: (response: HttpResponse) => boolean
  startup?: StartupWait
  limits?: LimitWords
  /**
   * The controller's root (jenkins-url): one GET there without credentials tells a controller
   * gone behind its proxy from a gateway's 5xx on one path only (confirmedGone). Without it,
   * such a 5xx is retried as any 5xx.
   */
  root?: string
  /**
   * When Jenkins answered at this address before this transport was made, in words that follow
   * "Jenkins answered", e.g. "in this job's main step": the transport starts as one Jenkins
   * has served, so a refused connection, or a gateway's 5xx the root confirms, is a controller
   * that went away (waited for as `return`), not a wrong URL. Once Jenkins answers this
   * transport, its messages say "earlier in this step" again.
   */
  answeredEarlier?: string
}

/**
 * How far a failed attempt got. `unsent`: the controller cannot have acted on it. `uncertain`:
 * it may have (sent, then no answer). `permanent`: retrying cannot help (a certificate error).
 * `unbuildable`: Node refused to make the request at all, so it neither went out nor reached
 * Jenkins, and would be refused again.
 */
type FailureKind = 'unsent' | 'uncertain' | 'permanent' | 'unbuildable'

interface FailureTraits {
  /** A kept-alive connection the server had closed: retried at once, as not sent. */
  stale?: boolean
  /**
   * The proxy's own failure (unreachable, or refusing the tunnel): not a sign of a controller
   * that is starting, so never waited for as one.
   */
  proxyFault?: boolean
  /**
   * No answer within the time limit, after the request went out: a controller that took the
   * request and hangs, never a sign of one that is starting (which answers, or drops it).
   */
  timedOut?: boolean
  /**
   * A plain-http request, sent directly, whose connection closed unanswered or got bytes HTTP
   * cannot read: what a port that serves https does with it.
   */
  maybeTlsPort?: boolean
  /**
   * The answer's status line and headers had come when the connection was lost: whatever the
   * controller is doing, it is not starting, and it took the request.
   */
  answered?: boolean
  /**
   * Retrying cannot help (the port serves https), whatever the attempt itself may have done:
   * its kind still says whether Jenkins may have acted on it.
   */
  hopeless?: boolean
  /** The connection was refused: nothing listens at the address. */
  refused?: boolean
  /**
   * The connection was refused, or closed before any answer: what a port does while the
   * controller behind it is gone (a container's published port resets until Jenkins listens).
   */
  dropped?: boolean
}

class AttemptFailure extends Error {
  readonly stale: boolean
  readonly proxyFault: boolean
  readonly timedOut: boolean
  readonly maybeTlsPort: boolean
  readonly hopeless: boolean
  readonly answered: boolean
  readonly refused: boolean
  readonly dropped: boolean

  constructor(
    message: string,
    readonly kind: FailureKind,
    traits: FailureTraits = {}
  ) {
    super(message)
    this.stale = traits.stale ?? false
    this.proxyFault = traits.proxyFault ?? false
    this.timedOut = traits.timedOut ?? false
    this.maybeTlsPort = traits.maybeTlsPort ?? false
    this.hopeless = traits.hopeless ?? false
    this.answered = traits.answered ?? false
    this.refused = traits.refused ?? false
    this.dropped = traits.dropped ?? false
  }
}

/** What became of each attempt of a request, for a caller that must account for them. */
export interface AttemptObserver {
  /** The controller may have acted on this attempt although no usable answer came. */
  uncertain?(attempt: number): void
  /** This attempt certainly did nothing: answered by a starting controller, say. */
  unprocessed?(attempt: number): void
  /**
   * This attempt never reached the controller (a refused connection, a handshake that did not
   * finish, a kept-alive connection found closed before it was written): reported here rather
   * than to `unprocessed` when the observer has this.
   */
  unsent?(attempt: number): void
}

const USER_AGENT = 'jenkins-token-action'
const MAX_REDIRECTS = 5
const MAX_BODY_BYTES = 1024 * 1024
const MAX_BACKOFF_MS = 10_000
const TLS_PROBE_MS = 3_000
const CLOSED_UNANSWERED = 'the connection was closed before Jenkins answered'
const CLOSED_MID_ANSWER = "the connection was closed in the middle of Jenkins's answer"
// When Jenkins answered, for a transport Jenkins has answered itself.
const IN_THIS_STEP = 'earlier in this step'
const STARTUP_POLL_MS = 2_000
const PROGRESS_EVERY_MS = 10_000
/**
 * A proxy's 4xx to the CONNECT that may pass, so the tunnel is asked for again: a timeout, a
 * rate limit, and Privoxy's 404 "No such domain" when its resolver failed. Any other is lasting.
 */
const TUNNEL_RETRIED_4XX = new Set([404, 408, 429])
const UNSENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_PROXY_TUNNEL'
])
/**
 * What OpenSSL's verdict says about the chain beyond "untrusted". A trusted CA certificate
 * whose own issuer is missing ends no chain: OpenSSL verifies up to a root. A server that
 * sends its certificate alone leaves an intermediate to be found among the trusted ones.
 */
function chainHint(code: string): string {
  if (code === 'UNABLE_TO_GET_ISSUER_CERT') {
    return ', with the root CA above it: a trusted intermediate CA alone ends no chain'
  }
  if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    return "; if it holds the root CA already, the server sends its certificate without the intermediate CA's: add the intermediate, or have the server send its full chain"
  }
  return ''
}

const UNTRUSTED_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE'
])
// OpenSSL's other names for a certificate it will not verify (X509_verify_cert_error_string).
const CERTIFICATE_VERDICTS = new Set([
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'UNABLE_TO_GET_CRL',
  'KEYUSAGE_NO_CERTSIGN'
])
// Node's codes for a header name or value it will not send.
const HEADER_CODES = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE'
])

export class Transport {
  private readonly started = Date.now()
  private deadline: number
  private readonly backoffMs: number
  private readonly agents: Agents
  private waitStarted: number | undefined
  /**
   * The wait under way began with Jenkins's own page for starting or restarting. Jenkins#restart
   * shows its restarting page, then the process is gone and the port refuses connections (a
   * reverse proxy or CDN in front answers for it: isGoneStatus), then the new one loads: those
   * refusals are a phase of the restart, not a wrong URL or a broken gateway.
   */
  private sawStartingPage = false
  /**
   * Jenkins answered a request of this step (with anything but a proxy's 5xx for a controller
   * it cannot reach): its address is right.
   */
  private answeredHere = false
  /**
   * A connection was refused after Jenkins answered the step, or a reverse proxy answered for it
   * and a GET at the root confirmed it (confirmedGone), and none has answered since: no wrong
   * URL to fail fast on, but a controller that went away, restarting without its restarting page
   * (a container or pod restarted, a supervisor restarting a crashed process) or crashed. Like
   * the restarting page, it makes the refused and dropped connections, and the proxy's 5xx,
   * that follow a phase of a restart, waited for as long as its pages are. A reset alone does
   * not: a proxy or Jenkins may close one request's connection while serving all others.
   */
  private wentAway = false
  /**
   * The wait for a controller gone behind its proxy ran out: from then its proxy's 5xx are
   * retried as any 5xx, with the request's retries, until Jenkins answers again.
   */
  private waitedOut = false
  private lastProgress = 0
  /** The wait and reason the last progress line gave: a new one is said at once. */
  private lastWhy: string | undefined
  /** What a failed plain-http request's port answered when asked for TLS (tlsPortFailure). */
  private tlsAnswer: 'tls' | 'not tls' | undefined

  constructor(private readonly options: TransportOptions) {
    this.deadline = Date.now() + options.budgetMs
    this.backoffMs = options.backoffMs ?? 500
    this.agents =
      options.agents?.serves(options.tls ?? {}) === true ? options.agents : new Agents(options.tls)
    if (options.agents && options.agents !== this.agents) options.agents.close()
  }

  get limits(): LimitWords {
    return this.options.limits ?? NEUTRAL_LIMITS
  }

  /** The TLS session the controller gave this step, for the next step to resume. */
  tlsSession(): ResumableSession | undefined {
    return this.agents.tlsSession()
  }

  /** Ends the step's kept-alive connection. */
  close(): void {
    this.agents.close()
  }

  /**
   * Sends a request, retrying connection failures, timeouts, 5xx and 429 (honouring
   * Retry-After) but never 4xx, and waiting for a controller that is starting. `build` may
   * give each attempt a different request: a mint names every attempt differently, so no
   * retry can hide a token behind another's name.
   */
  async request(
    build: HttpRequest | ((attempt: number) => HttpRequest),
    observer: AttemptObserver = {}
  ): Promise<HttpResponse> {
    let lastFailure = ''
    let retriesUsed = 0
    let staleRetried = false
    // Where to ask, with GETs without credentials, whether a restart met by a POST is over
    // before the POST goes again: between the restarting page and the loading one there is no
    // Jenkins, and through a proxy a POST sent then gets a 502 after which nobody can say
    // whether a token was made.
    let probeAt: string | undefined
    // One GET at the root per request tells a controller gone from a gateway failing this path
    // only: the retries of a path-only failure need no second one.
    let rootAsked = false
    if (this.options.triesPerRequest) {
      this.deadline = Math.max(this.deadline, Date.now() + this.triesAllowance())
    }
    for (let attempt = 0; ; attempt++) {
      // Before the request is built: building a mint's attempt records it as possibly made.
      if (probeAt) {
        const stillStarting = await this.untilServing(probeAt)
        probeAt = undefined
        if (stillStarting) return stillStarting
      }
      const remaining = this.deadline - Date.now()
      if (remaining <= 0) throw this.outOfTime(attempt, lastFailure)
      const request = typeof build === 'function' ? build(attempt) : build
      const idempotent = request.method === 'GET'
      const path = shownPath(request.url)
      const started = Date.now()
      let askedPause: number | undefined
      try {
        const response = await this.followRedirects(
          request,
          Math.min(this.options.timeoutMs, remaining)
        )
        this.options.debug(
          `${request.method} ${path} -> ${response.status} (${Date.now() - started} ms)`
        )
        let verdict = this.options.judge?.(response)
        const starting = verdict !== 'starting' ? await this.startingBehind(response) : undefined
        if (starting) verdict = 'starting'
        if (verdict === 'starting' || !isGoneStatus(response.status)) {
          this.answeredHere = true
          this.waitedOut = false
        }
        if (verdict === 'starting') {
          // A 5xx may follow work done before the controller began to restart.
          if (starting && this.mayFollowWork(response)) observer.uncertain?.(attempt)
          else observer.unprocessed?.(attempt)
          this.sawStartingPage = true
          const wait = this.startupPause('loading', startingReason(response.status, starting))
          // Out of time: the page itself says what the controller is doing.
          if (wait === undefined) return starting ?? response
          if (!idempotent) probeAt = response.url
          await sleep(wait)
          continue
        }
        // After a starting page, a proxy's 5xx is the restart's phase without a process: the
        // proxy cannot reach Jenkins. So is one without Jenkins's header after Jenkins answered
        // this step, once the root fails too, as the refused connections are. A bare one is
        // not: a wrong URL or a broken gateway; nor one on this path only.
        const gone = verdict === undefined && isGoneStatus(response.status)
        // Asked only where its answer changes what follows: a POST with no retry left is
        // answered with this 5xx either way.
        const goesAgain = idempotent || retriesUsed < this.options.retries
        if (gone && goesAgain && !rootAsked && this.gatewayFor(response)) {
          rootAsked = true
          if (await this.confirmedGone()) this.wentAway = true
        }
        const proxyBetween = gone && (this.sawStartingPage || this.wentAway)
        if (!proxyBetween) this.endWait()
        if (!isTransientStatus(response.status)) return response
        if (this.mayFollowWork(response)) observer.uncertain?.(attempt)
        else observer.unprocessed?.(attempt)
        if (verdict === 'final') return response
        if (proxyBetween) {
          // A GET is its own poll. A POST so answered may have been taken: it counts as a
          // retry, and only a GET goes while the wait lasts.
          const waitingFor = this.waitingFor(true)
          const wait = goesAgain
            ? this.startupPause(
                'loading',
                goneReason({ status: response.status }, waitingFor),
                waitingFor
              )
            : undefined
          if (wait !== undefined) {
            if (!idempotent) {
              retriesUsed++
              probeAt = response.url
            }
            lastFailure = `HTTP ${response.status}`
            await sleep(wait)
            continue
          }
          this.waitedOut = this.wentAway
          this.endWait()
        }
        if (retriesUsed >= this.options.retries) return response
        lastFailure = `HTTP ${response.status}`
        // Waited in full: an earlier retry only meets the same refusal (or a rate limiter's
        // harsher one). A wait past the step's time ends the step at once, saying so.
        askedPause = retryAfterMs(response.headers['retry-after'])
      } catch (error) {
        // A redirect the action will not follow: the server answered without acting on it.
        if (error instanceof HttpError) observer.unprocessed?.(attempt)
        if (!(error instanceof AttemptFailure)) throw error
        this.options.debug(
          `${request.method} ${path} failed: ${error.message} (${Date.now() - started} ms)`
        )
        if (error.kind === 'uncertain') observer.uncertain?.(attempt)
        else if (error.kind === 'unsent' && observer.unsent) observer.unsent(attempt)
        else observer.unprocessed?.(attempt)
        if (error.kind === 'unbuildable') {
          throw new HttpError(`Could not send ${request.method} ${path}: ${error.message}`)
        }
        lastFailure = error.message
        if (error.stale && !staleRetried) {
          staleRetried = true
          continue
        }
        // A service container refuses or drops connections until Jenkins listens; a controller
        // that showed its restarting page, or answered in this step, and then does is restarting
        // (or crashed), and is waited for as long as its pages are, wait-seconds or not.
        const startup = this.options.startup
        if (this.served && error.refused) this.wentAway = true
        const gone = this.sawStartingPage || (this.wentAway && error.dropped)
        const waitable = !error.proxyFault && !error.hopeless && !error.timedOut && !error.answered
        let phase: 'loading' | 'unreachable' | undefined
        if (waitable && gone) {
          // Sent again only if it cannot have been acted on, or acts on nothing: a POST that may
          // have been taken counts as a retry (below).
          if (error.kind === 'unsent' || (error.kind === 'uncertain' && idempotent)) {
            phase = 'loading'
          }
        } else if (waitable && startup?.unreachableMs) {
          // A reset after the request was sent is waited for only when wait-seconds asks: a
          // mint sent again into it may make one more token each time.
          if (
            error.kind === 'unsent' ||
            (error.kind === 'uncertain' && startup.unreachableAfterSend)
          ) {
            phase = 'unreachable'
          }
        }
        // A POST to a controller gone, waited for or sent again as a retry, goes only once GETs
        // without credentials find Jenkins serving, so that it is not spent on one still gone.
        if (gone && waitable && !idempotent && startup?.loadingMs) probeAt = request.url
        if (phase) {
          const wait = this.startupPause(
            phase,
            `its connection fails: ${error.message}`,
            this.waitingFor(gone)
          )
          if (wait !== undefined) {
            await sleep(wait)
            continue
          }
        }
        if (error.kind === 'permanent' || error.hopeless || retriesUsed >= this.options.retries) {
          const tries = attempt + 1
          throw new HttpError(
            `Could not reach Jenkins (${request.method} ${path}${tries > 1 ? `, ${tries} attempts` : ''}): ${error.message}${this.goneSince(error)}`
          )
        }
      }
      retriesUsed++
      const wait = askedPause ?? this.backoff(retriesUsed - 1)
      if (Date.now() + wait >= this.deadline) {
        throw this.outOfTime(attempt + 1, lastFailure, askedPause)
      }
      this.options.debug(`retrying ${request.method} ${path} in ${wait} ms`)
      await sleep(wait)
    }
  }

  /** Jenkins answered at this address, in this step or before it (answeredEarlier). */
  private get served(): boolean {
    return this.answeredHere || this.options.answeredEarlier !== undefined
  }

  /** When Jenkins last answered, as the messages say it: after "Jenkins answered". */
  private get answeredWhen(): string {
    return this.answeredHere ? IN_THIS_STEP : (this.options.answeredEarlier ?? IN_THIS_STEP)
  }

  /** mayFollowWork, unless the answer's own words say the controller acted on nothing. */
  private mayFollowWork(response: HttpResponse): boolean {
    return mayFollowWork(response) && !this.options.actedOnNothing?.(response)
  }

  /**
   * The answer, judged `starting`, of the one request askAnonymously names for this response:
   * undefined when there is none, or it fails, or it says anything else.
   */
  private async startingBehind(response: HttpResponse): Promise<HttpResponse | undefined> {
    const url = this.options.askAnonymously?.(response)
    const left = this.deadline - Date.now()
    if (!url || left <= 0) return undefined
    try {
      const answer = await this.followRedirects(
        { method: 'GET', url, headers: {} },
        Math.min(this.options.timeoutMs, left)
      )
      this.options.debug(`GET ${shownPath(url)} -> ${answer.status} (without credentials)`)
      return this.options.judge?.(answer) === 'starting' ? answer : undefined
    } catch {
      return undefined
    }
  }

  /**
   * Asks `url` with GETs without credentials, as startingBehind does, until the controller seen
   * starting or restarting serves again: an answer that is not its starting page, nor a
   * proxy's 5xx, nor a failed connection. Once Jenkins is up, such a GET acts on nothing, and
   * it carries no secret. Returns the starting page if the wait ran out on it (the caller says
   * the controller is still starting), undefined once the request may go; throws if the wait
   * ran out while the controller was gone. A failure that says nothing about a restart (a
   * proxy's own, a timeout, a certificate) ends the polls: the request meets it and says so.
   */
  private async untilServing(url: string): Promise<HttpResponse | undefined> {
    const path = shownPath(url)
    for (;;) {
      const polled = await this.pollServing(url)
      if (polled === undefined) return undefined
      const { page, gone } = polled
      const waitingFor = this.waitingFor(gone !== undefined)
      const why = gone
        ? goneReason(gone, waitingFor)
        : startingReason(page?.status ?? 503, undefined)
      const wait = this.startupPause('loading', why, waitingFor)
      if (wait === undefined) {
        if (!gone) return page
        if (this.sawStartingPage) {
          throw new HttpError(
            `Jenkins did not come back from its restart within the wait: ${why}. Nothing more was sent to ${path}. ${this.limits.starting}`
          )
        }
        // No restarting page: Jenkins was last seen answering this step.
        const stopped =
          'status' in gone ? 'then stopped answering' : 'then stopped taking connections'
        throw new HttpError(
          `Jenkins answered ${this.answeredWhen}, ${stopped} (it is restarting, or it crashed), and did not come back within the wait: ${why}. Nothing more was sent to ${path}. ${this.limits.gone}`
        )
      }
      await sleep(wait)
    }
  }

  /**
   * One GET of untilServing's: the starting page (`page`), or how the controller is `gone`
   * with the proxy's answer if one came; undefined once Jenkins serves, the step's time is up,
   * or the failure says nothing about a restart.
   */
  private async pollServing(
    url: string
  ): Promise<{ page?: HttpResponse; gone?: Gone; answer?: HttpResponse } | undefined> {
    const path = shownPath(url)
    const left = this.deadline - Date.now()
    if (left <= 0) return undefined
    const started = Date.now()
    try {
      const answer = await this.followRedirects(
        { method: 'GET', url, headers: {} },
        Math.min(this.options.timeoutMs, left)
      )
      this.options.debug(
        `GET ${path} -> ${answer.status} (${Date.now() - started} ms, without credentials)`
      )
      const verdict = this.options.judge?.(answer)
      if (verdict === 'starting') return { page: answer }
      if (verdict === undefined && isGoneStatus(answer.status)) {
        return { gone: { status: answer.status }, answer }
      }
      return undefined
    } catch (error) {
      if (!(error instanceof AttemptFailure)) return undefined
      this.options.debug(
        `GET ${path} failed: ${error.message} (${Date.now() - started} ms, without credentials)`
      )
      if (
        error.proxyFault ||
        error.hopeless ||
        error.timedOut ||
        (error.kind !== 'unsent' && error.kind !== 'uncertain')
      ) {
        return undefined
      }
      return { gone: { failure: error.message } }
    }
  }

  /**
   * Whether a gateway's 5xx met after Jenkins answered the step is for a controller gone: the
   * root, asked once as untilServing asks, is not served either (its starting page, a proxy's
   * 5xx without Jenkins's header, a refused or dropped connection). Jenkins answering there,
   * with any status, leaves the failure to that path (a lasting 504 on one slow endpoint),
   * whose retries end it, not a wait of up to wait-seconds.
   */
  private async confirmedGone(): Promise<boolean> {
    const { root, startup } = this.options
    // No wait could follow: nothing to ask.
    if (!root || !startup?.loadingMs) return false
    const polled = await this.pollServing(root)
    if (polled === undefined) return false
    return polled.answer === undefined || !hasJenkinsHeader(polled.answer.headers)
  }

  /**
   * What a failed connection means once Jenkins has answered in this step: not a wrong address
   * (the bare refusal's hint), but a controller that went away.
   */
  private goneSince(error: AttemptFailure): string {
    if (!this.wentAway || !error.dropped) return ''
    return `. Jenkins answered at this address ${this.answeredWhen}, then stopped taking connections: it is restarting, or it crashed. ${this.limits.gone}`
  }

  /**
   * What may be a reverse proxy's answer for a controller that answered this step and is now
   * gone, or its answer for one path only (confirmedGone tells them apart): a 5xx of
   * isGoneStatus without Jenkins's own headers (Jenkins's own 5xx carry them, unless a
   * hardened proxy strips them), unless a wait is already under way (its restarting page, or a
   * controller already gone) or the wait for it ran out. Not a 503 that says when to come back
   * (Retry-After): a limit or maintenance, whose wait is honoured as it asks.
   */
  private gatewayFor(response: HttpResponse): boolean {
    const limited = response.headers['retry-after'] !== undefined
    const waiting = this.sawStartingPage || this.wentAway
    return (
      this.served && !waiting && !this.waitedOut && !hasJenkinsHeader(response.headers) && !limited
    )
  }

  /**
   * What a wait for a controller that is `gone` (no connection, or a proxy answering for it) is
   * for: it may be a restart's phase after its page, or a controller that went away unannounced.
   */
  private waitingFor(gone: boolean): WaitingFor {
    return gone && this.wentAway && !this.sawStartingPage ? 'return' : 'start'
  }

  /** An answer that is no phase of a start or restart: the next wait starts afresh. */
  private endWait(): void {
    this.waitStarted = undefined
    this.sawStartingPage = false
    this.wentAway = false
  }

  /**
   * The pause before asking a starting controller again, or undefined once the wait is over
   * (or none was allowed). Says every ten seconds how long the step has waited.
   */
  private startupPause(
    kind: 'loading' | 'unreachable',
    why: string,
    waitingFor: WaitingFor = 'start'
  ): number | undefined {
    const startup = this.options.startup
    const limit = kind === 'loading' ? startup?.loadingMs : startup?.unreachableMs
    if (!startup || !limit) return undefined
    const now = Date.now()
    this.waitStarted ??= now
    const waited = now - this.waitStarted
    const left = Math.min(limit - waited, this.deadline - now - this.options.timeoutMs)
    if (left <= 0) return undefined
    // A restart's phases each say why at once: its page, the proxy's 502, the loading page.
    const said = `${waitingFor}: ${why}`
    if (waited === 0 || said !== this.lastWhy || now - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = now
      this.lastWhy = said
      startup.progress(waited, limit, why, waitingFor, this.answeredWhen)
    }
    return Math.min(STARTUP_POLL_MS, left)
  }

  /**
   * The step's time is up, or will be before the next attempt could start. `retryAfterMs`: the
   * wait Jenkins asked for, which is then the reason, not the time spent.
   */
  private outOfTime(attempts: number, lastFailure: string, retryAfterMs?: number): HttpError {
    const spent = Date.now() - this.started
    if (attempts === 0) {
      // The requests before this one (or a wait for a starting controller) used the time up.
      return new HttpError(
        `Timed out: the step's time ran out (${Math.round(spent / 1000)} s) before its next request to Jenkins could be sent. ${this.limits.step}`
      )
    }
    const tried = `after ${attempts} attempt${attempts === 1 ? '' : 's'} and ${Math.round(spent / 1000)} s${lastFailure ? ` (last: ${lastFailure})` : ''}`
    if (retryAfterMs !== undefined) {
      return new HttpError(
        `Gave up on Jenkins ${tried}: it asked to be tried again in ${Math.round(retryAfterMs / 1000)} s (Retry-After), later than this step's time allows. ${this.limits.step}`
      )
    }
    return new HttpError(`Timed out: gave up on Jenkins ${tried}. ${this.limits.step}`)
  }

  /** How long a request's attempts and the pauses between them take at most. */
  private triesAllowance(): number {
    let pauses = 0
    for (let retry = 0; retry < this.options.retries; retry++) pauses += this.backoffCeiling(retry)
    return (this.options.retries + 1) * this.options.timeoutMs + pauses
  }

  private backoffCeiling(retry: number): number {
    return Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** retry)
  }

  private backoff(retry: number): number {
    const ceiling = this.backoffCeiling(retry)
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
  }

  private async followRedirects(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const until = Date.now() + timeoutMs
    // The step's time, not timeout-seconds, set this attempt's limit: messages must say so.
    const limit: AttemptLimit = { ms: timeoutMs, cut: timeoutMs < this.options.timeoutMs }
    let url = new URL(request.url)
    let method: string = request.method
    let body = request.form ? new URLSearchParams(request.form).toString() : null
    // Where the last redirect led, as a message may show it (server-text.ts).
    let shown = shownPath(url)
    for (let hop = 0; ; hop++) {
      const cookie = await request.cookies?.header(url.href)
      const headers = { ...request.headers, ...(cookie ? { cookie } : {}) }
      const response = await this.send(method, url, headers, body, until - Date.now(), limit).catch(
        (error: unknown) => this.tlsPortFailure(error, url, until)
      )
      const setCookie = response.headers['set-cookie']
      if (setCookie && request.cookies) await request.cookies.store(url.href, setCookie)
      if (!isRedirect(response.status)) return response
      if (hop >= MAX_REDIRECTS) {
        throw new HttpError(`Too many redirects, last to ${shown}: check jenkins-url.`)
      }
      const location = response.headers.location
      const next = redirectTarget(url, location, response.status)
      const from = shown
      shown = shownLocation(next, location ?? '', url)
      this.options.debug(`${method} ${from} redirected (${response.status}) to ${shown}`)
      if (response.status === 303) {
        method = 'GET'
        body = null
      }
      url = next
    }
  }

  /** One HTTP exchange on the step's connection, bounded by timeoutMs from start to end. */
  private send(
    method: string,
    url: URL,
    headers: OutgoingHttpHeaders,
    body: string | null,
    timeoutMs: number,
    limit: AttemptLimit
  ): Promise<HttpResponse> {
    if (timeoutMs <= 0) {
      return Promise.reject(
        new AttemptFailure(timedOut(this.within(limit), undefined), 'uncertain', {
          timedOut: true
        })
      )
    }
    let agent: http.Agent
    let proxy: ProxyChoice | undefined
    try {
      ;({ agent, proxy } = this.agents.for(url))
    } catch (error) {
      return Promise.reject(new AttemptFailure((error as Error).message, 'permanent'))
    }
    let req: http.ClientRequest
    try {
      req = (url.protocol === 'https:' ? https : http).request(url, {
        method,
        agent,
        headers: {
          'user-agent': USER_AGENT,
          ...headers,
          ...(body === null
            ? {}
            : {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body)
              })
        }
      })
    } catch (error) {
      // Thrown before a socket is asked for: nothing can have gone out.
      return Promise.reject(new AttemptFailure(unbuildable(error), 'unbuildable'))
    }
    return new Promise<HttpResponse>((resolve, reject) => {
      // Whether the request can have reached the controller: its connection (for https, its
      // TLS session; through a proxy, the tunnel) was up, so the bytes may have gone out.
      let connected = false
      let closedBeforeSend = false
      // The answer's head had come: a connection lost now cut the answer off.
      let answered = false
      const plainHttp = url.protocol === 'http:'
      const fail = (error: Error) => {
        clearTimeout(timer)
        reject(
          this.failure(error, {
            connected,
            closedBeforeSend,
            answered,
            proxy,
            plainHttp,
            target: url
          })
        )
      }
      const timer = setTimeout(() => {
        // The attempt ends here, before destroy(): a request still waiting for its connection
        // (a TLS handshake or a proxy's CONNECT that never completes) gets no 'error' from
        // destroy() until a socket comes, if one ever does, and the connection is closed with
        // the agents. Whatever error destroy() brings later finds the attempt settled.
        const stage = agent instanceof WarmHttpsAgent ? agent.tunnelStage() : undefined
        reject(this.timedOut({ connected, answered, proxy, plainHttp, target: url, stage }, limit))
        req.destroy()
      }, timeoutMs)
      req.on('socket', (socket) => {
        if (!req.reusedSocket) {
          if (!socket.connecting) connected = true
          // TLS to the controller, or to an https:// proxy in front of a plain-http one: up
          // only once its handshake is.
          else
            socket.once(
              (socket as Partial<TLSSocket>).encrypted ? 'secureConnect' : 'connect',
              () => {
                connected = true
              }
            )
          req.end(body ?? undefined)
          return
        }
        // A kept-alive socket: the server may have closed it while it was idle, its FIN not
        // read yet. The event loop reads it (a poll phase) before anything is written, so a
        // closed one fails with the request unsent (and is tried again at once) instead of
        // taking a POST into a connection the server had closed, after which nobody could
        // say whether Jenkins acted on it.
        closedBeforeSend = true
        afterPendingEvents(() => {
          if (closed(socket)) {
            req.destroy(new Error('the kept-alive connection had been closed'))
            return
          }
          closedBeforeSend = false
          connected = true
          req.end(body ?? undefined)
        })
      })
      // An answer the exchange stops reading: the connection goes, and so does the timer.
      const abandon = (failure: AttemptFailure) => {
        req.destroy()
        clearTimeout(timer)
        reject(failure)
      }
      const tooLarge = () =>
        abandon(new AttemptFailure('the answer was larger than 1 MiB', 'uncertain'))
      req.on('response', (res) => {
        // Jenkins never asks for proxy credentials: a plain-http request that a proxy carries
        // gets this from the proxy, which forwarded nothing.
        if (proxy && res.statusCode === 407) {
          return abandon(
            new AttemptFailure(
              `${namedProxy(proxy)} asked for credentials (HTTP 407): ${proxyCredentialsHint(proxy)}`,
              'permanent'
            )
          )
        }
        // A plain-http request goes to the proxy whole, and the proxy dials the controller: its
        // own page saying that dial failed is no answer of Jenkins's (see proxyDialFailure).
        const dialFailed = proxy && url.protocol === 'http:' ? proxyDialFailure(res) : undefined
        if (proxy && dialFailed) {
          return abandon(new AttemptFailure(proxyUnreached(proxy, url, dialFailed), 'unsent'))
        }
        if (Number(res.headers['content-length']) > MAX_BODY_BYTES) return tooLarge()
        answered = true
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_BODY_BYTES) tooLarge()
          else chunks.push(chunk)
        })
        res.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            url: url.href
          })
        })
        res.on('error', (error) => fail(error))
        res.on('close', () => {
          if (!res.complete) fail(new Error('socket hang up'))
        })
      })
      req.on('error', (error) => fail(error))
    })
  }

  private timedOut(at: TimeOut, limit: AttemptLimit): AttemptFailure {
    const within = this.within(limit)
    if (at.answered) {
      return new AttemptFailure(unfinished(within, at.proxy), 'uncertain', { timedOut: true })
    }
    return at.connected
      ? new AttemptFailure(timedOut(within, at.proxy), 'uncertain', { timedOut: true })
      : new AttemptFailure(notConnected(within, at), 'unsent')
  }

  /** The limit an attempt ran out of, in words. */
  private within(limit: AttemptLimit): string {
    return limit.cut
      ? `within the ${seconds(limit.ms)} s left of the step's time`
      : `within ${seconds(this.options.timeoutMs)} s (${this.limits.request})`
  }

  private failure(error: Error, exchange: ExchangeState): AttemptFailure {
    const { connected, proxy } = exchange
    if (error instanceof AttemptFailure) return error
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (exchange.closedBeforeSend) {
      return new AttemptFailure('the kept-alive connection had been closed', 'unsent', {
        stale: true
      })
    }
    // Before the connection is up, a network error is the proxy's when there is one.
    if (proxy && !connected && code !== 'ERR_PROXY_TUNNEL' && !isCertificateCode(code)) {
      return new AttemptFailure(
        `could not use ${namedProxy(proxy)} (${code || error.message}). Check ${proxy.variable}, or ${bypassing(exchange.target)}.`,
        'unsent',
        { proxyFault: true }
      )
    }
    const alert = tlsAlert(code, error.message)
    // A TLS failure is the proxy's own when its leg failed, or when only the proxy speaks TLS.
    const atTheProxy = proxy && (exchange.plainHttp || failedAtProxy(error)) ? proxy : undefined
    if (alert === 'client certificate') {
      // TLS 1.3: the client counts the handshake done before the server has checked its
      // certificate, so this alert comes after 'secureConnect', yet nothing was taken.
      const who = atTheProxy ? namedProxy(atTheProxy) : 'the controller, or what is in front of it,'
      return new AttemptFailure(
        `${who} asks for a client certificate (mutual TLS) and refused the connection without one (${code}); the action does not send one. Reach Jenkins by a way that does not require it.`,
        'permanent'
      )
    }
    if (alert && connected) {
      // The server refused a record it could not read (damaged on the way): the request, or
      // the handshake's last message before it, was not taken, so it may be sent again.
      return new AttemptFailure(
        `the server refused the TLS connection after its handshake (${code}): a record was damaged on the way, by something between the runner and Jenkins (a proxy, a load balancer or a network appliance)`,
        'unsent'
      )
    }
    // Any other TLS error once the handshake had finished may come after the request went out
    // and Jenkins acted on it.
    if (!alert && isTlsError(code) && connected) {
      return new AttemptFailure(
        `the TLS connection failed after its handshake (${code}), once the request may have gone out: something between the runner and Jenkins (a proxy, a load balancer or a network appliance) broke the encrypted stream`,
        'uncertain'
      )
    }
    if (atTheProxy && isCertificateCode(code)) return proxyTlsFailure(code, atTheProxy)
    if (UNTRUSTED_CERT_CODES.has(code)) {
      return new AttemptFailure(
        `the controller's TLS certificate is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input${chainHint(code)}.`,
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
    if (code === 'CERT_NOT_YET_VALID') {
      return new AttemptFailure(
        "the controller's TLS certificate is not valid yet (CERT_NOT_YET_VALID): it starts later than the runner's clock says. Check the certificate's dates on the server, and the clocks.",
        'permanent'
      )
    }
    if (alert) {
      // An alert is TLS: the port serves https, but the server ended the handshake, most
      // often as it shares no TLS version or cipher suite with the runner's Node.js. Other
      // alerts (an unrecognized name, an internal error) say so in the words shown.
      return new AttemptFailure(
        `the controller's TLS server ended the handshake with an alert (${code}${alertWords(error.message)}): the port serves https, but the server refused the handshake, most often as it shares no TLS version or cipher suite with the runner's Node.js (which needs TLS 1.2 or later). Have the server accept TLS 1.2 or 1.3 with current cipher suites, or fix what the alert names.`,
        'permanent'
      )
    }
    if (isTlsError(code)) {
      return new AttemptFailure(
        `the TLS handshake failed (${code}): does the URL's port serve https? Use http:// in jenkins-url for a plain-HTTP port.`,
        'permanent'
      )
    }
    // Any other verdict on the certificate: a retry meets the same certificate.
    if (isCertificateVerdict(code)) {
      return new AttemptFailure(
        `the controller's TLS certificate was refused (${code}: ${error.message}). Fix the certificate on the server; for one from a private CA, put that CA's PEM certificate in the ca-certificate input.`,
        'permanent'
      )
    }
    if (code === 'ERR_PROXY_TUNNEL') {
      const status = (error as { statusCode?: number }).statusCode
      // A CONNECT's answer is the proxy's own; tinyproxy answers 401, not 407, to credentials
      // it turns down.
      const refused = status === 407 || status === 401
      const hint = !proxy
        ? ''
        : refused
          ? `: ${namedProxy(proxy)} requires authentication; ${proxyCredentialsHint(proxy)}`
          : tunnelFailedHint(proxy, exchange.target)
      // 403: the proxy's rules forbid the tunnel (tinyproxy's ConnectPort, Squid's default
      // `http_access deny CONNECT !SSL_ports`, which allows port 443 alone). Its own decision,
      // made before it dialled anything: asking again meets the same rules.
      if (status === 403 && proxy) return tunnelForbidden(proxy, exchange.target)
      // Any other 4xx (405 from a server that takes no CONNECT, 400 from one that cannot read
      // it) is as much the proxy's own answer, and as lasting, but for TUNNEL_RETRIED_4XX.
      if (
        status &&
        status >= 400 &&
        status < 500 &&
        !TUNNEL_RETRIED_4XX.has(status) &&
        !refused &&
        proxy
      ) {
        return tunnelRefused(proxy, exchange.target, status)
      }
      // A 5xx is the proxy failing to reach the controller, which may be restarting; any other
      // answer, or none, is the proxy's own doing.
      return new AttemptFailure(
        `the proxy did not open a tunnel to the controller (${status ? `HTTP ${status}` : error.message})${hint}`,
        refused ? 'permanent' : 'unsent',
        { proxyFault: !(status && status >= 500) }
      )
    }
    if (UNSENT_CODES.has(code)) {
      const what =
        code === 'ECONNREFUSED'
          ? // Once Jenkins answered at this address, the hint would mislead (goneSince).
            this.served
            ? 'connection refused'
            : 'connection refused (is Jenkins running at this address?)'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'host name could not be resolved'
            : `network unreachable (${code})`
      const refused = code === 'ECONNREFUSED'
      return new AttemptFailure(what, 'unsent', { refused, dropped: refused })
    }
    const lost = code === 'ECONNRESET' || error.message === 'socket hang up'
    const what = lost
      ? exchange.answered
        ? CLOSED_MID_ANSWER
        : CLOSED_UNANSWERED
      : code.startsWith('HPE_')
        ? // Node's HTTP parser: an answer came, but not one HTTP can read.
          `the answer was not valid HTTP (${code}): something between the runner and Jenkins may be mangling it`
        : code
          ? `${code}: ${error.message}`
          : error.message
    const maybeTlsPort =
      exchange.plainHttp && !proxy && (what === CLOSED_UNANSWERED || code.startsWith('HPE_'))
    return new AttemptFailure(what, connected ? 'uncertain' : 'unsent', {
      maybeTlsPort,
      answered: exchange.answered,
      dropped: what === CLOSED_UNANSWERED
    })
  }

  /**
   * Rethrows an attempt's failure, named as a port that serves https when a plain-http request
   * failed as such a port makes it fail and a TLS handshake there succeeds. Asked until the
   * port answers either way (a starting service container's port resets connections, which
   * says nothing), then no more: the answer does not change, and each asking is a connection.
   */
  private async tlsPortFailure(error: unknown, url: URL, until: number): Promise<never> {
    if (!(error instanceof AttemptFailure) || !error.maybeTlsPort || this.tlsAnswer) throw error
    const left = Math.min(TLS_PROBE_MS, until - Date.now())
    if (left <= 0) throw error
    const answer = await speaksTls(url, left)
    if (answer !== 'no answer') this.tlsAnswer = answer
    if (answer !== 'tls') throw error
    // Kept as uncertain as it was: a port that takes both plain HTTP and TLS (sslh, Jetty's
    // detecting connector) may have carried the request to Jenkins, and a mint so sent may
    // have made a token.
    throw new AttemptFailure(
      `${error.message}, and the port ${url.port || '80'} of ${url.hostname} serves https (it answers a TLS handshake): the request was plain HTTP. If the port serves only https, use https:// in jenkins-url.`,
      error.kind,
      { hopeless: true }
    )
  }
}

/**
 * Runs `then` once the events that had arrived by now (a FIN, data) have been handled: a
 * first setImmediate may run before the loop's next poll phase, the one it schedules after.
 */
function afterPendingEvents(then: () => void): void {
  setImmediate(() => setImmediate(then))
}

interface ExchangeState {
  connected: boolean
  closedBeforeSend: boolean
  /** The answer's status line and headers had come. */
  answered: boolean
  proxy: ProxyChoice | undefined
  /** A plain-http controller: any TLS in the exchange is an https:// proxy's. */
  plainHttp: boolean
  /** Where the request went (the tunnel's end, through a proxy). */
  target: URL
}

/**
 * A TLS alert the server sent, and whether it is about a client certificate it wanted (or
 * refused). Node names an alert in its code (ERR_SSL_TLSV13_ALERT_…, and with OpenSSL 3.2 and
 * later ERR_SSL_SSL/TLS_ALERT_…), or gives EPROTO with OpenSSL's words ("… alert bad
 * certificate …").
 */
export function tlsAlert(
  code: string,
  message: string
): 'client certificate' | 'other' | undefined {
  const text = `${code} ${message}`.toLowerCase()
  if (!code.includes('_ALERT_') && !(code === 'EPROTO' && text.includes(' alert '))) {
    return undefined
  }
  return /alert[ _](certificate[ _]required|bad[ _]certificate)/.test(text)
    ? 'client certificate'
    : 'other'
}

/** OpenSSL's words for an alert, e.g. `: alert protocol version`, or nothing. */
function alertWords(message: string): string {
  const words = /alert ([a-z ]+?)(?::|$)/i.exec(message)?.[1]
  return words ? `: alert ${words.toLowerCase()}` : ''
}

/** OpenSSL's own failures, as Node reports them: a handshake, a record, an alert. */
function isTlsError(code: string): boolean {
  return code === 'EPROTO' || code.startsWith('ERR_SSL')
}

function isCertificateCode(code: string): boolean {
  return (
    UNTRUSTED_CERT_CODES.has(code) ||
    isCertificateVerdict(code) ||
    code.startsWith('ERR_TLS') ||
    isTlsError(code)
  )
}

/**
 * OpenSSL's verdicts on a certificate chain, as Node gives them for a server it will not
 * trust: CERT_NOT_YET_VALID, CERT_REVOKED, INVALID_CA, … Not ERR_TLS_HANDSHAKE_TIMEOUT and
 * its like, which are no verdict on the certificate.
 */
function isCertificateVerdict(code: string): boolean {
  return code.startsWith('CERT_') || CERTIFICATE_VERDICTS.has(code)
}

/**
 * Why Node refused to build a request, in words a person can act on. Of its headers, only a
 * crumb or a cookie comes from an answer rather than from the action itself.
 */
function unbuildable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? ''
  if (HEADER_CODES.has(code)) {
    return 'a header of the request holds characters HTTP does not allow, so nothing was sent to Jenkins. Such a header is a crumb or cookie from an earlier answer: check jenkins-url, which must be the controller itself, not a proxy or another application.'
  }
  return `Node.js refused to build the request (${code || 'no error code'}), so nothing was sent to Jenkins. This is a bug in the action: please report it.`
}

/** Why the step waits for a starting controller, for its progress line. */
function startingReason(status: number, askedWithout: HttpResponse | undefined): string {
  if (!askedWithout)
    return 'it answers with the page it shows while it starts or restarts (HTTP 503)'
  const refusal =
    status === 401
      ? 'it refuses the credentials (HTTP 401)'
      : status >= 500
        ? `it fails the request (HTTP ${status})`
        : `it refuses the request (HTTP ${status})`
  return `${refusal}, and asked without credentials answers with the page it shows while it starts`
}

/**
 * A gateway's answer for an upstream it cannot reach or that failed it (gateway.ts), or a 503
 * that is not Jenkins's own page (an ingress's with no endpoints).
 */
function isGoneStatus(status: number): boolean {
  return status === 503 || isGatewayStatus(status)
}

/** An answer with Jenkins's own headers: Jenkins wrote it, not a proxy in its place. */
function hasJenkinsHeader(headers: IncomingHttpHeaders): boolean {
  return headers['x-jenkins'] !== undefined || headers['x-hudson'] !== undefined
}

/** How a restarting controller is gone: a proxy answers for it, or no connection comes up. */
type Gone = { status: number } | { failure: string }

/**
 * Why the step waits while a restarting controller is gone, for its progress line. One that
 * went away without its restarting page may as well have crashed: its proxy answers in its place.
 */
function goneReason(gone: Gone, waitingFor: WaitingFor = 'start'): string {
  if (!('status' in gone)) return `its connection fails: ${gone.failure}`
  const how = waitingFor === 'return' ? 'in its place' : 'while it restarts'
  return `a proxy in front of it answers HTTP ${gone.status} ${how}`
}

/**
 * Whether the controller may have acted on a request answered with this transient status. Any
 * 5xx may follow work done: a 500, a gateway's 502 or 504, a CDN's 520 or 524 (the origin took
 * the request, then reset or did not answer in time), a bare 503 (Envoy sends one when the
 * upstream resets after taking the request). Jenkins's own 503, its loading page, is judged
 * `starting` before this; a 503 or 429 that says when to come back (Retry-After) says the
 * request was not taken.
 */
function mayFollowWork(response: HttpResponse): boolean {
  if (response.status < 500) return false
  return !(response.status === 503 && response.headers['retry-after'] !== undefined)
}

/** The proxy as messages name it: its host, and the variable that chose it. */
function namedProxy(proxy: ProxyChoice): string {
  return `the proxy ${proxy.url.host} named by ${proxy.variable}`
}

/** The way around a proxy, for a runner that reaches the controller without it. */
function bypassing(target: URL): string {
  return `add ${target.hostname} to NO_PROXY if the runner reaches Jenkins directly`
}

/** A TLS failure on the leg to an https:// proxy: the proxy's certificate, not the controller's. */
function proxyTlsFailure(code: string, proxy: ProxyChoice): AttemptFailure {
  const named = namedProxy(proxy)
  const why = UNTRUSTED_CERT_CODES.has(code)
    ? `the TLS certificate of ${named} is not signed by a trusted CA (${code}). Put the PEM certificate of the CA that signed it in the ca-certificate input${chainHint(code)}.`
    : code === 'CERT_HAS_EXPIRED'
      ? `the TLS certificate of ${named} has expired (${code}). Renew it on the proxy.`
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? `the TLS certificate of ${named} does not name that host (${code}). Write the proxy's host in ${proxy.variable} as its certificate names it.`
        : isCertificateVerdict(code)
          ? `the TLS certificate of ${named} was refused (${code}). Fix it on the proxy; for one from a private CA, put that CA's PEM certificate in the ca-certificate input.`
          : `the TLS handshake with ${named} failed (${code}): does it serve https? Write ${proxy.variable} as http://host:port for a proxy that speaks plain HTTP.`
  return new AttemptFailure(why, 'permanent')
}

/** A proxy whose rules refuse the CONNECT to the controller's host and port (HTTP 403). */
function tunnelForbidden(proxy: ProxyChoice, target: URL): AttemptFailure {
  const { port } = dialTarget(target)
  return new AttemptFailure(
    `${namedProxy(proxy)} refused to open a tunnel to ${target.hostname}:${port} (HTTP 403): its rules do not allow a CONNECT to that host and port. Have the proxy allow CONNECT to port ${port} (Squid allows only 443 by default), or ${bypassing(target)}.`,
    'permanent',
    { proxyFault: true }
  )
}

/** What to check when the proxy could not open the tunnel: most often it cannot reach the controller. */
function tunnelFailedHint(proxy: ProxyChoice, target: URL): string {
  const { port } = dialTarget(target)
  return `: ${namedProxy(proxy)} could not reach ${target.hostname}:${port}. Check the host and port in jenkins-url and that the proxy reaches them, or ${bypassing(target)}`
}

/** A proxy that turns down the CONNECT to the controller with a 4xx of its own, not 403's. */
function tunnelRefused(proxy: ProxyChoice, target: URL, status: number): AttemptFailure {
  const { port } = dialTarget(target)
  return new AttemptFailure(
    `${namedProxy(proxy)} turned down the tunnel to ${target.hostname}:${port} (HTTP ${status}), its own answer, which asking again does not change. Check that ${proxy.variable} names a forward proxy that allows CONNECT to that host and port, or ${bypassing(target)}.`,
    'permanent',
    { proxyFault: true }
  )
}

/**
 * A forward proxy's own page saying it could not reach the controller, in words it alone
 * writes: tinyproxy's status line `500 Unable to connect` with its Server header (written when
 * its getaddrinfo or connect fails, before it forwards a byte; a page it relays carries the
 * controller's Server header, or Jetty's, not tinyproxy's), and Squid's `X-Squid-Error`
 * ERR_CONNECT_FAIL and ERR_DNS_FAIL (only on pages Squid makes, and the same "nothing
 * reached" if a Squid in front of Jenkins made it). Such an answer means the request did not
 * reach Jenkins, so a mint so answered leaves no token and is no "may exist".
 *
 * Only such a positive statement counts, never a sign: any other 5xx through a proxy (a 502
 * after the controller took the request and reset) may follow work. Neither the lack of
 * X-Jenkins (Jenkins's own 500 pages and hardened controllers have none) nor a reset after
 * the answer's headers tells it: tinyproxy resets because it closes with the POST body unread,
 * but a proxy that closes its connections abortively (HAProxy's `option nolinger`) resets one
 * after relaying a gateway's 502 too. An answer that carries X-Jenkins or X-Hudson is
 * Jenkins's, whatever else it says.
 */
function proxyDialFailure(res: http.IncomingMessage): string | undefined {
  const status = res.statusCode ?? 0
  if (status < 500 || hasJenkinsHeader(res.headers)) return undefined
  const server = String(res.headers.server ?? '')
  if (/^tinyproxy\//i.test(server) && /^unable to connect$/i.test(res.statusMessage ?? '')) {
    return `HTTP ${status} "Unable to connect"`
  }
  const squid = /^(ERR_CONNECT_FAIL|ERR_DNS_FAIL)\b/.exec(
    String(res.headers['x-squid-error'] ?? '')
  )
  return squid ? `HTTP ${status}, X-Squid-Error ${squid[1]}` : undefined
}

/** The proxy's own page: it could not resolve the controller's host, or connect to it. */
function proxyUnreached(proxy: ProxyChoice, target: URL, answer: string): string {
  const { port } = dialTarget(target)
  return `${namedProxy(proxy)} answered in Jenkins's place (${answer}): it could not resolve ${target.hostname} or connect to its port ${port}, so nothing reached Jenkins. Check the host and port in jenkins-url, and that the proxy can reach them, or ${bypassing(target)}.`
}

/** What to do about a proxy's 407: give credentials, or check the ones it turned down. */
function proxyCredentialsHint(proxy: ProxyChoice): string {
  return proxy.url.username
    ? `it turned down the user and password in ${proxy.variable}; check them`
    : `put user:password in ${proxy.variable}, percent-encoded (${proxy.url.protocol}//user:password@${proxy.url.host})`
}

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/** An attempt's limit: `cut` when the step's remaining time, not the limit per attempt, set it. */
interface AttemptLimit {
  ms: number
  cut: boolean
}

/**
 * A time-out after the request went out. Through a proxy, the proxy is named: it holds the
 * request too, and may be the one that hangs (or waits on a controller that does).
 */
function timedOut(within: string, proxy: ProxyChoice | undefined): string {
  const through = proxy ? ` through ${namedProxy(proxy)}` : ''
  return `timed out: Jenkins did not answer${through} ${within}`
}

/**
 * A time-out after the answer's status line and headers came, its body not all there: Jenkins
 * answered (and took the request), so it is no "did not answer".
 */
function unfinished(within: string, proxy: ProxyChoice | undefined): string {
  const through = proxy ? ` through ${namedProxy(proxy)}` : ''
  return `timed out: Jenkins's answer began${through} but did not finish ${within}`
}

/** Where an exchange stood when its time ran out. */
interface TimeOut {
  connected: boolean
  answered: boolean
  proxy: ProxyChoice | undefined
  plainHttp: boolean
  target: URL
  /** Through a proxy to an https controller: how far the connection got. */
  stage: TunnelStage | undefined
}

/**
 * A time-out before the connection was up: nothing was sent, and no answer was awaited.
 * Through a proxy to an https controller, the half that did not come up is named, as each has
 * its own fix: a proxy that never answers the CONNECT cannot reach the controller (or hangs);
 * one that opened the tunnel reached something at that port that does not finish a TLS
 * handshake (a plain-http or agent port, or a controller too loaded to answer).
 */
function notConnected(within: string, at: TimeOut): string {
  const { proxy, target } = at
  if (!proxy) {
    return `timed out: no connection to Jenkins ${within}: the TCP or TLS handshake did not finish`
  }
  const failed = `timed out: no connection to Jenkins through ${namedProxy(proxy)} ${within}`
  const { port } = dialTarget(target)
  const where = `${target.hostname}:${port}`
  // A plain-http request goes to the proxy whole: there is no tunnel.
  if (at.plainHttp || at.stage === 'proxy') {
    return `${failed}: the connection to the proxy did not come up`
  }
  if (at.stage === 'handshake') {
    return `${failed}: the proxy opened the tunnel to ${where}, but the TLS handshake with the server there did not finish. Check that port ${port} is the controller's https port (not its http or agent port), and that the controller is not overloaded`
  }
  if (at.stage === 'connect') {
    return `${failed}: the proxy did not answer the CONNECT to ${where}: it cannot reach that host and port (a firewall that drops the connection leaves it waiting), or it hangs. Check that the proxy reaches ${where}, or ${bypassing(target)}`
  }
  // No connection through the proxy was seen: which half failed is unknown.
  return `${failed}: the proxy did not open the tunnel, or the TLS handshake in it did not finish`
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
