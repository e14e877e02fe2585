import type { OutgoingHttpHeaders } from 'node:http'
import { authorization, type Credentials } from './credentials.js'
import { JenkinsError } from './errors.js'
import { failureFor, jenkinsVersion, loginContext, parseJson } from './responses.js'
import type { Transport } from './transport.js'
import { crumbEndpoint } from './url.js'

/**
 * What a POST authenticated with a password must carry: Jenkins binds the crumb to the user
 * and the session, so the JSESSIONID cookie it was issued under goes with it. API-token
 * requests are exempt from CSRF and need none of this.
 */
export interface LoginSession {
  /** Extra headers for a POST to `url`: the crumb and the session cookie. */
  headersFor(url: string): Promise<OutgoingHttpHeaders>
  /** The controller's version from the crumb response, when it had one. */
  version?: string
}

interface CrumbJson {
  crumb?: unknown
  crumbRequestField?: unknown
}

export async function openSession(
  root: string,
  credentials: Credentials,
  transport: Transport
): Promise<LoginSession> {
  // Loaded here, not at the top: only a password login needs a cookie jar, and tough-cookie
  // (its public-suffix list) is most of the main bundle; ncc puts it in a chunk of its own.
  // Started before the crumb request, so that loading it overlaps the wait for Jenkins.
  const cookies = import('tough-cookie')
  cookies.catch(() => undefined) // awaited below, unless the crumb request fails first
  const url = crumbEndpoint(root)
  const response = await transport.request({
    method: 'GET',
    url,
    headers: {
      ...authorization(credentials.username, credentials.secret),
      accept: 'application/json'
    }
  })
  const version = jenkinsVersion(response)
  // DISABLE_CSRF_PROTECTION: no crumb issuer, no CSRF checks, nothing to send.
  if (response.status === 404 && version) {
    return { version, headersFor: async () => ({}) }
  }
  const context = loginContext('the CSRF crumb request', credentials)
  if (response.status !== 200) throw failureFor(response, context)
  const json = parseJson(response, context) as CrumbJson
  if (!version || typeof json.crumb !== 'string' || typeof json.crumbRequestField !== 'string') {
    throw new JenkinsError(
      `The answer to ${url.replace(root, '')} is not Jenkins's crumb issuer. Check jenkins-url: it must be the controller's root URL, including any context path.`
    )
  }
  const jar = new (await cookies).CookieJar()
  for (const cookie of setCookies(response.headers['set-cookie'])) {
    await jar.setCookie(cookie, url, { ignoreError: true })
  }
  const field = json.crumbRequestField
  const crumb = json.crumb
  return {
    version,
    headersFor: async (target) => {
      const cookie = await jar.getCookieString(target)
      return cookie ? { [field]: crumb, cookie } : { [field]: crumb }
    }
  }
}

function setCookies(value: string[] | string | undefined): string[] {
  if (!value) return []
  return Array.isArray(value) ? value : [value]
}
