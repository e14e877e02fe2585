/**
 * Response bodies: Jetty's default error pages (ee9 ErrorHandler, with its Accept negotiation),
 * Jenkins `l:layout` HTML pages (_404, retry/405, accessDenied, oops, …), the anonymous
 * "Authentication required" entry-point page and the small JSON/empty responses of HttpResponses.
 */
import type { EmuResponse } from './types.js'
import {
  compareVersions,
  encodeLatin1,
  escapeHtml,
  javaUrlEncode,
  jsonLibQuote,
  qualityList,
  replaceUnmappable,
  sanitizeXmlString
} from './util.js'

export interface PageEnv {
  version: string
  /** X-Jenkins-Session value */
  sessionHash: string
  /** '' or '/jenkins' */
  contextPath: string
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Server Error'
}

/** Functions.advertiseHeaders */
export function advertiseHeaders(env: PageEnv): [string, string][] {
  return [
    ['X-Hudson', '1.395'],
    ['X-Jenkins', env.version],
    ['X-Jenkins-Session', env.sessionHash]
  ]
}

/** Api#setHeaders (api/json, api/xml) */
export function apiHeaders(env: PageEnv): [string, string][] {
  return [
    ['X-Jenkins', env.version],
    ['X-Jenkins-Session', env.sessionHash],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'deny']
  ]
}

// ---------------------------------------------------------------- Jetty error pages

export interface JettyErrorInput {
  status: number
  message: string | null
  /** request.getRequestURI(): raw path, no query */
  uri: string
  method: string
  accept: string | undefined
  acceptCharset: string | undefined
  /** false for errors produced outside the Jenkins webapp (no SERVLET row) */
  showServlet?: boolean
  /** headers set before sendError survive it (e.g. WWW-Authenticate, Set-Cookie, X-Jenkins) */
  headers?: [string, string][]
}

const CHARSETS: Record<string, 'UTF-8' | 'ISO-8859-1' | 'US-ASCII'> = {
  'utf-8': 'UTF-8',
  utf8: 'UTF-8',
  'iso-8859-1': 'ISO-8859-1',
  iso8859_1: 'ISO-8859-1',
  latin1: 'ISO-8859-1',
  'us-ascii': 'US-ASCII',
  ascii: 'US-ASCII'
}

function encodeAs(s: string, charset: 'UTF-8' | 'ISO-8859-1' | 'US-ASCII'): Buffer {
  if (charset === 'UTF-8') return Buffer.from(s, 'utf8')
  if (charset === 'US-ASCII') return Buffer.from(replaceUnmappable(s, 0x7f), 'latin1')
  return encodeLatin1(s)
}

/** HttpServletResponse.sendError(status, message) rendered by Jetty's ErrorHandler. */
export function jettyError(input: JettyErrorInput): EmuResponse {
  const headers: [string, string][] = [...(input.headers ?? [])]
  headers.push(['Cache-Control', 'must-revalidate,no-cache,no-store'])
  const status = input.status
  const message = input.message ?? REASONS[status] ?? String(status)
  const showServlet = input.showServlet !== false
  const empty: EmuResponse = { status, headers, body: '' }
  if (!['GET', 'POST', 'HEAD'].includes(input.method)) return empty

  let charset: 'UTF-8' | 'ISO-8859-1' | 'US-ASCII' | null = null
  const acceptCharsets = qualityList(input.acceptCharset)
  if (acceptCharsets.length > 0) {
    for (const name of acceptCharsets) {
      if (name === '*') {
        charset = 'UTF-8'
        break
      }
      charset = CHARSETS[name.toLowerCase()] ?? charset
    }
    if (charset === null) return empty
  }
  const mimeTypes = input.accept === undefined ? ['text/html'] : qualityList(input.accept, true)
  for (const mime of mimeTypes) {
    const lower = mime.toLowerCase()
    if (lower === 'text/html' || lower === 'text/*' || lower === '*/*') {
      const cs = charset ?? 'ISO-8859-1'
      const ct =
        cs === 'US-ASCII' ? 'text/html;charset=US-ASCII' : `text/html;charset=${cs.toLowerCase()}`
      headers.push(['Content-Type', ct])
      return {
        status,
        headers,
        body: encodeAs(jettyHtml(input.uri, status, message, cs, showServlet), cs)
      }
    }
    if (lower === 'application/json' || lower === 'text/json') {
      const cs = charset ?? 'UTF-8'
      headers.push(['Content-Type', mime])
      return {
        status,
        headers,
        body: encodeAs(jettyJson(input.uri, status, message, showServlet), cs)
      }
    }
    if (lower === 'text/plain') {
      const cs = charset ?? 'ISO-8859-1'
      const ct =
        cs === 'US-ASCII' ? 'text/plain;charset=US-ASCII' : `text/plain;charset=${cs.toLowerCase()}`
      headers.push(['Content-Type', ct])
      return {
        status,
        headers,
        body: encodeAs(jettyPlain(input.uri, status, message, showServlet), cs)
      }
    }
  }
  return empty
}

function jettyHtml(
  uri: string,
  status: number,
  message: string,
  charset: string,
  showServlet: boolean
): string {
  const code = String(status)
  const suffix = message !== code ? ` ${sanitizeXmlString(message)}` : ''
  const row = (tag: string, value: string) =>
    `<tr><th>${tag}:</th><td>${sanitizeXmlString(value)}</td></tr>\n`
  return (
    '<html>\n<head>\n' +
    `<meta http-equiv="Content-Type" content="text/html;charset=${charset}"/>\n` +
    `<title>Error ${code}${suffix}</title>\n` +
    '</head>\n<body>' +
    `<h2>HTTP ERROR ${code}${suffix}</h2>\n` +
    '<table>\n' +
    row('URI', uri) +
    row('STATUS', code) +
    row('MESSAGE', message) +
    (showServlet ? row('SERVLET', 'Stapler') : '') +
    '</table>\n' +
    '\n</body>\n</html>\n'
  )
}

function jettyPlain(uri: string, status: number, message: string, showServlet: boolean): string {
  return (
    `HTTP ERROR ${status} ${sanitizeXmlString(message)}\n` +
    `URI: ${uri}\nSTATUS: ${status}\nMESSAGE: ${message}\n` +
    (showServlet ? 'SERVLET: Stapler\n' : '')
  )
}

/** Jetty writes a java.util.HashMap: for these keys the iteration order is servlet, message, url, status. */
function jettyJson(uri: string, status: number, message: string, showServlet: boolean): string {
  const entries: [string, string][] = []
  if (showServlet) entries.push(['servlet', 'Stapler'])
  entries.push(['message', message], ['url', uri], ['status', String(status)])
  return `{\n${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(sanitizeXmlString(v))}`).join(',\n')}\n}`
}

// ---------------------------------------------------------------- Jenkins layout pages

export interface LayoutInput {
  env: PageEnv
  status: number
  title: string
  /** inner HTML of the main panel */
  main: string
  /** name of the current authentication ("anonymous" or a user id) */
  authName: string
  /** crumb for this session, rendered into <head data-crumb-value>; null when no crumb issuer */
  crumb: string | null
  headers?: [string, string][]
}

/** A page rendered through lib/layout/layout.jelly (which also creates the HTTP session). */
export function layoutPage(input: LayoutInput): EmuResponse {
  const { env } = input
  const root = env.contextPath
  const res = `${root}/static/${env.sessionHash}`
  const crumbAttrs =
    input.crumb === null
      ? ''
      : ` data-crumb-header="Jenkins-Crumb" data-crumb-value="${escapeHtml(input.crumb)}"`
  const user =
    input.authName === 'anonymous'
      ? `<a href="${root}/login"><b>log in</b></a>`
      : `<a href="${root}/user/${escapeHtml(input.authName.toLowerCase())}">${escapeHtml(input.authName)}</a>`
  const html =
    '<!DOCTYPE html><html class=""><head' +
    ` resURL="${res}" data-rooturl="${root}" data-resurl="${res}" data-imagesurl="${res}/images"` +
    `${crumbAttrs}>` +
    `<title>${escapeHtml(input.title)} [Jenkins]</title>` +
    '<meta name="ROBOTS" content="INDEX,NOFOLLOW">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '</head>' +
    '<body id="jenkins" class="yui-skin-sam one-column jenkins-2.0" data-version="' +
    escapeHtml(env.version) +
    '">' +
    `<header id="page-header" class="page-header"><div class="login page-header__hyperlinks">${user}</div></header>` +
    `<div id="page-body" class="app-page-body"><div id="main-panel">${input.main}</div></div>` +
    '<footer class="page-footer"><div class="page-footer__links">' +
    `<a class="jenkins_ver" href="https://www.jenkins.io/">Jenkins ${escapeHtml(env.version)}</a>` +
    '</div></footer></body></html>'
  return {
    status: input.status,
    headers: [
      ...(input.headers ?? []),
      ...advertiseHeaders(env),
      ['X-Frame-Options', 'sameorigin'],
      ['Content-Type', 'text/html;charset=UTF-8']
    ],
    body: html
  }
}

export type PageCommon = Omit<LayoutInput, 'status' | 'title' | 'main' | 'headers'>

/** jenkins/model/Jenkins/_404.jelly */
export function notFoundPage(common: PageCommon): EmuResponse {
  return layoutPage({
    ...common,
    status: 404,
    title: 'Not Found',
    main:
      '<h1>Not Found</h1>' +
      '<p>This page may not exist, or you may not have permission to see it.</p>'
  })
}

/** hudson/security/csrf/CrumbFilter/retry.jelly, the @RequirePOST error page */
export function requirePostPage(common: PageCommon, requestUrl: string): EmuResponse {
  const crumbInput =
    common.crumb === null
      ? ''
      : `<input name="Jenkins-Crumb" type="hidden" value="${escapeHtml(common.crumb)}">`
  return layoutPage({
    ...common,
    status: 405,
    title: 'Method Not Allowed',
    headers: [['Allow', 'POST']],
    main:
      '<h1>This URL requires POST</h1>' +
      "<p>The URL you're trying to access requires that requests be sent using POST (like a form submission). " +
      'The button below allows you to retry accessing this URL using POST. URL being accessed:</p>' +
      `<pre>${escapeHtml(requestUrl)}</pre>` +
      `<form method="POST" name="retry">${crumbInput}<button type="submit" name="Submit" class="jenkins-button jenkins-button--primary">Proceed</button></form>`
  })
}

/** jenkins/model/Jenkins/accessDenied.jelly (AccessDeniedHandlerImpl) */
export function accessDeniedPage(
  common: PageCommon,
  permissionTitle: string,
  reportHeaders: [string, string][]
): EmuResponse {
  return layoutPage({
    ...common,
    status: 403,
    title: 'Access Denied',
    headers: reportHeaders,
    main:
      '<h1>Access Denied</h1>' +
      `<p>${escapeHtml(common.authName)} is missing the ${escapeHtml(permissionTitle)} permission</p>`
  })
}

/**
 * jenkins/model/Jenkins/oops.jelly: an uncaught exception (500), or HttpResponses.error(status, …)
 * rendered by Jenkins's error customizer.
 */
export function oopsPage(
  common: PageCommon,
  loggingId: string,
  status = 500,
  /** Functions#printThrowable, shown only with jenkins.model.Jenkins.SHOW_STACK_TRACE */
  stackTrace: string | null = null
): EmuResponse {
  const trace =
    stackTrace === null
      ? ''
      : `<h2>Stack trace</h2><pre style="margin:2em; clear:both">${escapeHtml(stackTrace)}</pre>`
  // The image is rage.png before 2.2xx's SVG icons, rage.svg since; the words are translated
  // (oops.properties), the markup and "Logging ID=" are not.
  const images = `${common.env.contextPath}/static/${common.env.sessionHash}/images`
  return layoutPage({
    ...common,
    status,
    title: 'Jenkins',
    main:
      `<h1 style="text-align: center"><img src="${images}/rage.svg" height="179" width="154"/> <span style="font-size:50px">&nbsp;Oops!</span></h1>` +
      '<div id="error-description"><h2 style="text-align: center">A problem occurred while processing the request</h2>' +
      `<p style="text-align: center">Logging ID=${escapeHtml(loggingId)}</p></div>${trace}`
  })
}

/**
 * The spinner's words, `${%Please wait while Jenkins is getting ready to work}` and
 * `${%Please wait while Jenkins is restarting}`: since 2.477 (ce3d8c102c) index.properties gives
 * them in English as "Jenkins is getting ready to work" and "Jenkins is restarting"; before, the
 * key itself was the English text. (Other locales have their own words; the page's markup is the
 * same in every one.)
 */
export function startingText(version: string, kind: 'loading' | 'restarting'): string {
  const since2477 = compareVersions(version, '2.477') >= 0
  if (kind === 'restarting') {
    return since2477 ? 'Jenkins is restarting' : 'Please wait while Jenkins is restarting'
  }
  return since2477
    ? 'Jenkins is getting ready to work'
    : 'Please wait while Jenkins is getting ready to work'
}

/**
 * hudson/util/HudsonIsLoading/index.jelly, served for every path while Jenkins loads, and
 * HudsonIsRestarting/index.jelly, while it restarts: 503, no layout (so no session and no
 * X-Jenkins headers), no Retry-After.
 */
export function loadingPage(env: PageEnv, kind: 'loading' | 'restarting' = 'loading'): EmuResponse {
  const root = env.contextPath
  const res = `${root}/static/${env.sessionHash}`
  const html =
    '<!DOCTYPE html><html lang="en-US">' +
    `<head data-rooturl="${root}" data-resurl="${res}" data-imagesurl="${res}/images" resURL="${res}">` +
    `<title>${kind === 'loading' ? 'Starting Jenkins' : 'Restarting Jenkins'}</title>` +
    '<meta name="ROBOTS" content="NOFOLLOW">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<link rel="stylesheet" href="${res}/jsbundles/simple-page.css" type="text/css">` +
    '</head><body><div class="simple-page" role="main"><div class="app-jenkins-booting">' +
    `<div class="logo"><img src="${res}/images/svgs/logo.svg" alt="Jenkins logo"></div>` +
    `<h1 class="loading"><p class="jenkins-spinner">${startingText(env.version, kind)}</p></h1>` +
    '<p class="restarting">Your browser will reload automatically when Jenkins is ready.</p>' +
    `</div></div><script src="${res}/scripts/loading.js" type="text/javascript"></script>` +
    '</body></html>'
  return {
    status: 503,
    headers: [
      ['Expires', '0'],
      ['Cache-Control', 'no-cache,no-store,must-revalidate'],
      ['Content-Type', 'text/html;charset=UTF-8']
    ],
    body: html
  }
}

export function loginPage(common: PageCommon, from: string | null): EmuResponse {
  const root = common.env.contextPath
  return layoutPage({
    ...common,
    status: 200,
    title: 'Sign in',
    main:
      '<h1>Sign in to Jenkins</h1>' +
      `<form method="post" name="login" action="${root}/j_spring_security_check">` +
      '<input autocorrect="off" autocapitalize="off" type="text" name="j_username" id="j_username">' +
      '<input type="password" name="j_password" id="j_password">' +
      (from === null ? '' : `<input name="from" type="hidden" value="${escapeHtml(from)}">`) +
      '<button type="submit" name="Submit">Sign in</button></form>'
  })
}

export function dashboardPage(common: PageCommon): EmuResponse {
  return layoutPage({
    ...common,
    status: 200,
    title: 'Dashboard',
    main: '<div id="main-panel-content"><h1>Welcome to Jenkins!</h1></div>'
  })
}

export function whoAmIPage(
  common: PageCommon,
  anonymous: boolean,
  authorities: string[]
): EmuResponse {
  return layoutPage({
    ...common,
    status: 200,
    title: 'Who Am I?',
    main:
      '<h1>Who Am I?</h1><table>' +
      `<tr><td>Name:</td><td>${escapeHtml(common.authName)}</td></tr>` +
      `<tr><td>IsAuthenticated?:</td><td>true</td></tr>` +
      `<tr><td>Anonymous?:</td><td>${anonymous}</td></tr>` +
      `<tr><td>Authorities:</td><td><ul>${authorities.map((a) => `<li>"${escapeHtml(a)}"</li>`).join('')}</ul></td></tr>` +
      '</table>'
  })
}

/** A reverse proxy's own 403 page (nginx's), for a path it refuses to pass to Jenkins. */
export function proxyForbidden(): EmuResponse {
  return {
    status: 403,
    headers: [['Content-Type', 'text/html']],
    body:
      '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n' +
      '<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
  }
}

/** _scriptText.jelly: the console's output as text/plain, through l:view (no session, no X-Jenkins). */
export function scriptTextResponse(output: string): EmuResponse {
  return { status: 200, headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: output }
}

// ---------------------------------------------------------------- anonymous entry point (§5.3)

export interface MissingPermission {
  /** e.g. hudson.model.Hudson.Read */
  id: string
  /** implication chain, e.g. [GenericRead, Administer] */
  impliedBy: string[]
}

export const READ: MissingPermission = {
  id: 'hudson.model.Hudson.Read',
  impliedBy: ['hudson.security.Permission.GenericRead', 'hudson.model.Hudson.Administer']
}
export const ADMINISTER: MissingPermission = { id: 'hudson.model.Hudson.Administer', impliedBy: [] }
/** Jenkins.RUN_SCRIPTS, which the script console checked before 2.222. */
export const RUN_SCRIPTS: MissingPermission = {
  id: 'hudson.model.Hudson.RunScripts',
  impliedBy: ['hudson.model.Hudson.Administer']
}

/** AccessDeniedException3#reportAsHeaders (REPORT_GROUP_HEADERS=false) */
export function reportAsHeaders(authName: string, p: MissingPermission): [string, string][] {
  return [
    ['X-You-Are-Authenticated-As', authName],
    [
      'X-You-Are-In-Group-Disabled',
      'JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose'
    ],
    ['X-Required-Permission', p.id],
    ...p.impliedBy.map((id): [string, string] => ['X-Permission-Implied-By', id])
  ]
}

/**
 * HudsonAuthenticationEntryPoint#commence for a non-XHR anonymous request: 403 with a meta-refresh
 * to the login page. `missing` is null for a plain AccessDeniedException (e.g. /me).
 */
export function authenticationRequiredPage(
  env: PageEnv,
  requestUriWithQuery: string,
  authorities: string[],
  missing: MissingPermission | null
): EmuResponse {
  const loginForm = `${env.contextPath}/login?from=${javaUrlEncode(requestUriWithQuery)}`
  let body =
    '<html><head>' +
    `<meta http-equiv='refresh' content='1;url=${loginForm}'/>` +
    `<script id='redirect' data-redirect-url='${loginForm}' src='${env.contextPath}/static/${env.sessionHash}/scripts/redirect.js'></script>` +
    '</head>' +
    "<body style='background-color:white; color:white;'>\n" +
    '\n\n' +
    'Authentication required\n' +
    '<!--\n'
  if (missing) {
    body += 'You are authenticated as: anonymous\nGroups that you are in:\n'
    for (const a of authorities) body += `  ${a}\n`
    body += `Permission you need to have (but didn't): ${missing.id}\n`
    for (const p of missing.impliedBy) body += ` ... which is implied by: ${p}\n`
  }
  body += '-->\n\n</body></html>'
  body += ' '.repeat(300)
  return {
    status: 403,
    headers: [
      ['Content-Type', 'text/html;charset=UTF-8'],
      ...advertiseHeaders(env),
      ...(missing ? reportAsHeaders('anonymous', missing) : [])
    ],
    body
  }
}

// ---------------------------------------------------------------- stapler HttpResponses

/** HttpResponses.okJSON / errorJSON: exact json-lib rendering, no advertising headers. */
export function jsonResponse(json: string): EmuResponse {
  return {
    status: 200,
    headers: [['Content-Type', 'application/json; charset=UTF-8']],
    body: json
  }
}

export function okJson(data?: [string, string | boolean][]): EmuResponse {
  if (data === undefined) return jsonResponse('{"status":"ok"}')
  const fields = data.map(
    ([k, v]) => `${jsonLibQuote(k)}:${typeof v === 'boolean' ? String(v) : jsonLibQuote(v)}`
  )
  return jsonResponse(`{"status":"ok","data":{${fields.join(',')}}}`)
}

export function errorJson(message: string): EmuResponse {
  return jsonResponse(`{"status":"error","message":${jsonLibQuote(message)}}`)
}

/** HttpResponses.ok() / forbidden() / status(n): status only, empty body, no Content-Type. */
export function statusOnly(status: number): EmuResponse {
  return { status, headers: [], body: '' }
}

/** Exported-bean JSON (Stapler api/json): compact, keys as given. */
export function apiJson(env: PageEnv, value: unknown): EmuResponse {
  return {
    status: 200,
    headers: [...apiHeaders(env), ['Content-Type', 'application/json;charset=UTF-8']],
    body: JSON.stringify(value)
  }
}

export function apiXml(env: PageEnv, xml: string, status = 200): EmuResponse {
  return {
    status,
    headers: [...apiHeaders(env), ['Content-Type', 'application/xml;charset=UTF-8']],
    body: xml
  }
}

export function apiText(env: PageEnv, text: string, status = 200): EmuResponse {
  return {
    status,
    headers: [...apiHeaders(env), ['Content-Type', 'text/plain;charset=UTF-8']],
    body: text
  }
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
}
