import { securityPage } from '../jenkins/url.js'
import { quoted } from './log-text.js'
import type { Attempt } from './state.js'

export interface Where {
  jenkinsUrl: string
  user: string
}

/** Why Jenkins may hold a token of this name, in words for the log and the summary. */
export function whyItMayExist(attempt: Attempt): string {
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
  return `Jenkins may hold an API token named ${name} for the user ${quoted(where.user)}: ${whyItMayExist(attempt)}, so the action does not know whether it was created and cannot revoke it. Open ${securityPage(where.jenkinsUrl, where.user)} and revoke ${name} there if it is listed.`
}

/** Why a token Jenkins made cannot be revoked when main's record of it is unreadable. */
export const UNREADABLE_RECORD =
  'Jenkins created it, but the record the main step saved of it cannot be read'

/** One warning for a token Jenkins made whose record (its UUID and value) is unreadable. */
export function unreadableRecordWarning(attempt: Attempt, where: Where): string {
  const name = quoted(attempt.name)
  return `Jenkins holds an API token named ${name} for the user ${quoted(where.user)} that this step cannot revoke: the record the main step saved of it cannot be read. Open ${securityPage(where.jenkinsUrl, where.user)} and revoke ${name} there.`
}
