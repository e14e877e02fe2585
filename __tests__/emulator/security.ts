/**
 * The security filters, in web-fragment.xml order: BasicHeaderProcessor (§3.1) and CrumbFilter
 * (§4.1). Each returns the response that ends the request, or null to continue down the chain.
 */
import { timingSafeEqual } from 'node:crypto'
import { OopsError, type RequestContext } from './context.js'
import type { EmuResponse } from './types.js'
import { compareVersions } from './util.js'

/** Base64.getDecoder(): strict alphabet, no whitespace, padding optional but correct if present. */
export function strictBase64(s: string): Buffer | null {
  const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(s)
  if (!m) return null
  const data = m[1] ?? ''
  const padding = (m[2] ?? '').length
  const rem = data.length % 4
  if (padding === 0 && rem === 1) return null
  if (padding === 1 && rem !== 3) return null
  if (padding === 2 && rem !== 2) return null
  return Buffer.from(data, 'base64')
}

/** BasicHeaderProcessor: token first, then password; failure is a 401 before anything else. */
export function authenticate(ctx: RequestContext): EmuResponse | null {
  // Without a security realm there is no such filter: the header is never read.
  if (!ctx.core.useSecurity) return null
  const header = ctx.header('authorization')
  if (header === undefined || !header.slice(0, 6).toLowerCase().startsWith('basic ')) {
    return null // anonymous
  }
  const decoded = strictBase64(header.substring(6))?.toString('utf8') ?? ''
  const idx = decoded.indexOf(':')
  if (idx < 0) return unauthorized(ctx, 'Malformed HTTP basic Authorization header')
  const username = decoded.slice(0, idx)
  const password = decoded.slice(idx + 1)
  const { core } = ctx
  if (!core.usersLoaded()) {
    // Both authenticators look the user up in User.AllUsers, empty until scanAll has run.
    return unauthorized(ctx, `Invalid password/token for user: ${username}`)
  }
  // BasicHeaderApiTokenAuthenticator: User.getById(username, false), the id only.
  const holder = core.users.getById(username)
  if (holder && core.users.matchToken(holder, password, core.today())) {
    if (!holder.inRealm) throw impersonationFailure(holder.id)
    ctx.auth = { kind: 'token', name: holder.id, user: holder }
    return null
  }
  // BasicHeaderRealPasswordAuthenticator: the security realm, record or not.
  const user = core.users.passwordLogin(username)
  if (user && password === user.password) {
    ctx.auth = { kind: 'password', name: user.id, user }
    return null
  }
  return unauthorized(ctx, `Invalid password/token for user: ${username}`)
}

/**
 * The token matched but getUserDetailsForImpersonation2 found no such user in the realm:
 * `throw new ServletException(x)` escapes the filter chain, and UncaughtExceptionFilter answers
 * 500 with the oops page. The realm's message is HudsonPrivateSecurityRealm#load's.
 */
function impersonationFailure(id: string): OopsError {
  const cause = `org.springframework.security.core.userdetails.UsernameNotFoundException: Password is not set: ${id}`
  return new OopsError(
    [
      `jakarta.servlet.ServletException: ${cause}`,
      '\tat jenkins.security.BasicHeaderApiTokenAuthenticator.authenticate2(BasicHeaderApiTokenAuthenticator.java:44)',
      '\tat jenkins.security.BasicHeaderProcessor.doFilter(BasicHeaderProcessor.java:92)',
      `Caused by: ${cause}`,
      '\tat hudson.security.HudsonPrivateSecurityRealm.load(HudsonPrivateSecurityRealm.java:239)',
      '\tat hudson.model.User.getUserDetailsForImpersonation2(User.java:456)',
      '\tat jenkins.security.BasicHeaderApiTokenAuthenticator.authenticate2(BasicHeaderApiTokenAuthenticator.java:36)'
    ].join('\n')
  )
}

/**
 * rememberMeServices.loginFail (cancels the remember-me cookie) then
 * BasicAuthenticationEntryPoint.commence: sendError(401, "Unauthorized").
 */
function unauthorized(ctx: RequestContext, exceptionMessage: string): EmuResponse {
  ctx.record.authKind = 'bad'
  const { version, contextPath } = ctx.core.env
  const realm =
    compareVersions(version, '2.568.1') >= 0
      ? 'Basic realm="Jenkins", charset="UTF-8"'
      : 'Basic realm="Jenkins"'
  // Before Spring Security (2.266) the Acegi entry point sent the exception message.
  const message = compareVersions(version, '2.266') >= 0 ? 'Unauthorized' : exceptionMessage
  return ctx.jetty(401, message, [
    [
      'Set-Cookie',
      `remember-me=; Path=${contextPath || '/'}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`
    ],
    ['WWW-Authenticate', realm]
  ])
}

/** CrumbIssuer.DEFAULT_CRUMB_NAME */
export const DEFAULT_CRUMB_FIELD = 'Jenkins-Crumb'

/** The crumb the request carries: header first, else the request parameter. */
export function presentedCrumb(ctx: RequestContext): string | null {
  return ctx.header(ctx.core.crumbRequestField) ?? ctx.param(ctx.core.crumbRequestField)
}

/** CrumbFilter: POSTs only; ApiCrumbExclusion and CliCrumbExclusion first. */
export function checkCrumb(ctx: RequestContext): EmuResponse | null {
  if (!ctx.core.crumbIssuer || ctx.method !== 'POST') return null
  if (ctx.auth.kind === 'token') return null
  if (ctx.tokens.length === 1 && ctx.tokens[0] === 'cli') return null
  const crumb = presentedCrumb(ctx)
  if (crumb !== null) {
    // validateCrumb re-issues the crumb for this request, which creates a session if needed.
    const expected = Buffer.from(ctx.currentCrumb('referer'), 'latin1')
    const given = Buffer.from(crumb, 'latin1')
    if (expected.length === given.length && timingSafeEqual(expected, given)) return null
  }
  return ctx.jetty(403, 'No valid crumb was included in the request')
}
