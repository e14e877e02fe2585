export type CredentialKind = 'password' | 'api-token'

export interface Credentials {
  username: string
  secret: string
  kind: CredentialKind
}

/** The value Jenkins receives in the Authorization header, and that `curl -v` prints. */
export function basicAuthValue(username: string, secret: string): string {
  return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')
}

export function authorization(username: string, secret: string): { authorization: string } {
  return { authorization: `Basic ${basicAuthValue(username, secret)}` }
}

/** Jenkins's API tokens: `11` and 32 hex digits (2.129+), or 32 hex digits (legacy). */
export function looksLikeApiToken(secret: string): boolean {
  return /^(11)?[0-9a-f]{32}$/.test(secret)
}
