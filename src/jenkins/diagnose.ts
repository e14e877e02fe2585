/**
 * Second looks that turn a failure into its real cause. Each costs a request or two, and is
 * made only after something failed, so a working job never pays for it.
 */
import type { HttpResponse, Transport } from '../http/transport.js'
import {
  isCrumbRefusal,
  isJenkinsClass,
  isLoadingCrumbFailure,
  isStarting,
  STARTING_PAGE
} from './answers.js'
import { authorization, type Credentials, looksLikeApiToken } from './credentials.js'
import { JenkinsError } from './errors.js'
import { failedAnswer, fromJenkins, type ResponseContext } from './responses.js'
import { securityFlagEndpoint, whoAmIEndpoint } from './url.js'

export interface Probe {
  root: string
  credentials: Credentials
  transport: Transport
  /**
   * What whoAmI at the root answered these credentials earlier in the step (askRoot): the same
   * question is not sent twice.
   */
  known?: RootAnswer
}

/** How Jenkins's whoAmI took the login credentials. */
interface WhoAmIAnswer {
  anonymous: boolean
  name: string | undefined
}

/** What one GET of whoAmI at the root tells. */
export interface RootAnswer {
  /** Jenkins answers at the root (jenkinsAt). */
  atRoot: boolean
  /** As whom, when the answer was whoAmI's JSON. */
  identity?: WhoAmIAnswer
}

const WHO_AM_I = /^hudson\.security\.WhoAmI$/
const JENKINS_ROOT = /^hudson\.model\.Hudson$/

/**
 * The cause of a failed answer when a second look can prove it: a controller still starting,
 * a user the security realm no longer knows, a wrong context path, an Authorization header
 * that never arrived, a password given as an API token. Undefined: the usual message fits.
 * Each cause stops a request before Jenkins acts on it, so a mint it explains made no token:
 * keep it so for any cause added here (the mints rely on it).
 */
export async function diagnose(
  response: HttpResponse,
  context: ResponseContext,
  probe: Probe
): Promise<JenkinsError | undefined> {
  // A 5xx opens as an error, not a refusal, as failureFor's messages do.
  const what = failedAnswer(context.action, response.status)
  if (isStarting(response)) {
    return new JenkinsError(
      `Jenkins at ${probe.root} is still starting: it answered ${context.action} with ${STARTING_PAGE}. ${probe.transport.limits.starting}`,
      503
    )
  }
  if (isLoadingCrumbFailure(response)) {
    return new JenkinsError(
      `Jenkins at ${probe.root} is still starting: it answered ${context.action} with its error page (HTTP 500) for a CSRF filter whose crumb issuer "is missing its descriptor", as only while it loads, before it acts on any request. ${probe.transport.limits.starting}`,
      500
    )
  }
  if (
    response.status === 500 &&
    context.credential !== 'password' &&
    (await impersonationFails(probe))
  ) {
    return new JenkinsError(
      `${what}: Jenkins matched the API token of "${context.username}", but its security realm no longer knows that user, so Jenkins cannot act as them (every request with this token fails with HTTP 500, while Jenkins answers others). The user exists in Jenkins but not in its security realm (LDAP, Active Directory, …): restore the account in the realm, or use a user the realm knows.`,
      500
    )
  }
  // Without security, /me/ fails with Jenkins's error page (getMe throws for anonymous, and no
  // security filter turns that into a 403): a password login's mint there made nothing.
  if (response.status === 500 && context.credential !== 'new token') {
    const identity = await whoAmI(probe)
    if (identity?.anonymous && (await securityOff(probe)))
      return noSecurity(what, probe.root, response.status)
  }
  // The new token's requests go to the root that answered the mint: no wrong jenkins-url.
  if (response.status === 404 && context.credential !== 'new token') {
    if (await answersAtRoot(probe)) return undefined
    const nearby = await jenkinsNearby(probe)
    return new JenkinsError(
      nearby
        ? `${what}: not found at ${probe.root}, and Jenkins answers at ${nearby}: set jenkins-url to it.`
        : `${what}: no Jenkins answers at ${probe.root}. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`,
      404
    )
  }
  if (unmarkedPostRefusal(response, context)) {
    if (await answersAtRoot(probe)) return undefined
    const nearby = await jenkinsNearby(probe)
    return new JenkinsError(
      nearby
        ? `${what}, without Jenkins's X-Jenkins header, and Jenkins answers not at ${probe.root} but at ${nearby}: the server at jenkins-url refused the POST. Set jenkins-url to ${nearby}.`
        : `${what}, without Jenkins's X-Jenkins header, and no Jenkins answers at ${probe.root}: a server that is not Jenkins (a static site, another application) refused the POST, as such servers refuse POSTs they do not take. Check jenkins-url: it must be the controller's root URL, including any context path (e.g. https://ci.example.com/jenkins/).`,
      405
    )
  }
  if (response.status === 403) {
    const identity = await whoAmI(probe)
    if (identity?.anonymous && (await securityOff(probe)))
      return noSecurity(what, probe.root, response.status)
    if (identity?.anonymous) {
      return new JenkinsError(
        `${what}: the Authorization header did not reach Jenkins. Jenkins's whoAmI, asked with the same credentials, answers as anonymous, so something between the runner and Jenkins (a reverse proxy or gateway) removes the header. Configure it to pass the Authorization header through to Jenkins.`,
        403
      )
    }
    // Only the api-token input can be a password given as a token: the new token is Jenkins's own.
    if (identity && context.credential === 'API token' && isCrumbRefusal(response)) {
      return new JenkinsError(
        `${what}: Jenkins did not take the api-token input as an API token (tokens are 34 characters starting with 11, or a legacy 32-hex token), so it asked for a CSRF crumb as for a password. It is probably "${context.username}"'s password: put it in the password input instead.`,
        403
      )
    }
  }
  if (
    response.status === 401 &&
    context.credential === 'API token' &&
    !looksLikeApiToken(probe.credentials.secret)
  ) {
    return new JenkinsError(
      `${what}: Jenkins did not take the api-token input as an API token of "${context.username}". API tokens are 34 characters starting with 11, or a legacy 32-hex token, and this secret is not: if it is the user's password, put it in the password input; otherwise create a new API token on the user's Security page.`,
      401
    )
  }
  return undefined
}

/** Whether Jenkins answers at the root: what the step already knows, else one GET. */
async function answersAtRoot(probe: Probe): Promise<boolean> {
  return probe.known?.atRoot ?? jenkinsAt(probe.root, probe)
}

/**
 * A 405 to a POST that is not Jenkins's (neither X-Jenkins nor its "requires POST" page), from
 * a root no request of the step has yet shown to be Jenkins's: a proxy in front of Jenkins
 * refusing POSTs there, or, when Jenkins does not answer at the root, another server (an
 * API-token login's mint is its first request, so a wrong jenkins-url first shows here).
 */
function unmarkedPostRefusal(response: HttpResponse, context: ResponseContext): boolean {
  return (
    response.status === 405 &&
    context.method === 'POST' &&
    context.credential !== 'new token' &&
    context.afterMint !== true &&
    !fromJenkins(response) &&
    !response.body.includes('requires POST')
  )
}

/**
 * Whether Jenkins has no security set up (Jenkins#isUseSecurity false: no security realm and
 * anyone may do anything), as a controller started without its setup wizard and without a
 * script that sets security up is. It reads no Authorization header, so every request is
 * anonymous: from outside, the same as a proxy that strips the header, but for this flag.
 */
export async function securityOff(probe: Probe): Promise<boolean> {
  const response = await ask(securityFlagEndpoint(probe.root), probe)
  if (response?.status !== 200) return false
  try {
    const json: unknown = JSON.parse(response.body)
    return (
      isJenkinsClass(json, JENKINS_ROOT) &&
      (json as { useSecurity?: unknown }).useSecurity === false
    )
  } catch {
    return false
  }
}

/**
 * `what`: the refusal, or what whoAmI said, that security being off explains; `status`: the
 * refusal's.
 */
export function noSecurity(what: string, root: string, status?: number): JenkinsError {
  return new JenkinsError(
    `${what}: Jenkins at ${root} has no security set up (its api/json says useSecurity: false), so it reads no credentials: every request is anonymous, and no user can log in to be given a token. Set up security (Manage Jenkins › Security: a security realm that knows this user); for a service container, check that the script that sets it up ran.`,
    status
  )
}

/**
 * The name Jenkins logs the login credentials in as (whoAmI), when it answers one: under a
 * realm that takes other names for a user (Active Directory's DOMAIN\user), the user's id.
 */
export async function loginKnownAs(probe: Probe): Promise<string | undefined> {
  const identity = await whoAmI(probe)
  return identity && !identity.anonymous ? identity.name : undefined
}

/** Jenkins's whoAmI as the login credentials, or undefined if it did not answer as Jenkins. */
async function whoAmI(probe: Probe): Promise<WhoAmIAnswer | undefined> {
  if (probe.known) return probe.known.identity
  return identityIn(await ask(whoAmIEndpoint(probe.root), probe))
}

/** Whether Jenkins answers at the root, and as whom it takes the credentials: one GET. */
export async function askRoot(probe: Probe): Promise<RootAnswer> {
  const response = await ask(whoAmIEndpoint(probe.root), probe)
  const identity = identityIn(response)
  return { atRoot: isJenkinsAnswer(response), ...(identity ? { identity } : {}) }
}

function identityIn(response: HttpResponse | undefined): WhoAmIAnswer | undefined {
  const json = jenkinsJson(response)
  if (!json) return undefined
  const { anonymous, name } = json as { anonymous?: unknown; name?: unknown }
  return { anonymous: anonymous === true, name: typeof name === 'string' ? name : undefined }
}

/**
 * Whether Jenkins fails to act as the token's user: whoAmI with the token answers 500, and
 * without it 200. Jenkins checks an API token before anything else, so only a failed
 * impersonation makes the same page fail for the token alone.
 */
async function impersonationFails(probe: Probe): Promise<boolean> {
  const withToken = await ask(whoAmIEndpoint(probe.root), probe)
  if (withToken?.status !== 500) return false
  const anonymous = await ask(whoAmIEndpoint(probe.root), probe, false)
  return anonymous?.status === 200
}

/**
 * Whether Jenkins answers at `base`, judged by its whoAmI page (whose API answer carries
 * X-Jenkins in every version). Jenkins 2.421 and later send X-Jenkins with a 404 for a path
 * outside it too, and earlier ones none, so a 404 proves no Jenkins root at `base`.
 */
export async function jenkinsAt(base: string, probe: Probe): Promise<boolean> {
  return isJenkinsAnswer(await ask(whoAmIEndpoint(base), probe))
}

function isJenkinsAnswer(response: HttpResponse | undefined): boolean {
  return (
    response !== undefined &&
    response.status !== 404 &&
    (jenkinsJson(response) !== undefined || fromJenkins(response))
  )
}

/** A GET as the login user; a probe that fails itself proves nothing, so it answers nothing. */
async function ask(
  url: string,
  probe: Probe,
  authenticated = true
): Promise<HttpResponse | undefined> {
  const credentials = authenticated
    ? authorization(probe.credentials.username, probe.credentials.secret)
    : {}
  try {
    return await probe.transport.request({
      method: 'GET',
      url,
      headers: { ...credentials, accept: 'application/json' }
    })
  } catch {
    return undefined
  }
}

/**
 * The first path segments of Jenkins's pages (Stapler's getJob, getView, getUser, …): a
 * jenkins-url copied from the address bar on one of them has Jenkins's root before the first,
 * at any depth of folders and under any context path.
 */
const PAGE_SEGMENTS = new Set([
  'job',
  'view',
  'user',
  'me',
  'computer',
  'label',
  'blue',
  'manage',
  'pluginManager',
  'credentials'
])

/**
 * Jenkins at the root of the page that the given URL is, one level above it, or at /jenkins/
 * below it: the usual mix-ups, the likeliest first. Each is a round trip, so there are at most
 * three, and the first that answers ends the search.
 */
async function jenkinsNearby(probe: Probe): Promise<string | undefined> {
  const root = new URL(probe.root)
  const candidates = new Set<string>()
  const add = (path: string) => {
    const candidate = onSameOrigin(root, path)
    if (candidate) candidates.add(candidate)
  }
  const segments = root.pathname.split('/')
  const page = segments.findIndex((segment) => PAGE_SEGMENTS.has(segment))
  if (page > 0) add(`${segments.slice(0, page).join('/')}/`)
  if (root.pathname !== '/') add(new URL('..', root).pathname)
  if (!root.pathname.endsWith('/jenkins/')) add(`${root.pathname}jenkins/`)
  for (const candidate of candidates) {
    if (await jenkinsAt(candidate, probe)) return candidate
  }
  return undefined
}

/**
 * The root's origin with another path, the slashes of an empty segment collapsed. Never text
 * resolved against the root: a path that begins with `//` (a jenkins-url built as
 * "$JENKINS_URL/job/x/") resolves as another host, and the probe carries the credentials.
 */
function onSameOrigin(root: URL, path: string): string | undefined {
  const url = new URL(root.href)
  url.pathname = path.replace(/\/{2,}/g, '/')
  url.search = ''
  url.hash = ''
  return url.origin === root.origin && url.pathname !== root.pathname ? url.href : undefined
}

function jenkinsJson(response: HttpResponse | undefined): unknown {
  if (response?.status !== 200) return undefined
  try {
    const json: unknown = JSON.parse(response.body)
    return isJenkinsClass(json, WHO_AM_I) ? json : undefined
  } catch {
    return undefined
  }
}
