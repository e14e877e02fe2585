/** Public API types (re-exported by jenkins-emulator.ts) and the internal request/response model. */
import type { IncomingMessage } from 'node:http'

export interface EmulatorUser {
  id: string
  password: string
  admin?: boolean
  fullName?: string
  /** default true; false: the user has no ApiTokenProperty until REST generateNewToken adds one */
  apiTokenProperty?: boolean
  /**
   * Default true. false: a security-realm user (LDAP, Active Directory) who never used the web UI,
   * so Jenkins holds no User record yet: Basic auth with the password works, `/user/<id>/…`
   * answers 404 (Jenkins#getUser resolves with create=false), and the first request to `/me/…`
   * creates the record (User.current()), after which `/user/<id>/…` resolves too.
   */
  record?: boolean
  /**
   * Default true. false: the user has a record (and tokens), but the security realm no longer
   * knows them (deleted from LDAP). An API token still matches, then impersonation fails:
   * BasicHeaderApiTokenAuthenticator throws ServletException, a 500 oops page. Their password
   * gets 401. Every request, not once.
   */
  inRealm?: boolean
  /**
   * Default true. false: the authorization strategy grants the user nothing, not even
   * Overall/Read, as a matrix strategy does to a user it does not list. Every request outside
   * the always-readable paths (whoAmI, login, …) gets Jenkins's access-denied page, 403 with
   * X-You-Are-Authenticated-As and X-Required-Permission: hudson.model.Hudson.Read
   * (ACL#checkPermission, AccessDeniedException3#reportAsHeaders).
   */
  read?: boolean
  /**
   * Other names the security realm takes at a password login and maps to this user, as the
   * Active Directory plugin does with `DOMAIN\user` and `user@domain`: the login is then this
   * user's id (whoAmI's name, /me/). An API token is looked up by id only
   * (BasicApiTokenHelper), so with these names a token gets 401.
   */
  loginNames?: string[]
}

export interface EmulatorOptions {
  /** X-Jenkins value; default '2.568.3' */
  version?: string
  /** default: alice, admin (admin) and svc-deploy, each with password `<id>-password` */
  users?: EmulatorUser[]
  /** system property jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens; default false */
  adminCanGenerateNewTokens?: boolean
  /**
   * The security realm's IdStrategy (SecurityRealm#getUserIdStrategy): Jenkins's own user
   * database is case-insensitive; LDAP and other realms can be set to `case-sensitive`, where
   * `Ops` and `ops` are two users. Default 'case-insensitive'.
   */
  idStrategy?: 'case-insensitive' | 'case-sensitive'
  /** default true; false => /crumbIssuer/* is 404 and no CSRF checks */
  crumbIssuer?: boolean
  /**
   * -Dhudson.security.csrf.requestfield: the crumb's header and parameter name. Default
   * 'Jenkins-Crumb' (CrumbIssuer.DEFAULT_CRUMB_NAME); `.crumb` was the default of old.
   */
  crumbRequestField?: string
  /**
   * The Strict Crumb Issuer plugin with "check the same source": a crumb is bound to the URL it
   * was issued at, and a POST's Referer must name that URL, its path and query only with
   * `local-path` ("check only the local path"), the whole URL with `url`. Default: none.
   */
  strictCrumbSource?: 'local-path' | 'url'
  /** DefaultCrumbIssuer.EXCLUDE_SESSION_ID; default false */
  excludeSessionId?: boolean
  /**
   * -Djenkins.model.Jenkins.crumbIssuerProxyCompatibility=true: versions before 2.543 leave the
   * client IP out of the crumb. Default false (the IP is in the crumb before 2.543).
   */
  crumbIssuerProxyCompatibility?: boolean
  /** e.g. '/jenkins'; default '' (root) */
  contextPath?: string
  /** server-local date 'YYYY-MM-DD' used for expiry; default: the real local date */
  today?: string
  /**
   * Extension (not in the original brief): anonymous has Overall/Read, as with "Allow anonymous
   * read access". Default false ("logged-in users can do anything" without anonymous read).
   */
  anonymousRead?: boolean
  /**
   * Default true. false: Jenkins with no security set up (SecurityRealm.NO_AUTHENTICATION,
   * AuthorizationStrategy.UNSECURED), as a controller started with
   * -Djenkins.install.runSetupWizard=false and no script that sets it up is. No filter reads
   * the Authorization header (SecurityRealm.None#createFilter is empty), so every request is
   * anonymous, and anonymous may do everything. CSRF protection stays on (since 2.222 it cannot
   * be turned off), /me/ fails with the oops page, 500 (Jenkins#getMe throws for anonymous,
   * and no filter of a security realm turns that into a 403), api/json says
   * `useSecurity: false` (Jenkins#isUseSecurity).
   */
  useSecurity?: boolean
  /**
   * Serve https with this key and certificate (PEM), as a controller behind its own TLS
   * does; the session cookie is then `Secure`, as Jenkins marks it for an https root URL.
   */
  /**
   * `maxVersion`: a controller (or its load balancer) that speaks TLS 1.2 at most.
   * `requestCert`: a front that asks for a client certificate (mutual TLS) and refuses a
   * connection without one.
   */
  tls?: { key: string; cert: string; maxVersion?: 'TLSv1.2'; requestCert?: boolean }
  /**
   * Extension: something in front of Jenkins (a proxy rule, a plugin) blocks the script console:
   * /script and /scriptText get a bare 403 before Jenkins sees them. Default false.
   */
  scriptConsoleBlocked?: boolean
  /**
   * The configured Jenkins URL (Manage Jenkins » System » Jenkins URL), e.g.
   * 'https://ci.example.com/'. When it is https, the session cookie carries `Secure` even on a
   * plain-http request (JenkinsLocationConfiguration#updateSecureSessionFlag). It is also what
   * Jenkins#getRootUrl answers (root api/json `url`, user `absoluteUrl`). Default: none, so the
   * root URL is derived from the request.
   */
  rootUrl?: string
  /**
   * Host name in the advertised `url` instead of 127.0.0.1, e.g. 'jenkins.test'. The server still
   * binds 127.0.0.1 only: use it in a mount namespace whose /etc/hosts maps the name to 127.0.0.1.
   */
  hostname?: string
  /**
   * The loopback address the server binds, e.g. '::1' for a controller reached as
   * https://[::1]:<port>/. Default '127.0.0.1'. Without `hostname`, the advertised `url` names
   * this address (in brackets for IPv6).
   */
  bindAddress?: '127.0.0.1' | '::1'
  /**
   * Jenkins system property jenkins.model.Jenkins.SHOW_STACK_TRACE: the oops page (500) shows the
   * exception's stack trace. Default false from 2.224, as in Jenkins: the page shows only a
   * logging ID; before, true: the page always showed the trace.
   */
  showStackTrace?: boolean
  /** A reverse proxy in front of Jenkins that rewrites requests or responses. */
  reverseProxy?: ReverseProxyOptions
  /** A controller that is starting: see StartupOptions. Default: serving at once. */
  startup?: StartupOptions
  /**
   * Extension: jobs a client can trigger and wait for (jobs.ts): `build`/`buildWithParameters`
   * answer 201 with the queue item's Location, the item gains `executable` after `queueMs`,
   * the build has a `result` after `buildMs`. Default: none.
   */
  jobs?: EmulatorJob[]
}

export interface ReverseProxyOptions {
  /**
   * Hardening as guides recommend: remove X-Jenkins, X-Hudson, X-Jenkins-Session and every other
   * identification header Jenkins sends (X-Jenkins-*, X-Hudson-*, X-Instance-Identity,
   * X-SSH-Endpoint) from every response.
   */
  stripIdentificationHeaders?: boolean
  /**
   * A misconfigured proxy drops the request's Authorization header: Jenkins sees every request as
   * anonymous. (requests[].headers still shows what the client sent.)
   */
  stripAuthorization?: boolean
  /**
   * nginx's defaults (ignore_invalid_headers on, underscores_in_headers off): a request header
   * whose name holds anything but letters, digits and '-' is dropped, a `.crumb` or `_crumb`
   * header with it.
   */
  ignoreInvalidHeaders?: boolean
}

/** Phases counted from start (or from restart()). */
export interface StartupOptions {
  /** First this long nothing listens on the port: connections are refused. Default 0. */
  refusedMs?: number
  /**
   * During refusedMs, Docker's userland proxy holds the port instead, as it does for the
   * published port of a service container: it accepts every connection and, with nothing yet
   * listening in the container, closes it unanswered (a reset). It waits here for the first
   * bytes of the request before the reset, so the request has certainly gone out: the case in
   * which a client cannot know that nothing acted on it. Default false.
   */
  dockerProxy?: boolean
  /**
   * restart() with dockerProxy only: of refusedMs, this long at its start nothing holds the
   * port, and connections are refused, as while a restarting container is down with its
   * published port; then Docker's proxy holds it until Jenkins listens. Default 0.
   */
  proxyAfterMs?: number
  /**
   * Then this long every path answers 503 with HudsonIsLoading's page ("Jenkins is getting
   * ready to work"; "Please wait while Jenkins is getting ready to work" before 2.477), without
   * processing the request, once the filters in front of it let the request through: a POST
   * meets CrumbFilter (pluginsPreparingMs). Default 0.
   */
  loadingMs?: number
  /**
   * 2.376 and later: of the loading phase, this long in its middle, while Jenkins loads its
   * jobs, a request with credentials gets 401 as if they were wrong, and a GET without them the
   * loading page. Jenkins#load installs the security filter with the global configuration
   * (847fe8f9b4, 2.376; before, it came last), and User.AllUsers.scanAll loads the users only
   * after the jobs, so neither an API token nor a password of the built-in realm finds its
   * user. Default: a third of loadingMs from 2.376 on; 0, and no other value, before.
   */
  credentialsRefusedMs?: number
  /**
   * Of the loading phase, this long at its start the plugins are not yet prepared (the
   * PLUGINS_PREPARED milestone): from 2.222, when the crumb issuer exists from the start, a POST
   * then gets 500 from CrumbFilter, whose getDescriptorOrDie finds no descriptor yet
   * (AssertionError). After it, until the security filter comes on, every request is
   * anonymous and a POST gets CrumbFilter's 403 "No valid crumb" (an API token's exemption
   * needs the security filter). Default: a sixth of loadingMs, and never past the moment the
   * global configuration loads.
   */
  pluginsPreparingMs?: number
  /**
   * restart() only: before the process goes, this long every path answers 503 with
   * HudsonIsRestarting's page ("Jenkins is restarting"). Default 0.
   */
  restartingMs?: number
}

export interface EmulatorJob {
  /** full name; folders separated by '/', e.g. 'team/deploy' (URL job/team/job/deploy/) */
  name: string
  /** string parameters with their defaults; absent: a job without parameters */
  parameters?: Record<string, string>
  /** every build's result; default 'SUCCESS' */
  result?: 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'ABORTED'
  /** time in the queue (the quiet period) in ms; default 500 */
  queueMs?: number
  /** time a build runs in ms; default 1500 */
  buildMs?: number
  /** false: a disabled job, triggering answers 409; default true */
  buildable?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  status: number
  authKind: 'none' | 'password' | 'token' | 'session' | 'bad'
  user: string | null
  crumbSent: boolean
  cookieSent: boolean
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface StoredToken {
  uuid: string
  name: string
  hash: string
  creationDate: Date
  /** YYYY-MM-DD */
  expirationDate: string | null
}

export interface JenkinsEmulator {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  /**
   * Accepted connections so far: TCP connections for http, TLS connections (handshake done) for
   * https. Connections are kept alive like Jetty's (idle timeout 30 s).
   */
  readonly connections: number
  /**
   * Of those, TLS connections whose handshake resumed an earlier session (no certificate sent).
   * A restart forgets every session, as a new process has new ticket keys.
   */
  readonly resumedConnections: number
  /**
   * What reached the Docker proxy (StartupOptions.dockerProxy) before Jenkins listened: the
   * first line of each connection's bytes (a request line, or `TLS` for a client hello).
   */
  readonly dropped: string[]
  /**
   * The Logging IDs of the exceptions Jenkins answered with its error page (oops), in order: as
   * its log has them, "Caught unhandled exception with ID <id>" (InstallUncaughtExceptionHandler).
   */
  readonly exceptions: string[]
  tokens(userId: string): StoredToken[]
  addToken(
    userId: string,
    name: string,
    expirationDate?: string | null
  ): { uuid: string; value: string }
  setToday(date: string): void
  setAdminCanGenerateNewTokens(v: boolean): void
  /**
   * Restarts the controller: every path answers the restarting page for `restartingMs`, then
   * open connections drop, sessions are lost, the port refuses connections for `refusedMs`, then
   * answers the loading page for `loadingMs`. Users and tokens persist, as on disk. Resolves
   * once the port refuses connections.
   */
  restart(phases?: StartupOptions): Promise<void>
  /**
   * Stops taking connections and keeps the open ones, as a controller shutting down answers the
   * requests under way: new connections are refused. A restart() after it finds the port closed.
   */
  stopAccepting(): void
  /** Resolves when the emulator serves normally (after any startup or restart phases). */
  ready(): Promise<void>
  close(): Promise<void>
}

// ---------------------------------------------------------------- internal model

/** A complete HTTP response, produced by handlers and written in exactly one place (send). */
export interface EmuResponse {
  status: number
  /** In order; repeated names allowed. Content-Length and session cookies are added by send(). */
  headers: [string, string][]
  body: string | Buffer
}

/**
 * What a hook may do instead of (or after) normal processing. This is the seam for later fault
 * injection: failures with a status, resets before/after processing, hangs, delays, redirects.
 */
export type HookAction =
  | { kind: 'respond'; response: EmuResponse }
  | { kind: 'destroy' }
  | { kind: 'hang' }
  /**
   * The status line, the headers (with the whole body's Content-Length) and the first half of
   * the body go out, then the connection ends: closed (a FIN), or reset (an RST), as when the
   * process dies or a proxy's time limit cuts the answer off mid-body; or it stalls, the rest
   * never sent (a thread stuck writing, a proxy buffering), until the client gives up.
   */
  | { kind: 'cut'; response: EmuResponse; end: 'close' | 'reset' | 'stall' }

export interface Hooks {
  /** Runs before any processing (auth, CSRF, routing); state is untouched if it acts. */
  beforeHandle?: (ctx: RequestView) => HookAction | undefined | Promise<HookAction | undefined>
  /** Runs after processing (state already changed); may replace the response or drop the socket. */
  afterHandle?: (
    ctx: RequestView,
    response: EmuResponse
  ) => HookAction | undefined | Promise<HookAction | undefined>
}

/** Read-only view of a request for hooks. */
export interface RequestView {
  readonly req: IncomingMessage
  readonly method: string
  /** raw request path (no query), including the context path */
  readonly rawPath: string
  /** path tokens after the context path, percent-decoded like Stapler */
  readonly tokens: readonly string[]
  readonly body: Buffer
  readonly record: RecordedRequest
  /** 0-based index of this request among all requests to this emulator */
  readonly index: number
}
