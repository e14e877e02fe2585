import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { type FaultLog, type FaultRule, injectFaults } from '../emulator/faults.js'
import {
  type JenkinsEmulator,
  setEmulatorHooks,
  startJenkinsEmulator
} from '../emulator/jenkins-emulator.js'
import type { EmulatorOptions, StartupOptions } from '../emulator/types.js'
import {
  findLeaks,
  runJob,
  runStep,
  type StepOptions,
  type StepResult,
  secretForms
} from '../support/action-runner.js'
import {
  makeChainedPki,
  makeOddCertificate,
  makeTestPki,
  type TestPki
} from '../support/certificates.js'
import { startFaultProxy } from '../support/fault-proxy.js'
import { freePort } from '../support/free-port.js'
import { startFrontDoor } from '../support/front-door.js'

// The steps' TypeScript in this process; the concurrency test runs the dist/ bundles.
const entry = 'src' as const
const alice = { username: 'alice', password: 'alice-password' }
const MINT = /\/generateNewToken\/?$/
const REVOKE = /\/revoke\/?$/
const CRUMB = /\/crumbIssuer\//

let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

// Everything each test started, closed after it; everything each step printed, scanned.
let jenkins: JenkinsEmulator | undefined
let faults: FaultLog | undefined
const closers: Array<() => Promise<void>> = []
const results: StepResult[] = []

async function emulator(options: EmulatorOptions = {}, rules: FaultRule[] = []) {
  jenkins = await startJenkinsEmulator(options)
  faults = injectFaults(jenkins, rules)
  return jenkins
}

async function step(which: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  const result = await runStep(which, { entry, env: { RUNNER_DEBUG: '1' }, ...options })
  results.push(result)
  return result
}

async function job(options: StepOptions, between?: (main: StepResult) => Promise<void>) {
  const run = await runJob({ entry, env: { RUNNER_DEBUG: '1' }, ...options }, between)
  results.push(run.main, run.post)
  return run
}

afterEach(async () => {
  // No secret in any form, in anything any step of the test printed or summarised: the
  // password, every token the emulator handed out, the crumbs and session cookies sent.
  const secrets = [...secretForms(alice.password, 'alice')]
  for (const value of faults?.mintedValues ?? []) secrets.push(...secretForms(value, 'alice'))
  for (const request of jenkins?.requests ?? []) {
    const crumb = request.headers['jenkins-crumb']
    if (typeof crumb === 'string') secrets.push(crumb)
    const cookie = request.headers.cookie
    if (typeof cookie === 'string')
      secrets.push(...cookie.split(/;\s*/).map((c) => c.split('=')[1] ?? c))
  }
  for (const result of results.splice(0)) {
    expect(findLeaks(result.stdout + result.stderr + result.summary, secrets)).toEqual([])
  }
  for (const close of closers.splice(0).reverse()) await close()
  await jenkins?.close()
  jenkins = undefined
  faults = undefined
})

function mintRequests(j: JenkinsEmulator) {
  return j.requests.filter((r) => MINT.test(r.path.split('?')[0] ?? ''))
}

describe('transient failures', () => {
  it('rides out 503s on the crumb and the mint, and mints one token', async () => {
    // A 503 that says when to come back: the request was not taken.
    const j = await emulator({}, [
      { path: CRUMB, times: 1, fault: { status: 503, retryAfter: '0' } },
      { path: MINT, times: 2, fault: { status: 503, retryAfter: '0' } }
    ])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(faults?.hits).toEqual([1, 2])
    expect(faults?.mintedValues).toHaveLength(1)
    expect(main.stdout).not.toContain('::warning::')
    expect(post.stdout).toContain('Revoked')
    expect(j.tokens('alice')).toHaveLength(0)
  })

  it('accounts for a token behind a bare 503: a gateway that answered after Jenkins acted', async () => {
    const j = await emulator({}, [{ path: MINT, times: 1, fault: { status: 503, after: true } }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
    expect(main.exitCode).toBe(1)
    const name = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
    expect(j.tokens('alice').map((t) => t.name)).toEqual([name])
    const warning = `::warning::Jenkins may hold an API token named "${name}" for the user "alice"`
    for (const step of [main, post]) expect(step.stdout.split(warning)).toHaveLength(2)
    expect(post.stdout).toContain(`${j.url}user/alice/security/`)
    expect(post.stdout).not.toContain('No Jenkins token was created')
  })

  it('accounts for a token whose answer was lost: a reset after the mint was processed', async () => {
    const j = await emulator({}, [{ path: MINT, times: 1, fault: { reset: 'after' } }])
    const inputs = { 'jenkins-url': j.url, ...alice }
    let afterMain: string[] = []
    const { main, post } = await job({ inputs }, async () => {
      afterMain = j.tokens('alice').map((t) => t.name)
    })
    const base = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
    expect(main.exitCode).toBe(0)
    expect(afterMain).toEqual([base, `${base} (attempt 2)`])
    expect(main.outputs['token-name']).toBe(`${base} (attempt 2)`)
    // The orphan is named in main and again in post, with where to revoke it.
    const warning = `::warning::Jenkins may hold an API token named "${base}" for the user "alice": the answer to the request that creates it was lost or unclear`
    for (const step of [main, post]) expect(step.stdout.split(warning)).toHaveLength(2)
    expect(post.stdout).toContain(`${j.url}user/alice/security/`)
    // Every token the run created is revoked or named in a warning: none unaccounted for.
    const left = j.tokens('alice').map((t) => t.name)
    expect(left).toEqual([base])
    for (const name of left) expect(post.stdout).toContain(`"${name}"`)
  })

  it('names the possible token in the error when every attempt is lost', async () => {
    const j = await emulator({}, [{ path: MINT, fault: { reset: 'after' } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, retries: '1' } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('::error::Could not reach Jenkins (POST')
    expect(main.stdout).toContain('2 attempts): the connection was closed before Jenkins answered')
    // One warning per name, each with the page to revoke it on.
    const base = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
    for (const name of [base, `${base} (attempt 2)`]) {
      expect(main.stdout).toContain(
        `::warning::Jenkins may hold an API token named "${name}" for the user "alice": the answer to the request that creates it was lost or unclear, so the action does not know whether it was created and cannot revoke it. Open ${j.url}user/alice/security/ and revoke "${name}" there if it is listed.`
      )
    }
    expect(main.summary).toContain('(attempt 2)')
    expect(j.tokens('alice')).toHaveLength(2)
  })

  it('says a controller that keeps answering 429 is limiting the rate, after the retries', async () => {
    const j = await emulator({}, [{ path: CRUMB, fault: { status: 429 } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, retries: '1' } })
    expect(main.exitCode).toBe(1)
    expect(faults?.hits).toEqual([2])
    expect(main.stdout).toContain(
      "::error::Jenkins refused the CSRF crumb request (HTTP 429): too many requests. Jenkins, or a proxy or firewall in front of it, limits how often this runner may call it, and let none of the step's attempts through. Wait for the limit to pass, or have it lifted for the runner."
    )
  })

  it.each([502, 504])(
    "names a %d without Jenkins's header as a gateway's, with no answer from the controller",
    async (status) => {
      const j = await emulator({}, [{ path: CRUMB, fault: { status } }])
      const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::A proxy or gateway in front of Jenkins most likely answered the CSRF crumb request (HTTP ${status}, without Jenkins's X-Jenkins header): it got no answer from the controller (down, restarting, too slow, or out of its reach). Try again later; if it lasts, check the gateway's route to Jenkins.`
      )
    }
  )

  // Jenkins's own 500 (its error page) carries X-Jenkins, and its 503 is the page it shows while
  // it starts: without either, a load balancer or proxy most likely answered, not surely.
  it.each([
    [503, 'the page Jenkins shows while it starts: most likely a proxy, load balancer or ingress'],
    [500, "Jenkins's own error page: most likely a proxy or gateway in front of Jenkins failed"]
  ])(
    "names a %d without Jenkins's header as most likely not the controller's",
    async (status, said) => {
      const j = await emulator({}, [{ path: CRUMB, fault: { status } }])
      const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::The CSRF crumb request got an error (HTTP ${status}) without Jenkins's X-Jenkins header, and not ${said}`
      )
      expect(main.stdout).not.toContain('the controller failed')
    }
  )

  // A 502 with Jenkins's X-Jenkins header is the controller's own, as its 500 is; a 5xx may
  // follow work Jenkins did, so neither is worded as a request Jenkins turned down.
  it.each([502, 500])("calls Jenkins's own HTTP %i an error of the controller", async (status) => {
    const j = await emulator({}, [{ path: CRUMB, fault: { status, version: '2.500' } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins answered the CSRF crumb request with an error (HTTP ${status}): the controller failed or is unavailable.`
    )
    expect(main.stdout).not.toContain('Jenkins refused')
  })

  // Its error page is an exception, logged under the id the page shows: that id is what an
  // administrator needs, and trying again later is not.
  it("names the Logging ID of Jenkins's own error page, once, and a mint it answered as one that may have made a token", async () => {
    const j = await emulator({}, [
      { path: CRUMB, times: 1, fault: { exception: 'IllegalStateException' } },
      { path: MINT, method: 'POST', fault: { exception: 'EofException', after: true } }
    ])
    const logged = (id: string | undefined) =>
      `Jenkins logged it with Logging ID=${id}: an administrator finds its stack trace in the controller's log under that ID ("Caught unhandled exception with ID ${id}"). Fix the cause it names, then re-run the job.`
    const crumb = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(crumb.exitCode).toBe(1)
    expect(crumb.stdout).toContain(
      '::error::Jenkins answered the CSRF crumb request with an error (HTTP 500): an exception inside Jenkins (its own error page)'
    )
    expect(crumb.stdout).toContain(logged(j.exceptions[0]))
    expect(crumb.stdout).not.toContain('Try again later')

    const mint = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, 'token-name': 'deploy' }
    })
    expect(mint.exitCode).toBe(1)
    // Not retried: the same exception would meet it again, and each mint may make a token.
    const mints = j.requests.filter((r) => r.method === 'POST' && MINT.test(r.path))
    expect(mints.map((r) => r.status)).toEqual([500])
    expect(j.exceptions).toHaveLength(2)
    expect(mint.stdout).toContain(logged(j.exceptions[1]))
    expect(mint.stdout).toContain(
      '::warning::Jenkins may hold an API token named "deploy" for the user "alice": the answer to the request that creates it was lost or unclear'
    )
    expect(j.tokens('alice').map((t) => t.name)).toEqual(['deploy'])
  })

  it("names a 401 that is not Jenkins's as a proxy's login, in main and in post", async () => {
    // nginx auth_basic in front of Jenkins: its own challenge, and Jenkins never sees a thing.
    const nginx = { status: 401, challenge: 'Basic realm="Restricted"', body: '401' }
    const j = await emulator({}, [
      { path: CRUMB, times: 1, fault: nginx },
      { path: REVOKE, fault: nginx }
    ])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins refused the CSRF crumb request (HTTP 401): the answer asks for an authentication that is not Jenkins's (WWW-Authenticate: Basic realm="Restricted", where Jenkins asks for Basic realm="Jenkins"). Something in front of Jenkins (a proxy or gateway) wants credentials of its own, so Jenkins never checked those of "alice".`
    )
    expect(main.stdout).not.toContain('were rejected')

    const { main: minted, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    expect(minted.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `::warning::Could not revoke Jenkins API token "${minted.outputs['token-name']}"`
    )
    expect(post.stdout).toContain('WWW-Authenticate: Basic realm="Restricted"')
    expect(post.stdout).not.toContain('Most likely it has expired')
  })

  // Jenkins answers a GET at a POST-only endpoint with 405 and its "This URL requires POST" page;
  // the action's POST reaches it so only if something on the way changed the method.
  it.each([
    [
      "Jenkins's own page",
      {
        status: 405,
        version: '2.500',
        body: '<html><head><title>This URL requires POST [Jenkins]</title></head><body><h1>This URL requires POST</h1></body></html>'
      },
      "Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET."
    ],
    [
      'a proxy that refuses the POST',
      { status: 405 },
      "most likely refuses POST requests to this URL. It let the mint's POST through at the same jenkins-url: have it let this one through as well."
    ]
  ])("tells a 405 to post's revoke that is %s, and what to change", async (_, fault, said) => {
    const j = await emulator({}, [{ path: REVOKE, fault }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `::warning::Could not revoke Jenkins API token "${main.outputs['token-name']}"`
    )
    expect(post.stdout).toContain(`Jenkins refused to revoke the token (HTTP 405)`)
    expect(post.stdout).toContain(said)
  })

  // The mint is an API-token login's first request: its 405 is Jenkins's only with X-Jenkins or
  // its page; else a proxy's, when whoAmI shows Jenkins at the root, or another server's.
  it.each([
    [
      "Jenkins's own page",
      [
        {
          path: MINT,
          fault: {
            status: 405,
            version: '2.500',
            body: '<html><head><title>This URL requires POST [Jenkins]</title></head><body><h1>This URL requires POST</h1></body></html>'
          }
        }
      ],
      "(HTTP 405): Jenkins says the URL requires POST, so the action's POST reached it as another method: a redirect on the way (HTTP 303) or a proxy turned it into a GET."
    ],
    [
      'a proxy in front of Jenkins',
      [{ path: MINT, fault: { status: 405 } }],
      '(HTTP 405), without Jenkins\'s X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. Have it let POST requests to Jenkins through for the runner.'
    ],
    [
      'a server that is not Jenkins',
      [
        { path: MINT, fault: { status: 405 } },
        { path: /./, method: 'GET', fault: { status: 404 } }
      ],
      "(HTTP 405), without Jenkins's X-Jenkins header, and no Jenkins answers at http://127.0.0.1:"
    ]
  ] as const)('tells a 405 to the mint that is %s, and what to change', async (_, rules, said) => {
    const j = await emulator({}, [...rules])
    const login = j.addToken('alice', 'login').value
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(`::error::Jenkins refused to create a token for "alice" ${said}`)
    expect(main.stdout).not.toContain('a redirect turned the POST into a GET')
    // Only where no Jenkins answers is jenkins-url what to check.
    expect(
      main.stdout.includes(
        `: a server that is not Jenkins (a static site, another application) refused the POST, as such servers refuse POSTs they do not take. Check jenkins-url: it must be the controller's root URL`
      )
    ).toBe(rules.length > 1)
    expect(j.tokens('alice')).toHaveLength(1)
    expect(main.stdout).not.toContain('Jenkins may hold')
  })

  // Jenkins takes GET at the crumb issuer; a 405 there is a refusal of something else.
  it("names a 405 to the crumb's GET as another application's or a proxy's, not Jenkins's", async () => {
    const j = await emulator({}, [{ path: CRUMB, fault: { status: 405 } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      "::error::Jenkins refused the CSRF crumb request (HTTP 405), without Jenkins's X-Jenkins header: Jenkins takes GET requests at every URL the action reads, so something that is not Jenkins refused the method: jenkins-url most likely points at another application"
    )
    expect(main.stdout).not.toContain('no explanation')
  })

  it.each([
    ['a short URL', '/crumbIssuer/api/json', ', though it is only 21 characters long'],
    [
      'a long user id',
      '/user/',
      'characters long, is over a length limit on the way ("URI Too Long"), which web servers and proxies set at about 8 KiB by default'
    ]
  ])('names a 414 to %s and the limit or input to change', async (_, path, said) => {
    const j = await emulator({}, [{ path: new RegExp(`^${path}`), fault: { status: 414 } }])
    const user = 'd'.repeat(5000)
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice, user } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('(HTTP 414): the request')
    expect(main.stdout).toContain(said)
    expect(main.stdout).not.toContain('no explanation')
  })

  it("names the ';' in jenkins-url that Jenkins refuses (SuspiciousRequestFilter)", async () => {
    const j = await emulator()
    const main = await step('main', {
      inputs: { 'jenkins-url': `${j.url};jsessionid=0123abcd/`, ...alice }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused the CSRF crumb request (HTTP 400): Jenkins refuses a ";" in a request\'s path ("Semicolons are not allowed in the request URI"). Remove it from jenkins-url'
    )
  })

  it("names a bare 403 to the login user's own mint as a block in front of Jenkins", async () => {
    // Jenkins lets every user create its own tokens: the empty 403 is not its check's.
    const j = await emulator({}, [{ path: MINT, fault: { status: 403, body: '' } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::The request for "alice" to create a token for itself was refused (HTTP 403, with no text), though Jenkins lets every user create its own tokens: something in front of Jenkins (a proxy or firewall rule) or a plugin blocks POST requests to generateNewToken.'
    )
  })

  it("names a 403 without Jenkins's refusal headers as a sign-in proxy's, and a 200 sign-in page", async () => {
    // oauth2-proxy and the like: their sign-in page, with 403 or 200, where Jenkins's own
    // permission refusals say who asked (X-You-Are-Authenticated-As).
    const signIn = '<html><head><title>Sign In</title></head><body>Sign in with SSO</body></html>'
    const j = await emulator({}, [
      { path: MINT, times: 1, fault: { status: 403, body: signIn } },
      { path: MINT, times: 1, fault: { status: 200, body: signIn } }
    ])
    const login = j.addToken('alice', 'long-lived').value
    const inputs = { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
    const refused = await step('main', { inputs })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toContain(
      `::error::Jenkins refused to create a token for "alice" (HTTP 403), without the X-You-Are-Authenticated-As header that Jenkins sends with a refusal of its own: something in front of Jenkins (a sign-in or single sign-on proxy, a firewall rule) most likely refused it, before Jenkins saw the credentials of "alice". Point jenkins-url at a way in that passes HTTP Basic authentication through to Jenkins.`
    )
    const answered = await step('main', { inputs })
    expect(answered.exitCode).toBe(1)
    expect(answered.stdout).toContain(
      "with JSON (got text/html). Check jenkins-url: it must be the controller's root URL, including any context path, and reach Jenkins itself, not a sign-in page in front of it."
    )
    expect(j.tokens('alice').map((t) => t.name)).toEqual(['long-lived'])
  })

  it("names a 403 with X-Jenkins but no X-You-Are-Authenticated-As as Jenkins's, not a proxy's", async () => {
    // AccessDeniedHandlerImpl sends its bare "Access Denied" page for a denial that is not a
    // missing permission (a plugin's), with X-Jenkins and without the refusal headers.
    const page =
      '<html><head><title>Access Denied [Jenkins]</title></head><body>Access Denied</body></html>'
    const j = await emulator({}, [
      { path: MINT, fault: { status: 403, version: '2.500', body: page } }
    ])
    const login = j.addToken('alice', 'long-lived').value
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused to create a token for "alice" (HTTP 403): Jenkins refused "alice" (the answer carries its X-Jenkins header) without naming a permission or the user'
    )
    expect(main.stdout).not.toContain('something in front of Jenkins')
  })

  it('asks a sign-in proxy that let the mint through to let the check and the revoke through too, not for another jenkins-url', async () => {
    const signIn = '<html><head><title>Sign In</title></head><body>Sign in with SSO</body></html>'
    const j = await emulator({}, [
      { path: /\/whoAmI\//, times: 1, fault: { status: 403, body: signIn } },
      // Main's revoke of the token that failed its check, then post's in the next job; each is
      // followed by a GET without credentials, to see whether Jenkins is starting.
      { path: /\/revoke$/, times: 4, fault: { status: 401, challenge: 'Bearer realm="sso"' } }
    ])
    const login = j.addToken('alice', 'long-lived').value
    const inputs = { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
    const thisToo =
      'It let the mint through at the same jenkins-url: have it let this request through as well.'
    const checked = await step('main', { inputs })
    expect(checked.exitCode).toBe(1)
    expect(checked.stdout).toContain(
      `before Jenkins saw the credentials of "alice". ${thisToo} The action could not revoke it either (`
    )
    expect(checked.stdout).toContain(
      `so Jenkins never checked those of "alice". ${thisToo.replace(/\.$/, '')}): the post step tries again`
    )
    const { main, post } = await job({ inputs })
    expect(main.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `Something in front of Jenkins (a proxy or gateway) wants credentials of its own, so Jenkins never checked those of "alice". ${thisToo}`
    )
    expect(`${checked.stdout}${post.stdout}`).not.toContain('Point jenkins-url at')
  })

  describe('a size limit in front of Jenkins', () => {
    const nginx = (code: number, text: string) =>
      `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
    const BODY =
      "the request's body is over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: client_max_body_size; Apache: LimitRequestBody). Raise that limit for Jenkins's URL."
    const HEADERS =
      "the request's headers are over a size limit on the way, most likely that of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize). Cookies count toward it: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL."
    // A GET has no body: a 413 to one measured its headers or its URL.
    const GET =
      "the request is over a size limit on the way, and a GET has no body: its headers are, or less likely its URL, most likely over a limit of a reverse proxy in front of Jenkins (nginx: large_client_header_buffers; Apache: LimitRequestFieldSize, LimitRequestLine). Cookies count toward the headers: a large one for Jenkins's host, set by a proxy or single sign-on, can pass it. Raise that limit for Jenkins's URL."
    const requests = {
      mint: { path: MINT, refused: 'to create a token for "alice"' },
      crumb: { path: CRUMB, refused: 'the CSRF crumb request' }
    }

    it.each([
      [413, 'Request Entity Too Large', 'mint', 'api-token', BODY],
      [413, 'Request Entity Too Large', 'mint', 'password', BODY],
      [413, 'Request Entity Too Large', 'crumb', 'password', GET],
      [431, 'Request Header Fields Too Large', 'crumb', 'password', HEADERS],
      [400, 'Request Header Or Cookie Too Large', 'crumb', 'password', HEADERS],
      [400, 'Request Header Or Cookie Too Large', 'mint', 'api-token', HEADERS]
    ] as const)(
      'names it and the setting to raise for HTTP %d %s (to the %s, %s login)',
      async (status, text, request, kind, cause) => {
        const { path, refused } = requests[request]
        const j = await emulator({}, [{ path, fault: { status, body: nginx(status, text) } }])
        const secret = kind === 'password' ? alice.password : j.addToken('alice', 'login').value
        const main = await step('main', {
          inputs: { 'jenkins-url': j.url, username: 'alice', [kind]: secret }
        })
        expect(main.exitCode).toBe(1)
        expect(faults?.hits).toEqual([1])
        expect(main.stdout).toContain(
          `::error::Jenkins refused ${refused} (HTTP ${status}): ${cause}\n`
        )
        // Refused before Jenkins saw it: no token made, none to name.
        expect(j.tokens('alice')).toHaveLength(kind === 'password' ? 0 : 1)
        expect(main.stdout).not.toContain('Jenkins may hold')
      }
    )
  })

  it("names https for nginx's 400 to plain HTTP on its https port", async () => {
    const nginx400 =
      '<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
    const j = await emulator({}, [{ path: CRUMB, fault: { status: 400, body: nginx400 } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused the CSRF crumb request (HTTP 400): the answer says the port serves https ("The plain HTTP request was sent to HTTPS port"). Use https:// in jenkins-url.'
    )
  })

  it('never retries a 4xx', async () => {
    const j = await emulator({}, [{ path: MINT, fault: { status: 400 } }])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(faults?.hits).toEqual([1])
  })

  it('fails a hanging controller within (retries + 1) × timeout, saying it timed out', async () => {
    const j = await emulator({}, [{ path: CRUMB, fault: { hang: true } }])
    const started = Date.now()
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, 'timeout-seconds': '1', retries: '1' }
    })
    const elapsed = Date.now() - started
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(/::error::.*[Tt]imed out/)
    expect(faults?.hits[0]).toBeGreaterThanOrEqual(1)
    expect(elapsed).toBeLessThan(2 * 1000 + 1500)
  })

  it('gives each request its own timeout-seconds: a slow controller is not failed by the sum', async () => {
    // Every answer takes 0.8 s, each well within the 2 s limit; the three of a password login
    // together take longer than (retries + 1) × timeout-seconds.
    const j = await emulator({}, [{ path: /./, fault: { delayMs: 800 } }])
    const main = await step('main', {
      inputs: {
        'jenkins-url': j.url,
        ...alice,
        'timeout-seconds': '2',
        retries: '0',
        'wait-seconds': '0'
      }
    })
    expect(main.exitCode).toBe(0)
    expect(mintRequests(j)).toHaveLength(1)
    expect(main.stdout).not.toContain('may hold')
  })

  it("says the main step's time rule when a Retry-After outlasts it", async () => {
    const j = await emulator({}, [{ path: CRUMB, fault: { status: 503, retryAfter: '30' } }])
    const main = await step('main', {
      inputs: {
        'jenkins-url': j.url,
        ...alice,
        'timeout-seconds': '1',
        retries: '1',
        'wait-seconds': '0'
      }
    })
    expect(main.exitCode).toBe(1)
    // The reason is the wait Jenkins asked for, not time spent: the step took milliseconds.
    expect(main.stdout).toContain(
      "::error::Gave up on Jenkins after 1 attempt and 0 s (last: HTTP 503): it asked to be tried again in 30 s (Retry-After), later than this step's time allows. Each request is tried at most retries + 1 times, for timeout-seconds each, and the step waits at most wait-seconds (120 s when it is not set) for a starting controller."
    )
  })

  it('retries the revoke after a 503', async () => {
    const j = await emulator({}, [
      { path: REVOKE, times: 1, fault: { status: 503, retryAfter: '0' } }
    ])
    const { post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked')
    expect(faults?.hits).toEqual([1])
    expect(j.tokens('alice')).toHaveLength(0)
  })

  it('gives up on a hung controller at post time quickly, with a warning, and exits 0', async () => {
    const j = await emulator({}, [{ path: REVOKE, fault: { hang: true } }])
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, 'timeout-seconds': '1', retries: '5' }
    })
    const started = Date.now()
    const post = await step('post', { state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `::warning::Could not revoke Jenkins API token "${main.outputs['token-name']}"`
    )
    expect(post.stdout).toContain(main.outputs['token-uuid'])
    // The post step caps retries at 2 whatever the input says: (2 + 1) × 1 s and two backoffs.
    expect(faults?.hits[0]).toBeGreaterThanOrEqual(2)
    expect(faults?.hits[0]).toBeLessThanOrEqual(3)
    expect(Date.now() - started).toBeLessThan(3 * 1000 + 1500 + 1000)
  })

  it("tells a post step out of time its own 20 s rule, not main's inputs", async () => {
    // Jenkins asks for a retry 60 s on: past the post step's 20 s, so it gives up at once, and
    // says the wait Jenkins asked for, not the 30 s the action would have waited at most.
    const j = await emulator({}, [{ path: REVOKE, fault: { status: 503, retryAfter: '60' } }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    const name = main.outputs['token-name'] ?? ''
    expect(post.exitCode).toBe(0)
    const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      "after 1 attempt and 0 s (last: HTTP 503): it asked to be tried again in 60 s (Retry-After), later than this step's time allows. The post step tries for at most 20 s, with at most 10 s per request and 2 retries, whatever the inputs say."
    )
    expect(warnings[0]).toContain(`Open ${j.url}user/alice/security/ and revoke "${name}"`)
    expect(post.stdout).not.toContain('wait-seconds')
    expect(j.tokens('alice').map((t) => t.name)).toEqual([name])
  })
})

describe('a controller restarting between main and post', () => {
  const READY = 'the page it shows while it starts or restarts (HTTP 503)'

  /** Restarts the emulator into its getting-ready page, and returns once it answers it. */
  async function restartLoading(j: JenkinsEmulator, phases: StartupOptions): Promise<void> {
    await j.restart(phases)
    for (;;) {
      const status = await fetch(`${j.url}login`).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 0
      )
      if (status === 503) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /**
   * Post said it waited, and why, and then revoked main's token with no warning. `waitedFor`: what
   * it waited for first: a controller to start, or one main reached to come back.
   */
  function expectWaitedAndRevoked(
    j: JenkinsEmulator,
    main: StepResult,
    post: StepResult,
    why: string,
    waitedFor: 'start' | 'come back' = 'start'
  ): void {
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Waiting for Jenkins to ${waitedFor} (0 s of up to 10 s): ${why}`)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${main.outputs['token-name']}"`)
    expect(post.stdout).not.toContain('::warning::')
    expect(j.tokens('alice')).toHaveLength(0)
  }

  /** The reason post gives for its wait when a filter refused the revoke, or failed it. */
  const refused = (status: number) =>
    `it ${status >= 500 ? 'fails' : 'refuses'} the request (HTTP ${status}), and asked without credentials answers with the page it shows while it starts.`

  it('post waits for it within its own limits, even with retries: 0, and revokes', async () => {
    const j = await emulator()
    const { main, post } = await job(
      { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } },
      // CrumbFilter refuses the anonymous revoke until the security filter comes, half way;
      // then the token needs no crumb and meets the page.
      () => restartLoading(j, { loadingMs: 3_000, credentialsRefusedMs: 0, pluginsPreparingMs: 0 })
    )
    expectWaitedAndRevoked(j, main, post, refused(403))
  })

  it('post waits while CrumbFilter has no crumb issuer descriptor yet, and revokes', async () => {
    // Before 2.376 every request is anonymous until loading ends: Jenkins's error page (500)
    // before the plugins are prepared, then 403 "No valid crumb".
    const j = await emulator({ version: '2.375' })
    const { main, post } = await job(
      { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } },
      () => restartLoading(j, { loadingMs: 3_000, pluginsPreparingMs: 1_000 })
    )
    expectWaitedAndRevoked(j, main, post, refused(500))
  })

  it('post waits while Jenkins refuses the token, loading its users (2.376+), and revokes', async () => {
    const j = await emulator()
    const { main, post } = await job(
      { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } },
      () => restartLoading(j, { loadingMs: 3_000, credentialsRefusedMs: 3_000 })
    )
    expectWaitedAndRevoked(
      j,
      main,
      post,
      'it refuses the credentials (HTTP 401), and asked without credentials answers with the page it shows while it starts.'
    )
  })

  it('post waits through its restarting page, refused connections and loading, and revokes', async () => {
    // Jenkins#restart: "Jenkins is restarting" on every path, the process gone, then loading.
    const j = await emulator()
    let restarted: Promise<void> = Promise.resolve()
    const { main, post } = await job(
      { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } },
      async () => {
        restarted = j.restart({ restartingMs: 1_500, refusedMs: 1_000, loadingMs: 1_000 })
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    )
    await restarted
    expectWaitedAndRevoked(j, main, post, `it answers with ${READY}.`)
  })

  it("post waits through its restarting page and a reverse proxy's 502s, and revokes", async () => {
    const j = await emulator()
    const proxy = await startFaultProxy(j.url, () => 'forward', { badGateway: true })
    closers.push(() => proxy.close())
    let restarted: Promise<void> = Promise.resolve()
    const { main, post } = await job(
      { inputs: { 'jenkins-url': proxy.url, ...alice, retries: '0' } },
      async () => {
        restarted = j.restart({ restartingMs: 1_500, refusedMs: 3_000, loadingMs: 1_000 })
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    )
    await restarted
    expectWaitedAndRevoked(j, main, post, `it answers with ${READY}.`)
    expect(post.stdout).toContain('a proxy in front of it answers HTTP 502 while it restarts.')
    // The revoke that met the restarting page, then the one that revoked: none into the 502s.
    const revokes = proxy.requests.filter((r) => REVOKE.test(r.path.split('?')[0] ?? ''))
    expect(revokes.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 200])
    const probes = revokes.filter((r) => r.method === 'GET')
    expect(probes.map((r) => r.status)).toContain(502)
    for (const probe of probes) {
      expect(probe.headers.authorization).toBeUndefined()
      expect(probe.headers.cookie).toBeUndefined()
    }
  }, 30_000)

  it('post waits while it refuses connections too, even with retries: 0, and revokes', async () => {
    // A workflow whose last step restarts Jenkins: the process is gone for a few seconds.
    const j = await emulator()
    const { main, post } = await job(
      { inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } },
      () => j.restart({ refusedMs: 2_500 })
    )
    // Main reached Jenkins at this URL: the refusals are a controller gone, not starting.
    expectWaitedAndRevoked(
      j,
      main,
      post,
      "it answered in this job's main step, and now its connection fails: connection refused.",
      'come back'
    )
  })

  it('post gives up after its own wait, and names the token, not wait-seconds', async () => {
    const j = await emulator()
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    const name = main.outputs['token-name'] ?? ''
    const uuid = main.outputs['token-uuid'] ?? ''
    await restartLoading(j, { loadingMs: 60_000 })
    const started = Date.now()
    const post = await step('post', { state: main.state })
    const elapsed = Date.now() - started
    expect(post.exitCode).toBe(0)
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      `::warning::Could not revoke Jenkins API token "${name}" (${uuid}) of "alice" on ${j.url}: Jenkins at ${j.url} is still starting: it answered to revoke the token with ${READY}. The post step waits at most 10 s for a starting controller. Open ${j.url}user/alice/security/ and revoke "${name}" (token UUID ${uuid}) there if it is listed.`
    ])
    // timeout-seconds 30, so 10 s a request for post: its 20 s leave 10 s to wait.
    expect(elapsed).toBeGreaterThan(9_000)
    expect(elapsed).toBeLessThan(13_000)
    expect(j.tokens('alice').map((t) => t.name)).toEqual([name])
  }, 30_000)
})

describe('a controller restarting during main', () => {
  it('takes a new session after the restart: the crumb it had is of the old one', async () => {
    const j = await emulator()
    let restarted: Promise<void> | undefined
    setEmulatorHooks(j, {
      beforeHandle: async (ctx) => {
        if (restarted || ctx.method !== 'POST' || !MINT.test(ctx.rawPath)) return undefined
        // Jenkins#restart as the mint arrives: its restarting page answers it, then a new
        // process loads, which knows no session of the old one.
        restarted = j.restart({ restartingMs: 500, loadingMs: 1_500 })
        await new Promise((resolve) => setImmediate(resolve))
        return undefined
      }
    })
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    await restarted
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('Waiting for Jenkins to start')
    expect(main.stdout).not.toContain('::warning::')
    expect(j.tokens('alice').map((t) => t.name)).toEqual([main.outputs['token-name']])
    const statuses = (path: RegExp) =>
      j.requests.filter((r) => r.method === 'POST' && path.test(r.path)).map((r) => r.status)
    // The mint with the old session's crumb is refused once, then sent in a new session.
    expect(statuses(MINT).filter((status) => status === 403)).toEqual([403])
    expect(statuses(MINT).at(-1)).toBe(200)
    expect(j.requests.filter((r) => CRUMB.test(r.path)).map((r) => r.status)).toEqual([200, 200])
  }, 30_000)
  // Jenkins#restart: its restarting page, then the process gone (the port refuses), then
  // loading. Without wait-seconds, refusals alone fail fast (a wrong URL); after the restarting
  // page from this very address they are the restart's, waited for as its pages are.
  it.each([
    ['a password login, restarting at the crumb', alice, CRUMB],
    ['an API-token login, restarting at the mint', undefined, MINT]
  ] as const)(
    'waits through the refused connections of a restart: %s',
    async (_, login, at) => {
      const j = await emulator()
      const credentials = login ?? {
        username: 'alice',
        'api-token': j.addToken('alice', 'long-lived').value
      }
      let restarted: Promise<void> | undefined
      setEmulatorHooks(j, {
        beforeHandle: async (ctx) => {
          if (restarted || !at.test(ctx.rawPath)) return undefined
          restarted = j.restart({ restartingMs: 300, refusedMs: 2_500, loadingMs: 300 })
          await new Promise((resolve) => setImmediate(resolve))
          return undefined
        }
      })
      const main = await step('main', {
        inputs: { 'jenkins-url': j.url, ...credentials, retries: '0' }
      })
      await restarted
      expect(main.stdout).toContain('Waiting for Jenkins to start (0 s of up to 120 s)')
      // The restart's refusals were met, and waited through.
      expect(main.stdout).toMatch(/^::debug::\S+ \S+ failed: connection refused/m)
      expect(main.stdout).not.toContain('::error::')
      expect(main.stdout).not.toContain('::warning::')
      expect(main.exitCode).toBe(0)
      // Every mint but the last met the restart and made nothing.
      expect(
        j
          .tokens('alice')
          .map((t) => t.name)
          .filter((name) => name !== 'long-lived')
      ).toEqual([main.outputs['token-name']])
    },
    30_000
  )

  // Behind nginx (or Apache, or an ingress) the restart's refusals are the proxy's 502 page:
  // waited for after the restarting page, as the refusals are. No mint goes while it lasts:
  // GETs without credentials ask whether Jenkins is back, and the mint goes again after.
  it.each([
    ['a password login, restarting at the crumb', alice, CRUMB],
    ['an API-token login, restarting at the mint', undefined, MINT]
  ] as const)(
    "waits through a reverse proxy's 502 pages of a restart: %s",
    async (_, login, at) => {
      const j = await emulator()
      const credentials = login ?? {
        username: 'alice',
        'api-token': j.addToken('alice', 'long-lived').value
      }
      const proxy = await startFaultProxy(j.url, () => 'forward', { badGateway: true })
      closers.push(() => proxy.close())
      let restarted: Promise<void> | undefined
      setEmulatorHooks(j, {
        beforeHandle: async (ctx) => {
          if (restarted || !at.test(ctx.rawPath)) return undefined
          // Long enough gone that the retries of a 502 (3 by default) end before it is back.
          restarted = j.restart({ restartingMs: 300, refusedMs: 6_000, loadingMs: 300 })
          await new Promise((resolve) => setImmediate(resolve))
          return undefined
        }
      })
      const main = await step('main', { inputs: { 'jenkins-url': proxy.url, ...credentials } })
      await restarted
      expect(main.stdout).not.toContain('::error::')
      expect(main.stdout).not.toContain('::warning::')
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toMatch(
        /Waiting for Jenkins to start \(\d+ s of up to 120 s\): a proxy in front of it answers HTTP 502 while it restarts\./
      )
      expect(proxy.requests.some((r) => r.status === 502)).toBe(true)
      expect(
        j
          .tokens('alice')
          .map((t) => t.name)
          .filter((name) => name !== 'long-lived')
      ).toEqual([main.outputs['token-name']])
      if (at !== MINT) return
      // The mint that met the restarting page, then the one after it: none into the 502s.
      const mints = proxy.requests.filter((r) => MINT.test(r.path.split('?')[0] ?? ''))
      const posts = mints.filter((r) => r.method === 'POST').map((r) => r.status)
      expect(posts).toEqual([503, 200])
      // Between them only GETs, without credentials: the restarting page (if still up), the
      // proxy's 502s, the loading page (if met), then an answer of a Jenkins that is up.
      const probes = mints.slice(1, -1)
      expect(mints.at(-1)?.method).toBe('POST')
      expect(probes.every((r) => r.method === 'GET')).toBe(true)
      expect(probes.map((r) => r.status)).toContain(502)
      expect(probes.at(-1)?.status).not.toBe(502)
      expect(probes.at(-1)?.status).not.toBe(503)
      for (const probe of probes) {
        expect(probe.headers.authorization).toBeUndefined()
        expect(probe.headers.cookie).toBeUndefined()
      }
      // Two attempts, of which the restarting page answered the first: no token may exist.
      const { attempts } = JSON.parse(main.state.attempts ?? '{}') as {
        attempts: Array<{ name: string; outcome: string }>
      }
      expect(attempts.map((a) => a.outcome)).toEqual(['not-created', 'created'])
      expect(attempts[1]?.name).toBe(main.outputs['token-name'])
    },
    30_000
  )

  // A CDN in front says the same of a process that is gone in its own numbers: 521 (the web
  // server is down), 522 (the connection timed out); an ingress with no endpoint left, 503.
  it.each([521, 522, 503])(
    'waits through the %i pages of a CDN or ingress in a restart, and sends no mint into them',
    async (code) => {
      const j = await emulator()
      const token = j.addToken('alice', 'long-lived').value
      let gone = false
      const proxy = await startFaultProxy(
        j.url,
        () => (gone ? { status: code, body: `error code: ${code}` } : 'forward'),
        { badGateway: true }
      )
      closers.push(() => proxy.close())
      let restarted: Promise<void> | undefined
      setEmulatorHooks(j, {
        beforeHandle: async (ctx) => {
          if (restarted || ctx.method !== 'POST' || !MINT.test(ctx.rawPath)) return undefined
          restarted = j.restart({ restartingMs: 300, refusedMs: 6_000, loadingMs: 300 })
          void restarted.then(() => {
            gone = true
            setTimeout(() => {
              gone = false
            }, 6_000)
          })
          await new Promise((resolve) => setImmediate(resolve))
          return undefined
        }
      })
      const main = await step('main', {
        inputs: { 'jenkins-url': proxy.url, username: 'alice', 'api-token': token }
      })
      await restarted
      const posts = proxy.requests
        .filter((r) => r.method === 'POST' && MINT.test(r.path.split('?')[0] ?? ''))
        .map((r) => r.status)
      expect(posts).toEqual([503, 200])
      expect(main.stdout).toContain(`a proxy in front of it answers HTTP ${code} while it restarts`)
      expect(main.stdout).not.toContain('::warning::')
      expect(main.exitCode).toBe(0)
    },
    30_000
  )

  // A mint that met the restarting page goes again once Jenkins serves; if that one loses its
  // connection after it went out, it may have made a token: not waited for as the restart's
  // refusals are (each mint sent into it could make one more), and named as one to check.
  it('sends a mint whose connection reset after the restart no third time, and names its token (retries 0)', async () => {
    const j = await emulator()
    const token = j.addToken('alice', 'long-lived').value
    let restarted: Promise<void> | undefined
    let dropped = false
    setEmulatorHooks(j, {
      beforeHandle: async (ctx) => {
        if (restarted || ctx.method !== 'POST' || !MINT.test(ctx.rawPath)) return undefined
        restarted = j.restart({ restartingMs: 300, loadingMs: 300 })
        await new Promise((resolve) => setImmediate(resolve))
        return undefined
      },
      // Jenkins makes the token of the mint sent after the restart, and the connection drops.
      afterHandle: (ctx, response) => {
        if (dropped || ctx.method !== 'POST' || response.status !== 200) return undefined
        if (!MINT.test(ctx.rawPath)) return undefined
        dropped = true
        return { kind: 'destroy' }
      }
    })
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': token, retries: '0' }
    })
    await restarted
    expect(main.exitCode).toBe(1)
    const posts = mintRequests(j).filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(main.stdout).toContain('Waiting for Jenkins to start')
    expect(main.stdout).toMatch(
      /::error::Could not reach Jenkins \(POST \S+generateNewToken, 2 attempts\): the connection was closed before Jenkins answered/
    )
    const base = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
    const made = j
      .tokens('alice')
      .map((t) => t.name)
      .filter((name) => name !== 'long-lived')
    expect(made).toEqual([`${base} (attempt 2)`])
    expect(main.stdout).toContain(
      `::warning::Jenkins may hold an API token named "${base} (attempt 2)" for the user "alice": the answer to the request that creates it was lost or unclear`
    )
    // The restarting page answered the first: it made nothing, and is no token to check.
    expect(main.stdout).not.toContain(`API token named "${base}" for`)
  }, 30_000)

  // A probe without credentials that gets no answer in time says nothing of a restart: a
  // controller that takes requests and hangs. The probes end, and the mint meets the hang.
  it('ends the restart probes at a timeout, and fails naming the timeout', async () => {
    const j = await emulator()
    const token = j.addToken('alice', 'long-lived').value
    let restarted: Promise<void> | undefined
    setEmulatorHooks(j, {
      beforeHandle: async (ctx) => {
        // After the mint met the restarting page, every request hangs.
        if (restarted) return { kind: 'hang' }
        if (ctx.method !== 'POST' || !MINT.test(ctx.rawPath)) return undefined
        restarted = j.restart({ restartingMs: 1_000, loadingMs: 300 })
        await new Promise((resolve) => setImmediate(resolve))
        return undefined
      }
    })
    const main = await step('main', {
      inputs: {
        'jenkins-url': j.url,
        username: 'alice',
        'api-token': token,
        retries: '0',
        'timeout-seconds': '1',
        // Short, so that probes that went on past a timeout would end the wait in seconds.
        'wait-seconds': '5'
      }
    })
    await restarted
    expect(main.exitCode).toBe(1)
    const mints = mintRequests(j).map((r) => r.method)
    // The mint, one probe that hung, then the mint again, which hung too.
    expect(mints).toEqual(['POST', 'GET', 'POST'])
    expect(main.stdout).toMatch(/^::debug::GET \S+ failed: timed out: .* without credentials\)$/m)
    expect(main.stdout).toMatch(
      /::error::Could not reach Jenkins \(POST \S+generateNewToken, 2 attempts\): timed out: Jenkins did not answer within /
    )
    expect(main.stdout).not.toContain('did not come back from its restart')
  }, 30_000)

  it('still fails fast on refused connections that no restarting page came before', async () => {
    const url = `http://127.0.0.1:${await freePort()}/`
    const started = Date.now()
    const main = await step('main', { inputs: { 'jenkins-url': url, ...alice, retries: '0' } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('connection refused (is Jenkins running at this address?)')
    expect(main.stdout).not.toContain('Waiting for Jenkins to start')
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})

describe('TLS', () => {
  const tlsJenkins = () => emulator({ tls: { key: pki.serverKey, cert: pki.serverCert } })

  // A verdict on the certificate: no retry, and no wait as for a starting controller.
  it.each([
    ['not valid yet', {}, "the controller's TLS certificate is not valid yet (CERT_NOT_YET_VALID)"],
    [
      'only for clients',
      { startDate: '20200101000000Z', endDate: '20991231000000Z', purpose: 'clientAuth' as const },
      "the controller's TLS certificate was refused (INVALID_PURPOSE: unsuitable certificate purpose)"
    ]
  ])(
    'fails at once on a certificate %s, naming it, even with wait-seconds',
    async (_, odd, why) => {
      const certificate = makeOddCertificate(odd)
      const j = await emulator({ tls: { key: certificate.key, cert: certificate.cert } })
      const started = Date.now()
      const main = await step('main', {
        inputs: {
          'jenkins-url': j.url,
          ...alice,
          'ca-certificate': certificate.caPem,
          'wait-seconds': '30'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): ${why}`
      )
      expect(main.stdout).not.toContain('Waiting for Jenkins')
      expect(main.stdout).not.toContain('retrying')
      expect(Date.now() - started).toBeLessThan(5_000)
    }
  )

  it.each([
    ['a password', 'password'],
    ['an API token', 'api-token']
  ] as const)(
    'names https for an http:// URL whose port serves it, without retrying (%s)',
    async (_, kind) => {
      const j = await tlsJenkins()
      const secret = kind === 'password' ? alice.password : j.addToken('alice', 'long-lived').value
      const url = j.url.replace('https://', 'http://')
      const main = await step('main', {
        inputs: { 'jenkins-url': url, username: 'alice', [kind]: secret }
      })
      expect(main.exitCode).toBe(1)
      const sent =
        kind === 'password'
          ? 'GET /crumbIssuer/api/json'
          : `POST ${new URL(j.url).pathname}me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`
      expect(main.stdout).toContain(
        `::error::Could not reach Jenkins (${sent}): the connection was closed before Jenkins answered, and the port ${j.port} of 127.0.0.1 serves https (it answers a TLS handshake): the request was plain HTTP. If the port serves only https, use https:// in jenkins-url.`
      )
      // A port may take plain HTTP and TLS both (sslh): a mint it closed unanswered may have
      // reached Jenkins, so it is named as one that may have made a token.
      const warnings = main.stdout.match(/^::warning::.*$/gm) ?? []
      expect(warnings).toEqual(
        kind === 'password' ? [] : [expect.stringContaining('Jenkins may hold an API token named')]
      )
      // RUNNER_DEBUG is on: a retry would say so.
      expect(main.stdout).not.toContain('retrying')
      expect(j.requests).toEqual([])
    }
  )

  it('names https for an https-only service container once its port stops resetting', async () => {
    // Docker's proxy resets connections first: that says nothing of what the port speaks.
    const j = await emulator({
      tls: { key: pki.serverKey, cert: pki.serverCert },
      startup: { refusedMs: 2500, dockerProxy: true }
    })
    const url = j.url.replace('https://', 'http://')
    const main = await step('main', {
      inputs: { 'jenkins-url': url, ...alice, 'wait-seconds': '30' }
    })
    expect(main.exitCode).toBe(1)
    expect(j.dropped.length).toBeGreaterThanOrEqual(1)
    expect(main.stdout).toContain('the connection was closed before Jenkins answered, and the port')
    expect(main.stdout).toContain('If the port serves only https, use https:// in jenkins-url.')
    expect(j.requests).toEqual([])
  }, 30_000)

  it('names ca-certificate when the certificate is not trusted, without retrying', async () => {
    const j = await tlsJenkins()
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain("the controller's TLS certificate is not signed by a trusted CA")
    expect(main.stdout).toContain('ca-certificate input')
    expect(j.requests).toHaveLength(0)
  })

  describe('a chain through an intermediate CA', () => {
    // Each step a process of its own: in-process steps would share the roots they added.
    const dist = (options: StepOptions) => step('main', { ...options, entry: 'dist' })
    const chain = makeChainedPki()
    const served = {
      'its certificate alone': chain.cert,
      'its full chain': `${chain.cert}${chain.intermediatePem}`
    }
    it.each([
      [
        'its certificate alone',
        'the root',
        chain.rootPem,
        "(UNABLE_TO_VERIFY_LEAF_SIGNATURE). Put the PEM certificate of the CA that signed it in the ca-certificate input; if it holds the root CA already, the server sends its certificate without the intermediate CA's: add the intermediate, or have the server send its full chain."
      ],
      [
        'its full chain',
        'the intermediate alone',
        chain.intermediatePem,
        '(UNABLE_TO_GET_ISSUER_CERT). Put the PEM certificate of the CA that signed it in the ca-certificate input, with the root CA above it: a trusted intermediate CA alone ends no chain.'
      ]
    ] as const)(
      'a server sending %s, with %s given: says what the chain lacks',
      async (sends, _given, ca, why) => {
        const j = await emulator({ tls: { key: chain.key, cert: served[sends] } })
        const main = await dist({
          inputs: { 'jenkins-url': j.url, ...alice, 'ca-certificate': ca }
        })
        expect(main.exitCode).toBe(1)
        expect(main.stdout).toContain(why)
        expect(j.requests).toHaveLength(0)
      }
    )

    it.each(Object.keys(served) as Array<keyof typeof served>)(
      'a server sending %s, with the root and the intermediate given: trusted',
      async (sends) => {
        const j = await emulator({ tls: { key: chain.key, cert: served[sends] } })
        const ca = `${chain.rootPem}${chain.intermediatePem}`
        const main = await dist({
          inputs: { 'jenkins-url': j.url, ...alice, 'ca-certificate': ca }
        })
        expect(main.exitCode).toBe(0)
      }
    )
  })

  it.each([
    ['PEM', () => pki.caPem],
    ['base64 of PEM', () => Buffer.from(pki.caPem).toString('base64')]
  ])('trusts an internal CA given as %s', async (_form, ca) => {
    const j = await tlsJenkins()
    const { main, post } = await job({
      inputs: { 'jenkins-url': j.url, ...alice, 'ca-certificate': ca() }
    })
    expect(main.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked')
    expect(j.requests[0]?.cookieSent).toBe(false)
    expect(j.requests[1]?.cookieSent).toBe(true)
  })

  it('trusts a self-signed controller certificate given as ca-certificate', async () => {
    const j = await emulator({ tls: { key: pki.selfSignedKey, cert: pki.selfSignedCert } })
    const without = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(without.exitCode).toBe(1)
    // No chain to complete: the advice is the CA (here the certificate itself), nothing more.
    expect(without.stdout).toContain(
      '(DEPTH_ZERO_SELF_SIGNED_CERT). Put the PEM certificate of the CA that signed it in the ca-certificate input.'
    )
    expect(without.stdout).not.toContain('intermediate')
    const { main, post } = await job({
      inputs: { 'jenkins-url': j.url, ...alice, 'ca-certificate': pki.selfSignedCert }
    })
    expect(main.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked')
  })

  it('skips verification only when told to, loudly', async () => {
    const j = await tlsJenkins()
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, 'insecure-skip-tls-verify': 'true' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(
      "::warning::insecure-skip-tls-verify is true: the controller's certificate is not checked"
    )
  })

  it('rejects a ca-certificate that is not a certificate', async () => {
    const main = await step('main', {
      inputs: { 'jenkins-url': 'https://127.0.0.1:1/', ...alice, 'ca-certificate': 'hello' }
    })
    expect(main.stdout).toContain('::error::Input ca-certificate must be PEM text')
  })
})

describe('redirects', () => {
  /** Another server that records what it receives. */
  async function otherHost(
    answer: (path: string) => { status: number; location?: string }
  ): Promise<{ url: (host: string) => string; seen: IncomingHttpHeaders[] }> {
    const seen: IncomingHttpHeaders[] = []
    const server: Server = createServer((req, res) => {
      seen.push(req.headers)
      const { status, location } = answer(req.url ?? '/')
      res.writeHead(status, location ? { location } : {})
      res.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo
    return { url: (host) => `http://${host}:${port}/`, seen }
  }

  it('follows an http → https redirect on the same host and port', async () => {
    const j = await emulator({ tls: { key: pki.serverKey, cert: pki.serverCert } })
    const front = await startFrontDoor(j.port)
    closers.push(() => front.close())
    const { main, post } = await job({
      inputs: {
        'jenkins-url': `http://127.0.0.1:${front.port}/`,
        ...alice,
        'ca-certificate': pki.caPem
      }
    })
    expect(main.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked')
    expect(mintRequests(j)).toHaveLength(1)
    expect(mintRequests(j)[0]?.method).toBe('POST')
  })

  it('follows a trailing-slash redirect and keeps the POST', async () => {
    const j = await emulator({}, [
      {
        path: /\/generateNewToken$/,
        times: 1,
        fault: { redirect: 'generateNewToken/', status: 302 }
      }
    ])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(mintRequests(j).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 302', 'POST 200'])
  })

  it('sends no credentials to another origin', async () => {
    const elsewhere = await otherHost(() => ({ status: 200 }))
    const j = await emulator({}, [
      {
        path: CRUMB,
        fault: { redirect: `${elsewhere.url('localhost')}crumbIssuer/api/json`, status: 302 }
      }
    ])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('was redirected to another origin (http://localhost:')
    expect(main.stdout).toContain(
      "the action sends credentials only to the controller's own scheme, host and port"
    )
    expect(elsewhere.seen).toEqual([])
  })

  it('reports a redirect to a login page as single sign-on in front of Jenkins', async () => {
    const j = await emulator({}, [
      {
        path: CRUMB,
        fault: { redirect: 'https://sso.example.com/adfs/ls/?wa=wsignin1.0', status: 302 }
      }
    ])
    const main = await step('main', { inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      'was redirected to a login page (https://sso.example.com/adfs/ls/)'
    )
    expect(main.stdout).toContain('single sign-on')
  })
})

describe('debug logging', () => {
  it('logs method, path, status and time, and nothing secret', async () => {
    const j = await emulator()
    const { main } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    const debug = main.stdout.split('\n').filter((line) => line.startsWith('::debug::'))
    expect(debug).toEqual([
      expect.stringMatching(/^::debug::GET \/crumbIssuer\/api\/json -> 200 \(\d+ ms\)$/),
      expect.stringMatching(
        /^::debug::POST \/me\/descriptorByName\/jenkins\.security\.ApiTokenProperty\/generateNewToken -> 200 \(\d+ ms\)$/
      ),
      expect.stringMatching(/^::debug::GET \/whoAmI\/api\/json -> 200 \(\d+ ms\)$/)
    ])
    expect(main.stdout).not.toMatch(/authorization|cookie|jsessionid|crumb":/i)
  })
})

describe('50 concurrent runs for one user', () => {
  it('mint 50 distinct tokens and leave none after their posts', async () => {
    const j = await emulator()
    const runs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runJob({
          entry: 'dist',
          inputs: { 'jenkins-url': j.url, ...alice, 'token-name': `run ${i}` }
        })
      )
    )
    results.push(...runs.flatMap((run) => [run.main, run.post]))
    expect(runs.map((run) => run.main.exitCode)).toEqual(Array(50).fill(0))
    expect(runs.map((run) => run.post.exitCode)).toEqual(Array(50).fill(0))
    const tokens = new Set(runs.map((run) => run.main.outputs.token))
    const uuids = new Set(runs.map((run) => run.main.outputs['token-uuid']))
    expect(tokens.size).toBe(50)
    expect(uuids.size).toBe(50)
    expect(faults?.mintedValues).toHaveLength(50)
    expect(j.tokens('alice')).toEqual([])
  }, 120_000)
})
