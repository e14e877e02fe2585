import { JenkinsError } from './errors.js'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
// Paths that single sign-on gateways and Jenkins itself use for interactive login.
const LOGIN_PATH =
  /(^|\/)(login|signin|sign-in|sso|saml2?|oauth2?|openid|oidc|auth|adfs|cas)(\/|$)/i

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status)
}

/**
 * Where a redirect may be followed: the same host only (an http→https upgrade, a port
 * change, a missing trailing slash), never down to http, and never to a login page. Any
 * other target is an error, so credentials never go to another host.
 */
export function redirectTarget(from: URL, location: string | undefined, status: number): URL {
  if (!location) {
    throw new JenkinsError(`Jenkins answered HTTP ${status} without a Location header.`, status)
  }
  let to: URL
  try {
    to = new URL(location, from)
  } catch {
    throw new JenkinsError(
      `Jenkins answered HTTP ${status} with an invalid Location header.`,
      status
    )
  }
  const where = `${to.protocol}//${to.host}${to.pathname}`
  if (LOGIN_PATH.test(to.pathname)) {
    throw new JenkinsError(
      `The request to ${from.pathname} was redirected to a login page (${where}): a single sign-on gateway or reverse proxy in front of Jenkins answered instead of Jenkins. Use a jenkins-url that reaches Jenkins directly, or ask for API clients with HTTP Basic auth to be let through.`,
      status
    )
  }
  if (to.hostname !== from.hostname) {
    throw new JenkinsError(
      `The request to ${from.pathname} was redirected to another host (${where}); the action does not send credentials to another host. If that is the controller's real address, set jenkins-url to it.`,
      status
    )
  }
  if (from.protocol === 'https:' && to.protocol !== 'https:') {
    throw new JenkinsError(
      `The request to ${from.pathname} was redirected from https to http (${where}); the action does not send credentials unencrypted. Fix the redirect on the server or proxy.`,
      status
    )
  }
  return to
}
