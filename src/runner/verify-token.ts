import { loginKnownAs } from '../jenkins/diagnose.js'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import { TOKEN_VALUE } from '../jenkins/token-form.js'
import { type Identity, whoAmI } from '../jenkins/tokens.js'
import { quoted } from './log-text.js'
import type { Progress } from './mint-progress.js'
import { type MainLogin, revokeRecorded } from './revoke-in-main.js'
import type { MintedState } from './state.js'

/**
 * Proves the new token authenticates as its user. A token that does not is revoked here, with
 * the login credential the main step still holds, before the step fails: the post step could
 * not revoke it with the token itself.
 */
export async function verified(
  login: MainLogin,
  progress: Progress,
  state: MintedState
): Promise<Identity> {
  const checked = await verification(login, state)
  if (typeof checked !== 'string') return checked
  throw new JenkinsError(`${checked} ${await revokeRecorded(login, progress, state)}`)
}

/**
 * whoAmI with the new token: the identity when it authenticates as its user, else why not, as
 * a sentence of its own (what the step did about the token follows it).
 */
async function verification(login: MainLogin, state: MintedState): Promise<Identity | string> {
  const { inputs, credentials, transport } = login
  try {
    const identity = await whoAmI(inputs.jenkinsUrl, state.user, state.token, transport)
    if (identity.name.toLowerCase() === state.user.toLowerCase()) return identity
    return `The new token authenticates as ${quoted(identity.name)}, not ${quoted(state.user)}.`
  } catch (error) {
    if (error instanceof JenkinsError && error.status === 401 && !TOKEN_VALUE.test(state.token)) {
      return `The new token could not be verified: Jenkins did not accept it (HTTP 401), and its value in Jenkins's answer is not of the form Jenkins makes ("11" and 32 hex digits), so something between the runner and Jenkins most likely altered the answer.`
    }
    const known = await loggedInAs(login, state, error)
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
 * looked up by id only (BasicApiTokenHelper). A password login without a crumb issuer asked
 * whoAmI already, and its answer stands.
 */
async function loggedInAs(
  login: MainLogin,
  state: MintedState,
  error: unknown
): Promise<string | undefined> {
  const { inputs, credentials, transport, owner, session } = login
  if (!owner.me || !(error instanceof JenkinsError) || error.status !== 401) return undefined
  const known = await loginKnownAs({
    root: inputs.jenkinsUrl,
    credentials,
    transport,
    known: session?.known
  })
  return known !== undefined && known.toLowerCase() !== state.user.toLowerCase() ? known : undefined
}
