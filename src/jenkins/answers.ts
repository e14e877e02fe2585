import type { HttpResponse, Verdict } from '../http/transport.js'

/** The text of the page every path serves while Jenkins loads (HudsonIsLoading). */
export const GETTING_READY = 'Please wait while Jenkins is getting ready to work'

/** A controller that is loading: it answers 503 with the getting-ready page, and acts on nothing. */
export function isStarting(response: HttpResponse): boolean {
  return response.status === 503 && response.body.includes(GETTING_READY)
}

/**
 * Jenkins's own error page (oops.jelly): an exception inside Jenkins, such as the failed
 * impersonation of a user the security realm no longer knows. Unlike a gateway's 500, a
 * retry meets the same exception, so it is not retried. The page names the exception only
 * when the controller shows stack traces.
 */
export function isJenkinsException(response: HttpResponse): boolean {
  return (
    response.status === 500 &&
    (response.body.includes('A problem occurred while processing the request') ||
      response.body.includes('UsernameNotFoundException'))
  )
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
