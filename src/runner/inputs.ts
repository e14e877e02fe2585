import { X509Certificate } from 'node:crypto'
import type { CredentialKind } from '../jenkins/credentials.js'
import {
  EXPIRATION_DAYS,
  isWholeIn,
  type Range,
  RETRIES,
  TIMEOUT_SECONDS,
  WAIT_SECONDS
} from './input-limits.js'
import { InputError, normaliseJenkinsUrl } from './jenkins-url-input.js'

// Kept apart so that the warm-up reads the URL without loading node:crypto.
export { InputError }

/** How the token is created: generateNewToken over REST, or a Groovy script in the script console. */
export type MintMethod = 'rest' | 'script-console'

export interface ActionInputs {
  /** Normalised root URL, always ending in `/`. */
  jenkinsUrl: string
  username: string
  secret: string
  credentialKind: CredentialKind
  user: string
  tokenName: string
  method: MintMethod
  /** Days until expiry, or null for `never`. */
  expirationDays: number | null
  revoke: boolean
  verify: boolean
  exportEnv: boolean
  timeoutSeconds: number
  retries: number
  /** How long to wait for a starting controller, or null: the default (see action.yml). */
  waitSeconds: number | null
  caCertificate: string | null
  insecureSkipTlsVerify: boolean
}

/** Reads one input; `trim` is false only for passwords, which may hold any character. */
export type InputReader = (name: string, trim: boolean) => string

const TRUE = new Set(['true', 'True', 'TRUE'])
const FALSE = new Set(['false', 'False', 'FALSE'])

export function readInputs(read: InputReader, env: NodeJS.ProcessEnv): ActionInputs {
  const username = required(read, 'username')
  if (username.includes(':')) {
    throw new InputError(
      'Input username must not contain ":": HTTP Basic authentication splits the user and the password at the first colon.'
    )
  }
  const password = read('password', false)
  const apiToken = read('api-token', true)
  if (password !== '' && apiToken !== '') {
    throw new InputError(
      'Inputs password and api-token were both given: set exactly one (api-token is preferred: it needs no CSRF crumb).'
    )
  }
  if (password === '' && apiToken === '') {
    throw new InputError(
      'One of the inputs password or api-token is required: the password or an existing API token of the user in username.'
    )
  }
  const givenUser = read('user', true)
  if (givenUser.includes(':')) {
    throw new InputError(
      'Input user must not contain ":": the new token is used with HTTP Basic authentication, which splits the user and the token at the first colon.'
    )
  }
  const user = givenUser || username
  if (user === '.' || user === '..') {
    // rawEncode keeps dots, and URL normalisation makes /user/../ a step up the path, so the
    // requests would reach another Jenkins page than the user's.
    const input = givenUser ? 'user' : 'username'
    throw new InputError(
      `Input ${input} is "${user}", which is not a usable Jenkins user id: in a URL it is a path step, so the action's requests would go to another Jenkins page than the user's. Set ${input} to the user's id as it appears in its Jenkins page URL (…/user/<id>/).`
    )
  }
  return {
    jenkinsUrl: normaliseJenkinsUrl(required(read, 'jenkins-url')),
    username,
    secret: apiToken || password,
    credentialKind: apiToken ? 'api-token' : 'password',
    user,
    tokenName: tokenName(read('token-name', true), env),
    method: mintMethod(read('method', true)),
    expirationDays: expirationDays(read('expiration-days', true)),
    revoke: boolean(read, 'revoke', true),
    verify: boolean(read, 'verify', true),
    exportEnv: boolean(read, 'export-env', false),
    timeoutSeconds: integer(read, 'timeout-seconds', 30, TIMEOUT_SECONDS),
    retries: integer(read, 'retries', 3, RETRIES),
    waitSeconds:
      read('wait-seconds', true) === '' ? null : integer(read, 'wait-seconds', 0, WAIT_SECONDS),
    caCertificate: caCertificate(read('ca-certificate', true)),
    insecureSkipTlsVerify: boolean(read, 'insecure-skip-tls-verify', false)
  }
}

function required(read: InputReader, name: string): string {
  const value = read(name, true)
  if (value === '') throw new InputError(`Input ${name} is required.`)
  return value
}

/**
 * Every attempt's name is saved for the post step, which the runner hands over in one
 * environment variable (at most 128 KiB on Linux): a long name times 11 attempts must fit.
 */
const MAX_TOKEN_NAME = 1000

/**
 * The default name tells an administrator looking at the user's tokens in Jenkins which
 * run owns a token: repository, run id and attempt, and job.
 */
export function tokenName(given: string, env: NodeJS.ProcessEnv): string {
  const characters = [...given].length
  if (characters > MAX_TOKEN_NAME) {
    throw new InputError(
      `Input token-name must be at most ${MAX_TOKEN_NAME} characters; got ${characters}.`
    )
  }
  if (given !== '') return given
  const repository = env.GITHUB_REPOSITORY || 'local'
  const runId = env.GITHUB_RUN_ID || String(Date.now())
  const attempt = env.GITHUB_RUN_ATTEMPT || '1'
  // The step's id (GITHUB_ACTION) tells two uses of the action in one job apart: a warning
  // names a token by its name, and the other step's token would share it.
  const where = [env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join('/')
  return `github-actions ${repository}#${runId}.${attempt}${where ? ` ${where}` : ''}`
}

function mintMethod(value: string): MintMethod {
  if (value === '' || value === 'rest') return 'rest'
  if (value === 'script-console') return 'script-console'
  throw new InputError(`Input method must be rest or script-console; got "${value}".`)
}

function expirationDays(value: string): number | null {
  if (value === '') return 1
  if (value === 'never') return null
  if (/^\d+$/.test(value)) {
    const days = Number(value)
    if (isWholeIn(days, EXPIRATION_DAYS)) return days
  }
  throw new InputError(
    `Input expiration-days must be a whole number of days from ${EXPIRATION_DAYS.min} to ${EXPIRATION_DAYS.max}, or never; got "${value}".`
  )
}

function boolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name, true)
  if (value === '') return fallback
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  throw new InputError(`Input ${name} must be true or false; got "${value}".`)
}

function integer(read: InputReader, name: string, fallback: number, range: Range): number {
  const value = read(name, true)
  if (value === '') return fallback
  if (/^\d+$/.test(value) && isWholeIn(Number(value), range)) return Number(value)
  throw new InputError(
    `Input ${name} must be a whole number from ${range.min} to ${range.max}; got "${value}".`
  )
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * The certificates go to the post step in main's record, which the runner hands over in one
 * environment variable: at most 128 KiB on Linux, beyond which post cannot start at all and
 * the token would stay valid with no word of it. Half of that leaves room for the rest of the
 * record; a larger bundle belongs in a file named by NODE_EXTRA_CA_CERTS.
 */
const MAX_CA_PEM = 64 * 1024

/** PEM text, or the base64 of PEM text (what fits in a single-line secret). */
export function caCertificate(value: string): string | null {
  if (value === '') return null
  const pem = value.includes('-----BEGIN')
    ? value
    : Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8')
  const blocks = pem.match(PEM_BLOCK) ?? []
  if (blocks.length === 0) {
    throw new InputError(
      'Input ca-certificate must be PEM text (-----BEGIN CERTIFICATE----- …) or the base64 of it.'
    )
  }
  const joined = blocks.join('\n')
  if (joined.length > MAX_CA_PEM) {
    throw new InputError(
      `Input ca-certificate holds ${blocks.length} certificates, ${Math.ceil(joined.length / 1024)} KiB of PEM; at most 64 KiB fit the record the post step gets. Give only the certificates of the CAs that sign the controller's certificate (and an https:// proxy's), or put a larger bundle in a file on the runner and name it in NODE_EXTRA_CA_CERTS.`
    )
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block)
    } catch {
      throw new InputError(
        `Input ca-certificate: certificate ${index + 1} of ${blocks.length} is not a valid PEM certificate.`
      )
    }
  }
  return joined
}
