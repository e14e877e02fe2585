import type { Transport } from '../http/transport.js'
import type { Credentials } from '../jenkins/credentials.js'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import type { LoginSession } from '../jenkins/session.js'
import { revokeAsLogin, type UnusableTokenError } from '../jenkins/tokens.js'
import type { TokenOwner } from '../jenkins/url.js'
import type { AttemptRecord } from './attempts.js'
import type { ActionInputs } from './inputs.js'
import { quoted } from './log-text.js'
import { revokePageFor } from './may-exist.js'
import type { Progress } from './mint-progress.js'
import { type MintedState, saveMinted } from './state.js'

/** The login the main step still holds: it revokes a token the step must not leave valid. */
export interface MainLogin {
  inputs: ActionInputs
  credentials: Credentials
  transport: Transport
  session: LoginSession | undefined
  owner: TokenOwner
}

/**
 * A recorded token that must not outlive the step (it failed verification, or no step could
 * be given it): revoked here, with the login, and the record told so, since the post step
 * may not manage with the token itself. Returns what became of the token, as sentences to
 * follow the one that says why the step fails.
 */
export async function revokeRecorded(
  login: MainLogin,
  progress: Progress,
  state: MintedState
): Promise<string> {
  const refused = await revokeRefused(login, state)
  if (refused !== undefined) {
    // The saved record still asks post to revoke it, when revoke is true.
    const byHand = `revoke token ${quoted(state.tokenName)} (${state.tokenUuid}) by hand at ${revokePageFor(state)}`
    const next = state.revoke
      ? `the post step tries again when the job ends; if it cannot either, ${byHand}`
      : byHand
    return `The action could not revoke it either (${refused}): ${next}.`
  }
  progress.minted = { ...state, revoke: false, revokedInMain: true }
  try {
    saveMinted(progress.minted)
  } catch (error) {
    // The saved record still asks post to revoke it: Jenkins no longer takes the token (401),
    // and post warns that this does not prove it gone, naming it. With revoke false, post
    // reports it left valid, and this is the line that says otherwise.
    const post = state.revoke
      ? 'will try to revoke it again'
      : 'will report it left valid (revoke is false); it is not'
    return `The action revoked it (token UUID ${state.tokenUuid}). The post step could not be told so (${errorMessage(error)}), and ${post}.`
  }
  return `The action revoked it (token UUID ${state.tokenUuid}).`
}

/** A token the step could not record for the post step, which will never have its UUID. */
export async function revokeUnrecorded(
  login: MainLogin,
  state: MintedState,
  cause: unknown
): Promise<JenkinsError> {
  const failure = `Created token ${quoted(state.tokenName)} (${state.tokenUuid}), but could not record it for the post step (${errorMessage(cause)}).`
  const refused = await revokeRefused(login, state)
  if (refused !== undefined) {
    return new JenkinsError(
      `${failure} The action could not revoke it either (${refused}): revoke it by hand at ${revokePageFor(state)}.`
    )
  }
  // No record that it is revoked: writing the state is what failed, and an empty 200 from
  // something in front of Jenkins would look the same. The post step names the token from the
  // attempt record, for a person to check.
  return new JenkinsError(`${failure} The action revoked it.`)
}

/**
 * A token Jenkins made whose value its answer did not give usably: no step can use it, and
 * the post step could not revoke it with it, so it is revoked here by its UUID. The attempt
 * keeps the UUID while the token may still exist, for the warnings that name it.
 */
export async function revokeUnusable(
  login: MainLogin,
  attempts: AttemptRecord,
  unusable: UnusableTokenError
): Promise<JenkinsError> {
  const refused = await revokeRefused(login, { tokenUuid: unusable.tokenUuid })
  if (refused !== undefined) {
    return new JenkinsError(`${unusable.message} The action could not revoke it (${refused}).`)
  }
  attempts.settle(unusable.tokenName, 'revoked')
  return new JenkinsError(`${unusable.message} The action revoked it.`)
}

/** Revokes the token with the login: undefined when Jenkins confirmed it, else why not. */
async function revokeRefused(
  login: MainLogin,
  state: Pick<MintedState, 'tokenUuid'>
): Promise<string | undefined> {
  const { inputs, credentials, transport, session, owner } = login
  try {
    await revokeAsLogin(inputs.jenkinsUrl, credentials, owner, state.tokenUuid, transport, session)
    return undefined
  } catch (error) {
    // It goes in parentheses inside a sentence: its own full stop would read ").)".
    return errorMessage(error).replace(/\.$/, '')
  }
}
