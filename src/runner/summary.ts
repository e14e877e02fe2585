import * as core from '@actions/core'
import { cell } from './log-text.js'
import { knownPage, TOKENS_ON_THE_CONTROLLER, type Where } from './may-exist.js'

export interface TokenFacts {
  tokenName: string
  tokenUuid: string
  user: string
  jenkinsUrl: string
  jenkinsVersion: string
  expirationDate: string
}

export interface SummaryContent {
  /** The token the step made and handed out: everything an auditor needs, never the value. */
  token?: TokenFacts
  /** Lines about the outcome, e.g. what the post step did to the token. */
  notes?: string[]
  /**
   * Tokens Jenkins may hold that a person must check and revoke by hand, and why; `where` is
   * partial when it comes from a damaged record, which may have lost the controller or user.
   */
  checkByHand?: { tokens: TokenToCheck[]; where: Partial<Where> }
}

/**
 * A token a person must look for: its UUID where Jenkins gave one, to tell it from namesakes;
 * no name when the damaged record that told of it no longer holds one.
 */
export interface TokenToCheck {
  name?: string
  uuid?: string
  /** No name, and it may be one of the tokens named beside it: a row, not one more token. */
  mayBeListed?: boolean
  why: string
}

/** This step's summary, written or being written (a process runs one step). */
let written: Promise<void> | undefined

/**
 * The step's part of the job summary, through the runner's own library. Nothing is written
 * when there is nothing to say or the runner gave no summary file. One summary per step: a
 * later one (a stop's, while the step's own is written) waits for the earlier write and
 * replaces it, so it must say all the earlier did.
 */
export function writeSummary(content: SummaryContent): Promise<void> {
  const earlier = written
  written = (async () => {
    await earlier?.catch(() => undefined)
    await write(content, earlier !== undefined)
  })()
  return written
}

async function write(content: SummaryContent, replace: boolean): Promise<void> {
  const { token, notes = [], checkByHand } = content
  const lost = checkByHand?.tokens ?? []
  if (!token && notes.length === 0 && lost.length === 0) return
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const summary = core.summary.emptyBuffer().addHeading('Jenkins API token', 3)
  if (token) {
    summary.addTable(
      [
        ['Token name', token.tokenName],
        ['Token UUID', token.tokenUuid],
        ['User', token.user],
        ['Controller', token.jenkinsUrl],
        ['Jenkins version', token.jenkinsVersion || 'unknown'],
        ['Last valid day', token.expirationDate]
      ].map(([name, value]) => [{ data: cell(name ?? ''), header: true }, cell(value ?? '')])
    )
  }
  for (const note of notes) summary.addRaw(`<p>${cell(note)}</p>`, true)
  if (checkByHand && lost.length > 0) {
    const { where } = checkByHand
    const link = (url: string) => `<a href="${cell(url)}">${cell(url)}</a>`
    const ofUser = where.user ? ` of the user ${cell(where.user)}` : ''
    const pages = knownPage(where, link)
    // A damaged record may have lost the controller or the user: the warnings' words, then.
    const revoke = pages
      ? `Revoke any that is listed on ${pages}.`
      : `Check ${cell(TOKENS_ON_THE_CONTROLLER)} and revoke any that is listed.`
    summary.addRaw(
      `<p><strong>Check by hand:</strong> Jenkins may hold ${lost.length === 1 ? 'this token' : 'these tokens'}${ofUser}, and the action could not revoke ${lost.length === 1 ? 'it' : 'them'}. ${revoke}</p>`,
      true
    )
    // Jenkins lists a token by name and shows no UUID, but an auditor matches it in the logs.
    const withUuid = lost.some((token) => token.uuid)
    summary.addTable([
      [
        { data: 'Token name', header: true },
        ...(withUuid ? [{ data: 'Token UUID', header: true }] : []),
        { data: 'Why it needs checking', header: true }
      ],
      ...lost.map((token) => [
        cell(token.name ?? (token.mayBeListed ? MAYBE_LISTED : NO_NAME)),
        ...(withUuid ? [cell(token.uuid ?? 'not known')] : []),
        cell(token.why)
      ])
    ])
  }
  await summary.write({ overwrite: replace })
}

/** A token a damaged record no longer names: the action names every token after its run. */
const NO_NAME = 'not known: the one named after this run'

/** A token a damaged record no longer names, which may be one of those other rows name. */
const MAYBE_LISTED = 'not known: the one named after this run, perhaps one of those listed here'
