import { type OutgoingHttpHeaders, validateHeaderName, validateHeaderValue } from 'node:http'
import type { CookieJar } from 'tough-cookie'
import type { CookieStore, HttpResponse, Transport } from '../http/transport.js'
import { isCrumbRefusal, isJenkinsClass } from './answers.js'
import { authorization, type Credentials } from './credentials.js'
import { askRoot, diagnose, type Probe, type RootAnswer } from './diagnose.js'
import { JenkinsError } from './errors.js'
import { failureFor, jenkinsVersion, loginContext, readJsonObject } from './responses.js'
import { crumbEndpoint, logPath } from './url.js'

/**
 * What a POST authenticated with a password must carry: Jenkins binds the crumb to the user
 * and the session, so the JSESSIONID cookie it was issued under goes with it. API-token
 * requests are exempt from CSRF and need none of this.
 */
export interface LoginSession {
  /** The crumb field and value, when the controller issues crumbs: a header and a parameter. */
  crumb: Record<string, string>
  /** Where the crumb was issued, when it was: a POST names it as its Referer. */
  issuedAt?: string
  /** The session cookie, sent to the origin that set it. */
  cookies: CookieStore
  /** The controller's version, when its answers carry X-Jenkins. */
  version?: string
  /**
   * What whoAmI at the root answered the login after the crumb issuer's 404, when Jenkins
   * answered there: a later failure's diagnosis takes it from here instead of asking again.
   */
  known?: RootAnswer
}

const CRUMB_ISSUER = /CrumbIssuer/

/**
 * The headers, cookies and form of a POST made as the login user. The crumb goes in both the
 * headers and the form, as Jenkins's own forms send it: CrumbFilter takes a header or a
 * parameter, and a proxy may drop the header. nginx does by default when the field's name (set
 * with -Dhudson.security.csrf.requestfield, e.g. the old default `.crumb`) holds a '.' or '_'.
 */
export function loginPost(
  credentials: Credentials,
  session: LoginSession | undefined,
  form: Record<string, string>
): { headers: OutgoingHttpHeaders; cookies?: CookieStore; form: Record<string, string> } {
  const headers = {
    ...authorization(credentials.username, credentials.secret),
    ...session?.crumb,
    // The Strict Crumb Issuer plugin, set to "check the same source", binds a crumb to the URL
    // it was issued at and checks a POST's Referer against it. The controller's own URL, sent
    // only to the controller.
    ...(session?.issuedAt ? { referer: session.issuedAt } : {})
  }
  return {
    headers,
    ...(session ? { cookies: session.cookies } : {}),
    form: { ...session?.crumb, ...form }
  }
}

/**
 * `forgotten`: the session Jenkins forgot, which this one renews, so the password is known to
 * work, and what it proved of the root is known too.
 */
export async function openSession(
  root: string,
  credentials: Credentials,
  transport: Transport,
  forgotten?: LoginSession
): Promise<LoginSession> {
  // Loaded here, not at the top: only a password login needs a cookie jar, and tough-cookie
  // (its public-suffix list) is a large part of the main bundle; ncc puts it in a chunk of its
  // own. Started before the crumb request, so that loading it overlaps the wait for Jenkins.
  const toughCookie = import('tough-cookie')
  toughCookie.catch(() => undefined) // awaited below, unless the crumb request fails first
  toughCookie.then(warmUpCookies).catch(() => undefined)
  const cookies = new OriginCookies(async () => new (await toughCookie).CookieJar())
  const url = crumbEndpoint(root)
  const response = await transport.request({
    method: 'GET',
    url,
    headers: {
      ...authorization(credentials.username, credentials.secret),
      accept: 'application/json'
    },
    cookies
  })
  const version = jenkinsVersion(response)
  const context = loginContext('the CSRF crumb request', 'GET', credentials, !forgotten)
  const probe: Probe = { root, credentials, transport }
  if (response.status === 404) {
    // No crumb issuer: CSRF protection is off, if Jenkins answers at this root. X-Jenkins on
    // the 404 alone does not prove it: Jenkins 2.421 and later send it for paths outside it
    // too (a wrong context path), and the mint would then fail for want of a crumb, not of a
    // path; before 2.421 its 404 carries no X-Jenkins at all. Asked once: the diagnosis of
    // this 404 below, and of any later one, takes the answer from here.
    probe.known = forgotten?.known ?? (await askRoot(probe))
    if (probe.known.atRoot) {
      return { crumb: {}, cookies, ...(version ? { version } : {}), known: probe.known }
    }
  }
  if (response.status !== 200) {
    throw (await diagnose(response, context, probe)) ?? failureFor(response, context)
  }
  const json = readJsonObject(response, context, { method: 'GET', url })
  const { crumb, crumbRequestField: field } = json
  if (
    typeof crumb !== 'string' ||
    typeof field !== 'string' ||
    !(version || isJenkinsClass(json, CRUMB_ISSUER))
  ) {
    throw new JenkinsError(
      `The answer to ${url.replace(root, '')} is not Jenkins's crumb issuer. Check jenkins-url: it must be the controller's root URL, including any context path.`
    )
  }
  // Checked where the answer is read, so that the message can name it: Node would refuse the
  // header only later, when it builds the mint.
  const unsendable = !isHeaderName(field)
    ? 'crumbRequestField'
    : !isHeaderValue(crumb)
      ? 'crumb'
      : undefined
  if (unsendable) {
    throw new JenkinsError(
      `The crumb issuer's answer (GET ${logPath(url)}) has a ${unsendable} that cannot be sent as an HTTP header. Check jenkins-url: it must be the controller itself, not a proxy or another application; an API token (api-token input) needs no crumb.`
    )
  }
  return {
    crumb: { [field]: crumb },
    // The URL that issued it, after any redirect (an http → https upgrade), as the plugin saw it.
    issuedAt: response.url,
    cookies,
    ...(version ? { version } : {})
  }
}

/**
 * Sends a POST made with the login session, and once more in a new session when CrumbFilter
 * refuses its crumb. Jenkins keeps sessions in memory: a controller that restarted since the
 * crumb was issued (while the step waited for it to start, say) has forgotten the session the
 * crumb belongs to. A refusal stops the request before Jenkins acts, so the POST may go again.
 * Only once: behind a proxy that drops the session cookie, the second refusal is the answer.
 * The second time, `send` gets what the first one returned.
 */
export async function inLiveSession<T extends { response: HttpResponse }>(
  root: string,
  credentials: Credentials,
  transport: Transport,
  session: LoginSession | undefined,
  send: (refused?: T) => Promise<T>
): Promise<T> {
  const sent = await send()
  if (!session || !isCrumbRefusal(sent.response)) return sent
  Object.assign(session, await openSession(root, credentials, transport, session))
  return send(sent)
}

function isHeaderName(name: string): boolean {
  try {
    validateHeaderName(name)
    return true
  } catch {
    return false
  }
}

function isHeaderValue(value: string): boolean {
  try {
    validateHeaderValue('Jenkins-Crumb', value)
    return true
  } catch {
    return false
  }
}

/**
 * A cookie jar per origin (scheme, host and port). Jenkins marks its session cookie Secure
 * whenever its configured root URL is https, also when the runner reaches it over an internal
 * http:// port behind a TLS-terminating proxy; a browser-rule jar would then never send it
 * back. Kept per origin, a cookie goes back exactly to the origin that set it, and nowhere
 * else, so its Secure flag can be dropped for an http origin without sending it anywhere new.
 */
class OriginCookies implements CookieStore {
  private readonly jars = new Map<string, Promise<CookieJar>>()

  constructor(private readonly newJar: () => Promise<CookieJar>) {}

  async header(url: string): Promise<string | undefined> {
    const jar = this.jars.get(new URL(url).origin)
    if (!jar) return undefined
    return (await (await jar).getCookieString(url)) || undefined
  }

  async store(url: string, setCookie: string[]): Promise<void> {
    const origin = new URL(url).origin
    let jar = this.jars.get(origin)
    if (!jar) {
      jar = this.newJar()
      this.jars.set(origin, jar)
    }
    const insecure = url.startsWith('http:')
    for (const line of setCookie) {
      await (await jar).setCookie(insecure ? withoutSecure(line) : line, url, { ignoreError: true })
    }
  }
}

/**
 * tough-cookie's first setCookie and getCookieString take some 6 ms between them: the pattern
 * that tells an IPv6 address from a domain is compiled on first use. A jar of its own, for a
 * name that cannot exist, pays for that while the crumb request waits for Jenkins, instead of
 * after the answer, on the way to the mint. It sends nothing and is thrown away.
 */
async function warmUpCookies({ CookieJar }: typeof import('tough-cookie')): Promise<void> {
  const jar = new CookieJar()
  await jar.setCookie('warm=up', 'https://warm-up.invalid/')
  await jar.getCookieString('https://warm-up.invalid/')
}

/** A Set-Cookie line without its Secure attribute. */
function withoutSecure(line: string): string {
  return line
    .split(';')
    .filter((part, index) => index === 0 || part.trim().toLowerCase() !== 'secure')
    .join(';')
}
