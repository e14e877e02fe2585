import * as core from '@actions/core'
import { withholdFromMessages } from '../http/server-text.js'
import { basicAuthValue } from '../jenkins/credentials.js'
import { cell, inline, plain } from './log-text.js'

/**
 * Registers a secret and every form of it that can end up in a log: the Basic
 * Authorization value (printed by `curl -v`), plain base64, the URL-encoded form, and the
 * forms the action's own log and summary write it in, should an answer echo it back (a
 * control character, quote or backslash escaped, or HTML's entities), which the runner,
 * matching the raw value, would not find. It never throws: it runs once a token exists,
 * before anything else may fail.
 */
export function maskSecret(secret: string, username: string): void {
  // encodeURIComponent throws on a lone surrogate; every other encoder (Buffer, URLSearchParams,
  // the log's own UTF-8) writes it as U+FFFD, as toWellFormed does.
  const wellFormed = (secret as string & { toWellFormed(): string }).toWellFormed()
  const forms = new Set([
    secret,
    wellFormed,
    basicAuthValue(username, secret),
    Buffer.from(secret, 'utf8').toString('base64'),
    encodeURIComponent(wellFormed),
    plain(secret),
    inline(secret),
    cell(secret),
    // The summary's notes are log sentences (names quoted) written as HTML text.
    cell(inline(secret))
  ])
  for (const form of forms) core.setSecret(form)
  withholdFromMessages(wellFormed)
}

/**
 * The Basic value of a secret for another spelling of its user: Jenkins's own id, which the
 * outputs hand out, when the login was typed in another case (user ids are case-insensitive).
 */
export function maskBasicAuth(username: string, secret: string): void {
  core.setSecret(basicAuthValue(username, secret))
}
