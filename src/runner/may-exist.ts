import { revokePage } from '../jenkins/url.js'
import { quoted } from './log-text.js'
import type { Attempt } from './state.js'

export interface Where {
  jenkinsUrl: string
  user: string
  /** X-Jenkins, when known: which page lists the user's tokens. */
  jenkinsVersion?: string
}

/**
 * Where to revoke a token of `where` by hand (revokePage), read from the one record that
 * names its controller, user and version: every message passes the record, not three fields
 * that could be taken from different places. `show` writes each URL (a link, in the summary).
 */
export function revokePageFor(where: Where, show?: (url: string) => string): string {
  return revokePage(where.jenkinsUrl, where.user, where.jenkinsVersion, show)
}

/** The words a person is sent to when a damaged record does not say which page to open. */
export const TOKENS_ON_THE_CONTROLLER = "the user's API tokens on the controller"

/** The page of revokePageFor, when a damaged record still names the controller and user. */
export function knownPage(where: Partial<Where>, show?: (url: string) => string): string | null {
  const { jenkinsUrl, user } = where
  return jenkinsUrl && user ? revokePageFor({ ...where, jenkinsUrl, user }, show) : null
}

/** Where a warning sends a person to revoke a token of a damaged record by hand. */
export function whereToLook(where: Partial<Where>): string {
  const page = knownPage(where)
  return page ? `open ${page}` : `check ${TOKENS_ON_THE_CONTROLLER}`
}

/** Why Jenkins may hold a token of this name, in words for the log and the summary. */
export function whyItMayExist(attempt: Attempt): string {
  if (attempt.uuid) {
    return 'Jenkins answered that it created it, but without a token value the action could use, and the action could not revoke it'
  }
  return attempt.outcome === 'pending'
    ? 'the step stopped while the request that creates it was under way'
    : 'the answer to the request that creates it was lost or unclear'
}

/**
 * One warning for one token a person may have to revoke by hand: Jenkins has no API to
 * list tokens, so the name, the user and the page are all the action can give.
 */
export function mayExistWarning(attempt: Attempt, where: Where): string {
  const name = quoted(attempt.name)
  const page = revokePageFor(where)
  if (attempt.uuid) {
    return `Jenkins holds an API token named ${name} (token UUID ${attempt.uuid}) for the user ${quoted(where.user)}: ${whyItMayExist(attempt)}. Open ${page} and revoke ${name} there.`
  }
  return `Jenkins may hold an API token named ${name} for the user ${quoted(where.user)}: ${whyItMayExist(attempt)}, so the action does not know whether it was created and cannot revoke it. Open ${page} and revoke ${name} there if it is listed.`
}

/**
 * What became of main's record of a token Jenkins made (its UUID and value): `unreadable`, it
 * was saved but altered or cut short; `unsaved`, the step stopped between the token and the
 * record. Either way the post step cannot revoke it, and only its name is left to give.
 */
export type LostRecord = 'unreadable' | 'unsaved'

/** Why a token Jenkins made cannot be revoked, in words for the summary. */
export function whyRecordLost(lost: LostRecord): string {
  return lost === 'unreadable'
    ? 'Jenkins created it, but the record the main step saved of it cannot be read'
    : 'Jenkins created it, but the main step stopped before it saved a record of it'
}

/** One warning for a token Jenkins made whose record (its UUID and value) is lost. */
export function lostRecordWarning(
  attempt: Attempt,
  where: Where,
  lost: LostRecord,
  uuid?: string
): string {
  const name = uuid ? `${quoted(attempt.name)} (token UUID ${uuid})` : quoted(attempt.name)
  const page = revokePageFor(where)
  // Main revokes a token it cannot record, if it can, but then cannot record that either.
  const why =
    lost === 'unreadable'
      ? `the record the main step saved of it cannot be read. Open ${page}`
      : `the main step saved no record of it (its UUID and value): it stopped first, or could not write its state. Unless the main step's log says it revoked the token, open ${page}`
  return `Jenkins created an API token named ${name} for the user ${quoted(where.user)} that this step cannot revoke: ${why} and revoke ${quoted(attempt.name)} there.`
}
