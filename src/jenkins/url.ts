/**
 * Jenkins's Util.rawEncode: the encoding Jenkins itself uses for user ids in URLs. Unlike
 * encodeURIComponent it keeps `! $ & ' ( ) * + , = @` and encodes `~`.
 */
export function rawEncode(segment: string): string {
  let out = ''
  for (const byte of Buffer.from(segment, 'utf8')) {
    const c = String.fromCharCode(byte)
    const keep = byte < 0x80 && byte > 32 && byte <= 0x7a && !`"#%/:;<>?[\\]^\``.includes(c)
    out += keep ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const DESCRIPTOR = 'descriptorByName/jenkins.security.ApiTokenProperty'

/**
 * Whose tokens a request is about: `me`, the user the request authenticates as (Jenkins's
 * /me/, which also serves realm users who have no user record yet), or a user by id.
 */
export type TokenOwner = { me: true } | { me: false; id: string }

/**
 * The ApiTokenProperty descriptor URL of a user. The id is sent as Jenkins gave it, not
 * lowercased as User#getUrl does: a controller with a case-sensitive id strategy needs the
 * exact id.
 */
export function tokenEndpoint(
  root: string,
  owner: TokenOwner,
  method: 'generateNewToken' | 'revoke'
): string {
  const base = owner.me ? 'me' : `user/${rawEncode(owner.id)}`
  return `${root}${base}/${DESCRIPTOR}/${method}`
}

export function userApiEndpoint(root: string, user: string): string {
  return `${root}user/${rawEncode(user)}/api/json`
}

/** The user's Security page, where a person can see and revoke tokens by hand. */
export function securityPage(root: string, user: string): string {
  return `${root}user/${rawEncode(user)}/security/`
}

export function crumbEndpoint(root: string): string {
  return `${root}crumbIssuer/api/json`
}

export function scriptTextEndpoint(root: string): string {
  return `${root}scriptText`
}

export function whoAmIEndpoint(root: string): string {
  return `${root}whoAmI/api/json`
}

/** The part of a URL that is safe to log: no credentials, no query. */
export function logPath(url: string): string {
  return new URL(url).pathname
}
