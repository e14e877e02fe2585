import * as core from '@actions/core'
import type { Agents, Transport } from '../http/transport.js'
import type { Credentials } from '../jenkins/credentials.js'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import { generateTokenByScript } from '../jenkins/script-console.js'
import { type LoginSession, openSession } from '../jenkins/session.js'
import {
  generateNewToken,
  type MintedToken,
  NoSuchUserError,
  resolveUserId,
  UnusableTokenError,
  whoAmI
} from '../jenkins/tokens.js'
import type { TokenOwner } from '../jenkins/url.js'
import { AttemptRecord } from './attempts.js'
import { cleartextWarning } from './cleartext.js'
import { expirationDate } from './expiry.js'
import { handOut } from './hand-out.js'
import { EXPIRATION_DAYS } from './input-limits.js'
import { type ActionInputs, readInputs } from './inputs.js'
import { log } from './log.js'
import { inline, quoted } from './log-text.js'
import { maskBasicAuth, maskSecret } from './masking.js'
import { handleStopSignals, Progress } from './mint-progress.js'
import { type MainLogin, revokeUnrecorded, revokeUnusable } from './revoke-in-main.js'
import { type MintedState, saveMinted, saveTlsSession } from './state.js'
import { mainTransport } from './transport-settings.js'
import { verified } from './verify-token.js'

const MAY_HOLD_TOKENS =
  'Jenkins may hold a token from this step: the warnings above name each one, its user and the page to revoke it on.'

/** The main step: mint, mask, record for the post step, verify, then hand the token out. */
export async function runMintStep(agents?: Agents): Promise<void> {
  const progress = new Progress()
  const stopHandling = handleStopSignals(progress)
  try {
    await mint(progress, agents)
  } catch (error) {
    // A stop signal's handler reports and ends the step itself.
    if (progress.stopping) return
    const lost = progress.warnPossiblyCreated()
    const message = errorMessage(error).replace(/([^.])$/, '$1.')
    log.fail(lost.length > 0 ? `${message} ${MAY_HOLD_TOKENS}` : message)
    await progress.summarise()
  } finally {
    stopHandling()
    // The warm connection of a step that stopped before its first request.
    agents?.close()
  }
}

async function mint(progress: Progress, agents: Agents | undefined): Promise<void> {
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
    log.warning(
      "insecure-skip-tls-verify is true: the controller's certificate is not checked, so anyone on the network path can read the login secret and the new token. Use ca-certificate instead."
    )
  }
  const cleartext = cleartextWarning(
    inputs.jenkinsUrl,
    `the ${inputs.credentialKind === 'password' ? 'password' : 'API token'} of ${quoted(inputs.username)} (in every request) and the new API token (in Jenkins's answer) travel`
  )
  if (cleartext) log.warning(cleartext)
  const transport = mainTransport(inputs, agents)
  try {
    await mintWith(inputs, transport, progress)
  } finally {
    // Post revokes over one connection, whose handshake resuming this session makes short.
    // Only then: a session is as secret as the token, and not kept where it serves nothing.
    const minted = progress.minted
    if (minted?.revoke === true) saveTlsSession(transport.tlsSession(), minted.jenkinsUrl)
    transport.close()
  }
}

async function mintWith(
  inputs: ActionInputs,
  transport: Transport,
  progress: Progress
): Promise<void> {
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
  const {
    userId,
    owner,
    asked,
    version: seen
  } = await tokenOwner(inputs, credentials, transport, session)
  // The version names the page a token is revoked on: learnt from the first answer that has it.
  let version = session?.version || seen || ''
  if (credentials.kind === 'api-token' && !asked && inputs.waitSeconds) {
    version = (await whoAmIFirst(inputs, credentials, transport)) ?? version
  }

  const attempts = new AttemptRecord({
    jenkinsUrl: inputs.jenkinsUrl,
    user: userId,
    ...(version ? { jenkinsVersion: version } : {})
  })
  progress.attempts = attempts
  const login: MainLogin = { inputs, credentials, transport, session, owner }
  const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken
  const token = await generate(
    inputs.jenkinsUrl,
    credentials,
    {
      user: userId,
      owner,
      found: asked,
      name: inputs.tokenName,
      expiration,
      laterAllowed: inputs.expirationDays !== null && inputs.expirationDays < EXPIRATION_DAYS.max
    },
    transport,
    session,
    attempts.observer
  ).catch(async (error: unknown) => {
    throw error instanceof UnusableTokenError ? await revokeUnusable(login, attempts, error) : error
  })
  // The script console reports the id Jenkins stores, whatever case the input used.
  const tokenUser = token.user ?? userId
  const state: MintedState = {
    jenkinsUrl: inputs.jenkinsUrl,
    user: tokenUser,
    tokenName: token.name,
    tokenUuid: token.uuid,
    token: token.value,
    revoke: inputs.revoke,
    timeoutSeconds: inputs.timeoutSeconds,
    retries: inputs.retries,
    caCertificate: inputs.caCertificate,
    insecureSkipTlsVerify: inputs.insecureSkipTlsVerify,
    ...(version ? { jenkinsVersion: version } : {}),
    expirationDate: expiration !== null && token.expiryApplied ? expiration : 'never'
  }
  // Masked before it is saved: without GITHUB_STATE, core writes the record to the log.
  maskSecret(token.value, tokenUser)
  try {
    // The token exists: whatever fails from here on, the post step must know it.
    saveMinted(state)
  } catch (error) {
    // The post step will never have its UUID and value: revoke it now, with the login.
    progress.unrecorded = state
    const failure = await revokeUnrecorded(login, state, error)
    progress.unrecorded = undefined
    throw failure
  }
  progress.minted = state
  attempts.settle(token.name, 'created')
  log.info(
    `Created Jenkins API token ${quoted(token.name)} (${inline(token.uuid)}) for ${inline(tokenUser)}.`
  )
  progress.warnPossiblyCreated()

  const expires = expiryOutcome(inputs, expiration, token)

  let user = tokenUser
  if (inputs.verify) {
    const identity = await verified(login, progress, state)
    user = identity.name
    // Before it is printed or handed out: `curl -u "$user:$token"` sends this Basic value.
    if (user !== tokenUser) maskBasicAuth(user, token.value)
    version = identity.version ?? version
    log.info(`Verified: the token authenticates as ${inline(identity.name)}.`)
  }
  if (version && !state.jenkinsVersion) {
    // An API-token login learns the version only now (whoAmI): the record gains it, so that
    // post names the one page that lists the tokens. A failed save keeps the record as it was.
    progress.minted = { ...state, jenkinsVersion: version }
    try {
      saveMinted(progress.minted)
    } catch {}
  }

  await handOut(login, progress, progress.minted, {
    tokenName: token.name,
    tokenUuid: token.uuid,
    user,
    jenkinsUrl: inputs.jenkinsUrl,
    jenkinsVersion: version,
    expirationDate: expires
  })
  await progress.summarise()
}

/**
 * Whose token it is: the login user itself mints through /me/ (which also serves realm users
 * without a user record); anyone else by the id Jenkins knows them by, learned first, since
 * only the id authenticates. Only the same spelling is the login user: under a case-sensitive
 * id strategy (LDAP can be set so) `Ops` and `ops` are two users, and /me/ would mint the
 * login's own token. Minting at /user/<id>/ leaves the decision to Jenkins's id strategy.
 */
async function tokenOwner(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  session: LoginSession | undefined
): Promise<{ userId: string; owner: TokenOwner; asked: boolean; version?: string }> {
  const self = { userId: inputs.username, owner: { me: true } as const, asked: false }
  if (inputs.user === inputs.username) return self
  // The script console looks the user up by id only, and reports the id it used.
  if (inputs.method === 'script-console') {
    return { userId: inputs.user, owner: { me: false, id: inputs.user }, asked: false }
  }
  const { id, version } = await resolveUserId(
    inputs.jenkinsUrl,
    inputs.user,
    credentials,
    transport,
    session
  ).catch((error: unknown) => {
    throw sameButForCase(inputs, error) ?? error
  })
  const seen = { asked: true, ...(version ? { version } : {}) }
  if (id === inputs.username) return { ...self, ...seen }
  if (id !== inputs.user) {
    log.info(`Jenkins knows the user ${quoted(inputs.user)} by the id ${quoted(id)}.`)
  }
  return { userId: id, owner: { me: false, id }, ...seen }
}

/**
 * With wait-seconds, a controller that may still be starting is waited for with a GET, never
 * with the mint: a service container's published port accepts connections and drops them until
 * Jenkins listens, and a mint sent there may or may not have made a token. A password login
 * asks for its crumb first, and a mint for another user looks the user up first; an API-token
 * login for itself asks whoAmI, and learns the version from it. Returns that version.
 */
async function whoAmIFirst(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport
): Promise<string | undefined> {
  const identity = await whoAmI(
    inputs.jenkinsUrl,
    credentials.username,
    credentials.secret,
    transport,
    'API token'
  )
  return identity.version
}

/**
 * A user spelt like the login but for case, whom Jenkins has no record of: most likely the
 * login itself, a realm user (LDAP) who has no record yet, which only /me/ serves. Minting
 * there anyway would, under a case-sensitive id strategy, hand out the login's own token.
 */
function sameButForCase(inputs: ActionInputs, error: unknown): JenkinsError | undefined {
  if (!(error instanceof NoSuchUserError)) return undefined
  if (inputs.user.toLowerCase() !== inputs.username.toLowerCase()) return undefined
  return new JenkinsError(
    `Jenkins has no user record ${quoted(inputs.user)} (HTTP 404). If it is the login user ${quoted(inputs.username)} itself, spell the user input exactly as username, or leave it out: the login user's own token is minted through /me/, which needs no record.`,
    404
  )
}

function expiryOutcome(
  inputs: ActionInputs,
  expiration: string | null,
  token: MintedToken
): string {
  if (expiration === null) return 'never'
  if (token.expiryApplied) return expiration
  log.notice(
    `This Jenkins ignores token expiry (it needs 2.548 or later), so "${token.name}" never expires on its own${inputs.revoke ? ': it lives until the post step revokes it' : ''}.`
  )
  return 'never'
}
