import type { HttpResponse, Transport } from '../http/transport.js'
import { authorization } from './credentials.js'
import { diagnose, type Probe } from './diagnose.js'
import { JenkinsError } from './errors.js'
import { failureFor, foreignChallenge, type ResponseContext } from './responses.js'
import { logPath, tokenEndpoint } from './url.js'

/**
 * What a revoke proves. `revoked`: Jenkins answered 200 to the revoke of this UUID, as the
 * token's own user. `rejected`: Jenkins did not accept the token (401): it does not
 * authenticate as that user any more, which is all the action can know.
 */
export type RevokeOutcome = 'revoked' | 'rejected'

/**
 * POST revoke, authenticated by the token itself, at /me/: the token's own user, whatever
 * its record. An API-token request needs no crumb, and a user may always revoke their own
 * tokens. Jenkins answers 200 for an unknown uuid too.
 */
export async function revokeOwnToken(
  root: string,
  user: string,
  token: string,
  uuid: string,
  transport: Transport
): Promise<RevokeOutcome> {
  const url = tokenEndpoint(root, { me: true }, 'revoke')
  const response = await transport.request({
    method: 'POST',
    url,
    headers: authorization(user, token),
    form: { tokenUuid: uuid }
  })
  if (response.status === 200) {
    confirmRevoke(response, url, root)
    return 'revoked'
  }
  // Only Jenkins's own 401 says the token does not log in; a proxy's never reached it.
  if (response.status === 401 && !foreignChallenge(response)) return 'rejected'
  const context: ResponseContext = {
    action: 'to revoke the token',
    method: 'POST',
    username: user,
    credential: 'new token'
  }
  const probe: Probe = {
    root,
    credentials: { username: user, secret: token, kind: 'api-token' },
    transport
  }
  throw (await diagnose(response, context, probe)) ?? failureFor(response, context)
}

/**
 * Throws unless a 200 to a revoke is Jenkins's: HttpResponses.ok(), a 200 with no body, from the
 * revoke endpoint. A single sign-on proxy's sign-in page, or the page a redirect led to,
 * answers 200 too, having revoked nothing. A redirect (always to the same origin) that kept the
 * endpoint's path below the root, only under another context path, reached Jenkins moved.
 */
export function confirmRevoke(response: HttpResponse, url: string, root: string): void {
  const answered = new URL(response.url).pathname
  const endpoint = new URL(url).pathname.slice(new URL(root).pathname.length - 1)
  const why = !answered.endsWith(endpoint)
    ? `the request was redirected to ${logPath(response.url)}, whose page answered HTTP 200`
    : response.body.trim() !== ''
      ? 'the answer was HTTP 200 with a page, where Jenkins answers a revoke with an empty 200'
      : undefined
  if (why) {
    throw new JenkinsError(
      `Jenkins did not confirm that it revoked the token: ${why}. Something between the runner and Jenkins (a single sign-on proxy or gateway) answered in its place.`,
      200
    )
  }
}
