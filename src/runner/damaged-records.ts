import * as core from '@actions/core'
import { TOKEN_UUID } from '../jenkins/token-form.js'
import { MINTED_STATE } from './minted-record.js'
import { ATTEMPTS_STATE, isNormalisedUrl } from './state.js'

/**
 * What can still be read from a record the post step cannot use: a person revoking a token by
 * hand needs its name, UUID, user and controller, and a record that is cut short or altered
 * often still holds them. Only strings are taken, and a URL only in the form main saves.
 */
export interface Remains {
  tokenName?: string
  tokenUuid?: string
  user?: string
  jenkinsUrl?: string
  jenkinsVersion?: string
}

const FIELDS = ['tokenName', 'tokenUuid', 'user', 'jenkinsUrl', 'jenkinsVersion'] as const

/** The remains of main's token record, when post cannot read it. */
export function mintedRemains(): Remains {
  return remainsIn(core.getState(MINTED_STATE), FIELDS)
}

/**
 * Where the tokens of a record of mint attempts that post cannot read are: its controller, user
 * and version, as far as they can still be read. Its entries have no field of these names.
 */
export function attemptsRemains(): Remains {
  return remainsIn(core.getState(ATTEMPTS_STATE), ['user', 'jenkinsUrl', 'jenkinsVersion'])
}

function remainsIn(raw: string, fields: ReadonlyArray<(typeof FIELDS)[number]>): Remains {
  const json = parsedJson(raw)
  const record = asObject(json?.value)
  const remains: Remains = {}
  for (const field of fields) {
    // From the JSON if it parses (nothing from JSON that is no object), else from the text.
    const value = json ? record?.[field] : quotedField(raw, field)
    if (typeof value === 'string' && value !== '') remains[field] = value
  }
  if (remains.tokenUuid !== undefined && !TOKEN_UUID.test(remains.tokenUuid))
    delete remains.tokenUuid
  if (remains.jenkinsUrl !== undefined && !isNormalisedUrl(remains.jenkinsUrl)) {
    delete remains.jenkinsUrl
  }
  return remains
}

/**
 * The token names a record of mint attempts that post cannot read still holds, in order; null
 * when main saved no such record. Main saves it before its first mint is sent.
 */
export function attemptNamesIn(): string[] | null {
  const raw = core.getState(ATTEMPTS_STATE)
  if (raw === '') return null
  const listed = listedAttempts(raw)
  if (listed) return listed
  const names: string[] = []
  for (const match of raw.matchAll(/"name"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
    const name = parseString(match[1] ?? '')
    if (name && !names.includes(name)) names.push(name)
  }
  return names
}

/**
 * The names of a record that parses but is not whole (its user lost, say): all but those
 * whose outcome says Jenkins made nothing that is left. Undefined when it does not parse.
 */
function listedAttempts(raw: string): string[] | undefined {
  const attempts = namedAttempts(parsedJson(raw)?.value)
  if (!attempts) return undefined
  const names: string[] = []
  for (const { name, outcome } of attempts) {
    if (names.includes(name) || outcome === 'not-created' || outcome === 'revoked') continue
    names.push(name)
  }
  return names
}

/**
 * The attempts of a record that parses, those with a name; undefined when its `attempts` is no
 * list. Entries without a name tell nothing a person can look for.
 */
function namedAttempts(value: unknown): Array<{ name: string; outcome: unknown }> | undefined {
  const attempts = asObject(value)?.attempts
  if (!Array.isArray(attempts)) return undefined
  return (attempts as Array<{ name?: unknown; outcome?: unknown } | null>).flatMap((attempt) => {
    const name = attempt?.name
    return typeof name === 'string' && name !== '' ? [{ name, outcome: attempt?.outcome }] : []
  })
}

/**
 * The name of the attempt a damaged record of attempts says Jenkins created, if it still says
 * so of exactly one: main saves that outcome before it saves the token's record, and sends no
 * mint after one that made a token, so an unreadable token record is of that token.
 */
export function createdAttemptIn(): string | undefined {
  const raw = core.getState(ATTEMPTS_STATE)
  const json = parsedJson(raw)
  const created = new Set<string>()
  if (json) {
    for (const { name, outcome } of namedAttempts(json.value) ?? []) {
      if (outcome === 'created') created.add(name)
    }
  } else {
    // Cut short: main writes an attempt's name, then its outcome.
    const pattern = /"name"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"outcome"\s*:\s*"created"/g
    for (const match of raw.matchAll(pattern)) {
      const name = parseString(match[1] ?? '')
      if (name) created.add(name)
    }
  }
  return created.size === 1 ? [...created][0] : undefined
}

/** The record's JSON value, boxed so that `null` is told from text that does not parse. */
function parsedJson(raw: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(raw) }
  } catch {
    return undefined
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/** A field's string value in a record cut short: its key, then a whole JSON string. */
function quotedField(raw: string, field: string): string | undefined {
  const match = raw.match(new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`))
  return match ? parseString(match[1] ?? '') : undefined
}

function parseString(json: string): string | undefined {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}
