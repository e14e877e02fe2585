import { randomUUID } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import type { HttpResponse } from '../../src/http/transport.js'
import { failureFor } from '../../src/jenkins/responses.js'
import { oopsPage } from '../emulator/pages.js'

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
    "The CSRF crumb request got an error (HTTP 503) without Jenkins's X-Jenkins header, and not the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress in front of Jenkins answered, with no controller to send it to (down, restarting, or failing a health check), or Jenkins's web server did, with Jenkins itself not running. Check that the controller is up (its log), then the gateway's route and health check for it. Try again later."
  const GATEWAY_500 =
    "The request to create a token for \"alice\" got an error (HTTP 500) without Jenkins's X-Jenkins header, and not Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed. Check its log for the request, then the controller's log at that time. Try again later."

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

  it("with X-Jenkins is the controller's, failed or unavailable", () => {
    for (const response of [
      answer(500, { 'x-jenkins': '2.500' }),
      answer(503, { 'x-jenkins': '2.500' })
    ]) {
      expect(failureFor(response, crumb).message).toBe(
        `Jenkins answered the CSRF crumb request with an error (HTTP ${response.status}): the controller failed or is unavailable. Try again later.`
      )
    }
  })
})

describe("Jenkins's own error page (oops.jelly)", () => {
  const ID = '0f8c6a4e-3b1d-4c9a-9e2f-5d7b8a6c1e30'
  // As oops.jelly renders it from 2.224 on: the id right after "Logging ID=", in the error's
  // description; the stack trace follows only with SHOW_STACK_TRACE.
  const page = (id: string, after = '') =>
    '<html><body><div id="main-panel"><h1 style="text-align: center"><img src="/static/abc/images/rage.svg" height="179" width="154"/> <span style="font-size:50px">&nbsp;Oops!</span></h1>' +
    '<div id="error-description"><h2 style="text-align: center">A problem occurred while processing the request</h2>' +
    `<p style="text-align: center">Logging ID=${id}</p></div>${after}</div></body></html>`
  const logged = (id: string) =>
    `Jenkins logged it with Logging ID=${id}: an administrator finds its stack trace in the controller's log under that ID ("Caught unhandled exception with ID ${id}").`

  it('names the Logging ID under which the controller logged the stack trace', () => {
    for (const headers of [{ 'x-jenkins': '2.500' }, {}] as Record<string, string>[]) {
      expect(failureFor(answer(500, headers, page(ID)), mint).message).toBe(
        `Jenkins answered the request to create a token for "alice" with an error (HTTP 500): an exception inside Jenkins (its own error page), from a bug in Jenkins or a plugin or a setting it cannot handle, which trying again most likely meets again. ${logged(ID)} Fix the cause it names, then re-run the job.`
      )
    }
  })

  it("reads the id from the emulator's page too", () => {
    const id = randomUUID()
    const common = {
      env: { version: '2.541.3', sessionHash: 'abc123', contextPath: '/jenkins' },
      authName: 'alice',
      crumb: null
    }
    const body = oopsPage(common, id).body.toString()
    expect(failureFor(answer(500, {}, body), crumb).message).toContain(logged(id))
  })

  it('without a Logging ID (the web.xml error page, Jenkins before 2.224) says where else to look, and not to try again later', () => {
    const message = failureFor(answer(500, {}, page('')), crumb).message
    expect(message).toBe(
      "Jenkins answered the CSRF crumb request with an error (HTTP 500): an exception inside Jenkins (its own error page), from a bug in Jenkins or a plugin or a setting it cannot handle, which trying again most likely meets again. An administrator finds its stack trace in the controller's log at the time of this request. Fix the cause it names, then re-run the job."
    )
    expect(message).not.toContain('Try again later')
  })

  it('quotes nothing but a whole UUID from the page', () => {
    for (const id of [
      `${ID}<script>`.replace('<', ' '),
      `${ID}0`,
      ID.slice(1),
      ID.replace(/-/g, ''),
      `${ID.slice(0, -1)}g`,
      'see https://evil.example/'
    ]) {
      const message = failureFor(answer(500, {}, page(id)), crumb).message
      expect(message).not.toContain('Logging ID')
      expect(message).not.toContain(id)
    }
    // A "Logging ID=" in a stack trace, after the page's own, is not the one taken.
    const trace = `<h2>Stack trace</h2><pre>Logging ID=${randomUUID()}</pre>`
    expect(failureFor(answer(500, {}, page('', trace)), crumb).message).not.toContain('Logging ID')
  })
})

describe('a 403 that names the user but no permission', () => {
  it('says that Jenkins names a permission with every refusal of its own, and where to look', () => {
    const refusal = answer(403, { 'x-you-are-authenticated-as': 'alice', 'x-jenkins': '2.500' })
    expect(failureFor(refusal, mint).message).toBe(
      'Jenkins refused to create a token for "alice" (HTTP 403): Jenkins refused "alice" (X-You-Are-Authenticated-As) without naming a permission, which its own permission checks always name (X-Required-Permission): a plugin most likely refused the request by a rule of its own, or a proxy removed that header. Have a Jenkins administrator find the refusal in the controller\'s log and check what "alice" may do (Manage Jenkins › Security), or log in as a user who may.'
    )
  })

  it('names the user Jenkins named, when that can be shown', () => {
    const named = answer(403, { 'x-you-are-authenticated-as': 'ALICE@corp' })
    expect(failureFor(named, mint).message).toContain('Jenkins refused "ALICE@corp"')
    const odd = answer(403, { 'x-you-are-authenticated-as': 'caf\u00e9' })
    expect(failureFor(odd, mint).message).toContain('Jenkins refused "alice"')
  })
})

describe("a 403 with Jenkins's X-Jenkins header but neither the user nor a permission", () => {
  it("is Jenkins's refusal of another kind (a plugin's), not something in front of Jenkins", () => {
    const page =
      '<html><head><title>Access Denied [Jenkins]</title></head><body>Access Denied</body></html>'
    const message = failureFor(answer(403, { 'x-jenkins': '2.500' }, page), mint).message
    expect(message).toBe(
      'Jenkins refused to create a token for "alice" (HTTP 403): Jenkins refused "alice" (the answer carries its X-Jenkins header) without naming a permission or the user, which its permission checks always name (X-Required-Permission, X-You-Are-Authenticated-As): a check of another kind most likely refused it, such as a plugin\'s. Have a Jenkins administrator find the refusal in the controller\'s log and check what "alice" may do (Manage Jenkins › Security), or log in as a user who may.'
    )
    expect(message).not.toContain('something in front of Jenkins')
  })
})

describe('a 405 to a POST (a revoke)', () => {
  const revoke = {
    action: 'to revoke the token',
    method: 'POST',
    username: 'alice',
    credential: 'new token'
  } as const
  const retryPage =
    '<html><head><title>This URL requires POST [Jenkins]</title></head><body><h1>This URL requires POST</h1><form method="post" name="retry"></form></body></html>'

  it("that is Jenkins's own says the POST reached it as another method, and what turns it", () => {
    const jenkins = answer(405, { 'x-jenkins': '2.500', allow: 'POST' }, retryPage)
    expect(failureFor(jenkins, revoke).message).toBe(
      "Jenkins refused to revoke the token (HTTP 405): Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET. Set jenkins-url to the controller's exact root URL (scheme, host and context path), or have the proxy pass POST requests through unchanged."
    )
  })

  it("that is not Jenkins's says what most likely refuses POSTs, and after a mint to let it through", () => {
    const message = failureFor(answer(405), revoke).message
    expect(message).toBe(
      'Jenkins refused to revoke the token (HTTP 405), without Jenkins\'s X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. It let the mint\'s POST through at the same jenkins-url: have it let this one through as well.'
    )
  })
})

describe('a 400', () => {
  const jetty = (message: string) =>
    `<html><head><title>Error 400 ${message}</title></head><body><h2>HTTP ERROR 400 ${message}</h2></body></html>`
  const revoke = {
    action: 'to revoke the token',
    method: 'POST',
    username: 'alice',
    credential: 'new token'
  } as const

  it("with Jenkins's words for a revoke without its UUID says the POST's body was lost", () => {
    expect(
      failureFor(answer(400, {}, jetty('The tokenUuid cannot be empty')), revoke).message
    ).toBe(
      'Jenkins refused to revoke the token (HTTP 400): Jenkins says "The tokenUuid cannot be empty", though the action sends the token\'s UUID in the POST\'s form body: something between the runner and Jenkins (a proxy or gateway) dropped or altered that body. Have it pass POST bodies (application/x-www-form-urlencoded) through to Jenkins unchanged.'
    )
  })

  it("with Jenkins's words for a user without tokens says the token is most likely gone", () => {
    const body = jetty('The user does not have any ApiToken yet, try generating one before.')
    expect(failureFor(answer(400, {}, body), revoke).message).toContain(
      'Jenkins says the user "does not have any ApiToken yet": it holds no API token of that user at all, so the token is most likely gone already'
    )
  })

  it("with SuspiciousRequestFilter's words names the ';' and where it comes from", () => {
    const body = jetty('Semicolons are not allowed in the request URI')
    expect(failureFor(answer(400, {}, body), crumb).message).toBe(
      'Jenkins refused the CSRF crumb request (HTTP 400): Jenkins refuses a ";" in a request\'s path ("Semicolons are not allowed in the request URI"). Remove it from jenkins-url (a ;jsessionid=… copied from a browser, say); if jenkins-url has none, a redirect on the way added it: fix that redirect.'
    )
  })

  it('of something else quotes its title and says whose log to read', () => {
    expect(failureFor(answer(400, {}, jetty('Invalid SNI')), crumb).message).toBe(
      'Jenkins refused the CSRF crumb request (HTTP 400) ("Error 400 Invalid SNI"): the request was refused as malformed, for none of the reasons Jenkins has to refuse the action\'s requests so (a ";" in the path, a missing tokenUuid), which its page would name. The answer has no X-Jenkins header, so most likely something in front of Jenkins (a proxy, load balancer or web application firewall) sent it: find the request in its log, then in the controller\'s, at that time.'
    )
    const withHeader = failureFor(answer(400, { 'x-jenkins': '2.500' }, ''), crumb).message
    expect(withHeader).toContain(
      "(HTTP 400): the request was refused as malformed, for none of the reasons Jenkins has to refuse the action's requests so"
    )
    expect(withHeader).toContain(
      "The answer carries Jenkins's X-Jenkins header, so Jenkins or a plugin in it sent it: find the request in the controller's log at that time."
    )
  })
})

describe('a 409', () => {
  it('says Jenkins sends none, and whose log to read by its X-Jenkins header', () => {
    const proxy = answer(409, {}, '<html><head><title>409 Conflict</title></head></html>')
    expect(failureFor(proxy, mint).message).toBe(
      'Jenkins refused to create a token for "alice" (HTTP 409) ("409 Conflict"): a conflict, which Jenkins itself sends to none of the action\'s requests. The answer has no X-Jenkins header, so most likely something in front of Jenkins (a proxy, load balancer or web application firewall) sent it: find the request in its log, then in the controller\'s, at that time.'
    )
    const plugin = failureFor(answer(409, { 'x-jenkins': '2.500' }, ''), mint).message
    expect(plugin).toContain(
      "(HTTP 409): a conflict, which Jenkins itself sends to none of the action's requests. The answer carries Jenkins's X-Jenkins header, so Jenkins or a plugin in it sent it"
    )
  })
})

describe('text from the answer', () => {
  it('is never shown when it holds a secret of the step', async () => {
    const { withholdFromMessages } = await import('../../src/http/server-text.js')
    withholdFromMessages('s3cr3t-login-token')
    const echoed = answer(409, {}, '<html><head><title>409 for s3cr3t-login-token</title></head>')
    const message = failureFor(echoed, mint).message
    expect(message).not.toContain('s3cr3t')
    expect(message).toContain('(HTTP 409): a conflict')
  })
})

describe('any other status', () => {
  it('says whose log to read, by the X-Jenkins header, and quotes the title', () => {
    const gone = answer(410, {}, '<html><head><title>410 Gone</title></head></html>')
    expect(failureFor(gone, crumb).message).toBe(
      'Jenkins refused the CSRF crumb request (HTTP 410) ("410 Gone"): an answer the action has no explanation for. The answer has no X-Jenkins header, so most likely something in front of Jenkins (a proxy, load balancer or web application firewall) sent it: find the request in its log, then in the controller\'s, at that time.'
    )
    expect(failureFor(answer(422, { 'x-jenkins': '2.500' }, ''), mint).message).toBe(
      'Jenkins refused to create a token for "alice" (HTTP 422): an answer the action has no explanation for. The answer carries Jenkins\'s X-Jenkins header, so Jenkins or a plugin in it sent it: find the request in the controller\'s log at that time.'
    )
  })
})

describe('a 405 to a GET', () => {
  // Jenkins takes GET at every URL the action reads: its only 405 is to what is not a POST.
  it("without X-Jenkins names another application at jenkins-url, or a proxy's rule, and what to check", () => {
    const message = failureFor(answer(405), crumb).message
    expect(message).toBe(
      "Jenkins refused the CSRF crumb request (HTTP 405), without Jenkins's X-Jenkins header: Jenkins takes GET requests at every URL the action reads, so something that is not Jenkins refused the method: jenkins-url most likely points at another application (one that takes only POST there, such as a webhook receiver), or a proxy, firewall rule or web application firewall in front of Jenkins refuses GET requests to this URL. Check that jenkins-url is the controller's root URL (where its dashboard is), then that proxy's rules for the runner."
    )
    expect(message).not.toContain('no explanation')
  })

  it('after the mint went through at the same URL names only what is in front of Jenkins', () => {
    const check = {
      action: 'the whoAmI check',
      method: 'GET',
      username: 'alice',
      credential: 'new token'
    } as const
    const message = failureFor(answer(405), check).message
    expect(message).toBe(
      "Jenkins refused the whoAmI check (HTTP 405), without Jenkins's X-Jenkins header: Jenkins takes GET requests at every URL the action reads, so something in front of Jenkins (a proxy, firewall rule or web application firewall) refused the method. It let the mint through at the same jenkins-url: have it let GET requests to Jenkins through as well."
    )
    expect(message).not.toContain('another application')
  })

  it("with X-Jenkins is a plugin's refusal, found in the controller's log", () => {
    const page = '<html><head><title>Method Not Allowed [Jenkins]</title></head></html>'
    expect(failureFor(answer(405, { 'x-jenkins': '2.500' }, page), crumb).message).toBe(
      'Jenkins refused the CSRF crumb request (HTTP 405) ("Method Not Allowed [Jenkins]"): Jenkins takes GET requests at every URL the action reads, yet the answer carries its X-Jenkins header: a plugin most likely refused the method. Find the request in the controller\'s log at that time.'
    )
  })
})

describe('a 414', () => {
  const tooLong = (path: string): HttpResponse => ({
    ...answer(414, {}, '<html><head><title>414 Request-URI Too Large</title></head></html>'),
    url: `https://ci.example.com${path}`
  })

  it('to a short URL says a limit on the way was set low, and which settings those are', () => {
    const message = failureFor(tooLong('/crumbIssuer/api/json'), crumb).message
    expect(message).toBe(
      'Jenkins refused the CSRF crumb request (HTTP 414): the request\'s URL is over a length limit on the way ("URI Too Long"), though it is only 21 characters long, far below the 8 KiB that web servers and proxies take by default: a limit was set low, most likely in a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestLine). Raise it for Jenkins\'s URL.'
    )
    expect(message).not.toContain('no explanation')
  })

  it("to a long URL names what makes the action's URLs long, and the limits", () => {
    const path = `/${'x'.repeat(6000)}/user/bob/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`
    expect(failureFor(tooLong(path), mint).message).toBe(
      `Jenkins refused to create a token for "alice" (HTTP 414): the request's URL, ${path.length} characters long, is over a length limit on the way ("URI Too Long"), which web servers and proxies set at about 8 KiB by default (Jenkins's own Jetty too; nginx: large_client_header_buffers; Apache: LimitRequestLine). The action's URLs hold only jenkins-url's path, a fixed path and the id of the user input (percent-encoded: up to 12 characters for each character that is not ASCII): shorten the one that is long, or raise that limit for Jenkins's URL.`
    )
  })
})
