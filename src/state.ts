import * as core from '@actions/core'

/**
 * What the post step needs to revoke the token, saved the moment the token exists. The
 * token value itself is kept because it authenticates its own revocation (no crumb, no
 * password needed in post); state lives on the runner and is masked like any secret.
 */
export interface MintedState {
  jenkinsUrl: string
  user: string
  tokenName: string
  tokenUuid: string
  token: string
  revoke: boolean
  timeoutSeconds: number
  retries: number
  caCertificate: string | null
  insecureSkipTlsVerify: boolean
  /** The main step already revoked it (it failed verification): nothing is left to revoke. */
  revokedInMain?: boolean
}

/**
 * Mint attempts, saved before each is sent: if an attempt's answer is lost, Jenkins may
 * hold a token under its name that nobody has a UUID for. Jenkins has no API to list
 * tokens, so these names are what the post step reports for a person to revoke by hand.
 */
export interface AttemptsState {
  jenkinsUrl: string
  user: string
  /** Every name sent, in order. */
  sent: string[]
  /** Names whose attempts got no clear answer. */
  uncertain: string[]
}

const MINTED = 'minted'
const ATTEMPTS = 'attempts'

export function saveMinted(state: MintedState): void {
  core.saveState(MINTED, JSON.stringify(state))
}

export function loadMinted(): MintedState | null {
  return load<MintedState>(MINTED)
}

export function saveAttempts(state: AttemptsState): void {
  core.saveState(ATTEMPTS, JSON.stringify(state))
}

export function loadAttempts(): AttemptsState | null {
  return load<AttemptsState>(ATTEMPTS)
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
