import { HttpError } from './errors.js'
import { shownLocation, shownPath } from './server-text.js'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
// Paths that single sign-on gateways and Jenkins itself use for interactive login.
const LOGIN_PATH =
  /(^|\/)(login|signin|sign-in|sso|saml2?|oauth2?|openid|oidc|auth|adfs|cas)(\/|$)/i

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status)
}

/**
 * Where a redirect may be followed: the same origin (scheme, host and port: a missing trailing
 * slash, a path), or from http to https on the same host and port, as HSTS upgrades (80 to
 * 443, the default ports, or a port kept as it is). Every request carries the login secret,
 * and a POST the crumb and the session cookie, so any other target is an error: a different
 * port is a different origin, and may be a different server.
 */
export function redirectTarget(from: URL, location: string | undefined, status: number): URL {
  if (!location) {
    throw new HttpError(`Jenkins answered HTTP ${status} without a Location header.`, status)
  }
  let to: URL
  try {
    to = new URL(location, from)
  } catch {
    throw new HttpError(`Jenkins answered HTTP ${status} with an invalid Location header.`, status)
  }
  const where = shownLocation(to, location, from)
  if (LOGIN_PATH.test(to.pathname)) {
    throw new HttpError(
      `The request to ${shownPath(from)} was redirected to a login page (${where}): a single sign-on gateway or reverse proxy in front of Jenkins answered instead of Jenkins. Use a jenkins-url that reaches Jenkins directly, or ask for API clients with HTTP Basic auth to be let through.`,
      status
    )
  }
  if (from.protocol === 'https:' && to.protocol !== 'https:') {
    throw new HttpError(
      `The request to ${shownPath(from)} was redirected from https to http (${where}); the action does not send credentials unencrypted. Fix the redirect on the server or proxy.`,
      status
    )
  }
  // URL leaves the port empty when it is the scheme's default.
  const upgrade =
    from.protocol === 'http:' &&
    to.protocol === 'https:' &&
    to.hostname === from.hostname &&
    to.port === from.port
  if (!upgrade && to.origin !== from.origin) {
    throw new HttpError(
      `The request to ${shownPath(from)} was redirected to another origin (${where}); the action sends credentials only to the controller's own scheme, host and port. If that is the controller's real address, set jenkins-url to it.`,
      status
    )
  }
  return to
}
