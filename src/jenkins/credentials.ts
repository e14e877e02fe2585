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
