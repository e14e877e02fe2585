import type { Transport } from '../http/transport.js'
import { authorization } from './credentials.js'
import { diagnose, type Probe } from './diagnose.js'
import { failureFor, type ResponseContext } from './responses.js'
import { tokenEndpoint } from './url.js'

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
  const response = await transport.request({
    method: 'POST',
    url: tokenEndpoint(root, { me: true }, 'revoke'),
    headers: authorization(user, token),
    form: { tokenUuid: uuid }
  })
  if (response.status === 200) return 'revoked'
  if (response.status === 401) return 'rejected'
  const context: ResponseContext = {
    action: 'to revoke the token',
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
