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
