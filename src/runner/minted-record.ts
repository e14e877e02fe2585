// Kept apart from state.ts, which loads @actions/core: the post step's warm-up reads this
// record before anything else loads.

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
  /**
   * The main step already revoked it (it failed verification, or could not be handed out):
   * nothing is left to revoke.
   */
  revokedInMain?: boolean
  /** X-Jenkins, when an answer before the token had it: which page lists the user's tokens. */
  jenkinsVersion?: string
  /** The token's last valid day (YYYY-MM-DD), or 'never', for what a kept token is told. */
  expirationDate?: string
}

/** How long a token that is not revoked stays valid, in words. */
export function validUntil(state: Pick<MintedState, 'expirationDate'>): string {
  const date = state.expirationDate
  if (date === 'never')
    return 'valid: it never expires, so revoke it by hand once it is no longer needed'
  return date ? `valid until it expires (its last day is ${date})` : 'valid until it expires'
}

/** The state key main saves it under; the runner hands it to post as STATE_minted. */
export const MINTED_STATE = 'minted'
