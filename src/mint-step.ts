import { expirationDate } from './expiry.js'
import * as core from '@actions/core'
import { type ActionInputs, readInputs } from './inputs.js'
import type { Credentials } from './jenkins/credentials.js'
import { errorMessage, JenkinsError } from './jenkins/errors.js'
import { generateTokenByScript } from './jenkins/script-console.js'
import { openSession } from './jenkins/session.js'
import { generateNewToken, type MintedToken, whoAmI } from './jenkins/tokens.js'
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

  const attempts: AttemptsState = {
    jenkinsUrl: inputs.jenkinsUrl,
    user: inputs.user,
    sent: [],
    uncertain: []
  }
  let token: MintedToken
  try {
    const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken
    token = await generate(
      inputs.jenkinsUrl,
      credentials,
      { user: inputs.user, name: inputs.tokenName, expiration },
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
      throw new JenkinsError(`${message} ${mayExist(attempts.uncertain, inputs)}`)
    }
    throw error
  }
  maskSecret(token.value, inputs.user)
  const state: MintedState = {
    jenkinsUrl: inputs.jenkinsUrl,
    user: inputs.user,
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
    `Created Jenkins API token ${quoted(token.name)} (${inline(token.uuid)}) for ${inline(inputs.user)}.`
  )
  const lost = attempts.uncertain.filter((name) => name !== token.name)
  if (lost.length > 0) core.warning(mayExist(lost, inputs))

  const expires = expiryOutcome(inputs, expiration, token)

  if (inputs.verify) {
    const identity = await whoAmI(inputs.jenkinsUrl, inputs.user, token.value, transport)
    if (identity.name.toLowerCase() !== inputs.user.toLowerCase()) {
      // Jenkins resolved the user input by full name; tokens authenticate by id only.
      saveMinted({ ...state, user: identity.name })
      throw new JenkinsError(
        `The new token authenticates as "${identity.name}", not "${inputs.user}": set the user input to the Jenkins user id "${identity.name}", not the full name.`
      )
    }
    version = identity.version ?? version
    core.info(`Verified: the token authenticates as ${inline(identity.name)}.`)
  }

  core.setOutput('token', token.value)
  core.setOutput('token-uuid', token.uuid)
  core.setOutput('token-name', token.name)
  core.setOutput('user', inputs.user)
  core.setOutput('jenkins-url', inputs.jenkinsUrl)
  core.setOutput('jenkins-version', version)
  core.setOutput('expiration-date', expires)
  if (inputs.exportEnv) {
    core.exportVariable('JENKINS_URL', inputs.jenkinsUrl)
    core.exportVariable('JENKINS_USER_ID', inputs.user)
    core.exportVariable('JENKINS_API_TOKEN', token.value)
  }
  await writeSummary({
    tokenName: token.name,
    tokenUuid: token.uuid,
    user: inputs.user,
    jenkinsUrl: inputs.jenkinsUrl,
    jenkinsVersion: version,
    expirationDate: expires
  }).catch((error: unknown) => core.debug(`No job summary: ${errorMessage(error)}`))
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
