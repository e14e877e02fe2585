import * as core from '@actions/core'
import type { ResumableSession } from '../http/transport.js'
import { errorMessage } from '../jenkins/errors.js'
import { TOKEN_UUID } from '../jenkins/token-form.js'
import { isWholeIn, RETRIES, TIMEOUT_SECONDS } from './input-limits.js'
import { normaliseJenkinsUrl } from './jenkins-url-input.js'
import { MINTED_STATE, type MintedState } from './minted-record.js'
import { offeredAt, sessionRecord, TLS_SESSION_STATE } from './tls-session-record.js'

export type { MintedState }

/**
 * What became of a mint attempt. `pending`: sent, no answer yet (if the step stops here,
 * Jenkins may have made the token). `may-exist`: the answer was lost or unclear.
 * `not-created`: Jenkins (or the network) said for certain that nothing was made.
 * `created`: Jenkins handed the token back.
 */
export type AttemptOutcome = 'pending' | 'may-exist' | 'not-created' | 'created' | 'revoked'

export interface Attempt {
  name: string
  outcome: AttemptOutcome
  /** Jenkins's UUID for the token, when an answer gave one that the step could not use. */
  uuid?: string
}

/**
 * Mint attempts, each saved before it is sent and again when its outcome is known: if a step
 * ends before an answer, Jenkins may hold a token under that name that nobody has a UUID for.
 * Jenkins has no API to list tokens, so these names are what a person must check by hand.
 */
export interface AttemptsState {
  jenkinsUrl: string
  user: string
  jenkinsVersion?: string
  /** Every name sent, in order; of those Jenkins certainly did not act on, only the last. */
  attempts: Attempt[]
}

/** Names Jenkins may hold a token under: every attempt sent and not settled either way. */
export function possiblyCreated(state: AttemptsState, except?: string): Attempt[] {
  return state.attempts.filter(
    (a) =>
      a.outcome !== 'not-created' &&
      a.outcome !== 'created' &&
      a.outcome !== 'revoked' &&
      a.name !== except
  )
}

/** The state key of the attempts record; the runner hands it to post as STATE_attempts. */
export const ATTEMPTS_STATE = 'attempts'

/**
 * Throws, saving nothing, when the record would not reach the post step (see
 * MAX_RECORD_BYTES): the step then revokes the token itself, as for any record it cannot save.
 */
export function saveMinted(state: MintedState): void {
  const record = JSON.stringify(state)
  if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
    throw new Error(
      `its record, ${Math.ceil(Buffer.byteLength(record) / 1024)} KiB with what Jenkins answered, would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB)`
    )
  }
  core.saveState(MINTED_STATE, record)
}

/**
 * Hands the controller's TLS session to the post step, to resume (tls-session-record.ts).
 * Masked first, as the runner's debug log prints what is saved. Only a shortcut: a session
 * that cannot be saved costs post a full handshake, so nothing here may fail the step.
 */
export function saveTlsSession(resumable: ResumableSession | undefined, jenkinsUrl: string): void {
  // A session post would not offer is a secret kept for nothing.
  if (!resumable || !offeredAt(resumable, jenkinsUrl)) return
  try {
    const { record, secret } = sessionRecord(resumable)
    core.setSecret(secret)
    core.saveState(TLS_SESSION_STATE, record)
  } catch (error) {
    core.debug(`The TLS session was not saved for the post step: ${errorMessage(error)}`)
  }
}

/**
 * The token main saved; null when it saved none; 'unreadable' when what it saved is not such
 * a record (edited, or cut short), which the post step must not take for "no token".
 */
export function loadMinted(): MintedState | 'unreadable' | null {
  if (core.getState(MINTED_STATE) === '') return null
  const state = load<Partial<Record<keyof MintedState, unknown>>>(MINTED_STATE)
  return state && isMintedState(state) ? state : 'unreadable'
}

/**
 * Only what main saves passes: values of the right type that main never writes (a URL it did
 * not normalise, a timeout the inputs refuse, `"revokedInMain": "no"`) would send the post
 * step astray, or call a live token revoked.
 */
function isMintedState(state: Partial<Record<keyof MintedState, unknown>>): state is MintedState {
  const strings = [state.jenkinsUrl, state.user, state.tokenName, state.tokenUuid, state.token]
  return (
    strings.every((value) => typeof value === 'string' && value !== '') &&
    isNormalisedUrl(state.jenkinsUrl as string) &&
    typeof state.revoke === 'boolean' &&
    isWholeIn(state.timeoutSeconds, TIMEOUT_SECONDS) &&
    isWholeIn(state.retries, RETRIES) &&
    (state.caCertificate === null || typeof state.caCertificate === 'string') &&
    typeof state.insecureSkipTlsVerify === 'boolean' &&
    (state.revokedInMain === undefined || typeof state.revokedInMain === 'boolean') &&
    (state.jenkinsVersion === undefined || typeof state.jenkinsVersion === 'string') &&
    (state.expirationDate === undefined || typeof state.expirationDate === 'string')
  )
}

/** The URL as main saves it: the jenkins-url input after normaliseJenkinsUrl. */
export function isNormalisedUrl(url: string): boolean {
  try {
    return normaliseJenkinsUrl(url) === url
  } catch {
    return false
  }
}

/**
 * The runner hands each saved record to the post step in an environment variable, at most
 * 128 KiB on Linux (MAX_ARG_STRLEN): one larger would keep post from starting at all. The
 * attempts grow with every mint whose answer is lost (a controller that keeps dropping
 * connections while wait-seconds lasts), so past this the step sends no further attempt; the
 * token's record grows only with what Jenkins answered, and past this main revokes the token.
 */
const MAX_RECORD_BYTES = 120 * 1024

export function saveAttempts(state: AttemptsState): void {
  const record = JSON.stringify(state)
  if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
    throw new Error(
      `The record of ${state.attempts.length} mint attempts would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB), so the step sends no further attempt. Jenkins may hold a token of each name the warnings give.`
    )
  }
  core.saveState(ATTEMPTS_STATE, record)
}

/**
 * The record of mint attempts; null when main saved none or when it is not one main writes
 * (cut short, a URL it did not normalise, an attempt without a name), which the post step
 * reads as damaged (damaged-records.ts): taken as it stands, a list lost to damage would read
 * as no attempt made, and a URL main never saves would be a page to send a person to.
 */
export function loadAttempts(): AttemptsState | null {
  const state = load<Partial<Record<keyof AttemptsState, unknown>>>(ATTEMPTS_STATE)
  if (!state || !isAttemptsState(state)) return null
  // An outcome it does not know counts as sent and unsettled: better a needless warning than a
  // lost token.
  const attempts = state.attempts.map(({ name, outcome, uuid }) => ({
    name,
    outcome,
    // Named as a token Jenkins certainly holds: only a UUID of Jenkins's form.
    ...(typeof uuid === 'string' && TOKEN_UUID.test(uuid) ? { uuid } : {})
  }))
  const version = typeof state.jenkinsVersion === 'string' ? state.jenkinsVersion : ''
  return {
    jenkinsUrl: state.jenkinsUrl,
    user: state.user,
    ...(version ? { jenkinsVersion: version } : {}),
    attempts
  }
}

function isAttemptsState(
  state: Partial<Record<keyof AttemptsState, unknown>>
): state is AttemptsState {
  const { jenkinsUrl, user, attempts } = state
  return (
    typeof jenkinsUrl === 'string' &&
    isNormalisedUrl(jenkinsUrl) &&
    typeof user === 'string' &&
    user !== '' &&
    Array.isArray(attempts) &&
    attempts.every((a: { name?: unknown } | null) => typeof a?.name === 'string' && a.name !== '')
  )
}

function load<T>(key: string): T | null {
  const raw = core.getState(key)
  if (raw === '') return null
  try {
    return JSON.parse(raw) as T
  } catch {
    return null
  }
}
