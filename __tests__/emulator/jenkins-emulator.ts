/**
 * A Jenkins HTTP emulator for tests: API-token minting/revocation, Basic auth, sessions, crumbs,
 * whoAmI, following /work/shared/jenkins-api-reference.md.
 *
 * Request pipeline (one place each):
 *   record → hooks.beforeHandle → context path → ';' check → authenticate → CSRF → dispatch
 *   → hooks.afterHandle → send()
 * Handlers return an EmuResponse value; send() is the only writer to the socket.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer, Server as TlsServer } from 'node:https'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { type Core, OopsError, RequestContext, type Session } from './context.js'
import { JobBoard } from './jobs.js'
import { jettyError, loadingPage, type PageEnv, proxyForbidden } from './pages.js'
import { dispatch, oops } from './routes.js'
import { authenticate, checkCrumb, DEFAULT_CRUMB_FIELD, presentedCrumb } from './security.js'
import { requireIsoDate, toStoredToken, UserDirectory } from './token-store.js'
import type {
  EmulatorOptions,
  EmulatorUser,
  EmuResponse,
  HookAction,
  Hooks,
  JenkinsEmulator,
  RecordedRequest,
  ReverseProxyOptions,
  StartupOptions,
  StoredToken
} from './types.js'
import { compareVersions, type LocalDate, localToday } from './util.js'

export type {
  EmulatorJob,
  EmulatorOptions,
  EmulatorUser,
  EmuResponse,
  HookAction,
  Hooks,
  JenkinsEmulator,
  RecordedRequest,
  RequestView,
  ReverseProxyOptions,
  StartupOptions,
  StoredToken
} from './types.js'

export const DEFAULT_VERSION = '2.568.3'

export const DEFAULT_USERS: readonly EmulatorUser[] = Object.freeze([
  { id: 'alice', password: 'alice-password' },
  { id: 'admin', password: 'admin-password', admin: true },
  { id: 'svc-deploy', password: 'svc-deploy-password' }
])

/** What a proxy rule blocking the script console (scriptConsoleBlocked) refuses. */
const SCRIPT_CONSOLE_PATHS = new Set(['script', 'scriptText'])

/** Request bodies beyond this are refused by dropping the connection. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

/** Jetty's default idle timeout, which Winstone keeps (--httpKeepAliveTimeout). */
const IDLE_TIMEOUT_MS = 30_000

/** Identification headers a hardened reverse proxy removes (Functions#advertiseHeaders & co). */
const IDENTIFICATION_HEADERS = new Set([
  'x-jenkins',
  'x-hudson',
  'x-jenkins-session',
  'x-jenkins-cli-port',
  'x-jenkins-cli2-port',
  'x-hudson-cli-port',
  'x-instance-identity',
  'x-ssh-endpoint'
])

/** JenkinsLocationConfiguration#setUrl appends the missing '/'. */
function normalizeRootUrl(url: string | undefined): string | null {
  if (url === undefined || url === '') return null
  return url.endsWith('/') ? url : `${url}/`
}

function sessionHashFor(version: string, startMillis: number): string {
  return createHash('md5').update(`${version}${startMillis}`).digest('hex').substring(0, 8)
}

function randomSessionCookieName(): string {
  return `JSESSIONID.${randomBytes(4).toString('hex')}`
}

function normalizeContextPath(p: string | undefined): string {
  if (!p || p === '/') return ''
  const withSlash = p.startsWith('/') ? p : `/${p}`
  return withSlash.replace(/\/+$/, '')
}

class EmulatorServer implements JenkinsEmulator, Core {
  readonly requests: RecordedRequest[] = []
  readonly dropped: string[] = []
  readonly exceptions: string[] = []
  readonly version: string
  readonly env: PageEnv
  readonly users: UserDirectory
  readonly crumbIssuer: boolean
  readonly excludeSessionId: boolean
  readonly crumbRequestField: string
  readonly strictCrumbSource: 'local-path' | 'url' | null
  readonly crumbHasClientIp: boolean
  readonly anonymousRead: boolean
  readonly useSecurity: boolean
  adminCanGenerateNewTokens: boolean
  readonly scriptConsoleBlocked: boolean
  readonly configuredRootUrl: string | null
  readonly showStackTrace: boolean
  /** per process start, like executable.Main's random cookie name */
  sessionCookieName = randomSessionCookieName()
  readonly jobs: JobBoard
  /** Internal seam for fault injection (see Hooks). */
  hooks: Hooks = {}
  connections = 0
  /** TLS connections whose handshake resumed an earlier session: no certificate was sent. */
  resumedConnections = 0

  private readonly crumbSalt = randomBytes(8).toString('hex')
  private readonly sessions = new Map<string, Session>()
  private sessionCounter = 0
  private fixedToday: LocalDate | null
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private listeningPort = 0
  private readonly secure: boolean
  private readonly secureCookie: boolean
  private readonly hostname: string
  private readonly bindAddress: string
  private readonly proxy: ReverseProxyOptions
  /** Date.now() until which every request gets the loading page */
  private loadingUntil = 0
  /** Within loading, when a request with credentials gets 401 instead (StartupOptions). */
  private credentialsRefused = { from: 0, until: 0 }
  /** Within loading, when the filters start to act (StartupOptions.pluginsPreparingMs). */
  private loadingMilestones = { pluginsPrepared: 0, configLoaded: 0, securityOn: 0 }
  /** Date.now() until which every request gets the restarting page */
  private restartingUntil = 0
  private listenTimer: NodeJS.Timeout | null = null
  /** Docker's userland proxy on the port while nothing listens (StartupOptions.dockerProxy). */
  private front: DockerProxyFront | null = null
  /** A Docker proxy that restart() opens later (StartupOptions.proxyAfterMs). */
  private frontOpening: Promise<void> | null = null
  /** settles when the server listens (after any refused phase) */
  private listening: Promise<void> = Promise.resolve()
  private closed = false

  constructor(options: EmulatorOptions) {
    this.version = options.version ?? DEFAULT_VERSION
    this.env = {
      version: this.version,
      sessionHash: sessionHashFor(this.version, Date.now()),
      contextPath: normalizeContextPath(options.contextPath)
    }
    this.users = new UserDirectory(
      options.users ?? [...DEFAULT_USERS],
      options.idStrategy === 'case-sensitive'
    )
    this.crumbIssuer = options.crumbIssuer ?? true
    this.excludeSessionId = options.excludeSessionId ?? false
    this.crumbRequestField = options.crumbRequestField ?? DEFAULT_CRUMB_FIELD
    this.strictCrumbSource = options.strictCrumbSource ?? null
    // 07d2ff18a4 dropped the IP in weekly 2.543 (LTS 2.555.1); before, it is on by default.
    this.crumbHasClientIp =
      compareVersions(this.version, '2.543') < 0 && options.crumbIssuerProxyCompatibility !== true
    this.anonymousRead = options.anonymousRead ?? false
    this.useSecurity = options.useSecurity ?? true
    this.adminCanGenerateNewTokens = options.adminCanGenerateNewTokens ?? false
    this.scriptConsoleBlocked = options.scriptConsoleBlocked ?? false
    this.jobs = new JobBoard(options.jobs ?? [])
    this.fixedToday = options.today === undefined ? null : requireIsoDate(options.today, 'today')
    this.secure = options.tls !== undefined
    this.configuredRootUrl = normalizeRootUrl(options.rootUrl)
    // Jetty marks the cookie Secure on https requests; Jenkins forces it for an https root URL.
    this.secureCookie = this.secure || (this.configuredRootUrl ?? '').startsWith('https')
    // oops.jelly printed the stack trace always until 2.224 (c936bd1c09), and since only with
    // the system property.
    this.showStackTrace = options.showStackTrace ?? compareVersions(this.version, '2.224') < 0
    this.bindAddress = options.bindAddress ?? '127.0.0.1'
    this.hostname =
      options.hostname ??
      (this.bindAddress.includes(':') ? `[${this.bindAddress}]` : this.bindAddress)
    this.proxy = options.reverseProxy ?? {}
    const handler = (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res)
    this.server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler)
    this.server.keepAliveTimeout = IDLE_TIMEOUT_MS
    this.server.on('connection', (socket: Socket) => {
      if (!this.secure) this.connections++
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.server.on('secureConnection', (socket: TLSSocket) => {
      this.connections++
      if (socket.isSessionReused()) this.resumedConnections++
    })
    this.server.on('clientError', (_err, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      else socket.destroy()
    })
  }

  /**
   * Serves on `port` (0 = any free one) after the startup phases. With a refused phase the port
   * is reserved first (bound once, then released), so url and port are known at once.
   */
  async start(port: number, phases: StartupOptions): Promise<void> {
    const refusedMs = phases.refusedMs ?? 0
    this.checkPhases(phases)
    if (refusedMs <= 0) {
      await this.listen(port)
      this.beginLoading(phases)
      return
    }
    if (phases.dockerProxy) {
      this.front = await DockerProxyFront.open(this.bindAddress, port, this.dropped)
      this.listeningPort = this.front.port
    } else {
      this.listeningPort = port === 0 ? await reservePort(this.bindAddress) : port
    }
    this.listenLater(phases)
  }

  private checkPhases(phases: StartupOptions): void {
    const refused = phases.credentialsRefusedMs
    if (refused !== undefined && !this.securityFilterWithConfig && refused !== 0) {
      throw new Error('credentialsRefusedMs: before 2.376 the security filter comes last')
    }
    const loadingMs = phases.loadingMs ?? 0
    if (refused !== undefined && refused > loadingMs) {
      throw new Error('credentialsRefusedMs > loadingMs')
    }
    const preparing = phases.pluginsPreparingMs
    if (preparing !== undefined && preparing > this.configLoadsAfter(loadingMs, phases)) {
      throw new Error('pluginsPreparingMs: the plugins are prepared before the configuration loads')
    }
  }

  /** 2.376+: how long, in the middle of loading, credentials find no user (StartupOptions). */
  private credentialsRefusedMs(loadingMs: number, phases: StartupOptions): number {
    const byDefault = this.securityFilterWithConfig ? Math.round(loadingMs / 3) : 0
    return phases.credentialsRefusedMs ?? byDefault
  }

  /**
   * How far into loading the global configuration loads: Jenkins loads it after its plugins
   * (SYSTEM_CONFIG_LOADED after PLUGINS_PREPARED), and from 2.376 installs the security filter
   * with it, where the stretch of refused credentials begins.
   */
  private configLoadsAfter(loadingMs: number, phases: StartupOptions): number {
    return this.securityFilterWithConfig
      ? Math.round((loadingMs - this.credentialsRefusedMs(loadingMs, phases)) / 2)
      : Math.round(loadingMs / 3)
  }

  /**
   * The loading phase: its milestones, and the stretch in its middle where credentials find
   * no user. Before 2.376 the security filter comes with "Finalizing set up", when loading ends.
   */
  private beginLoading(phases: StartupOptions): void {
    const loadingMs = phases.loadingMs ?? 0
    const refusedMs = this.credentialsRefusedMs(loadingMs, phases)
    const now = Date.now()
    this.loadingUntil = now + loadingMs
    const configLoaded = now + this.configLoadsAfter(loadingMs, phases)
    const preparing = phases.pluginsPreparingMs ?? Math.round(loadingMs / 6)
    this.loadingMilestones = {
      pluginsPrepared: Math.min(now + preparing, configLoaded),
      configLoaded,
      securityOn: this.securityFilterWithConfig ? configLoaded : this.loadingUntil
    }
    // Before 2.376 the stretch is empty (refusedMs 0), wherever it starts.
    this.credentialsRefused = { from: configLoaded, until: configLoaded + refusedMs }
  }

  /** From 2.376 (847fe8f9b4) Jenkins#load installs the security filter with the configuration. */
  private get securityFilterWithConfig(): boolean {
    return compareVersions(this.version, '2.376') >= 0
  }

  /** Whether User.AllUsers has been loaded: false in the stretch of loading said above. */
  usersLoaded(): boolean {
    const now = Date.now()
    return now < this.credentialsRefused.from || now >= this.credentialsRefused.until
  }

  private listenLater(phases: StartupOptions): void {
    this.listening = new Promise((resolve, reject) => {
      this.listenTimer = setTimeout(async () => {
        this.listenTimer = null
        await this.closeFront()
        if (this.closed) return resolve()
        this.listen(this.listeningPort).then(() => {
          this.beginLoading(phases)
          resolve()
        }, reject)
      }, phases.refusedMs ?? 0)
    })
    // ready() reports a failure to bind; nobody else has to handle it
    this.listening.catch(() => undefined)
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, this.bindAddress, () => {
        this.server.off('error', reject)
        const address = this.server.address()
        this.listeningPort = typeof address === 'object' && address ? address.port : 0
        resolve()
      })
    })
  }

  // ------------------------------------------------------------ JenkinsEmulator

  get port(): number {
    return this.listeningPort
  }

  get url(): string {
    return `${this.secure ? 'https' : 'http'}://${this.hostname}:${this.listeningPort}${this.env.contextPath}/`
  }

  async ready(): Promise<void> {
    await this.listening
    const wait = this.loadingUntil - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  }

  /**
   * Stops taking connections and keeps those it has, as a controller that shuts down answers
   * the requests under way before it goes: what comes next is refused. A restart() that follows
   * finds the port closed already and leaves those connections to end as they will.
   */
  stopAccepting(): void {
    if (this.server.listening) this.server.close()
  }

  async restart(phases: StartupOptions = {}): Promise<void> {
    await this.listening
    // Jenkins#restart: HudsonIsRestarting answers every path while the old process winds down.
    const restartingMs = phases.restartingMs ?? 0
    if (restartingMs > 0) {
      this.restartingUntil = Date.now() + restartingMs
      await new Promise((resolve) => setTimeout(resolve, restartingMs))
    }
    await this.stopListening()
    if (this.closed) return
    // A new process: new sessions, a new X-Jenkins-Session and a new cookie name, and new keys
    // for TLS session tickets (Jetty's SSLContext is made afresh), so none of the old resumes.
    this.sessions.clear()
    if (this.server instanceof TlsServer) this.server.setTicketKeys(randomBytes(48))
    this.env.sessionHash = sessionHashFor(this.version, Date.now())
    this.sessionCookieName = randomSessionCookieName()
    this.checkPhases(phases)
    const refusedMs = phases.refusedMs ?? 0
    if (phases.dockerProxy && refusedMs > 0) {
      const proxyAfterMs = Math.min(phases.proxyAfterMs ?? 0, refusedMs)
      const open = async () => {
        if (this.closed) return
        this.front = await DockerProxyFront.open(this.bindAddress, this.listeningPort, this.dropped)
      }
      if (proxyAfterMs > 0) {
        this.frontOpening = new Promise((resolve) => setTimeout(resolve, proxyAfterMs)).then(open)
      } else await open()
    }
    this.listenLater(phases)
  }

  private async closeFront(): Promise<void> {
    const opening = this.frontOpening
    this.frontOpening = null
    await opening
    const front = this.front
    this.front = null
    await front?.close()
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve()
      this.server.close(() => resolve())
      this.server.closeAllConnections()
      for (const socket of this.sockets) socket.destroy()
    })
  }

  tokens(userId: string): StoredToken[] {
    return this.users.getById(userId)?.tokens.map(toStoredToken) ?? []
  }

  addToken(
    userId: string,
    name: string,
    expirationDate?: string | null
  ): { uuid: string; value: string } {
    const user = this.users.getById(userId)
    if (!user) throw new Error(`addToken: no such user ${JSON.stringify(userId)}`)
    const expiry =
      expirationDate === undefined || expirationDate === null
        ? null
        : requireIsoDate(expirationDate, 'addToken expirationDate')
    const { token, value } = this.users.generate(user, name, expiry)
    return { uuid: token.uuid, value }
  }

  setToday(date: string): void {
    this.fixedToday = requireIsoDate(date, 'setToday')
  }

  setAdminCanGenerateNewTokens(v: boolean): void {
    this.adminCanGenerateNewTokens = v
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.listenTimer) clearTimeout(this.listenTimer)
    await this.closeFront()
    return this.stopListening()
  }

  // ------------------------------------------------------------ Core

  today(): LocalDate {
    return this.fixedToday ?? localToday()
  }

  createSession(): Session {
    const id = `node0${randomBytes(10).toString('hex')}${this.sessionCounter++}`
    const session = { id }
    this.sessions.set(id, session)
    return session
  }

  findSession(id: string): Session | undefined {
    return this.sessions.get(id)
  }

  crumbFor(authName: string, sessionId: string | null, clientIp: string | null = null): string {
    const ip = clientIp === null ? '' : `;${clientIp}`
    const text = sessionId === null ? `${authName}${ip}` : `${authName}${ip};${sessionId}`
    return createHash('sha256')
      .update(Buffer.from(text, 'utf8'))
      .update(Buffer.from(this.crumbSalt, 'latin1'))
      .digest('hex')
  }

  // ------------------------------------------------------------ request handling

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      status: 0,
      authKind: 'none',
      user: null,
      crumbSent: false,
      cookieSent: false,
      headers: { ...req.headers },
      body: ''
    }
    // The proxy drops it before Jenkins sees the request; the record keeps what the client sent.
    if (this.proxy.stripAuthorization) delete req.headers.authorization
    if (this.proxy.ignoreInvalidHeaders) {
      for (const name of Object.keys(req.headers)) {
        if (!/^[A-Za-z0-9-]+$/.test(name)) delete req.headers[name]
      }
    }
    const index = this.requests.length
    this.requests.push(record)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.socket.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('error', () => undefined)
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      record.body = body.toString('utf8')
      this.respond(req, res, body, record, index).catch(() => req.socket.destroy())
    })
  }

  private async respond(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    record: RecordedRequest,
    index: number
  ): Promise<void> {
    const ctx = new RequestContext(this, req, body, record, index)
    record.cookieSent = ctx.sessionCookieSent
    record.crumbSent = presentedCrumb(ctx) !== null
    let action = await this.hooked(ctx, () => this.hooks.beforeHandle?.(ctx))
    let response: EmuResponse
    if (action?.kind === 'respond') response = action.response
    else if (action?.kind === 'cut') return this.send(ctx, res, action.response, action.end)
    else if (action) return this.act(action, res)
    else {
      try {
        response = this.process(ctx)
      } catch (e) {
        if (!(e instanceof OopsError)) console.error('jenkins-emulator: handler failed', e)
        response = this.safeOops(ctx, e)
      }
      record.authKind = record.authKind === 'bad' ? 'bad' : ctx.auth.kind
      record.user = ctx.auth.user?.id ?? null
    }
    const processed = response
    action = await this.hooked(ctx, () => this.hooks.afterHandle?.(ctx, processed))
    if (action?.kind === 'respond') response = action.response
    else if (action?.kind === 'cut') return this.send(ctx, res, action.response, action.end)
    else if (action) return this.act(action, res)
    this.send(ctx, res, response)
  }

  /** The Jenkins filter chain and Stapler, in order. */
  private process(ctx: RequestContext): EmuResponse {
    if (!ctx.validPath) {
      return jettyError({ ...this.jettyBase(ctx), status: 400, message: 'Bad Request' })
    }
    if (ctx.isContextRoot) {
      const location = `${this.env.contextPath}/${ctx.query === null ? '' : `?${ctx.query}`}`
      return { status: 302, headers: [['Location', location]], body: '' }
    }
    if (!ctx.inContext) {
      return jettyError({ ...this.jettyBase(ctx), status: 404, message: null, showServlet: false })
    }
    if (this.scriptConsoleBlocked && SCRIPT_CONSOLE_PATHS.has(ctx.tokens[0] ?? '')) {
      return proxyForbidden()
    }
    // SuspiciousRequestFilter: the raw URI (not the query string) may not contain ';'
    if (ctx.rawPath.includes(';')) {
      return ctx.jetty(400, 'Semicolons are not allowed in the request URI')
    }
    const starting = this.startingAnswer(ctx)
    if (starting) return starting
    const authFailure = authenticate(ctx)
    if (authFailure) return authFailure
    const csrfFailure = checkCrumb(ctx)
    if (csrfFailure) return csrfFailure
    return dispatch(ctx)
  }

  /**
   * While Jenkins loads (or restarts), HudsonIsLoading#doDynamic (HudsonIsRestarting's) answers
   * every path that the filters in front of Stapler let through. While loading, HudsonFilter
   * passes every request on as anonymous until the security filter is installed
   * (StartupOptions), and CrumbFilter acts on POSTs once Jenkins has a crumb issuer: from 2.222
   * from the start (a field initialiser), before only once the configuration has loaded.
   * While restarting, the old process's filters still act.
   */
  private startingAnswer(ctx: RequestContext): EmuResponse | null {
    const now = Date.now()
    const loading = now < this.loadingUntil
    if (!loading && now >= this.restartingUntil) return null
    const { pluginsPrepared, configLoaded, securityOn } = this.loadingMilestones
    if (!loading || now >= securityOn) {
      const refused = authenticate(ctx)
      if (refused) return refused
    }
    const crumbIssuerFrom =
      compareVersions(this.version, '2.222') >= 0 ? Number.NEGATIVE_INFINITY : configLoaded
    if (ctx.method === 'POST' && this.crumbIssuer && (!loading || now >= crumbIssuerFrom)) {
      // CrumbIssuer#getDescriptor: no descriptors before PLUGINS_PREPARED. The AssertionError
      // reaches UncaughtExceptionFilter, in front of CrumbFilter, whose handler (installed at
      // STARTED) renders Jenkins's error page: the oops page, status 500.
      if (loading && now < pluginsPrepared) {
        throw new OopsError(
          [
            'java.lang.AssertionError: class hudson.security.csrf.DefaultCrumbIssuer is missing its descriptor',
            '\tat jenkins.model.Jenkins.getDescriptorOrDie(Jenkins.java:1560)',
            '\tat hudson.security.csrf.CrumbIssuer.getDescriptor(CrumbIssuer.java:228)',
            '\tat hudson.security.csrf.CrumbFilter.doFilter(CrumbFilter.java:131)'
          ].join('\n')
        )
      }
      const csrfFailure = checkCrumb(ctx)
      if (csrfFailure) return csrfFailure
    }
    return loadingPage(this.env, loading ? 'loading' : 'restarting')
  }

  private jettyBase(ctx: RequestContext) {
    return {
      uri: ctx.rawPath,
      method: ctx.method,
      accept: ctx.header('accept'),
      acceptCharset: ctx.header('accept-charset')
    }
  }

  /**
   * A hook's action; a hook that throws an OopsError stands for an exception in Jenkins (a
   * plugin's filter before the request is handled, or a failure after it was), answered as any
   * other with the error page.
   */
  private async hooked(
    ctx: RequestContext,
    hook: () => HookAction | undefined | Promise<HookAction | undefined>
  ): Promise<HookAction | undefined> {
    try {
      return await hook()
    } catch (error) {
      if (!(error instanceof OopsError)) throw error
      return { kind: 'respond', response: this.safeOops(ctx, error) }
    }
  }

  private safeOops(ctx: RequestContext, error: unknown): EmuResponse {
    try {
      return oops(ctx, error)
    } catch {
      return { status: 500, headers: [], body: '' }
    }
  }

  private act(action: Exclude<HookAction, { kind: 'cut' }>, res: ServerResponse): void {
    if (action.kind === 'destroy') res.socket?.destroy()
    // 'hang': leave the request open; close() destroys the socket.
  }

  /**
   * The single place where responses are written. `cut`: only the first half of the body goes
   * out (HookAction 'cut'), then the connection ends so.
   */
  private send(
    ctx: RequestContext,
    res: ServerResponse,
    response: EmuResponse,
    cut?: 'close' | 'reset' | 'stall'
  ): void {
    const headers: [string, string][] = this.proxy.stripIdentificationHeaders
      ? response.headers.filter(([name]) => !IDENTIFICATION_HEADERS.has(name.toLowerCase()))
      : [...response.headers]
    if (ctx.newSession) {
      headers.push([
        'Set-Cookie',
        `${this.sessionCookieName}=${ctx.newSession.id}.node0; Path=${this.env.contextPath || '/'}${this.secureCookie ? '; Secure' : ''}; HttpOnly`
      ])
      headers.push(['Expires', 'Thu, 01 Jan 1970 00:00:00 GMT'])
    }
    const body =
      typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body
    headers.push(['Content-Length', String(body.length)])
    ctx.record.status = response.status
    try {
      res.writeHead(response.status, headers.flat())
      if (cut) this.cutOff(res, body.subarray(0, Math.floor(body.length / 2)), cut)
      else res.end(body)
    } catch {
      res.socket?.destroy()
    }
  }

  /**
   * Sends the head and `part` of the body, then ends the connection, or leaves it open
   * with the rest never sent. The end waits a moment
   * after the bytes are written: an RST that overtakes them in the client's receive queue
   * discards them, and the client would see a connection cut before any answer instead.
   */
  private cutOff(res: ServerResponse, part: Buffer, end: 'close' | 'reset' | 'stall'): void {
    res.write(part, () => {
      // Left open: the client's time limit ends it, or close() does.
      if (end === 'stall') return
      setTimeout(() => {
        const socket = res.socket
        if (!socket || socket.destroyed) return
        if (end === 'reset') socket.resetAndDestroy()
        else socket.destroy()
      }, 50).unref()
    })
  }
}

/** Starts an emulator on 127.0.0.1 (or options.bindAddress) with a random port. */
export function startJenkinsEmulator(options: EmulatorOptions = {}): Promise<JenkinsEmulator> {
  return startJenkinsEmulatorOnPort(0, options)
}

/** Like startJenkinsEmulator but on a given port (0 = random); used by cli.ts. */
export async function startJenkinsEmulatorOnPort(
  port: number,
  options: EmulatorOptions = {}
): Promise<JenkinsEmulator> {
  const emulator = new EmulatorServer(options)
  await emulator.start(port, options.startup ?? {})
  return emulator
}

/** A free port on `address`, released again: nothing listens there until the emulator does. */
/**
 * Docker's userland proxy (docker-proxy) for a published port whose container does not listen
 * yet: it accepts the connection, fails to reach the container, and closes the client's
 * connection with the request unread, which the kernel answers with a reset.
 */
class DockerProxyFront {
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: NetServer,
    readonly port: number
  ) {}

  static open(address: string, port: number, dropped: string[]): Promise<DockerProxyFront> {
    return new Promise((resolve, reject) => {
      const server = createNetServer()
      server.once('error', reject)
      server.listen(port, address, () => {
        server.off('error', reject)
        const bound = server.address()
        const front = new DockerProxyFront(
          server,
          typeof bound === 'object' && bound ? bound.port : 0
        )
        server.on('connection', (socket) => front.drop(socket, dropped))
        resolve(front)
      })
    })
  }

  private drop(socket: Socket, dropped: string[]): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => undefined)
    // What the request was, for the tests; then the reset, as if unread.
    socket.once('data', (chunk: Buffer) => {
      dropped.push(chunk[0] === 0x16 ? 'TLS' : (chunk.toString('latin1').split('\r\n')[0] ?? ''))
      socket.resetAndDestroy()
    })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      for (const socket of this.sockets) socket.resetAndDestroy()
    })
  }
}

function reservePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, address, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** For later extensions (fault injection): install hooks on an emulator from this module. */
export function setEmulatorHooks(emulator: JenkinsEmulator, hooks: Hooks): void {
  if (!(emulator instanceof EmulatorServer)) throw new Error('not an emulator from this module')
  emulator.hooks = hooks
}
