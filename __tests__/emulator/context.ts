/**
 * Per-request state (parsed URI, parameters, authentication, HTTP session) and the emulator state
 * interface (Core) that handlers read and mutate.
 */
import type { IncomingMessage } from 'node:http'
import type { JobResponder } from './jobs.js'
import { jettyError, type PageCommon, type PageEnv } from './pages.js'
import type { UserDirectory, UserRecord } from './token-store.js'
import type { EmuResponse, RecordedRequest, RequestView } from './types.js'
import type { LocalDate } from './util.js'

export interface Session {
  /** HttpSession#getId (what the crumb is bound to) */
  id: string
}

/** Emulator-wide state and configuration, as seen by the pipeline and the handlers. */
export interface Core {
  readonly version: string
  readonly env: PageEnv
  readonly users: UserDirectory
  readonly crumbIssuer: boolean
  readonly excludeSessionId: boolean
  /** -Dhudson.security.csrf.requestfield */
  readonly crumbRequestField: string
  readonly strictCrumbSource: 'local-path' | 'url' | null
  readonly anonymousRead: boolean
  /** EmulatorOptions.useSecurity */
  readonly useSecurity: boolean
  readonly adminCanGenerateNewTokens: boolean
  readonly scriptConsoleBlocked: boolean
  readonly sessionCookieName: string
  readonly jobs: JobResponder
  readonly url: string
  /** the configured Jenkins URL (JenkinsLocationConfiguration), or null */
  readonly configuredRootUrl: string | null
  /** jenkins.model.Jenkins.SHOW_STACK_TRACE */
  readonly showStackTrace: boolean
  /** The Logging IDs of the exceptions logged so far (JenkinsEmulator.exceptions). */
  readonly exceptions: string[]
  today(): LocalDate
  /** Whether User.AllUsers is loaded: not for part of a 2.376+ controller's loading. */
  usersLoaded(): boolean
  createSession(): Session
  findSession(id: string): Session | undefined
  /** DefaultCrumbIssuer#issueCrumb for (authentication name, session id or null if excluded) */
  crumbFor(authName: string, sessionId: string | null, clientIp?: string | null): string
  /**
   * DefaultCrumbIssuer up to 2.542 / LTS 2.541.x hashes the client IP too, unless
   * -Djenkins.model.Jenkins.crumbIssuerProxyCompatibility=true (excludeClientIPFromCrumb).
   */
  readonly crumbHasClientIp: boolean
}

export interface Auth {
  kind: 'none' | 'password' | 'token'
  /** Authentication#getName: "anonymous" or the user's id */
  name: string
  user: UserRecord | null
}

export const ANONYMOUS: Auth = { kind: 'none', name: 'anonymous', user: null }

/** Thrown by handlers where Jenkins would throw (NumberFormatException, …): 500 + oops page. */
export class OopsError extends Error {}

const FORM_METHODS = new Set(['POST', 'PUT'])

export class RequestContext implements RequestView {
  readonly method: string
  /** raw request-target path, no query */
  readonly rawPath: string
  /** raw query string without '?', or null */
  readonly query: string | null
  /** false when the path is outside the context path */
  readonly inContext: boolean
  /** true when the path equals the context path without the trailing slash */
  readonly isContextRoot: boolean
  /** false when dot-segments climb above the root */
  readonly validPath: boolean
  readonly tokens: string[]
  auth: Auth = ANONYMOUS
  /** session named by the request's cookie, if it exists */
  readonly existingSession: Session | null
  /** session created while handling this request (gets a Set-Cookie) */
  newSession: Session | null = null
  private readonly queryParams: URLSearchParams
  private readonly formParams: URLSearchParams | null

  constructor(
    readonly core: Core,
    readonly req: IncomingMessage,
    readonly body: Buffer,
    readonly record: RecordedRequest,
    readonly index: number
  ) {
    this.method = req.method ?? 'GET'
    let target = req.url ?? '/'
    const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target)
    if (abs) target = target.slice(abs[0].length) || '/'
    const q = target.indexOf('?')
    this.rawPath = q < 0 ? target : target.slice(0, q)
    this.query = q < 0 ? null : target.slice(q + 1)

    const canonical = canonicalizePath(this.rawPath)
    this.validPath = canonical !== null
    const path = canonical ?? '/'
    const ctx = core.env.contextPath
    this.isContextRoot = ctx !== '' && path === ctx
    this.inContext = ctx === '' || path.startsWith(`${ctx}/`)
    this.tokens = this.inContext ? tokenize(path.slice(ctx.length)) : []

    this.queryParams = new URLSearchParams(this.query ?? '')
    const contentType = (this.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    this.formParams =
      FORM_METHODS.has(this.method) && contentType === 'application/x-www-form-urlencoded'
        ? new URLSearchParams(body.toString('utf8'))
        : null

    this.existingSession = this.findSessionFromCookies()
  }

  /** First value of a request header (case-insensitive). */
  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()]
    return Array.isArray(v) ? v[0] : v
  }

  /** ServletRequest#getParameter: query string first, then an urlencoded body. */
  param(name: string): string | null {
    return this.queryParams.get(name) ?? this.formParams?.get(name) ?? null
  }

  /** request.getRequestURI() + ('?' + query if non-empty) */
  get uriWithQuery(): string {
    return this.query ? `${this.rawPath}?${this.query}` : this.rawPath
  }

  get anonymous(): boolean {
    return this.auth.kind === 'none'
  }

  /** Overall/Read: an authenticated user the strategy grants it; anonymous with anonymousRead. */
  get hasRead(): boolean {
    if (!this.core.useSecurity) return true
    return this.anonymous ? this.core.anonymousRead : this.auth.user?.read !== false
  }

  /** Overall/Administer: an administrator's; anyone's without security (UNSECURED). */
  get isAdmin(): boolean {
    return this.auth.user?.admin === true || !this.core.useSecurity
  }

  get session(): Session | null {
    return this.newSession ?? this.existingSession
  }

  /** HttpServletRequest#getSession(): the current session, created if needed. */
  getSession(): Session {
    const current = this.session
    if (current) return current
    this.newSession = this.core.createSession()
    return this.newSession
  }

  /**
   * The crumb a layout page embeds / the issuer returns for the current auth and session, or,
   * with `from`, the crumb a POST must carry: under strictCrumbSource the crumb also binds the
   * URL it was issued at, which the POST names in its Referer (StrictCrumbIssuer#createCrumb).
   */
  currentCrumb(from?: 'referer'): string {
    const strict = this.core.strictCrumbSource
    if (strict) {
      // StrictCrumbIssuer#createCrumb: the session it creates, in every version it runs on; the
      // URL; the address only with its "Check the client IP", off by default.
      const source = from === 'referer' ? this.refererSource(strict) : this.source(strict)
      return this.core.crumbFor(`${this.auth.name};${source ?? ''}`, this.getSession().id, null)
    }
    return this.core.crumbFor(
      this.auth.name,
      this.crumbSession(),
      this.core.crumbHasClientIp ? this.clientIp() : null
    )
  }

  /** The session id DefaultCrumbIssuer puts in a crumb (crumbSessionBinding), or none. */
  private crumbSession(): string | null {
    if (this.core.excludeSessionId) return null
    switch (crumbSessionBinding(this.core.version)) {
      case 'none':
        return null
      case 'existing':
        return this.session?.id ?? 'NO_SESSION'
      case 'created':
        return this.getSession().id
    }
  }

  /**
   * StrictCrumbIssuer#urlForCreation: this request's path and query, or its whole URL as
   * getRequestURL gives it: the scheme it came in on and its Host, whatever the root URL.
   */
  private source(strict: 'local-path' | 'url'): string {
    if (strict === 'local-path') return this.uriWithQuery.slice(this.core.env.contextPath.length)
    const scheme = (this.req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
    return `${scheme}://${this.header('host') ?? ''}${this.uriWithQuery}`
  }

  /** StrictCrumbIssuer#urlForValidation: the Referer's path and query, or all of it; null without. */
  private refererSource(strict: 'local-path' | 'url'): string | null {
    const referer = this.header('referer')
    if (referer === undefined) return null
    if (strict === 'url') return referer
    const url = URL.parse(referer)
    const file = url ? `${url.pathname}${url.search}` : ''
    const context = this.core.env.contextPath
    return file.startsWith(context) ? file.slice(context.length) : null
  }

  /** DefaultCrumbIssuer#getClientIP (<= 2.542): the first X-Forwarded-For hop, else getRemoteAddr. */
  clientIp(): string {
    const forwarded = this.header('x-forwarded-for')
    if (forwarded !== undefined) return forwarded.split(',')[0] ?? ''
    return (this.req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  }

  /** Everything a layout page needs; like l:layout this creates the session. */
  pageCommon(): PageCommon {
    this.getSession()
    return {
      env: this.core.env,
      authName: this.auth.name,
      crumb: this.core.crumbIssuer ? this.currentCrumb() : null
    }
  }

  /** HttpServletResponse#sendError(status, message) inside the Jenkins webapp. */
  jetty(status: number, message: string | null, headers?: [string, string][]): EmuResponse {
    return jettyError({
      status,
      message,
      uri: this.rawPath,
      method: this.method,
      accept: this.header('accept'),
      acceptCharset: this.header('accept-charset'),
      headers
    })
  }

  /** Jenkins#getRootUrl: the configured URL, else one derived from the request. */
  rootUrl(): string {
    if (this.core.configuredRootUrl !== null) return this.core.configuredRootUrl
    const host = this.header('host')
    return host ? `http://${host}${this.core.env.contextPath}/` : this.core.url
  }

  get sessionCookieSent(): boolean {
    return this.cookieValues().length > 0
  }

  private cookieValues(): string[] {
    const raw = this.req.headers.cookie
    if (!raw) return []
    const values: string[] = []
    for (const part of raw.split(';')) {
      const eq = part.indexOf('=')
      if (eq < 0) continue
      if (part.slice(0, eq).trim() === this.core.sessionCookieName) {
        values.push(part.slice(eq + 1).trim())
      }
    }
    return values
  }

  private findSessionFromCookies(): Session | null {
    for (const value of this.cookieValues()) {
      const dot = value.indexOf('.')
      const session = this.core.findSession(dot < 0 ? value : value.slice(0, dot))
      if (session) return session
    }
    return null
  }
}

/** Resolves "." and ".." segments of a raw path; null if it climbs above the root. */
function canonicalizePath(rawPath: string): string | null {
  if (!rawPath.startsWith('/')) return rawPath === '*' ? '/' : null
  if (!/(^|\/)\.\.?(\/|$)/.test(rawPath)) return rawPath
  const out: string[] = []
  const segments = rawPath.split('/').slice(1)
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1
    if (seg === '.') {
      if (last) out.push('')
    } else if (seg === '..') {
      if (out.length === 0) out.push('\u0000')
      else out.pop()
      if (last) out.push('')
    } else out.push(seg)
  })
  if (out.includes('\u0000')) return null
  return `/${out.join('/')}`
}

/** Stapler TokenList: split the raw path on '/' and '\', drop empties, percent-decode each token. */
function tokenize(path: string): string[] {
  return path
    .split(/[/\\]+/)
    .filter((t) => t !== '')
    .map((t) => {
      try {
        return decodeURIComponent(t)
      } catch {
        return t
      }
    })
}

/**
 * How DefaultCrumbIssuer binds a crumb to the session: not at all before SECURITY-626 (2.186,
 * LTS 2.176.2); then the id of the session the request has, "NO_SESSION" without one; from
 * SECURITY-1491 (2.192, LTS 2.176.3 and 2.190.1) the id of a session it creates if need be.
 */
export function crumbSessionBinding(version: string): 'none' | 'existing' | 'created' {
  const [, minor = 0, patch = 0] = version.split('.').map(Number)
  if (minor >= 192 || (minor === 176 && patch >= 3) || (minor === 190 && patch >= 1)) {
    return 'created'
  }
  if (minor >= 186 || (minor === 176 && patch >= 2)) return 'existing'
  return 'none'
}
