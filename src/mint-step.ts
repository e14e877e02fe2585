import * as core from '@actions/core'
import { expirationDate } from './expiry.js'
import type { Transport } from './http/transport.js'
import { type ActionInputs, readInputs } from './inputs.js'
import type { Credentials } from './jenkins/credentials.js'
import { errorMessage, JenkinsError } from './jenkins/errors.js'
import { generateTokenByScript } from './jenkins/script-console.js'
import { type LoginSession, openSession } from './jenkins/session.js'
import {
  generateNewToken,
  type Identity,
  type MintedToken,
  resolveUserId,
  revokeAsLogin,
  whoAmI
} from './jenkins/tokens.js'
import { securityPage, type TokenOwner } from './jenkins/url.js'
import { inline, quoted } from './log-text.js'
import { maskSecret } from './masking.js'
import { mayExist } from './may-exist.js'
import { type AttemptsState, type MintedState, saveAttempts, saveMinted } from './state.js'
import { writeSummary } from './summary.js'
import { mainTransport } from './transport-settings.js'

/** The main step: mint, mask, record for the post step, verify, then hand the token out. */
export async function runMintStep(): Promise<void> {
  try {
    await mint()
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}

async function mint(): Promise<void> {
  // Mask the login secret before anything, including input validation, can print it.
  const username = core.getInput('username')
  for (const name of ['password', 'api-token']) {
    const secret = core.getInput(name, { trimWhitespace: name !== 'password' })
    if (secret !== '') maskSecret(secret, username)
  }
  const inputs = readInputs(
    (name, trim) => core.getInput(name, { trimWhitespace: trim }),
    process.env
  )
  if (inputs.insecureSkipTlsVerify) {
    core.warning(
      "insecure-skip-tls-verify is true: the controller's certificate is not checked, so anyone on the network path can read the login secret and the new token. Use ca-certificate instead."
    )
  }
  const transport = mainTransport(inputs)
  try {
    await mintWith(inputs, transport)
  } finally {
    transport.close()
  }
}

async function mintWith(inputs: ActionInputs, transport: Transport): Promise<void> {
  const credentials: Credentials = {
    username: inputs.username,
    secret: inputs.secret,
    kind: inputs.credentialKind
  }
  const expiration = inputs.expirationDays === null ? null : expirationDate(inputs.expirationDays)

  const session =
    credentials.kind === 'password'
      ? await openSession(inputs.jenkinsUrl, credentials, transport)
      : undefined
  let version = session?.version ?? ''
  const { userId, owner } = await tokenOwner(inputs, credentials, transport)

  const attempts: AttemptsState = {
    jenkinsUrl: inputs.jenkinsUrl,
    user: userId,
    sent: [],
    uncertain: []
  }
  let token: MintedToken
  try {
    const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken
    token = await generate(
      inputs.jenkinsUrl,
      credentials,
      { user: userId, owner, name: inputs.tokenName, expiration },
      transport,
      session,
      {
        attempting: (name) => {
          attempts.sent.push(name)
          saveAttempts(attempts)
        },
        uncertain: (name) => {
          attempts.uncertain.push(name)
          saveAttempts(attempts)
        }
      }
    )
  } catch (error) {
    if (attempts.uncertain.length > 0) {
      const message = errorMessage(error).replace(/([^.])$/, '$1.')
      throw new JenkinsError(`${message} ${mayExist(attempts.uncertain, attempts)}`)
    }
    throw error
  }
  maskSecret(token.value, userId)
  const state: MintedState = {
    jenkinsUrl: inputs.jenkinsUrl,
    user: userId,
    tokenName: token.name,
    tokenUuid: token.uuid,
    token: token.value,
    revoke: inputs.revoke,
    timeoutSeconds: inputs.timeoutSeconds,
    retries: inputs.retries,
    caCertificate: inputs.caCertificate,
    insecureSkipTlsVerify: inputs.insecureSkipTlsVerify
  }
  saveMinted(state)
  core.info(
    `Created Jenkins API token ${quoted(token.name)} (${inline(token.uuid)}) for ${inline(userId)}.`
  )
  const lost = attempts.uncertain.filter((name) => name !== token.name)
  if (lost.length > 0) core.warning(mayExist(lost, attempts))

  const expires = expiryOutcome(inputs, expiration, token)

  let user = userId
  if (inputs.verify) {
    const identity = await verified(inputs, credentials, transport, session, owner, state)
    user = identity.name
    version = identity.version ?? version
    core.info(`Verified: the token authenticates as ${inline(identity.name)}.`)
  }

  core.setOutput('token', token.value)
  core.setOutput('token-uuid', token.uuid)
  core.setOutput('token-name', token.name)
  core.setOutput('user', user)
  core.setOutput('jenkins-url', inputs.jenkinsUrl)
  core.setOutput('jenkins-version', version)
  core.setOutput('expiration-date', expires)
  if (inputs.exportEnv) {
    core.exportVariable('JENKINS_URL', inputs.jenkinsUrl)
    core.exportVariable('JENKINS_USER_ID', user)
    core.exportVariable('JENKINS_API_TOKEN', token.value)
  }
  await writeSummary({
    tokenName: token.name,
    tokenUuid: token.uuid,
    user,
    jenkinsUrl: inputs.jenkinsUrl,
    jenkinsVersion: version,
    expirationDate: expires
  }).catch((error: unknown) => core.debug(`No job summary: ${errorMessage(error)}`))
}

/**
 * Whose token it is: the login user itself mints through /me/ (which also serves realm users
 * without a user record); anyone else by the id Jenkins knows them by, learned first, since
 * only the id authenticates.
 */
async function tokenOwner(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport
): Promise<{ userId: string; owner: TokenOwner }> {
  const self = { userId: inputs.username, owner: { me: true } as const }
  if (inputs.user.toLowerCase() === inputs.username.toLowerCase()) return self
  // The script console looks the user up by id only, and reports the id it used.
  if (inputs.method === 'script-console') {
    return { userId: inputs.user, owner: { me: false, id: inputs.user } }
  }
  const id = await resolveUserId(inputs.jenkinsUrl, inputs.user, credentials, transport)
  if (id.toLowerCase() === inputs.username.toLowerCase()) return self
  if (id !== inputs.user)
    core.info(`Jenkins knows the user ${quoted(inputs.user)} by the id ${quoted(id)}.`)
  return { userId: id, owner: { me: false, id } }
}

/**
 * Proves the new token authenticates as its user. A token that does not is revoked here, with
 * the login credential the main step still holds, before the step fails: the post step could
 * not revoke it with the token itself.
 */
async function verified(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  session: LoginSession | undefined,
  owner: TokenOwner,
  state: MintedState
): Promise<Identity> {
  let failure: string
  try {
    const identity = await whoAmI(inputs.jenkinsUrl, state.user, state.token, transport)
    if (identity.name.toLowerCase() === state.user.toLowerCase()) return identity
    failure = `The new token authenticates as ${quoted(identity.name)}, not ${quoted(state.user)}.`
  } catch (error) {
    failure = `The new token could not be verified: ${errorMessage(error)}`
  }
  try {
    await revokeAsLogin(inputs.jenkinsUrl, credentials, owner, state.tokenUuid, transport, session)
  } catch (error) {
    throw new JenkinsError(
      `${failure} The action could not revoke it either (${errorMessage(error)}): revoke token ${quoted(state.tokenName)} (${state.tokenUuid}) by hand at ${securityPage(inputs.jenkinsUrl, state.user)}.`
    )
  }
  saveMinted({ ...state, revoke: false, revokedInMain: true })
  throw new JenkinsError(`${failure} The action revoked it (token UUID ${state.tokenUuid}).`)
}

function expiryOutcome(
  inputs: ActionInputs,
  expiration: string | null,
  token: MintedToken
): string {
  if (expiration === null) return 'never'
  if (token.expiryApplied) return expiration
  core.notice(
    `This Jenkins ignores token expiry (it needs 2.548 or later), so "${token.name}" never expires on its own${inputs.revoke ? ': it lives until the post step revokes it' : ''}.`
  )
  return 'never'
}
