import { isGatewayStatus } from '../http/gateway.js'
import { shownLocation, shownPart, shownWhole, WITHHELD } from '../http/server-text.js'
import type { HttpResponse } from '../http/transport.js'
import { isCrumbRefusal, isJenkinsException, isStarting, loggingId } from './answers.js'
import type { Credentials } from './credentials.js'
import { JenkinsError } from './errors.js'
import { logPath } from './url.js'

/**
 * The X-Jenkins header: sent on pages and api/* responses, never on 401s or token JSON. It
 * is Jenkins's version (2.479.3, 2.480-SNAPSHOT), and the step hands it out and shows it, so
 * a value of another shape, or holding a secret of the step, is not taken as one.
 */
export function jenkinsVersion(response: HttpResponse): string | undefined {
  const value = response.headers['x-jenkins']
  return typeof value === 'string' && /^\d+(?:\.\d+)*(?:[-+ .]|$)/.test(value)
    ? shownWhole(value, 100)
    : undefined
}

/** Whether the answer carries X-Jenkins, whatever its value: a sign that Jenkins sent it. */
export function fromJenkins(response: HttpResponse): boolean {
  return typeof response.headers['x-jenkins'] === 'string'
}

export interface ResponseContext {
  /** What the action was doing, e.g. "fetching a CSRF crumb". */
  action: string
  /** The request's method: a GET has no body, and only a POST can be refused as not one. */
  method: 'GET' | 'POST'
  /** The Jenkins user whose credentials were sent. */
  username: string
  /** Whether those credentials are the user's password or an API token. */
  credential: 'password' | 'API token' | 'new token'
  /**
   * The first request made with a password: its 401 may come from how the password was
   * written (`padded`: white space at an end, which Jenkins takes as part of it) or from single
   * sign-on. Later ones follow a password Jenkins took.
   */
  firstWithPassword?: { padded: boolean }
  /**
   * The request went to the root that had just answered the mint, with the login that made it:
   * neither the URL nor the inputs can be what it failed on.
   */
  afterMint?: boolean
  /** A password session whose crumb issuer answered 404, taken as CSRF protection off. */
  noCrumbIssuer?: boolean
}

/** The context of a request sent with the login credentials; `first`: the first such request. */
export function loginContext(
  action: string,
  method: 'GET' | 'POST',
  credentials: Credentials,
  first = false
): ResponseContext {
  const password = credentials.kind === 'password'
  return {
    action,
    method,
    username: credentials.username,
    credential: password ? 'password' : 'API token',
    ...(first && password
      ? { firstWithPassword: { padded: credentials.secret !== credentials.secret.trim() } }
      : {})
  }
}

/**
 * How a failed answer opens its message. A 5xx is not a refusal: a gateway may send one after
 * Jenkins acted, and the step then names the token that may exist.
 */
export function failedAnswer(action: string, status: number): string {
  if (status < 500) return `Jenkins refused ${action} (HTTP ${status})`
  return `Jenkins answered ${requestNamed(action)} with an error (HTTP ${status})`
}

/** The opening for a gateway's 502 or 504: not Jenkins's own answer. */
function gatewayAnswered(action: string, status: number): string {
  return `A proxy or gateway in front of Jenkins most likely answered ${requestNamed(action)} (HTTP ${status}, without Jenkins's X-Jenkins header)`
}

/** The opening for a 5xx without X-Jenkins, whose sender is unsure; what it is not follows. */
function unmarked(action: string, status: number): string {
  const request = requestNamed(action)
  return `${request.charAt(0).toUpperCase()}${request.slice(1)} got an error (HTTP ${status}) without Jenkins's X-Jenkins header, and not `
}

// "to create a token for …" reads as the request it names.
function requestNamed(action: string): string {
  return action.startsWith('to ') ? `the request ${action}` : action
}

/**
 * Turns any answer that is not a success into a message a person can act on. Jenkins
 * writes no useful text on 401 and 400/403 (bare Jetty pages), so the words are ours.
 */
export function failureFor(response: HttpResponse, context: ResponseContext): JenkinsError {
  const { status } = response
  const what = failedAnswer(context.action, status)
  const challenge = foreignChallenge(response)
  // The request went where the mint had just gone through, as it did: that way in, and that
  // URL, are the right ones.
  const sinceMint = context.credential === 'new token' || context.afterMint === true
  const wayIn = sinceMint
    ? 'It let the mint through at the same jenkins-url: have it let this request through as well.'
    : 'Point jenkins-url at a way in that passes HTTP Basic authentication through to Jenkins.'
  if (challenge) {
    return new JenkinsError(
      `${what}: the answer asks for an authentication that is not Jenkins's (WWW-Authenticate: ${challenge}, where Jenkins asks for Basic realm="Jenkins"). Something in front of Jenkins (a proxy or gateway) wants credentials of its own, so Jenkins never checked those of "${context.username}". ${wayIn}`,
      status
    )
  }
  if (status === 401) {
    if (context.afterMint && context.credential !== 'new token') {
      // The same credentials had just made the token: the inputs are not what is wrong.
      return new JenkinsError(
        `${what}: the credentials of "${context.username}" were rejected, though Jenkins had just taken them to create the token. The controller may be restarting (until it has loaded its users it rejects every login), the ${context.credential} may have been changed or revoked meanwhile, or something between the runner and Jenkins altered the request.`,
        status
      )
    }
    const hint =
      context.credential === 'new token'
        ? 'The new token does not authenticate: it was revoked, has expired, or the controller did not store it.'
        : `Check the username input and the ${context.credential === 'password' ? 'password' : 'api-token'} input: the ${context.credential} is wrong, revoked or expired, or "${context.username}" does not exist.`
    const first = context.firstWithPassword
    const padded = first?.padded
      ? ' The password input begins or ends with a space or a line break, which Jenkins takes as part of it; a secret saved from a file often ends with one.'
      : ''
    const singleSignOn = first
      ? ' Under single sign-on (SAML, OpenID Connect), Jenkins takes no password over HTTP Basic: log in with an API token (api-token input).'
      : ''
    return new JenkinsError(
      `${what}: the credentials of "${context.username}" were rejected. ${hint}${padded}${singleSignOn}`,
      status
    )
  }
  if (isCrumbRefusal(response)) {
    // Jenkins asks no crumb of a request an API token authenticates, and answers a token it
    // does not take with 401 before the crumb check: this one reached it without the new token.
    if (context.credential === 'new token') {
      return new JenkinsError(
        `${what}: Jenkins asked for a CSRF crumb, which it never asks of a request its API token authenticates, so the request reached Jenkins without the new token's Authorization header. Something between the runner and Jenkins (a reverse proxy or gateway) most likely removes it from POST requests: configure it to pass the Authorization header through to Jenkins.`,
        status
      )
    }
    // Jenkins answers 404 at crumbIssuer only with CSRF protection off, and then asks no crumb.
    if (context.noCrumbIssuer) {
      return new JenkinsError(
        `${what}: Jenkins asked for a CSRF crumb, though its crumb issuer (crumbIssuer/api/json) had answered 404, as Jenkins does only with CSRF protection off: something in front of Jenkins (a proxy or firewall rule) hides the crumb issuer from the runner. Have it let through, or log in with an API token (api-token input), which needs no crumb.`,
        status
      )
    }
    return new JenkinsError(
      `${what}: no valid CSRF crumb. Jenkins requires a crumb for POSTs authenticated with a password, tied to the session cookie (from Jenkins 2.192) and, before 2.543, to the client's IP address (the first X-Forwarded-For entry). A proxy that drops the JSESSIONID cookie causes this, and so, before 2.543, do requests that reach Jenkins from different addresses (a NAT pool, or a proxy that opens a connection per request; "Enable proxy compatibility" under Manage Jenkins › Security › CSRF Protection lifts that, as does Jenkins 2.543 or later; not the Strict Crumb Issuer plugin's "Check the client IP"). An API token (api-token input) needs no crumb.`,
      status
    )
  }
  if (status === 403) {
    const required = header(response, 'x-required-permission')
    const as = header(response, 'x-you-are-authenticated-as')
    if (as === 'anonymous' || response.body.includes('Authentication required')) {
      return new JenkinsError(
        `${what}: Jenkins treated the request as anonymous. Something between the runner and Jenkins (a proxy or SSO gateway) may strip the Authorization header.`,
        status
      )
    }
    if (required) {
      const who = shownWhole(as) ?? context.username
      return new JenkinsError(
        `${what}: "${who}" lacks the permission ${permissionName(required)}. Have a Jenkins administrator grant it to "${who}" (Manage Jenkins › Security, under Authorization), or log in as a user who has it.`,
        status
      )
    }
    // Jenkins reports a refused permission with both headers (AccessDeniedException3's
    // reportAsHeaders): the user alone is not its permission check's refusal.
    if (as !== undefined) {
      const who = shownWhole(as) ?? context.username
      return new JenkinsError(
        `${what}: Jenkins refused "${who}" (X-You-Are-Authenticated-As) without naming a permission, which its own permission checks always name (X-Required-Permission): a plugin most likely refused the request by a rule of its own, or a proxy removed that header. ${askAnAdministrator(who)}`,
        status
      )
    }
    // AccessDeniedHandlerImpl names who asked only when a permission was denied
    // (AccessDeniedException2/3); any other AccessDeniedException, a plugin's say, gets Jenkins's
    // "Access Denied" page bare, with X-Jenkins as every page of Jenkins has.
    if (fromJenkins(response)) {
      return new JenkinsError(
        `${what}: Jenkins refused "${context.username}" (the answer carries its X-Jenkins header) without naming a permission or the user, which its permission checks always name (X-Required-Permission, X-You-Are-Authenticated-As): a check of another kind most likely refused it, such as a plugin's. ${askAnAdministrator(context.username)}`,
        status
      )
    }
    // Without X-Jenkins either: not Jenkins's page, or known above.
    return new JenkinsError(
      `${what}, without the X-You-Are-Authenticated-As header that Jenkins sends with a refusal of its own: something in front of Jenkins (a sign-in or single sign-on proxy, a firewall rule) most likely refused it, before Jenkins saw the credentials of "${context.username}". ${wayIn}`,
      status
    )
  }
  if (status === 429) {
    return new JenkinsError(
      `${what}: too many requests. Jenkins, or a proxy or firewall in front of it, limits how often this runner may call it, and let none of the step's attempts through. Wait for the limit to pass, or have it lifted for the runner.`,
      status
    )
  }
  if (status >= 300 && status < 400) {
    const location = header(response, 'location') ?? 'an unknown location'
    return new JenkinsError(
      `${what}: redirected to ${safeLocation(location)}. Check jenkins-url: the scheme (http/https), host and context path must be the controller's own root URL.`,
      status
    )
  }
  if (status === 404 && sinceMint) {
    return new JenkinsError(
      `${what}: not found, at the root URL where Jenkins had just created the token. Something between the runner and Jenkins (a proxy or gateway) now sends the request elsewhere, or the controller moved.`,
      status
    )
  }
  // The action's requests are small, so a size limit that refuses one was set low on the way,
  // most often in a reverse proxy; the setting to raise is the useful part. A GET has no body:
  // what a server measured was its headers (cookies among them) or, less likely, its URL.
  if (status === 413) {
    return new JenkinsError(
      context.method === 'GET'
        ? `${what}: the request is over a size limit on the way, and a GET has no body: its headers are, or less likely its URL, most likely over a limit of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize, LimitRequestLine). Cookies count toward the headers: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`
        : `${what}: the request's body is over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: client_max_body_size; Apache: LimitRequestBody). Raise that limit for Jenkins's URL.`,
      status
    )
  }
  if (status === 431 || (status === 400 && HEADERS_TOO_LARGE.test(response.body))) {
    return new JenkinsError(
      `${what}: the request's headers are over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize). Cookies count toward it: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL.`,
      status
    )
  }
  // nginx's answer to plain HTTP on a port it serves https on.
  if (status === 400 && response.body.includes('plain HTTP request was sent to HTTPS port')) {
    return new JenkinsError(
      `${what}: the answer says the port serves https ("The plain HTTP request was sent to HTTPS port"). Use https:// in jenkins-url.`,
      status
    )
  }
  if (status === 404) {
    return new JenkinsError(
      `${what}: not found. Check jenkins-url, including the context path (e.g. https://ci.example.com/jenkins/).`,
      status
    )
  }
  if (status === 400) return badRequest(response, what)
  // Jenkins answers a request that is not a POST at a POST-only endpoint with 405 and its page
  // "This URL requires POST" (CrumbFilter's retry.jelly, X-Jenkins, Allow: POST): the action's
  // POST reached it as another method. Without that, something in front refused the POST.
  if (status === 405 && context.method === 'POST') {
    if (fromJenkins(response) || response.body.includes('requires POST')) {
      return new JenkinsError(
        `${what}: Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET. Set jenkins-url to the controller's exact root URL (scheme, host and context path), or have the proxy pass POST requests through unchanged.`,
        status
      )
    }
    return new JenkinsError(
      `${what}, without Jenkins's X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. ${sinceMint ? "It let the mint's POST through at the same jenkins-url: have it let this one through as well." : 'Have it let POST requests to Jenkins through for the runner.'}`,
      status
    )
  }
  // Jenkins takes GET at every URL the action reads (crumbIssuer, whoAmI, a user's api/json),
  // and refuses a method only as @RequirePOST does: this 405, to a GET, is not that.
  if (status === 405) return getRefused(response, what, sinceMint)
  if (status === 414) return uriTooLong(response, what)
  if (status === 409) {
    return new JenkinsError(
      `${what}${titled(response)}: a conflict, which Jenkins itself sends to none of the action's requests. ${whereToLook(response)}`,
      status
    )
  }
  // 502 and 504 (and a CDN's 520-527) are a gateway's words for an upstream that did not
  // answer in full; Jenkins sends none itself, and its own answers carry X-Jenkins.
  if (isGatewayStatus(status) && !fromJenkins(response)) {
    return new JenkinsError(
      `${gatewayAnswered(context.action, status)}: it got no answer from the controller (down, restarting, too slow, or out of its reach). Try again later; if it lasts, check the gateway's route to Jenkins.`,
      status
    )
  }
  // Jenkins's own 500, its error page (oops), carries X-Jenkins, and the action knows it by its
  // markup too; its 503 is the page it shows while it starts. Anything else is most likely, not
  // surely, a proxy's 500 or a load balancer's or ingress's 503 (no healthy controller behind
  // it), or the servlet container's while Jenkins is not deployed.
  if (
    status >= 500 &&
    !fromJenkins(response) &&
    !isJenkinsException(response) &&
    !isStarting(response)
  ) {
    return new JenkinsError(
      status === 503
        ? `${unmarked(context.action, status)}the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress in front of Jenkins answered, with no controller to send it to (down, restarting, or failing a health check), or Jenkins's web server did, with Jenkins itself not running. Check that the controller is up (its log), then the gateway's route and health check for it. Try again later.`
        : `${unmarked(context.action, status)}Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed. Check its log for the request, then the controller's log at that time. Try again later.`,
      status
    )
  }
  if (isJenkinsException(response)) return jenkinsException(response, what)
  if (status >= 500) {
    return new JenkinsError(
      `${what}: the controller failed or is unavailable. Try again later.`,
      status
    )
  }
  // A status none of the above explains (406, 410, 422, a 2xx that is not 200, …): who
  // sent it is the one lead, and the page's title the one reason, the action has.
  return new JenkinsError(
    `${what}${titled(response)}: an answer the action has no explanation for. ${whereToLook(response)}`,
    status
  )
}

/** A 405 to a GET: a plugin's with X-Jenkins; else whatever is at jenkins-url, or in front. */
function getRefused(response: HttpResponse, what: string, sinceMint: boolean): JenkinsError {
  const refused = `${what}${titled(response)}`
  const takesGet = 'Jenkins takes GET requests at every URL the action reads'
  if (fromJenkins(response)) {
    return new JenkinsError(
      `${refused}: ${takesGet}, yet the answer carries its X-Jenkins header: a plugin most likely refused the method. Find the request in the controller's log at that time.`,
      405
    )
  }
  // After the mint went through, jenkins-url is proven to be Jenkins's.
  return new JenkinsError(
    sinceMint
      ? `${refused}, without Jenkins's X-Jenkins header: ${takesGet}, so something in front of Jenkins (a proxy, firewall rule or web application firewall) refused the method. It let the mint through at the same jenkins-url: have it let GET requests to Jenkins through as well.`
      : `${refused}, without Jenkins's X-Jenkins header: ${takesGet}, so something that is not Jenkins refused the method: jenkins-url most likely points at another application (one that takes only POST there, such as a webhook receiver), or a proxy, firewall rule or web application firewall in front of Jenkins refuses GET requests to this URL. Check that jenkins-url is the controller's root URL (where its dashboard is), then that proxy's rules for the runner.`,
    405
  )
}

/**
 * Half the 8 KiB that servers and proxies take for a request line by default (nginx, Apache,
 * Jetty): a URL below it was refused by a limit someone set lower.
 */
const LONG_URL = 4096

/**
 * A 414. The action's URLs are the root, a fixed path and at most one user id, so only a long
 * context path or user id makes one long; a short one met a limit set low on the way.
 */
function uriTooLong(response: HttpResponse, what: string): JenkinsError {
  const length = requestTargetLength(response.url)
  return new JenkinsError(
    length < LONG_URL
      ? `${what}: the request's URL is over a length limit on the way ("URI Too Long"), though it is only ${length} characters long, far below the 8 KiB that web servers and proxies take by default: a limit was set low, most likely in a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestLine). Raise it for Jenkins's URL.`
      : `${what}: the request's URL, ${length} characters long, is over a length limit on the way ("URI Too Long"), which web servers and proxies set at about 8 KiB by default (Jenkins's own Jetty too; nginx: large_client_header_buffers; Apache: LimitRequestLine). The action's URLs hold only jenkins-url's path, a fixed path and the id of the user input (percent-encoded: up to 12 characters for each character that is not ASCII): shorten the one that is long, or raise that limit for Jenkins's URL.`,
    414
  )
}

/** The length of the request line's target (path and query), which URL limits measure. */
function requestTargetLength(url: string): number {
  try {
    const { pathname, search } = new URL(url)
    return pathname.length + search.length
  } catch {
    return url.length
  }
}

/**
 * Jenkins's own error page: an exception inside Jenkins, which a retry most likely meets again,
 * so waiting is no help. The stack trace that names its cause is in the controller's log, under
 * the page's Logging ID when it has one.
 */
function jenkinsException(response: HttpResponse, what: string): JenkinsError {
  const id = loggingId(response)
  const where = id
    ? `Jenkins logged it with Logging ID=${id}: an administrator finds its stack trace in the controller's log under that ID ("Caught unhandled exception with ID ${id}").`
    : "An administrator finds its stack trace in the controller's log at the time of this request."
  return new JenkinsError(
    `${what}: an exception inside Jenkins (its own error page), from a bug in Jenkins or a plugin or a setting it cannot handle, which trying again most likely meets again. ${where} Fix the cause it names, then re-run the job.`,
    response.status
  )
}

/**
 * A 400 by what its page says. Jenkins's own 400s to the action's requests are the servlet
 * container's pages (sendError, no X-Jenkins) with its words: SuspiciousRequestFilter's for a
 * ';' in the path, and the revoke's for a missing tokenUuid or a user without tokens.
 */
function badRequest(response: HttpResponse, what: string): JenkinsError {
  const { body } = response
  if (body.includes('The tokenUuid cannot be empty')) {
    // The action always sends the UUID, in the POST's form body (never in the URL).
    return new JenkinsError(
      `${what}: Jenkins says "The tokenUuid cannot be empty", though the action sends the token's UUID in the POST's form body: something between the runner and Jenkins (a proxy or gateway) dropped or altered that body. Have it pass POST bodies (application/x-www-form-urlencoded) through to Jenkins unchanged.`,
      400
    )
  }
  if (body.includes('does not have any ApiToken yet')) {
    return new JenkinsError(
      `${what}: Jenkins says the user "does not have any ApiToken yet": it holds no API token of that user at all, so the token is most likely gone already, the user's record replaced or reset since the mint (a restore, or configuration as code). Check the user's Security page for it.`,
      400
    )
  }
  if (body.includes('Semicolons are not allowed')) {
    return new JenkinsError(
      `${what}: Jenkins refuses a ";" in a request's path ("Semicolons are not allowed in the request URI"). Remove it from jenkins-url (a ;jsessionid=… copied from a browser, say); if jenkins-url has none, a redirect on the way added it: fix that redirect.`,
      400
    )
  }
  return new JenkinsError(
    `${what}${titled(response)}: the request was refused as malformed, for none of the reasons Jenkins has to refuse the action's requests so (a ";" in the path, a missing tokenUuid), which its page would name. ${whereToLook(response)}`,
    400
  )
}

/**
 * The title of an HTML answer, where servers put their reason ("Error 400 Invalid SNI"), as a
 * message may show it: whole, or not at all.
 */
function titled(response: HttpResponse): string {
  const title = shownWhole(/<title>([^<]*)<\/title>/i.exec(response.body)?.[1]?.trim(), 120)
  return title ? ` ("${title}")` : ''
}

/** The fix for a refusal Jenkins did not explain: only its log, and its administrator, can. */
function askAnAdministrator(who: string): string {
  return `Have a Jenkins administrator find the refusal in the controller's log and check what "${who}" may do (Manage Jenkins › Security), or log in as a user who may.`
}

/** Where to look for the cause of an answer the action cannot tell: who sent it decides. */
function whereToLook(response: HttpResponse): string {
  return fromJenkins(response)
    ? "The answer carries Jenkins's X-Jenkins header, so Jenkins or a plugin in it sent it: find the request in the controller's log at that time."
    : "The answer has no X-Jenkins header, so most likely something in front of Jenkins (a proxy, load balancer or web application firewall) sent it: find the request in its log, then in the controller's, at that time."
}

/**
 * nginx answers headers over large_client_header_buffers with a 400 of its own words, not a
 * 431; Apache's (LimitRequestFieldSize) is a 400 too.
 */
const HEADERS_TOO_LARGE =
  /Request Header Or Cookie Too Large|request header field exceeds server limit/i

/** A JSON object as it came: each field is still to be checked by the one who reads it. */
export type JsonObject = Readonly<Record<string, unknown>>

/** The request an answer belongs to, as messages name it (never with a query). */
export interface AnsweredRequest {
  method: 'GET' | 'POST'
  url: string
}

/**
 * The JSON object of an answer. Jenkins's API answers every request the action makes with an
 * object; anything else (no JSON, or `null`, a number, a string, an array) comes from
 * something else, and is refused here, so that no caller reads a field of it.
 */
export function readJsonObject(
  response: HttpResponse,
  context: ResponseContext,
  request: AnsweredRequest
): JsonObject {
  const json = parseJson(response, context)
  if (isJsonObject(json)) return json
  throw new JenkinsError(
    `Jenkins answered ${request.method} ${logPath(request.url)} with JSON that is not an object (${jsonKind(json)}). Check jenkins-url: it must be the controller itself, not a proxy or another application.`,
    response.status
  )
}

export function isJsonObject(json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json)
}

/** Parses a JSON body, or explains that whatever answered is not Jenkins's JSON API. */
function parseJson(response: HttpResponse, context: ResponseContext): unknown {
  try {
    return JSON.parse(response.body)
  } catch {
    const { mediaType, shown } = contentType(response)
    // A body labelled JSON that does not parse is broken, not some other page.
    const broken = /[/+]json$/i.test(mediaType)
    const got = broken ? `got ${shown} that does not parse as JSON` : `got ${shown}`
    const page = broken ? '' : ', and reach Jenkins itself, not a sign-in page in front of it'
    throw new JenkinsError(
      `Jenkins did not answer ${context.action} with JSON (${got}). Check jenkins-url: it must be the controller's root URL, including any context path${page}.`,
      response.status
    )
  }
}

function jsonKind(json: unknown): string {
  if (json === null) return 'null'
  if (Array.isArray(json)) return 'an array'
  return typeof json === 'boolean' ? json.toString() : `a ${typeof json}`
}

/**
 * The challenge of a 401 that is not Jenkins's, as it may be shown: Jenkins's own asks for
 * `Basic realm="Jenkins"` (BasicAuthenticationEntryPoint; `, charset="UTF-8"` follows from
 * 2.569), or `Basic realm="Jenkins user"` (LegacySecurityRealm). Undefined for Jenkins's, or
 * for a 401 without a challenge, which proves nothing either way: Jenkins's own login error
 * pages and oic-auth's failed token refresh send none. Node joins several WWW-Authenticate
 * headers with commas, and a server in front may add its own before Jenkins's.
 */
export function foreignChallenge(response: HttpResponse): string | undefined {
  const challenge = response.status === 401 ? header(response, 'www-authenticate') : undefined
  if (challenge === undefined || /(?:^|,)\s*Basic\s+realm="Jenkins[" ]/i.test(challenge))
    return undefined
  return shownWhole(challenge.trim()) ?? WITHHELD
}

/** The answer's media type (without parameters), and how a message may show it. */
export function contentType(response: HttpResponse): { mediaType: string; shown: string } {
  const type = header(response, 'content-type') ?? 'no content type'
  const mediaType = type.split(';')[0]?.trim() ?? ''
  return { mediaType, shown: shownPart(type, mediaType) ?? `a content type ${WITHHELD}` }
}

/** The names Jenkins's own pages give the Overall permissions, beside the id. */
const OVERALL_PERMISSIONS = new Map([
  ['hudson.model.Hudson.Read', 'Overall/Read'],
  ['hudson.model.Hudson.SystemRead', 'Overall/SystemRead'],
  ['hudson.model.Hudson.Administer', 'Overall/Administer'],
  ['hudson.model.Hudson.RunScripts', 'Overall/RunScripts']
])

function permissionName(id: string): string {
  const shown = shownWhole(id)
  if (shown === undefined) return WITHHELD
  const name = OVERALL_PERMISSIONS.get(shown)
  return name ? `${name} (${shown})` : shown
}

export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A redirect target without any userinfo or query, which might carry a secret. */
function safeLocation(location: string): string {
  try {
    return shownLocation(new URL(location), location)
  } catch {
    return 'a relative location'
  }
}
