import type { OutgoingHttpHeaders } from 'node:http'
import type { LoginSession } from './session.js'

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

/**
 * The headers of a POST made as the login user: Basic auth, plus the crumb and session cookie
 * when a password login opened a session.
 */
export async function postHeaders(
  credentials: Credentials,
  url: string,
  session?: LoginSession
): Promise<OutgoingHttpHeaders> {
  return {
    ...authorization(credentials.username, credentials.secret),
    ...(session ? await session.headersFor(url) : {})
  }
}
