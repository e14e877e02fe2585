import type { Transport } from '../http/transport.js'
import type { Credentials } from '../jenkins/credentials.js'
import { loginKnownAs } from '../jenkins/diagnose.js'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import type { LoginSession } from '../jenkins/session.js'
import { type Identity, revokeAsLogin, whoAmI } from '../jenkins/tokens.js'
import { revokePage, type TokenOwner } from '../jenkins/url.js'
import type { ActionInputs } from './inputs.js'
import { quoted } from './log-text.js'
import type { Progress } from './mint-progress.js'
import { type MintedState, saveMinted } from './state.js'

/**
 * Proves the new token authenticates as its user. A token that does not is revoked here, with
 * the login credential the main step still holds, before the step fails: the post step could
 * not revoke it with the token itself.
 */
export async function verified(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  session: LoginSession | undefined,
  owner: TokenOwner,
  progress: Progress,
  state: MintedState
): Promise<Identity> {
  const checked = await verification(inputs, credentials, transport, owner, state)
  if (typeof checked !== 'string') return checked
  const failure = checked
  try {
    await revokeAsLogin(inputs.jenkinsUrl, credentials, owner, state.tokenUuid, transport, session)
  } catch (error) {
    // The record saved after the mint still asks post to revoke it, when revoke is true.
    const next = state.revoke
      ? 'the post step revokes it when the job ends, and names it if it cannot'
      : `revoke token ${quoted(state.tokenName)} (${state.tokenUuid}) by hand at ${revokePage(inputs.jenkinsUrl, state.user, state.jenkinsVersion)}`
    throw new JenkinsError(
      `${failure} The action could not revoke it either (${errorMessage(error)}): ${next}.`
    )
  }
  progress.minted = { ...state, revoke: false, revokedInMain: true }
  let unsaved = ''
  try {
    saveMinted(progress.minted)
  } catch (error) {
    // The saved record still asks post to revoke it: Jenkins no longer takes the token (401),
    // and post warns that this does not prove it gone, naming it. With revoke false, post
    // reports it left valid, and this is the line that says otherwise.
    const post = state.revoke
      ? 'will try to revoke it again'
      : 'will report it left valid (revoke is false); it is not'
    unsaved = ` The post step could not be told so (${errorMessage(error)}), and ${post}.`
  }
  throw new JenkinsError(
    `${failure} The action revoked it (token UUID ${state.tokenUuid}).${unsaved}`
  )
}

/**
 * whoAmI with the new token: the identity when it authenticates as its user, else why not, as
 * a sentence of its own (what the step did about the token follows it).
 */
async function verification(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  owner: TokenOwner,
  state: MintedState
): Promise<Identity | string> {
  try {
    const identity = await whoAmI(inputs.jenkinsUrl, state.user, state.token, transport)
    if (identity.name.toLowerCase() === state.user.toLowerCase()) return identity
    return `The new token authenticates as ${quoted(identity.name)}, not ${quoted(state.user)}.`
  } catch (error) {
    const known = await loggedInAs(inputs, credentials, transport, owner, state, error)
    if (known !== undefined) {
      return `The new token does not authenticate as ${quoted(state.user)}: Jenkins logs ${quoted(credentials.username)} in as the user ${quoted(known)} (whoAmI), and a token authenticates only with the user's id. Set username to ${quoted(known)}.`
    }
    return `The new token could not be verified: ${errorMessage(error).replace(/([^.])$/, '$1.')}`
  }
}

/**
 * The id a login by another name is known by, when that is why a token minted at /me/ gets
 * 401: a realm that maps other names to a user (Active Directory takes DOMAIN\user and
 * user@domain) logs the password in as the id, and /me/ mints for that id, but a token is
 * looked up by id only (BasicApiTokenHelper).
 */
async function loggedInAs(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  owner: TokenOwner,
  state: MintedState,
  error: unknown
): Promise<string | undefined> {
  if (!owner.me || !(error instanceof JenkinsError) || error.status !== 401) return undefined
  const known = await loginKnownAs({ root: inputs.jenkinsUrl, credentials, transport })
  return known !== undefined && known.toLowerCase() !== state.user.toLowerCase() ? known : undefined
}
