import { describe, expect, it } from '@jest/globals'
import type { HttpResponse } from '../../src/http/transport.js'
import { isJenkinsException, isLoadingCrumbFailure, isStarting } from '../../src/jenkins/answers.js'
import { failureFor, foreignChallenge } from '../../src/jenkins/responses.js'
import { loadingPage, oopsPage } from '../emulator/pages.js'

/**
 * The page a loading or restarting controller serves on every path (HudsonIsLoading,
 * HudsonIsRestarting): its English changed in 2.477, and other locales have words of their own,
 * so the action knows it by its markup.
 */
function page(version: string, kind: 'loading' | 'restarting' = 'loading'): HttpResponse {
  const emulated = loadingPage({ version, sessionHash: 'abc123', contextPath: '/jenkins' }, kind)
  return {
    status: emulated.status,
    headers: {},
    body: emulated.body.toString(),
    url: 'https://ci/'
  }
}

describe('a controller that is starting', () => {
  it.each([
    ['2.462.3', 'loading', 'Please wait while Jenkins is getting ready to work'],
    ['2.477', 'loading', 'Jenkins is getting ready to work'],
    ['2.541.3', 'restarting', 'Jenkins is restarting'],
    ['2.462.3', 'restarting', 'Please wait while Jenkins is restarting']
  ] as const)('is known on %s by its %s page (%s)', (version, kind, words) => {
    const response = page(version, kind)
    expect(response.status).toBe(503)
    expect(response.body).toContain(`>${words}</p>`)
    expect(isStarting(response)).toBe(true)
  })

  it('is known in another language, by the markup', () => {
    const english = page('2.541.3')
    const german = english.body.replace(
      'Jenkins is getting ready to work',
      'Jenkins wird gestartet'
    )
    expect(german).not.toContain('getting ready')
    expect(isStarting({ ...english, body: german })).toBe(true)
  })

  it('is not a 503 of something else, nor the page without its 503', () => {
    const gateway =
      '<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>'
    expect(isStarting({ ...page('2.541.3'), body: gateway })).toBe(false)
    expect(isStarting({ ...page('2.541.3'), status: 200 })).toBe(false)
    // A proxy's maintenance page may follow a request Jenkins took: its words are not enough.
    const maintenance =
      '<html><body><h1>Jenkins is restarting</h1><p>Jenkins is getting ready to work.</p></body></html>'
    expect(isStarting({ ...page('2.541.3'), body: maintenance })).toBe(false)
  })
})

describe("Jenkins's own error page (oops.jelly)", () => {
  const oops = (): HttpResponse => {
    const common = {
      env: { version: '2.541.3', sessionHash: 'abc123', contextPath: '/jenkins' },
      authName: 'alice',
      crumb: null
    }
    const emulated = oopsPage(common, 'e4a1')
    return { status: 500, headers: {}, body: emulated.body.toString(), url: 'https://ci/' }
  }

  it('is known by its markup in English, translated, and with the older PNG image', () => {
    const english = oops()
    expect(english.body).toContain('A problem occurred while processing the request')
    expect(isJenkinsException(english)).toBe(true)
    const german = english.body.replace(
      'A problem occurred while processing the request',
      'Bei der Verarbeitung der Anfrage ist ein Problem aufgetreten'
    )
    expect(isJenkinsException({ ...english, body: german })).toBe(true)
    const png = english.body.replace('/rage.svg"', '/rage.png"')
    expect(isJenkinsException({ ...english, body: png })).toBe(true)
  })

  it("is not a gateway's 500 that quotes Jenkins's words, nor the page with another status", () => {
    const gateway = '<html><body>A problem occurred while processing the request</body></html>'
    expect(isJenkinsException({ ...oops(), body: gateway })).toBe(false)
    expect(isJenkinsException({ ...oops(), status: 502 })).toBe(false)
  })

  it("proves nothing was acted on only with the trace of CrumbFilter's failure while loading", () => {
    const trace =
      'java.lang.AssertionError: class hudson.security.csrf.DefaultCrumbIssuer is missing its descriptor\n\tat jenkins.model.Jenkins.getDescriptorOrDie(Jenkins.java:1560)'
    const common = {
      env: { version: '2.541.3', sessionHash: 'abc123', contextPath: '/jenkins' },
      authName: 'anonymous',
      crumb: null
    }
    const page = (stackTrace: string | null): HttpResponse => ({
      status: 500,
      headers: {},
      body: oopsPage(common, 'e4a1', 500, stackTrace).body.toString(),
      url: 'https://ci/'
    })
    expect(isLoadingCrumbFailure(page(trace))).toBe(true)
    // Without the trace (SHOW_STACK_TRACE off, from 2.224), or another exception's trace.
    expect(isLoadingCrumbFailure(page(null))).toBe(false)
    expect(isLoadingCrumbFailure(page('java.io.IOException: No space left on device'))).toBe(false)
    // The words on a page that is not Jenkins's error page prove nothing.
    expect(isLoadingCrumbFailure({ ...page(trace), body: `<pre>${trace}</pre>` })).toBe(false)
  })
})

describe("a 401's challenge", () => {
  const unauthorized = (challenge?: string): HttpResponse => ({
    status: 401,
    headers: challenge === undefined ? {} : { 'www-authenticate': challenge },
    body: 'Unauthorized',
    url: 'https://ci/'
  })

  it.each([
    'Basic realm="Jenkins"',
    'Basic realm="Jenkins", charset="UTF-8"',
    'basic Realm="Jenkins"',
    'Basic realm="Jenkins user"',
    // Node joins the headers of a server in front that adds its own challenge before Jenkins's.
    'Negotiate, Basic realm="Jenkins", charset="UTF-8"',
    'Bearer realm="gateway",Basic realm="Jenkins"'
  ])("is Jenkins's own: %s", (challenge) => {
    expect(foreignChallenge(unauthorized(challenge))).toBeUndefined()
  })

  it('proves nothing when there is none (a login error page, oic-auth)', () => {
    expect(foreignChallenge(unauthorized())).toBeUndefined()
  })

  it('is looked at on a 401 only', () => {
    for (const status of [403, 500]) {
      expect(foreignChallenge({ ...unauthorized('Negotiate'), status })).toBeUndefined()
    }
  })

  it.each([
    ['Basic realm="Restricted"', 'Basic realm="Restricted"'],
    [
      'Bearer realm="gateway", error="invalid_token"',
      'Bearer realm="gateway", error="invalid_token"'
    ],
    ['Negotiate', 'Negotiate'],
    ['Basic realm="Jenkinsfile runner"', 'Basic realm="Jenkinsfile runner"'],
    [`Basic realm="${'x'.repeat(100)}"`, `Basic realm="${'x'.repeat(100)}"`],
    // Shown whole or not at all: a part or a changed form of an echoed secret escapes masking.
    [`Basic realm="${'x'.repeat(300)}"`, '(not shown)'],
    ['Basic realm="caf\u00e9"', '(not shown)']
  ])('is something else: %s', (challenge, shown) => {
    expect(foreignChallenge(unauthorized(challenge))).toBe(shown)
  })
})

describe('a 403 that Jenkins gave an anonymous request', () => {
  const context = {
    action: 'the CSRF crumb request',
    method: 'GET',
    username: 'alice',
    credential: 'password'
  } as const
  const refusal = (headers: Record<string, string>, body: string): HttpResponse => ({
    status: 403,
    headers,
    body,
    url: 'https://ci/crumbIssuer/api/json'
  })

  // Told by Jenkins's header alone (a page rewritten in front of it loses the words): the
  // permission it names is anonymous's, not the user's, so granting it would be the wrong fix.
  it.each([
    [
      'the header',
      {
        'x-you-are-authenticated-as': 'anonymous',
        'x-required-permission': 'hudson.model.Hudson.Read'
      },
      ''
    ],
    ["the page's words", {}, '<html><body>Authentication required</body></html>']
  ])('is named as anonymous by %s', (_, headers, body) => {
    const message = failureFor(refusal(headers, body), context).message
    expect(message).toContain('Jenkins treated the request as anonymous')
    expect(message).toContain('may strip the Authorization header')
    expect(message).not.toContain('lacks the permission')
  })
})
