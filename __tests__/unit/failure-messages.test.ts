import { describe, expect, it } from '@jest/globals'
import type { HttpResponse } from '../../src/http/transport.js'
import { failureFor } from '../../src/jenkins/responses.js'

/**
 * How failureFor words answers whose cause is not obvious from the status: each message names
 * who most likely answered and what to change or look at, and says no more than the answer
 * shows.
 */
// Not typed ResponseContext, so that the same test runs on code from before `method` existed.
const crumb = {
  action: 'the CSRF crumb request',
  method: 'GET',
  username: 'alice',
  credential: 'password'
} as const
const mint = {
  action: 'to create a token for "alice"',
  method: 'POST',
  username: 'alice',
  credential: 'API token'
} as const

function answer(
  status: number,
  headers: Record<string, string> = {},
  body = `<html><body><h1>${status}</h1></body></html>`
): HttpResponse {
  return { status, headers, body, url: 'https://ci.example.com/crumbIssuer/api/json' }
}

describe('a 413', () => {
  it('to a GET names its headers or its URL, and the limits for those, not a body', () => {
    const message = failureFor(answer(413), crumb).message
    expect(message).toBe(
      "Jenkins refused the CSRF crumb request (HTTP 413): the request is over a size limit on the way, and a GET has no body: its headers are, or less likely its URL, most likely over a limit of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize, LimitRequestLine). Cookies count toward the headers: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL."
    )
    expect(message).not.toContain('body is over')
    expect(message).not.toContain('client_max_body_size')
  })

  it("to a POST names the body and the body's limits", () => {
    expect(failureFor(answer(413), mint).message).toContain(
      "the request's body is over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: client_max_body_size; Apache: LimitRequestBody)."
    )
  })
})

describe('a 500 or 503', () => {
  const GATEWAY_503 =
    "The CSRF crumb request got HTTP 503 without Jenkins's X-Jenkins header, and not the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress in front of Jenkins answered, with no controller to send it to (down, restarting, or failing a health check), or Jenkins's web server did, with Jenkins itself not running. Check that the controller is up (its log), then the gateway's route and health check for it. Try again later."
  const GATEWAY_500 =
    "The request to create a token for \"alice\" got HTTP 500 without Jenkins's X-Jenkins header, and not Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed. Check its log for the request, then the controller's log at that time. Try again later."

  it("without X-Jenkins is most likely, not surely, a gateway's, and says what to check", () => {
    const unavailable = failureFor(answer(503), crumb).message
    expect(unavailable).toBe(GATEWAY_503)
    const failed = failureFor(answer(500), mint).message
    expect(failed).toBe(GATEWAY_500)
    for (const message of [unavailable, failed]) {
      expect(message).not.toContain('the controller failed')
      expect(message).not.toMatch(/^Jenkins answered/)
    }
  })

  it("with X-Jenkins, or Jenkins's own error page without it, is the controller's", () => {
    const oops =
      '<html><body><h1><img src="/static/abc/images/rage.svg"/> Oops!</h1><div id="error-description"><h2>A problem occurred while processing the request</h2></div></body></html>'
    for (const response of [
      answer(500, { 'x-jenkins': '2.500' }),
      answer(503, { 'x-jenkins': '2.500' }),
      answer(500, {}, oops)
    ]) {
      expect(failureFor(response, crumb).message).toBe(
        `Jenkins answered the CSRF crumb request with an error (HTTP ${response.status}): the controller failed or is unavailable. Try again later.`
      )
    }
  })
})
