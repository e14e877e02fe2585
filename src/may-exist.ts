import { securityPage } from './jenkins/url.js'

/** Names a person may have to revoke by hand: Jenkins has no API to list tokens. */
export function mayExist(names: string[], where: { jenkinsUrl: string; user: string }): string {
  const list = names.map((name) => `"${name}"`).join(', ')
  return `Jenkins may also hold a token named ${list}, from an attempt whose answer was lost; the action cannot list tokens to revoke it. Check ${securityPage(where.jenkinsUrl, where.user)} and revoke it there if it exists.`
}
