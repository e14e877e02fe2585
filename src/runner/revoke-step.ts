import type { Agents } from '../http/transport.js'
import { errorMessage } from '../jenkins/errors.js'
import { revokeOwnToken } from '../jenkins/revoke.js'
import { cleartextWarning } from './cleartext.js'
import {
  attemptNamesIn,
  attemptsRemains,
  createdAttemptIn,
  mintedRemains,
  type Remains
} from './damaged-records.js'
import { log } from './log.js'
import { inline, quoted } from './log-text.js'
import { maskSecret } from './masking.js'
import {
  lostRecordWarning,
  mayExistWarning,
  revokePageFor,
  type Where,
  whereToLook,
  whyItMayExist,
  whyRecordLost
} from './may-exist.js'
import { validUntil } from './minted-record.js'
import {
  type AttemptsState,
  loadAttempts,
  loadMinted,
  type MintedState,
  possiblyCreated
} from './state.js'
import { onStopSignal, stoppedBy } from './stop-signals.js'
import { type TokenToCheck, writeSummary } from './summary.js'
import { postTransport } from './transport-settings.js'

/** What the post step has learnt so far: what a last-resort warning can name. */
interface Known {
  attempts?: AttemptsState | null
  minted?: MintedState
  /** Where the tokens are, as far as damaged records tell, when no record is whole. */
  damagedWhere?: Partial<Where>
  /** The log already says what became of the minted token: revoked, left, or to check. */
  accounted: boolean
  /** Tokens a person must check, and why: the summary's list, so far. */
  check: TokenToCheck[]
  /** The summary's lines about the minted token, so far. */
  notes: string[]
  /** A stop signal came: its handler has the last word, log and summary. */
  stopped: boolean
}

/**
 * The post step: revoke exactly the token the main step minted, and name every token it
 * cannot account for. It never fails the job, and never calls a token gone unless Jenkins
 * said so: anything uncertain is a warning that names the token, the user and the page
 * where a person revokes it.
 */
export async function runRevokeStep(agents?: Agents, held?: { replay(): void }): Promise<void> {
  const known: Known = { accounted: false, check: [], notes: [], stopped: false }
  const stopHandling = onStopSignal(0, (signal) => reportStop(signal, known))
  // A signal that came while the step loaded reaches the handler now.
  held?.replay()
  try {
    await revokeStep(known, agents)
  } catch (error) {
    // A bug, not a Jenkins answer: still no stack trace and no failed job, and the token
    // this step was about is named for a person to revoke.
    log.warning(unexpectedFailure(error, known))
  } finally {
    stopHandling()
    agents?.close()
  }
}

/**
 * A job cancelled while the revoke is under way: the token may outlive the job, so it is
 * named with the page to revoke it on, as when the revoke fails. The post step still passes.
 */
async function reportStop(signal: NodeJS.Signals, known: Known): Promise<void> {
  known.stopped = true
  const token = known.minted
  let message: string
  if (token && !known.accounted) {
    message = `${stoppedBy(signal)} before Jenkins confirmed the revoke of ${tokenLabel(token)}: it may still be valid. ${revokeByHand(token)}`
    log.warning(message)
    known.check.push({
      name: token.tokenName,
      uuid: token.tokenUuid,
      why: 'the job stopped before Jenkins confirmed the revoke'
    })
  } else {
    message = `${stoppedBy(signal)}, after the lines above.`
    log.info(message)
  }
  await summarise(known, [...known.notes, message])
}

async function summarise(known: Known, notes: string[]): Promise<void> {
  const where = known.minted ?? known.attempts ?? known.damagedWhere ?? {}
  await writeSummary({ notes, checkByHand: { tokens: known.check, where } }).catch(
    (error: unknown) => log.debug(`No job summary: ${errorMessage(error)}`)
  )
}

async function revokeStep(known: Known, agents: Agents | undefined): Promise<void> {
  const saved = loadMinted()
  const minted = saved === 'unreadable' ? null : saved
  const attempts = loadAttempts()
  known.attempts = attempts
  if (minted) known.minted = minted
  const check = known.check
  if (attempts) {
    for (const attempt of possiblyCreated(attempts, minted?.tokenName)) {
      log.warning(mayExistWarning(attempt, attempts))
      check.push({
        name: attempt.name,
        ...(attempt.uuid ? { uuid: attempt.uuid } : {}),
        why: whyItMayExist(attempt)
      })
    }
  }
  // A token Jenkins made, with no record of it to revoke it by: main's record is unreadable,
  // or main stopped before it saved one.
  const made = minted ? [] : (attempts?.attempts.filter((a) => a.outcome === 'created') ?? [])
  const lost = saved === 'unreadable' ? 'unreadable' : 'unsaved'
  // What the damaged record still holds: the UUID above all, which only it has.
  const remains = saved === 'unreadable' ? mintedRemains() : {}
  for (const attempt of made) {
    const uuid = remains.tokenName === attempt.name ? remains.tokenUuid : undefined
    log.warning(lostRecordWarning(attempt, attempts as AttemptsState, lost, uuid))
    check.push({ name: attempt.name, ...(uuid ? { uuid } : {}), why: whyRecordLost(lost) })
  }
  // Main saves its attempts before the first mint is sent: a record post cannot read is no
  // sign that none was sent.
  const unreadNames = attempts
    ? null
    : (attemptNamesIn()?.filter((name) => name !== minted?.tokenName) ?? null)
  const where = minted ?? attempts ?? damagedWhere(remains, unreadNames !== null)
  if (!minted && !attempts) known.damagedWhere = where
  if (saved === 'unreadable' && made.length === 0) {
    const beside = unreadNames ?? (attempts ? possiblyCreated(attempts).map((a) => a.name) : [])
    checkUnreadableToken(unreadableToken(remains, unreadNames), beside, check)
  }
  if (unreadNames && (saved === null || unreadNames.length > 0)) {
    log.warning(unreadableAttemptsWarning(unreadNames, where))
    const why = 'the record of the requests that create it cannot be read'
    for (const name of unreadNames) toCheck(check, { name, why })
    if (unreadNames.length === 0) toCheck(check, { why })
  }
  if (minted) {
    const unsure = await revokeMinted(minted, known.notes, agents)
    known.accounted = true
    if (unsure) check.push({ name: minted.tokenName, uuid: minted.tokenUuid, why: unsure })
  } else if (saved === null && made.length === 0 && !unreadNames) {
    log.info(noTokenMessage(attempts, check.length > 0))
  }
  // Written once: after a stop signal, by its handler.
  if (!known.stopped) await summarise(known, known.notes)
}

/**
 * Where the tokens of damaged records are, as far as they tell: the token record's remains, or
 * those of the attempts when they name the page and the token's do not.
 */
function damagedWhere(remains: Remains, attemptsDamaged: boolean): Partial<Where> {
  const fromAttempts = attemptsDamaged ? attemptsRemains() : {}
  const { user, jenkinsUrl, jenkinsVersion } =
    (remains.jenkinsUrl && remains.user) || !(fromAttempts.jenkinsUrl && fromAttempts.user)
      ? { ...fromAttempts, ...remains }
      : fromAttempts
  return {
    ...(user ? { user } : {}),
    ...(jenkinsUrl ? { jenkinsUrl } : {}),
    ...(jenkinsVersion ? { jenkinsVersion } : {})
  }
}

/**
 * Adds a token to the summary's list once: a token two damaged records name is one row, with
 * the UUID either gives. One row too for the token no record names any more.
 */
function toCheck(check: TokenToCheck[], token: TokenToCheck): void {
  const same = check.find((listed) => listed.name === token.name)
  if (!same) check.push(token)
  else if (!same.uuid && token.uuid) same.uuid = token.uuid
}

/**
 * Warns of the token of an unreadable record and lists it. Without its name it may be one of
 * the `beside` names the attempts give, which are listed too: its row must not read as one more.
 */
function checkUnreadableToken(token: Remains, beside: string[], check: TokenToCheck[]): void {
  const { tokenName, tokenUuid } = token
  const among = tokenName ? [] : beside
  log.warning(unreadableRecordWarning(token, among))
  toCheck(check, {
    ...(tokenName ? { name: tokenName } : {}),
    ...(tokenName && tokenUuid ? { uuid: tokenUuid } : {}),
    ...(among.length > 0 ? { mayBeListed: true } : {}),
    why: whyRecordLost('unreadable')
  })
}

/**
 * What an unreadable token record still tells of its token; its name, when only the damaged
 * attempts still hold it, from the attempt they say Jenkins created: main saves that outcome
 * before the token's record, and sends no mint after the one that made a token.
 */
function unreadableToken(remains: Remains, unreadNames: string[] | null): Remains {
  if (remains.tokenName || !unreadNames?.length) return remains
  const created = createdAttemptIn()
  return created ? { ...remains, tokenName: created } : remains
}

/**
 * A token record post cannot read: it names what the record still holds. A token it no longer
 * names may be one of the `beside` names other warnings give, or another: a record of attempts
 * cut short loses its last attempt first, and the token is the last.
 */
function unreadableRecordWarning(remains: Remains, beside: string[]): string {
  const cannot = 'The main step saved a record of a Jenkins API token that this step cannot read'
  const { tokenName, tokenUuid, user } = remains
  if (!tokenName) {
    const which =
      beside.length > 0
        ? `, perhaps ${beside.map((name) => quoted(name)).join(' or ')}, perhaps another`
        : ''
    return `${cannot}, so it cannot revoke it: ${whereToLook(remains)} and revoke the one named after this run${which}.`
  }
  const token = `${quoted(tokenName)}${tokenUuid ? ` (token UUID ${tokenUuid})` : ''}${user ? ` of ${quoted(user)}` : ''}`
  return `${cannot}, token ${token}, so it cannot revoke it: ${whereToLook(remains)} and revoke ${quoted(tokenName)} there if it is listed.`
}

/** A record of mint attempts post cannot read: any of them may have made a token. */
function unreadableAttemptsWarning(names: string[], where: Partial<Where>): string {
  const which =
    names.length > 0
      ? `any named ${names.map((name) => quoted(name)).join(' or ')}`
      : 'any named after this run'
  return `The main step saved a record of its requests to create a Jenkins API token that this step cannot read, so it cannot tell whether Jenkins made one: ${whereToLook(where)} and revoke ${which}.`
}

function unexpectedFailure(error: unknown, known: Known): string {
  let reason: string
  try {
    reason = errorMessage(error).replace(/\.$/, '')
  } catch {
    reason = 'an error that cannot be shown'
  }
  const failed = `The post step hit an unexpected error (${reason}), a bug in the action to report`
  const token = known.minted
  if (token && !known.accounted) {
    return `${failed}, before it could revoke ${tokenLabel(token)}. ${revokeByHand(token)}`
  }
  if (token) {
    return `${failed}, after the lines above about Jenkins API token ${quoted(token.tokenName)}.`
  }
  // Damaged records may still name the controller and user: the page the warnings gave.
  const where = known.attempts ?? known.damagedWhere ?? {}
  return `${failed}. If the main step created a Jenkins API token, ${whereToLook(where)} and revoke the one named after this run.`
}

function tokenLabel(token: MintedState): string {
  return `Jenkins API token ${quoted(token.tokenName)} (token UUID ${inline(token.tokenUuid)}) of ${quoted(token.user)}`
}

/** Where and what to revoke by hand; `withUuid` when the line before has not given the UUID. */
function revokeByHand(token: MintedState, withUuid = false): string {
  const what = withUuid
    ? `${quoted(token.tokenName)} (token UUID ${inline(token.tokenUuid)})`
    : quoted(token.tokenName)
  return `Open ${revokePageFor(token)} and revoke ${what} there if it is listed.`
}

function noTokenMessage(attempts: AttemptsState | null, lost: boolean): string {
  if (lost) {
    return 'The main step got no token from Jenkins, so there is none for this step to revoke; the warnings above name each token Jenkins may hold all the same.'
  }
  if (!attempts || attempts.attempts.length === 0) {
    return 'No Jenkins token was created in this job: the main step never asked for one. Nothing to revoke.'
  }
  if (attempts.attempts.some((attempt) => attempt.outcome === 'revoked')) {
    return 'No Jenkins token is left from this job: the main step revoked the one Jenkins made, whose value it could not use. Nothing to revoke.'
  }
  return 'No Jenkins token was created in this job: Jenkins answered every request to create one without making it. Nothing to revoke.'
}

/** Revokes the minted token; returns why a person must check it by hand, or null. */
async function revokeMinted(
  state: MintedState,
  notes: string[],
  agents: Agents | undefined
): Promise<string | null> {
  maskSecret(state.token, state.user)
  const name = quoted(state.tokenName)
  const label = `${name} (${inline(state.tokenUuid)}) of ${quoted(state.user)} on ${state.jenkinsUrl}`
  const byHand = revokeByHand(state, true)
  if (state.revokedInMain) {
    const message = `The main step revoked Jenkins API token ${label} before it failed: nothing to revoke.`
    log.info(message)
    notes.push(message)
    return null
  }
  if (!state.revoke) {
    const message = `revoke is false: leaving Jenkins API token ${label} ${validUntil(state)}.`
    log.info(message)
    notes.push(message)
    return null
  }
  const cleartext = cleartextWarning(
    state.jenkinsUrl,
    `the new API token of ${quoted(state.user)}, which authenticates its own revocation, travels`
  )
  if (cleartext) log.warning(cleartext)
  const transport = postTransport(state, agents)
  try {
    const outcome = await revokeOwnToken(
      state.jenkinsUrl,
      state.user,
      state.token,
      state.tokenUuid,
      transport
    )
    if (outcome === 'revoked') {
      log.info(`Revoked Jenkins API token ${label}.`)
      notes.push(`Revoked Jenkins API token ${label}.`)
      return null
    }
    // A 401 proves only that the token does not log in as this user id; not that it is gone.
    log.warning(
      `Jenkins API token ${label} was not revoked: Jenkins did not accept it as a login for ${quoted(state.user)} (HTTP 401), so it could not revoke itself. Most likely it has expired or was revoked already, but a 401 does not prove that Jenkins deleted it. ${byHand}`
    )
    return `the revoke request got HTTP 401: the token no longer logs in as ${quoted(state.user)}, which does not prove it is gone`
  } catch (error) {
    const reason = errorMessage(error).replace(/([^.])$/, '$1.')
    log.warning(`Could not revoke Jenkins API token ${label}: ${reason} ${byHand}`)
    return `the revoke request failed: ${reason}`
  } finally {
    transport.close()
  }
}
