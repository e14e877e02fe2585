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
}

const KEY = 'minted'

export function saveMinted(state: MintedState): void {
  core.saveState(KEY, JSON.stringify(state))
}

export function loadMinted(): MintedState | null {
  const raw = core.getState(KEY)
  if (raw === '') return null
  return JSON.parse(raw) as MintedState
}
