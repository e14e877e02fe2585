import * as core from '@actions/core'
import type { Agents, Transport } from '../http/transport.js'
import type { Credentials } from '../jenkins/credentials.js'
import { loginKnownAs } from '../jenkins/diagnose.js'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import { generateTokenByScript } from '../jenkins/script-console.js'
import { type LoginSession, openSession } from '../jenkins/session.js'
import {
  generateNewToken,
  type Identity,
  type MintedToken,
  NoSuchUserError,
  resolveUserId,
  revokeAsLogin,
  whoAmI
} from '../jenkins/tokens.js'
import { revokePage, type TokenOwner } from '../jenkins/url.js'
import { AttemptRecord } from './attempts.js'
import { cleartextWarning } from './cleartext.js'
import { expirationDate } from './expiry.js'
import { EXPIRATION_DAYS } from './input-limits.js'
import { type ActionInputs, readInputs } from './inputs.js'
import { log } from './log.js'
import { inline, quoted } from './log-text.js'
import { maskBasicAuth, maskSecret } from './masking.js'
import { mayExistWarning, whyItMayExist } from './may-exist.js'
import { validUntil } from './minted-record.js'
import { type MintedState, saveMinted } from './state.js'
import { onStopSignal, stoppedBy } from './stop-signals.js'
import { type TokenFacts, type TokenToCheck, writeSummary } from './summary.js'
import { mainTransport } from './transport-settings.js'

/** What the main step has done so far: what an error or a stop signal must account for. */
class Progress {
  attempts: AttemptRecord | undefined
  minted: MintedState | undefined
  /** A token Jenkins made that the step could not record for the post step. */
  unrecorded: MintedState | undefined
  token: TokenFacts | undefined
  stopping = false
  private readonly warned = new Set<string>()

  /** One warning per token Jenkins may hold, each printed once; returns them for the summary. */
  warnPossiblyCreated(): TokenToCheck[] {
    const record = this.attempts
    if (!record) return []
    const lost = record.possiblyCreated().filter((a) => a.name !== this.minted?.tokenName)
    for (const attempt of lost) {
      if (this.warned.has(attempt.name)) continue
      this.warned.add(attempt.name)
      log.warning(mayExistWarning(attempt, record.where))
    }
    return lost.map((attempt) => ({ name: attempt.name, why: whyItMayExist(attempt) }))
  }

  async summarise(notes: string[] = []): Promise<void> {
    const tokens = this.warnPossiblyCreated()
    // Stopped while revoking a token it could not record: a created attempt, so not among the
    // possibly created, but just as much one to check.
    if (this.unrecorded) {
      tokens.push({
        name: this.unrecorded.tokenName,
        uuid: this.unrecorded.tokenUuid,
        why: 'the step could not record it for the post step, and stopped while revoking it'
      })
    }
    await writeSummary({
      ...(this.token ? { token: this.token } : {}),
      notes,
      ...(this.attempts ? { checkByHand: { tokens, where: this.attempts.where } } : {})
    }).catch((error: unknown) => log.debug(`No job summary: ${errorMessage(error)}`))
  }
}

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

/**
 * The attempts are already saved; on a stop signal the step names every token Jenkins may
 * hold, and fails.
 */
function handleStopSignals(progress: Progress): () => void {
  return onStopSignal(1, (signal) => {
    progress.stopping = true
    const lost = progress.warnPossiblyCreated()
    const message = stopMessage(signal, progress, lost.length > 0)
    log.fail(message)
    return progress.summarise([message])
  })
}

function stopMessage(signal: NodeJS.Signals, progress: Progress, lost: boolean): string {
  const stopped = stoppedBy(signal)
  const unrecorded = progress.unrecorded
  if (unrecorded) {
    return `${stopped} while revoking token ${quoted(unrecorded.tokenName)} (${unrecorded.tokenUuid}), which the step could not record for the post step: it may still be valid; revoke it by hand at ${revokePage(unrecorded.jenkinsUrl, unrecorded.user, unrecorded.jenkinsVersion)}.`
  }
  const minted = progress.minted
  if (minted?.revokedInMain) {
    return `${stopped} after token ${quoted(minted.tokenName)} failed verification; the action had revoked it.`
  }
  if (minted) {
    return `${stopped} after token ${quoted(minted.tokenName)} was created: ${minted.revoke ? 'the post step revokes it' : `revoke is false, so it stays ${validUntil(minted)}`}.`
  }
  if (lost) {
    return `${stopped} before Jenkins confirmed a token: it may have created one; the warnings above name each token to check and the page to revoke it on.`
  }
  return `${stopped} before any token was created.`
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
  const { userId, owner, asked, version: seen } = await tokenOwner(inputs, credentials, transport)
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
  const generate = inputs.method === 'script-console' ? generateTokenByScript : generateNewToken
  const token = await generate(
    inputs.jenkinsUrl,
    credentials,
    {
      user: userId,
      owner,
      name: inputs.tokenName,
      expiration,
      laterAllowed: inputs.expirationDays !== null && inputs.expirationDays < EXPIRATION_DAYS.max
    },
    transport,
    session,
    attempts.observer
  )
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
    const failure = await unrecorded(inputs, credentials, transport, session, owner, state, error)
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
    const identity = await verified(inputs, credentials, transport, session, owner, progress, state)
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
  progress.token = {
    tokenName: token.name,
    tokenUuid: token.uuid,
    user,
    jenkinsUrl: inputs.jenkinsUrl,
    jenkinsVersion: version,
    expirationDate: expires
  }
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
  transport: Transport
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
    transport
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

async function unrecorded(
  inputs: ActionInputs,
  credentials: Credentials,
  transport: Transport,
  session: LoginSession | undefined,
  owner: TokenOwner,
  state: MintedState,
  cause: unknown
): Promise<JenkinsError> {
  const failure = `Created token ${quoted(state.tokenName)} (${state.tokenUuid}), but could not record it for the post step (${errorMessage(cause)}).`
  try {
    await revokeAsLogin(inputs.jenkinsUrl, credentials, owner, state.tokenUuid, transport, session)
  } catch (error) {
    return new JenkinsError(
      `${failure} The action could not revoke it either (${errorMessage(error)}): revoke it by hand at ${revokePage(inputs.jenkinsUrl, state.user, state.jenkinsVersion)}.`
    )
  }
  // No record that it is revoked: writing the state is what failed, and an empty 200 from
  // something in front of Jenkins would look the same. The post step names the token from the
  // attempt record, for a person to check.
  return new JenkinsError(`${failure} The action revoked it.`)
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
