import { shownPath } from '../http/server-text.js'
import { versionAtLeast } from './version.js'

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

/** A page of the user by id: `${root}user/<id>/${path}`. */
function userPage(root: string, user: string, path: string): string {
  return `${root}user/${rawEncode(user)}/${path}`
}

export function userApiEndpoint(root: string, user: string): string {
  return userPage(root, user, 'api/json')
}

/** The Jenkins version whose Security page (UserPropertyCategorySecurityAction) lists tokens. */
const SECURITY_PAGE_SINCE = '2.468'

/**
 * The user's page that lists their API tokens, where a person can revoke one by hand: Security
 * since 2.468, Configure before. An unknown version (a proxy that strips X-Jenkins) gets
 * today's page.
 */
function securityPage(root: string, user: string, version = ''): string {
  const before = version !== '' && !versionAtLeast(version, SECURITY_PAGE_SINCE)
  return userPage(root, user, before ? 'configure' : 'security/')
}

/**
 * Where to revoke a token by hand, in words: securityPage's page, and beside it the page before
 * 2.468 when the version is not known. `show` writes each URL (as a link, in the summary).
 */
export function revokePage(
  root: string,
  user: string,
  version = '',
  show: (url: string) => string = (url) => url
): string {
  const page = show(securityPage(root, user, version))
  if (version !== '') return page
  return `${page} (before Jenkins ${SECURITY_PAGE_SINCE}: ${show(userPage(root, user, 'configure'))})`
}

export function crumbEndpoint(root: string): string {
  return `${root}crumbIssuer/api/json`
}

export function scriptTextEndpoint(root: string): string {
  return `${root}scriptText`
}

/** Only the field the action reads: the root's whole api/json lists every job. */
export function securityFlagEndpoint(root: string): string {
  return `${root}api/json?tree=useSecurity`
}

export function whoAmIEndpoint(root: string): string {
  return `${root}whoAmI/api/json`
}

/** The part of a URL that is safe to log: no credentials, no query, no secret of the step. */
export function logPath(url: string): string {
  return shownPath(url)
}
