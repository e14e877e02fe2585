import type { HttpResponse, Verdict } from '../http/transport.js'

/**
 * A controller that is loading (HudsonIsLoading) or restarting (HudsonIsRestarting): every path
 * answers 503 with a page that says so, and acts on nothing. Its words are translated, and the
 * English changed in 2.477 ("Please wait while Jenkins is getting ready to work" became "Jenkins
 * is getting ready to work"), so the page is known by its markup, the same from 2.129 to now:
 * the spinner's heading and the script that reloads the page once Jenkins is up. Never by words
 * alone: a proxy's maintenance page saying "Jenkins is restarting" may follow a request Jenkins
 * took, and a mint answered so must count as one that may have made a token.
 */
export function isStarting(response: HttpResponse): boolean {
  const body = response.body
  return (
    response.status === 503 &&
    body.includes('<h1 class="loading">') &&
    body.includes('/scripts/loading.js')
  )
}

/** How a message names that page. */
export const STARTING_PAGE = 'the page it shows while it starts or restarts (HTTP 503)'

/**
 * Jenkins's own error page (oops.jelly): an exception inside Jenkins, such as the failed
 * impersonation of a user the security realm no longer knows. Unlike a gateway's 500, a
 * retry meets the same exception, so it is not retried. Its words are translated, so the page
 * is known by its markup, the same from 2.129 to now: the error description's block and the
 * "rage" image (a PNG, later an SVG).
 */
export function isJenkinsException(response: HttpResponse): boolean {
  const body = response.body
  return (
    response.status === 500 &&
    body.includes('<div id="error-description"') &&
    /\/rage\.(?:svg|png)"/.test(body)
  )
}

// oops.jelly writes `Logging ID=${jenkins.exception.id}</p>` (2.224 and later), the id being
// InstallUncaughtExceptionHandler's UUID.randomUUID(), logged with the stack trace as "Caught
// unhandled exception with ID <id>". The web.xml error page leaves it empty, and older pages
// have none. Only a whole UUID, right before its closing tag, is taken, and only from the
// first "Logging ID=", the page's own (a stack trace shown below it may hold others): nothing
// else on the page reaches the log.
const LOGGING_ID = /^Logging ID=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})</i

/**
 * The Logging ID on Jenkins's own error page, under which the controller's log holds the
 * exception's stack trace; undefined on any other answer, or when the page has none.
 */
export function loggingId(response: HttpResponse): string | undefined {
  if (!isJenkinsException(response)) return undefined
  const { body } = response
  const at = body.indexOf('Logging ID=', body.indexOf('<div id="error-description"'))
  return at < 0 ? undefined : LOGGING_ID.exec(body.slice(at))?.[1]
}

/**
 * Jenkins's error page for CrumbFilter's failure while Jenkins loads, before its plugins are
 * prepared: from 2.222 the crumb issuer (a DefaultCrumbIssuer until the configuration loads)
 * exists from the start, and CrumbFilter asks it for its descriptor on every POST, which
 * Jenkins#getDescriptorOrDie fails with this AssertionError until the descriptors are found. A
 * loading Jenkins hands every request its filters let through to its loading page, so nothing
 * acted on a request so answered. Only a page that prints the stack trace says so (2.222 and
 * 2.223, later only with -Djenkins.model.Jenkins.SHOW_STACK_TRACE=true): without it, the page
 * is the same as for any exception, one thrown after a token was made too.
 */
export function isLoadingCrumbFailure(response: HttpResponse): boolean {
  return isJenkinsException(response) && response.body.includes(UNDESCRIBED_CRUMB_ISSUER)
}

/** Functions#printThrowable's line for that AssertionError, the same in every locale. */
const UNDESCRIBED_CRUMB_ISSUER =
  'java.lang.AssertionError: class hudson.security.csrf.DefaultCrumbIssuer is missing its descriptor'

/**
 * Where to ask, without credentials, whether a refusal came from a controller still starting:
 * its filters answer before the loading page does. Until the security filter is installed
 * (from 2.376 with the configuration, before only when loading ends) every request is
 * anonymous, and CrumbFilter refuses a POST without a valid crumb, an API token's too: 403 "No
 * valid crumb". Before the plugins are prepared it fails instead (no crumb issuer descriptor
 * yet), and UncaughtExceptionFilter answers with Jenkins's error page, 500. From 2.376 the
 * users load only after the jobs: meanwhile every API token and every password of its own user
 * database fails with the 401 of wrong credentials. A GET without credentials gets the loading
 * page all along. That page answers every path, so the request's own URL does; once Jenkins is
 * up, a GET there without credentials acts on nothing. The 401 and the 403 stopped the request
 * in a filter; the error page may also be an exception after Jenkins acted (Transport counts
 * such an attempt as one that may have made a token).
 */
export function askIfStarting(response: HttpResponse): string | undefined {
  const refused =
    response.status === 401 || isCrumbRefusal(response) || isJenkinsException(response)
  return refused ? response.url : undefined
}

/** CrumbFilter's refusal of a POST without a crumb valid for its user and session. */
export function isCrumbRefusal(response: HttpResponse): boolean {
  return response.status === 403 && response.body.includes('No valid crumb')
}

/** What Jenkins's answers mean beyond their status, for the transport's retries. */
export function judgeJenkinsAnswer(response: HttpResponse): Verdict {
  if (isStarting(response)) return 'starting'
  if (isJenkinsException(response)) return 'final'
  return undefined
}

/**
 * Whether a JSON answer is Jenkins's own: its `_class` names a Jenkins class. Operators strip
 * the X-Jenkins headers, so the JSON is how the action recognises Jenkins.
 */
export function isJenkinsClass(json: unknown, expected: RegExp): boolean {
  const cls = (json as { _class?: unknown } | null)?._class
  return typeof cls === 'string' && expected.test(cls)
}
