/**
 * Stapler-side dispatch: the Overall/Read gate of Jenkins#getTarget, a small router keyed on path
 * token patterns, and the handlers (crumb issuer, whoAmI, root, ApiTokenProperty.DescriptorImpl).
 */
import { randomUUID } from 'node:crypto'
import { OopsError, type RequestContext } from './context.js'
import {
  ADMINISTER,
  accessDeniedPage,
  apiHeaders,
  apiJson,
  apiText,
  apiXml,
  authenticationRequiredPage,
  dashboardPage,
  errorJson,
  loginPage,
  type MissingPermission,
  notFoundPage,
  okJson,
  oopsPage,
  READ,
  RUN_SCRIPTS,
  reportAsHeaders,
  requirePostPage,
  scriptTextResponse,
  statusOnly,
  whoAmIPage,
  xmlEscape
} from './pages.js'
import { runScript } from './script-console.js'
import { isAboutToExpire, type UserRecord } from './token-store.js'
import type { EmuResponse } from './types.js'
import {
  compareDates,
  compareVersions,
  formatShortDate,
  isoOffsetDateTimeNow,
  javaIsBlank,
  javaParseInt,
  javaTrim,
  type LocalDate,
  parseIsoLocalDate,
  plusDays,
  rawEncode,
  requestLocale
} from './util.js'

type Params = Record<string, string>
type Handler = (ctx: RequestContext, params: Params) => EmuResponse

interface Route {
  /** path tokens; ':name' captures one token */
  pattern: string[]
  handler: Handler
}

/** Root paths readable without Overall/Read (ALWAYS_READABLE_PATHS + unprotected root actions). */
const UNPROTECTED = new Set([
  'login',
  'loginError',
  'logout',
  'accessDenied',
  'adjuncts',
  'error',
  'oops',
  'signup',
  'tcpSlaveAgentListener',
  'federatedLoginService',
  'securityRealm',
  'instance-identity',
  'whoAmI',
  'cli',
  'jnlpJars',
  'static'
])

const DESCRIPTOR_IDS = new Set(['jenkins.security.ApiTokenProperty', 'ApiTokenProperty'])

const ROUTES: Route[] = [
  { pattern: [], handler: (ctx) => dashboardPage(ctx.pageCommon()) },
  { pattern: ['api', 'json'], handler: rootApiJson },
  { pattern: ['login'], handler: (ctx) => loginPage(ctx.pageCommon(), ctx.param('from')) },
  { pattern: ['whoAmI'], handler: whoAmIHtml },
  { pattern: ['whoAmI', 'api', 'json'], handler: whoAmIJson },
  { pattern: ['whoAmI', 'api', 'xml'], handler: whoAmIXml },
  { pattern: ['crumbIssuer', 'api', 'json'], handler: crumbJson },
  { pattern: ['crumbIssuer', 'api', 'xml'], handler: crumbXml },
  { pattern: ['scriptText'], handler: scriptText },
  {
    pattern: ['user', ':user', 'descriptorByName', ':descriptor', ':method'],
    handler: (ctx, p) => {
      const target = ctx.core.users.resolveUrlSegment(p.user ?? '')
      if (!target) return notFound(ctx)
      return descriptorMethod(ctx, target, p.descriptor ?? '', p.method ?? '')
    }
  },
  {
    pattern: ['me', 'descriptorByName', ':descriptor', ':method'],
    handler: (ctx, p) => {
      const me = ctx.auth.user
      if (!me) return notFound(ctx)
      return descriptorMethod(ctx, me, p.descriptor ?? '', p.method ?? '')
    }
  },
  {
    pattern: ['user', ':user', 'api', 'json'],
    handler: (ctx, p) => {
      const target = ctx.core.users.resolveUrlSegment(p.user ?? '')
      return target ? userApiJson(ctx, target) : notFound(ctx)
    }
  },
  {
    pattern: ['me', 'api', 'json'],
    handler: (ctx) => (ctx.auth.user ? userApiJson(ctx, ctx.auth.user) : notFound(ctx))
  }
]

function match(pattern: string[], tokens: readonly string[]): Params | null {
  if (pattern.length !== tokens.length) return null
  const params: Params = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? ''
    const t = tokens[i] ?? ''
    if (p.startsWith(':')) params[p.slice(1)] = t
    else if (p !== t) return null
  }
  return params
}

/** After authentication and CSRF: permission gate, routing, 404. */
export function dispatch(ctx: RequestContext): EmuResponse {
  const first = ctx.tokens[0]
  if (!(first !== undefined && UNPROTECTED.has(first)) && !ctx.hasRead) {
    return denied(ctx, READ)
  }
  // Jenkins#getMe throws a plain AccessDeniedException for anonymous. Without security no
  // filter turns it into a 403 (SecurityRealm.None has no ExceptionTranslationFilter), and
  // UncaughtExceptionFilter answers with the oops page.
  if (first === 'me') {
    if (!ctx.auth.user && !ctx.core.useSecurity) return oops(ctx)
    if (!ctx.auth.user) return authenticationRequired(ctx, null)
    // User.current() → User.getById(name, true): a realm user's record is created here.
    ctx.core.users.ensureRecord(ctx.auth.user)
  }
  const job = ctx.core.jobs.dispatch(ctx, (missing) => denied(ctx, missing))
  if (job) return job
  for (const route of ROUTES) {
    const params = match(route.pattern, ctx.tokens)
    if (params) return route.handler(ctx, params)
  }
  return notFound(ctx)
}

// ---------------------------------------------------------------- common responses

/**
 * Jenkins's 404. From 2.421 (JENKINS-71087) a page in its layout, with X-Jenkins and a session;
 * before, Stapler's bare sendError: Jetty's page, without X-Jenkins and without a session.
 */
export function notFound(ctx: RequestContext): EmuResponse {
  if (compareVersions(ctx.core.version, '2.421') < 0) return ctx.jetty(404, null)
  return notFoundPage(ctx.pageCommon())
}

/**
 * InstallUncaughtExceptionHandler#handleException: the exception is logged under a new id, which
 * the page shows. `status`: HttpResponses.error's, through the same handler.
 */
export function oops(ctx: RequestContext, error?: unknown, status = 500): EmuResponse {
  const trace = ctx.core.showStackTrace && error instanceof OopsError ? error.message : null
  const id = randomUUID()
  ctx.core.exceptions.push(id)
  return oopsPage(ctx.pageCommon(), id, status, trace)
}

function authenticationRequired(
  ctx: RequestContext,
  missing: MissingPermission | null
): EmuResponse {
  // HudsonAuthenticationEntryPoint; ExceptionTranslationFilter saves the request in a new session.
  ctx.getSession()
  if (ctx.header('x-requested-with') === 'XMLHttpRequest') return ctx.jetty(403, null)
  return authenticationRequiredPage(ctx.core.env, ctx.uriWithQuery, ['anonymous'], missing)
}

/** AccessDeniedException3 for the current authentication. */
function denied(ctx: RequestContext, missing: MissingPermission): EmuResponse {
  if (ctx.anonymous) return authenticationRequired(ctx, missing)
  const title =
    missing === ADMINISTER
      ? 'Overall/Administer'
      : missing === RUN_SCRIPTS
        ? 'Overall/RunScripts'
        : 'Overall/Read'
  return accessDeniedPage(ctx.pageCommon(), title, reportAsHeaders(ctx.auth.name, missing))
}

// ---------------------------------------------------------------- api/json, api/xml

const JSONP_FORBIDDEN = 'jsonp forbidden; implement jenkins.security.SecureRequester'

function rootApiJson(ctx: RequestContext): EmuResponse {
  if (ctx.param('jsonp') !== null) return ctx.jetty(403, JSONP_FORBIDDEN)
  const url = ctx.rootUrl()
  const allView = { _class: 'hudson.model.AllView', name: 'all', url }
  return apiJson(ctx.core.env, {
    _class: 'hudson.model.Hudson',
    assignedLabels: [{ name: 'built-in' }],
    mode: 'NORMAL',
    nodeDescription: "the Jenkins controller's built-in node",
    nodeName: '',
    numExecutors: 2,
    description: null,
    jobs: [],
    overallLoad: {},
    primaryView: allView,
    quietDownReason: null,
    quietingDown: false,
    slaveAgentPort: -1,
    unlabeledLoad: { _class: 'jenkins.model.UnlabeledLoadStatistics' },
    url,
    useCrumbs: ctx.core.crumbIssuer,
    useSecurity: ctx.core.useSecurity,
    views: [allView]
  })
}

function authorities(ctx: RequestContext): string[] {
  return ctx.anonymous ? ['anonymous'] : ['authenticated']
}

function whoAmIHtml(ctx: RequestContext): EmuResponse {
  return whoAmIPage(ctx.pageCommon(), ctx.anonymous, authorities(ctx))
}

function whoAmIJson(ctx: RequestContext): EmuResponse {
  if (ctx.param('jsonp') !== null) return ctx.jetty(403, JSONP_FORBIDDEN)
  return apiJson(ctx.core.env, {
    _class: 'hudson.security.WhoAmI',
    anonymous: ctx.anonymous,
    authenticated: true,
    authorities: authorities(ctx),
    name: ctx.auth.name
  })
}

function whoAmIXml(ctx: RequestContext): EmuResponse {
  const xml =
    '<whoAmI _class="hudson.security.WhoAmI">' +
    `<anonymous>${ctx.anonymous}</anonymous><authenticated>true</authenticated>` +
    authorities(ctx)
      .map((a) => `<authority>${xmlEscape(a)}</authority>`)
      .join('') +
    `<name>${xmlEscape(ctx.auth.name)}</name></whoAmI>`
  return apiXml(ctx.core.env, xml)
}

/**
 * User's Api#doJson: readable with Overall/Read (User#getTarget); `property` only for the user
 * themselves or an admin (User#getAllProperties), and ApiTokenProperty exports nothing else.
 */
function userApiJson(ctx: RequestContext, user: UserRecord): EmuResponse {
  if (ctx.param('jsonp') !== null) return ctx.jetty(403, JSONP_FORBIDDEN)
  const property =
    (sameUser(ctx, user) || ctx.isAdmin) && user.apiTokenProperty
      ? [{ _class: 'jenkins.security.ApiTokenProperty' }]
      : []
  return apiJson(ctx.core.env, {
    _class: 'hudson.model.User',
    absoluteUrl: `${ctx.rootUrl()}user/${rawEncode(ctx.core.users.keyFor(user.id))}`,
    description: null,
    fullName: user.fullName,
    id: user.id,
    property
  })
}

function crumbJson(ctx: RequestContext): EmuResponse {
  if (!ctx.core.crumbIssuer) return notFound(ctx)
  if (ctx.param('jsonp') !== null) return ctx.jetty(403, JSONP_FORBIDDEN)
  return apiJson(ctx.core.env, {
    _class: ctx.core.strictCrumbSource
      ? 'org.jenkinsci.plugins.strictcrumbissuer.StrictCrumbIssuer'
      : 'hudson.security.csrf.DefaultCrumbIssuer',
    crumb: ctx.currentCrumb(),
    crumbRequestField: ctx.core.crumbRequestField
  })
}

/** CrumbIssuer.RestrictedApi#doXml: four whitelisted xpaths, else a small subset of Api#doXml. */
function crumbXml(ctx: RequestContext): EmuResponse {
  if (!ctx.core.crumbIssuer) return notFound(ctx)
  const env = ctx.core.env
  const xpath = ctx.param('xpath')
  const crumb = ctx.currentCrumb()
  const field = ctx.core.crumbRequestField
  switch (xpath) {
    case '/*/crumbRequestField/text()':
      return apiText(env, field)
    case '/*/crumb/text()':
      return apiText(env, crumb)
    case 'concat(//crumbRequestField,":",//crumb)':
      return apiText(env, `${field}:${crumb}`)
    case "concat(//crumbRequestField,'=',//crumb)":
      if (field.startsWith('.') || field.includes('-')) return apiText(env, `${field}=${crumb}`)
      break
  }
  const crumbEl = `<crumb>${crumb}</crumb>`
  const fieldEl = `<crumbRequestField>${field}</crumbRequestField>`
  // Api#doXml names the root element after the issuer's class.
  const [root, className] = ctx.core.strictCrumbSource
    ? ['strictCrumbIssuer', 'org.jenkinsci.plugins.strictcrumbissuer.StrictCrumbIssuer']
    : ['defaultCrumbIssuer', 'hudson.security.csrf.DefaultCrumbIssuer']
  const whole = `<${root} _class="${className}">${crumbEl}${fieldEl}</${root}>`
  if (xpath === null) return apiXml(env, whole)
  const elements: Record<string, string> = {
    '/*': whole,
    [`/${root}`]: whole,
    '//crumb': crumbEl,
    '/*/crumb': crumbEl,
    [`/${root}/crumb`]: crumbEl,
    '//crumbRequestField': fieldEl,
    '/*/crumbRequestField': fieldEl,
    [`/${root}/crumbRequestField`]: fieldEl
  }
  const element = elements[xpath.replace(/\s+/g, '')]
  if (element !== undefined) return apiXml(env, element)
  if (/^[a-z-]+\(/.test(xpath.trim()) || /text\(\)\s*$/.test(xpath)) {
    return ctx.jetty(
      403,
      'primitive XPath result sets forbidden; implement jenkins.security.SecureRequester',
      apiHeaders(env) // set by Api#setHeaders before sendError
    )
  }
  // Api#doXml: no match is a plain 404 status with a text body (not sendError)
  return { status: 404, headers: apiHeaders(env), body: `XPath ${xpath} didn't match` }
}

// ---------------------------------------------------------------- script console (§7)

/**
 * Jenkins#doScriptText → _doScript: the permission before anything else, then the script.
 * RUN_SCRIPTS before 2.222, ADMINISTER from then on.
 */
function scriptText(ctx: RequestContext): EmuResponse {
  if (!ctx.isAdmin) {
    return denied(ctx, compareVersions(ctx.core.version, '2.222') < 0 ? RUN_SCRIPTS : ADMINISTER)
  }
  const script = ctx.param('script')
  if (script === null) return scriptTextResponse('')
  // HttpResponses.error(405, "requires POST"), rendered as the oops page
  if (ctx.method !== 'POST') return oops(ctx, undefined, 405)
  return scriptTextResponse(runScript(ctx.core, script))
}

// ---------------------------------------------------------------- ApiTokenProperty.DescriptorImpl

interface WebMethod {
  /** first Jenkins version with the method */
  since: string
  handler: (ctx: RequestContext, target: UserRecord) => EmuResponse
}

const API_TOKEN_METHODS: Record<string, WebMethod> = {
  generateNewToken: { since: '2.129', handler: generateNewToken },
  rename: { since: '2.129', handler: rename },
  revoke: { since: '2.129', handler: revoke },
  revokeAll: { since: '2.260', handler: revokeAll },
  revokeAllExcept: { since: '2.260', handler: revokeAllExcept },
  addFixedToken: { since: '2.260', handler: addFixedToken }
}

function descriptorMethod(
  ctx: RequestContext,
  target: UserRecord,
  descriptor: string,
  method: string
): EmuResponse {
  if (!DESCRIPTOR_IDS.has(descriptor)) return notFound(ctx)
  const web = Object.hasOwn(API_TOKEN_METHODS, method) ? API_TOKEN_METHODS[method] : undefined
  if (!web || compareVersions(ctx.core.version, web.since) < 0) return notFound(ctx)
  if (ctx.method !== 'POST') {
    // @RequirePOST → CrumbFilter.ErrorCustomizer → retry.jelly
    const url = `http://${ctx.header('host') ?? new URL(ctx.core.url).host}${ctx.rawPath}`
    return requirePostPage(ctx.pageCommon(), url)
  }
  return web.handler(ctx, target)
}

function sameUser(ctx: RequestContext, target: UserRecord): boolean {
  return (
    ctx.auth.user !== null &&
    ctx.core.users.keyFor(ctx.auth.user.id) === ctx.core.users.keyFor(target.id)
  )
}

/** (a) hasCurrentUserRightToGenerateNewToken */
function mayGenerate(ctx: RequestContext, target: UserRecord): boolean {
  if (ctx.core.adminCanGenerateNewTokens && ctx.isAdmin) return true
  if (!ctx.auth.user) return false
  ctx.core.users.ensureRecord(ctx.auth.user) // User.current()
  return sameUser(ctx, target)
}

/** (b) u.checkPermission(ADMINISTER); null when allowed. */
function checkAdministerOn(ctx: RequestContext, target: UserRecord): EmuResponse | null {
  if (sameUser(ctx, target) || ctx.isAdmin) return null
  return denied(ctx, ADMINISTER)
}

const EXPIRY_SINCE = '2.548'

/** §1.3: expirationDuration / tokenExpiration → date (null = never); throws where Java does. */
function parseExpiration(ctx: RequestContext, today: LocalDate): LocalDate | null {
  const duration = javaTrim(ctx.param('expirationDuration') ?? '')
  if (duration === '' || duration === 'never') return null
  if (duration === 'custom') {
    const text = ctx.param('tokenExpiration')
    if (text === null) throw new OopsError('NullPointerException: text')
    const date = parseIsoLocalDate(text)
    if (!date) throw new OopsError(`DateTimeParseException: Text '${text}' could not be parsed`)
    return date
  }
  const days = javaParseInt(duration)
  if (days === null) throw new OopsError(`NumberFormatException: For input string: "${duration}"`)
  const date = plusDays(today, days)
  if (!date) throw new OopsError('DateTimeException: Invalid value for EpochDay')
  return date
}

function defaultTokenName(): string {
  return `Token created on ${isoOffsetDateTimeNow()}`
}

function generateNewToken(ctx: RequestContext, target: UserRecord): EmuResponse {
  if (!mayGenerate(ctx, target)) return statusOnly(403)
  const requested = ctx.param('newTokenName')
  const name = requested === null || javaIsBlank(requested) ? defaultTokenName() : requested
  const { core } = ctx
  // A user without the property gets one (and is saved), even if the request fails below.
  target.apiTokenProperty = true
  if (compareVersions(core.version, EXPIRY_SINCE) < 0) {
    const { token, value } = core.users.generate(target, name, null)
    return okJson([
      ['tokenName', token.name],
      ['tokenUuid', token.uuid],
      ['tokenValue', value]
    ])
  }
  const today = core.today()
  const expiration = parseExpiration(ctx, today)
  if (expiration !== null && compareDates(expiration, today) < 0) {
    return errorJson('Expiration date is in the past.')
  }
  const { token, value } = core.users.generate(target, name, expiration)
  return okJson([
    ['aboutToExpire', isAboutToExpire(token, today)],
    ['tokenName', token.name],
    ['tokenUuid', token.uuid],
    ['tokenValue', value],
    [
      'expirationDate',
      expiration === null
        ? 'never'
        : formatShortDate(expiration, requestLocale(ctx.header('accept-language')))
    ]
  ])
}

function addFixedToken(ctx: RequestContext, target: UserRecord): EmuResponse {
  if (!mayGenerate(ctx, target)) return statusOnly(403)
  const requested = ctx.param('newTokenName')
  const name = requested === null || javaIsBlank(requested) ? defaultTokenName() : requested
  const { core } = ctx
  const expiration =
    compareVersions(core.version, EXPIRY_SINCE) < 0 ? null : parseExpiration(ctx, core.today())
  const value = ctx.param('newTokenPlainValue')
  if (value === null) throw new OopsError('NullPointerException')
  const result = core.users.addFixed(target, name, value, expiration)
  if (typeof result === 'string') throw new OopsError(`IllegalArgumentException: ${result}`)
  return okJson([
    ['tokenName', result.name],
    ['tokenUuid', result.uuid]
  ])
}

const EMPTY_UUID = 'The tokenUuid cannot be empty'

function revoke(ctx: RequestContext, target: UserRecord): EmuResponse {
  const denial = checkAdministerOn(ctx, target)
  if (denial) return denial
  const uuid = ctx.param('tokenUuid')
  if (uuid === null || javaIsBlank(uuid)) return ctx.jetty(400, EMPTY_UUID)
  ctx.core.users.revoke(target, uuid)
  return statusOnly(200)
}

function revokeAll(ctx: RequestContext, target: UserRecord): EmuResponse {
  const denial = checkAdministerOn(ctx, target)
  if (denial) return denial
  ctx.core.users.revokeAll(target)
  return statusOnly(200)
}

function revokeAllExcept(ctx: RequestContext, target: UserRecord): EmuResponse {
  const denial = checkAdministerOn(ctx, target)
  if (denial) return denial
  const uuid = ctx.param('tokenUuid')
  if (uuid === null || javaIsBlank(uuid)) return ctx.jetty(400, EMPTY_UUID)
  ctx.core.users.revokeAllExcept(target, uuid)
  return statusOnly(200)
}

function rename(ctx: RequestContext, target: UserRecord): EmuResponse {
  const denial = checkAdministerOn(ctx, target)
  if (denial) return denial
  const newName = ctx.param('newName')
  if (newName === null || javaIsBlank(newName)) return errorJson('The name cannot be empty')
  const uuid = ctx.param('tokenUuid')
  if (uuid === null || javaIsBlank(uuid)) return errorJson(EMPTY_UUID)
  if (!ctx.core.users.rename(target, uuid, newName)) {
    return errorJson('No token found, try refreshing the page')
  }
  return okJson()
}
