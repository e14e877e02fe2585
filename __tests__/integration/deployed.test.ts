/**
 * The action against Jenkins as it is deployed (issue 11, reference §11): the dist bundles, run
 * as the runner runs them, against the emulator's "as deployed" switches. Each case asserts what
 * a workflow author sees: the exit code, the outputs, the message, what Jenkins received, and
 * that no secret reached the log.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { injectFaults } from '../emulator/faults.js'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import { runJob, runStep, type StepResult } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import {
  emulatorPerTest,
  expectNoLeaks,
  expectOnlyLoginTokenLeft,
  requestPaths as paths
} from '../support/emulator-fixture.js'
import { startFrontDoor } from '../support/front-door.js'
import { whoAmIStatus } from '../support/jenkins-probe.js'

// The bundles the runner runs, each step a process of its own.
const entry = 'dist' as const

const fixture = emulatorPerTest()
const emulator = fixture.start

const alice = { username: 'alice', password: 'alice-password' }
const MINT = 'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
const MAY_HOLD = 'Jenkins may hold an API token'
// Resolved to 127.0.0.1 in the step's own mount namespace: not loopback by name, so
// tough-cookie applies a browser's Secure-cookie rules to it.
const TEST_HOST = 'jenkins.test'
const hosts = { [TEST_HOST]: '127.0.0.1' }

/** The emulator's root as this process reaches it, whatever host name it advertises. */
function loopbackRoot(j: JenkinsEmulator): string {
  const url = new URL(j.url)
  url.hostname = '127.0.0.1'
  return url.href
}

function mintRequests(j: JenkinsEmulator) {
  return j.requests.filter((r) => r.path.split('?')[0]?.endsWith('/generateNewToken'))
}

function requestsWith(j: JenkinsEmulator, status: number) {
  return j.requests.filter((r) => r.status === status)
}

/** A password login minted with its crumb and session cookie, and post revoked the token. */
function expectSessionMintRevoked(j: JenkinsEmulator, main: StepResult, post: StepResult): void {
  expect(paths(j).slice(0, 3)).toEqual(['GET /crumbIssuer/api/json', MINT, 'GET /whoAmI/api/json'])
  const mint = j.requests[1]
  expect(mint?.status).toBe(200)
  expect(mint?.crumbSent).toBe(true)
  expect(mint?.cookieSent).toBe(true)
  expect(post.exitCode).toBe(0)
  expect(post.stdout).toContain('Revoked Jenkins API token')
  expect(j.tokens('alice')).toEqual([])
  expectNoLeaks(
    [main, post],
    [
      [main.outputs.token ?? '', 'alice'],
      [alice.password, 'alice']
    ]
  )
}

describe('a session cookie marked Secure', () => {
  let pki: TestPki
  const closers: Array<() => Promise<void>> = []
  beforeAll(() => {
    pki = makeTestPki([TEST_HOST])
  })
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })

  it('is sent back over plain http when the root URL is https (password login mints)', async () => {
    const j = await emulator({ rootUrl: 'https://ci.example.com/', hostname: TEST_HOST })
    expect(j.url).toBe(`http://${TEST_HOST}:${j.port}/`)
    const { main, post } = await runJob(
      { entry, hosts, inputs: { 'jenkins-url': j.url, ...alice } },
      async (m) => {
        expect(await whoAmIStatus(loopbackRoot(j), 'alice', m.outputs.token ?? '')).toBe(200)
      }
    )
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs['jenkins-url']).toBe(j.url)
    expectSessionMintRevoked(j, main, post)
  })

  it('is kept for a host name written with its trailing dot, which the URL loses', async () => {
    const j = await emulator({
      tls: { key: pki.serverKey, cert: pki.serverCert },
      hostname: TEST_HOST
    })
    const { main, post } = await runJob({
      entry,
      hosts: { ...hosts, [`${TEST_HOST}.`]: '127.0.0.1' },
      inputs: {
        'jenkins-url': `https://${TEST_HOST}.:${j.port}/`,
        ...alice,
        'ca-certificate': pki.caPem
      }
    })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs['jenkins-url']).toBe(`https://${TEST_HOST}:${j.port}/`)
    expectSessionMintRevoked(j, main, post)
  })

  it.each([{ strictCrumbSource: undefined }, { strictCrumbSource: 'url' as const }])(
    'comes from the https origin after an http → https redirect (strictCrumbSource $strictCrumbSource)',
    async ({ strictCrumbSource }) => {
      const j = await emulator({
        tls: { key: pki.serverKey, cert: pki.serverCert },
        hostname: TEST_HOST,
        ...(strictCrumbSource ? { strictCrumbSource } : {})
      })
      // A front door that upgrades plain http to https on its own port, as HSTS does.
      const front = await startFrontDoor(j.port, TEST_HOST)
      closers.push(() => front.close())
      const frontUrl = `http://${TEST_HOST}:${front.port}/`
      const { main, post } = await runJob({
        entry,
        hosts,
        inputs: { 'jenkins-url': frontUrl, ...alice, 'ca-certificate': pki.caPem }
      })
      expect(main.stdout).not.toContain('::error::')
      expect(main.exitCode).toBe(0)
      expectSessionMintRevoked(j, main, post)
    }
  )
})

describe('a reverse proxy that strips the X-Jenkins headers', () => {
  const reverseProxy = { stripIdentificationHeaders: true }

  it('does not stop a password login; jenkins-version is empty', async () => {
    const j = await emulator({ reverseProxy })
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs.token).toMatch(/^11[0-9a-f]{32}$/)
    expect(main.outputs['jenkins-version']).toBe('')
    expect(j.requests[1]?.crumbSent).toBe(true)
    expect(post.exitCode).toBe(0)
    expect(j.tokens('alice')).toEqual([])
    expectNoLeaks(
      [main, post],
      [
        [main.outputs.token ?? '', 'alice'],
        [alice.password, 'alice']
      ]
    )
  })

  it('does not stop an API-token login; jenkins-version is empty', async () => {
    const j = await emulator({ reverseProxy })
    const login = j.addToken('alice', 'long-lived')
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs.token).toMatch(/^11[0-9a-f]{32}$/)
    expect(main.outputs['jenkins-version']).toBe('')
    expectOnlyLoginTokenLeft(j, 'alice', login, main, post)
  })
})

describe('a controller that is starting', () => {
  const WAITING = 'Waiting for Jenkins to start ('

  it.each(['api-token', 'password'] as const)(
    'is waited for while it refuses every %s, loading its users (2.376+)',
    async (kind) => {
      // Jenkins's security filter is on and its users are not loaded: 401 to any credentials,
      // the getting-ready page without them.
      const j = await emulator({ startup: { loadingMs: 3000, credentialsRefusedMs: 3000 } })
      const secret =
        kind === 'api-token' ? j.addToken('alice', 'long-lived').value : 'alice-password'
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'alice', [kind]: secret }
      })
      expect(main.stdout).not.toContain('::error::')
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toContain(
        `${WAITING}0 s of up to 120 s): it refuses the credentials (HTTP 401), and asked without credentials answers with the page it shows while it starts.`
      )
      expect(main.stdout).not.toContain(MAY_HOLD)
      expect(j.requests.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1)
      expect(j.tokens('alice').map((t) => t.name)).toContain(main.outputs['token-name'])
    },
    60_000
  )

  it('says it is still starting, not that the credentials are wrong, once the wait is over', async () => {
    const j = await emulator({ startup: { loadingMs: 20_000, credentialsRefusedMs: 20_000 } })
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        ...{ username: 'alice', password: 'alice-password' },
        'wait-seconds': '2'
      }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(`::error::Jenkins at ${j.url} is still starting`)
    expect(main.stdout).not.toContain('were rejected')
  }, 30_000)

  it('is waited for without wait-seconds through every refusal of a loading controller', async () => {
    // The plugins prepared at 1.5 s, the security filter at 2 s, the users loaded at 4 s: an
    // API-token mint meets Jenkins's error page (CrumbFilter fails), which a GET without
    // credentials shows to be the loading controller's.
    const j = await emulator({
      startup: { loadingMs: 6000, credentialsRefusedMs: 2000, pluginsPreparingMs: 1500 }
    })
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(
      `${WAITING}0 s of up to 120 s): it fails the request (HTTP 500), and asked without credentials answers with the page it shows while it starts.`
    )
    // The refusal was asked about once, without credentials, and found the page. Then only
    // such GETs went, through the 401 of no users (which a GET without credentials never
    // meets), until one got an answer of a Jenkins that is up; then the mint once more.
    const mints = mintRequests(j).map((r) => `${r.method} ${r.authKind} ${r.status}`)
    expect(mints.slice(0, 2)).toEqual(['POST none 500', 'GET none 503'])
    expect(mints.at(-1)).toBe('POST token 200')
    expect(mints.at(-2)).toMatch(/^GET none 4\d\d$/)
    expect(new Set(mints.slice(2, -2))).toEqual(new Set(['GET none 503']))
    // Jenkins's error page may also follow work done before a restart: that first attempt
    // stays one Jenkins may hold, named in a warning.
    const saved = JSON.parse(main.state.attempts ?? '{}') as {
      attempts: Array<{ name: string; outcome: string }>
    }
    expect(saved.attempts.map((a) => a.outcome)).toEqual(['may-exist', 'created'])
    const warnings = main.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(MAY_HOLD)
    expect(warnings[0]).toContain(`"${saved.attempts[0]?.name}"`)
    expect(j.tokens('alice')).toHaveLength(2)
    expectNoLeaks(
      [main],
      [
        [main.outputs.token ?? '', 'alice'],
        [login.value, 'alice']
      ]
    )
  }, 60_000)

  it('names no token for a mint whose error page shows the AssertionError of a loading CrumbFilter', async () => {
    // With the stack trace on the page (SHOW_STACK_TRACE, or before 2.224), Jenkins's error page
    // says the crumb issuer has no descriptor yet: Jenkins was loading, and acted on nothing.
    const j = await emulator({
      showStackTrace: true,
      startup: { loadingMs: 6000, credentialsRefusedMs: 2000, pluginsPreparingMs: 1500 }
    })
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(0)
    expect(mintRequests(j).map((r) => `${r.method} ${r.authKind} ${r.status}`)[0]).toBe(
      'POST none 500'
    )
    const saved = JSON.parse(main.state.attempts ?? '{}') as {
      attempts: Array<{ outcome: string }>
    }
    expect(saved.attempts.map((a) => a.outcome)).toEqual(['not-created', 'created'])
    expect(main.stdout).not.toContain('::warning::')
    expect(main.summary).not.toContain(MAY_HOLD)
  }, 60_000)

  it('says Jenkins is still starting when the wait runs out on that error page, and names no token', async () => {
    const j = await emulator({
      showStackTrace: true,
      startup: { loadingMs: 60_000, pluginsPreparingMs: 30_000, credentialsRefusedMs: 0 }
    })
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        username: 'alice',
        'api-token': login.value,
        'wait-seconds': '0'
      }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(`::error::Jenkins at ${j.url} is still starting`)
    expect(main.stdout).not.toContain('::warning::')
    const saved = JSON.parse(main.state.attempts ?? '{}') as {
      attempts: Array<{ outcome: string }>
    }
    expect(saved.attempts.map((a) => a.outcome)).toEqual(['not-created'])
  }, 60_000)

  it('says so from that error page alone when the question without credentials gets no answer', async () => {
    const j = await emulator({
      showStackTrace: true,
      startup: { loadingMs: 60_000, pluginsPreparingMs: 30_000, credentialsRefusedMs: 0 }
    })
    injectFaults(j, [{ path: /\/generateNewToken$/, method: 'GET', fault: { reset: 'before' } }])
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins at ${j.url} is still starting: it answered to create a token for "alice" with its error page (HTTP 500) for a CSRF filter whose crumb issuer "is missing its descriptor", as only while it loads, before it acts on any request. Set wait-seconds to wait longer for it (for a service container, 180 or more).`
    )
    expect(main.stdout).not.toContain('::warning::')
    expect(mintRequests(j).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500', 'GET 0'])
    const saved = JSON.parse(main.state.attempts ?? '{}') as {
      attempts: Array<{ outcome: string }>
    }
    expect(saved.attempts.map((a) => a.outcome)).toEqual(['not-created'])
  }, 60_000)

  it.each([
    ['rest', 'alice', '/generateNewToken'],
    ['script-console', 'admin', '/scriptText']
  ])(
    'names the mint (method %s) Jenkins failed with its error page when the wait for it runs out',
    async (method, user, path) => {
      // No time to wait: the answer to the question without credentials (the getting-ready
      // page) proves the controller is starting, not that it made nothing of the mint.
      const j = await emulator({
        startup: { loadingMs: 60_000, pluginsPreparingMs: 30_000, credentialsRefusedMs: 0 }
      })
      const login = j.addToken(user, 'long-lived')
      const main = await runStep('main', {
        entry,
        inputs: {
          'jenkins-url': j.url,
          username: user,
          'api-token': login.value,
          method,
          'wait-seconds': '0'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(`::error::Jenkins at ${j.url} is still starting`)
      const mints = j.requests.filter((r) => r.path.endsWith(path))
      expect(mints.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500', 'GET 503'])
      const saved = JSON.parse(main.state.attempts ?? '{}') as {
        attempts: Array<{ name: string; outcome: string }>
      }
      expect(saved.attempts.map((a) => a.outcome)).toEqual(['may-exist'])
      const warnings = main.stdout.match(/^::warning::.*$/gm) ?? []
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(MAY_HOLD)
      expect(warnings[0]).toContain(`"${saved.attempts[0]?.name}"`)
    },
    60_000
  )

  it('is waited for while CrumbFilter refuses an API token, before 2.376', async () => {
    // Until loading ends every request is anonymous, and a POST has no crumb.
    const j = await emulator({
      version: '2.375',
      startup: { loadingMs: 3500, pluginsPreparingMs: 0 }
    })
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(
      `${WAITING}0 s of up to 120 s): it refuses the request (HTTP 403), and asked without credentials answers with the page it shows while it starts.`
    )
    const mints = mintRequests(j).map((r) => `${r.method} ${r.authKind} ${r.status}`)
    expect(mints.at(-1)).toBe('POST token 200')
    expect(mints.filter((m) => m === 'POST none 403').length).toBeGreaterThanOrEqual(1)
    expect(main.stdout).not.toContain(MAY_HOLD)
    expect(j.tokens('alice')).toHaveLength(2)
  }, 60_000)

  it('is waited for through refused connections and loading with wait-seconds', async () => {
    const j = await emulator({ startup: { refusedMs: 6000, loadingMs: 2000 } })
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'wait-seconds': '30' }
    })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(
      `${WAITING}0 s of up to 30 s): its connection fails: connection refused`
    )
    expect(requestsWith(j, 503).length).toBeGreaterThanOrEqual(1)
    expect(j.tokens('alice')).toHaveLength(1)
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks(
      [main],
      [
        [main.outputs.token ?? '', 'alice'],
        [alice.password, 'alice']
      ]
    )
  }, 60_000)

  it.each([
    ['an API token', 'api-token'],
    ['a password', 'password']
  ] as const)(
    'is waited for behind a Docker port that resets connections, with %s, and no mint goes there',
    async (_, login) => {
      // A service container's published port: Docker's proxy takes each connection and drops
      // it until Jenkins listens. A mint sent there may or may not have made a token.
      const j = await emulator({ startup: { refusedMs: 5000, loadingMs: 1000, dockerProxy: true } })
      const secret =
        login === 'api-token' ? j.addToken('alice', 'long-lived').value : alice.password
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'alice', [login]: secret, 'wait-seconds': '30' }
      })
      expect(main.stdout).not.toContain('::error::')
      expect(main.exitCode).toBe(0)
      expect(main.stdout).toContain(`${WAITING}0 s of up to 30 s): its connection fails:`)
      expect(j.dropped.length).toBeGreaterThanOrEqual(2)
      expect(j.dropped.filter((line) => line.startsWith('POST'))).toEqual([])
      expect(main.stdout).not.toContain(MAY_HOLD)
      const { attempts } = JSON.parse(main.state.attempts ?? '{}')
      expect(attempts).toEqual([{ name: main.outputs['token-name'], outcome: 'created' }])
      expect(mintRequests(j).map((r) => r.status)).toEqual([200])
      expect(j.tokens('alice').map((t) => t.name)).toHaveLength(login === 'api-token' ? 2 : 1)
      expectNoLeaks(
        [main],
        [
          [main.outputs.token ?? '', 'alice'],
          [secret, 'alice']
        ]
      )
    },
    60_000
  )

  it('is waited for with whoAmI by an API-token login with wait-seconds, through the 401 of loading', async () => {
    // 2.376+: while the users load, credentials get 401 and anonymous the getting-ready page.
    const j = await emulator({ startup: { loadingMs: 3000, credentialsRefusedMs: 1500 } })
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        username: 'alice',
        'api-token': login.value,
        'wait-seconds': '30'
      }
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(WAITING)
    expect(mintRequests(j).map((r) => r.status)).toEqual([200])
    expect(j.requests[0]?.path).toBe('/whoAmI/api/json')
    const whoAmI = j.requests.filter((r) => r.path === '/whoAmI/api/json' && r.authKind !== 'none')
    expect(whoAmI.map((r) => r.status)).toContain(401)
    expect(main.outputs['jenkins-version']).toBe('2.568.3')
    expect(main.stdout).not.toContain(MAY_HOLD)
  }, 60_000)

  it('fails within seconds on a refused connection without wait-seconds', async () => {
    const j = await emulator({ startup: { refusedMs: 6000, loadingMs: 2000 } })
    const started = Date.now()
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(Date.now() - started).toBeLessThan(6000)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Could not reach Jenkins (GET /crumbIssuer/api/json, 4 attempts): connection refused (is Jenkins running at this address?)'
    )
    expect(main.stdout).not.toContain(WAITING)
    expect(main.state).toEqual({})
    expect(j.requests).toEqual([])
    expectNoLeaks([main], [[alice.password, 'alice']])
  }, 60_000)

  it('says to set wait-seconds when it is still loading after wait-seconds', async () => {
    const j = await emulator({ startup: { loadingMs: 20_000 } })
    const started = Date.now()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'wait-seconds': '2' }
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins at ${j.url} is still starting: it answered the CSRF crumb request with the page it shows while it starts or restarts (HTTP 503). Set wait-seconds to wait longer for it (for a service container, 180 or more).`
    )
    expect(main.stdout).toContain(`${WAITING}0 s of up to 2 s)`)
    expect(j.requests.every((r) => r.status === 503)).toBe(true)
    expect(mintRequests(j)).toEqual([])
    expectNoLeaks([main], [[alice.password, 'alice']])
  }, 60_000)
})

describe('a security-realm user without a Jenkins user record', () => {
  it('mints for itself through /me/, is verified, and the post step revokes', async () => {
    const j = await emulator({ users: [{ id: 'ldap-bob', password: 'bob-pw', record: false }] })
    const bob = { username: 'ldap-bob', password: 'bob-pw' }
    const { main, post } = await runJob(
      { entry, inputs: { 'jenkins-url': j.url, ...bob } },
      async (m) => {
        expect(await whoAmIStatus(j.url, 'ldap-bob', m.outputs.token ?? '')).toBe(200)
      }
    )
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs.user).toBe('ldap-bob')
    expect(main.stdout).toContain('Verified: the token authenticates as ldap-bob.')
    expect(paths(j).slice(0, 3)).toEqual([
      'GET /crumbIssuer/api/json',
      MINT,
      'GET /whoAmI/api/json'
    ])
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked Jenkins API token')
    expect(j.tokens('ldap-bob')).toEqual([])
    expect(await whoAmIStatus(j.url, 'ldap-bob', main.outputs.token ?? '')).toBe(401)
    expectNoLeaks(
      [main, post],
      [
        [main.outputs.token ?? '', 'ldap-bob'],
        [bob.password, 'ldap-bob']
      ]
    )
  })
})

describe('a proxy that drops the Authorization header', () => {
  const cases: Array<{ anonymousRead: boolean; kind: 'password' | 'api-token'; what: RegExp }> = [
    { anonymousRead: false, kind: 'password', what: /the CSRF crumb request \(HTTP 403\)/ },
    { anonymousRead: true, kind: 'password', what: /to create a token for "alice" \(HTTP 403\)/ },
    { anonymousRead: false, kind: 'api-token', what: /to create a token for "alice" \(HTTP 403\)/ },
    { anonymousRead: true, kind: 'api-token', what: /to create a token for "alice" \(HTTP 403\)/ }
  ]

  it.each(cases)(
    'is named as the cause ($kind login, anonymousRead $anonymousRead)',
    async ({ anonymousRead, kind, what }) => {
      const j = await emulator({ anonymousRead, reverseProxy: { stripAuthorization: true } })
      const secret = kind === 'password' ? alice.password : j.addToken('alice', 'long-lived').value
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'alice', [kind]: secret }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toMatch(what)
      expect(error).toContain(
        "the Authorization header did not reach Jenkins. Jenkins's whoAmI, asked with the same credentials, answers as anonymous, so something between the runner and Jenkins (a reverse proxy or gateway) removes the header. Configure it to pass the Authorization header through to Jenkins."
      )
      // The header was sent; the proxy removed it. The one request sent without it asks, after
      // CrumbFilter refused the anonymous mint, whether Jenkins is starting.
      const withoutHeader = kind === 'api-token' ? [MINT.replace('POST', 'GET')] : []
      expect(
        j.requests
          .filter((r) => !String(r.headers.authorization).startsWith('Basic '))
          .map((r) => `${r.method} ${r.path}`)
      ).toEqual(withoutHeader)
      // whoAmI, then whether Jenkins has security set up at all (it does).
      expect(paths(j).slice(-2)).toEqual(['GET /whoAmI/api/json', 'GET /api/json'])
      expect(j.tokens('alice')).toHaveLength(kind === 'password' ? 0 : 1)
      expect(main.state.minted).toBeUndefined()
      expect(main.stdout).not.toContain(MAY_HOLD)
      expectNoLeaks([main], [[secret, 'alice']])
    }
  )

  it('is named by the whoAmI an API-token login asks first with wait-seconds, before any mint', async () => {
    const j = await emulator({ reverseProxy: { stripAuthorization: true } })
    const secret = j.addToken('alice', 'long-lived').value
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': secret, 'wait-seconds': '30' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins's whoAmI says the API token of "alice" authenticates as "anonymous" (anonymous), not as "alice". A proxy in front of Jenkins may strip the Authorization header.`
    )
    expect(paths(j)).toEqual(['GET /whoAmI/api/json', 'GET /api/json'])
    expect(main.state).toEqual({})
    expectNoLeaks([main], [[secret, 'alice']])
  })
})

describe('a crumb field that nginx drops from the headers', () => {
  // -Dhudson.security.csrf.requestfield=.crumb (the old default) behind nginx's defaults: a
  // header name with '.' or '_' never reaches Jenkins, the session cookie does.
  it.each([
    { field: '.crumb', method: 'rest' },
    { field: '_crumb', method: 'script-console' }
  ])('reaches Jenkins as a parameter: $field, method $method', async ({ field, method }) => {
    const j = await emulator({
      crumbRequestField: field,
      reverseProxy: { ignoreInvalidHeaders: true }
    })
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'admin', password: 'admin-password', method }
    })
    expect([main.exitCode, post.exitCode]).toEqual([0, 0])
    const mint = j.requests.find((r) => r.method === 'POST')
    expect(mint?.headers[field]).toBeDefined() // sent as a header too, and dropped on the way
    expect(new URLSearchParams(mint?.body).get(field)).toBe(mint?.headers[field])
    expect(j.tokens('admin')).toEqual([])
    expectNoLeaks(
      [main, post],
      [
        [main.outputs.token ?? '', 'admin'],
        ['admin-password', 'admin']
      ]
    )
  })
})

describe('the Strict Crumb Issuer plugin, checking the same source', () => {
  it.each([
    { strictCrumbSource: 'local-path', method: 'rest' },
    { strictCrumbSource: 'url', method: 'script-console' }
  ] as const)(
    'takes the crumb: $strictCrumbSource, method $method',
    async ({ strictCrumbSource, method }) => {
      const j = await emulator({ strictCrumbSource, contextPath: '/jenkins' })
      const { main, post } = await runJob({
        entry,
        inputs: { 'jenkins-url': j.url, username: 'admin', password: 'admin-password', method }
      })
      expect([main.exitCode, post.exitCode]).toEqual([0, 0])
      const mint = j.requests.find((r) => r.method === 'POST')
      expect(mint?.headers.referer).toBe(`${j.url}crumbIssuer/api/json`)
      expect(j.tokens('admin')).toEqual([])
      expectNoLeaks(
        [main, post],
        [
          [main.outputs.token ?? '', 'admin'],
          ['admin-password', 'admin']
        ]
      )
    }
  )
})

describe('a jenkins-url with the wrong context path', () => {
  type Layout = 'root controller, /jenkins/ URL' | '/jenkins controller, root URL'
  const cases: Array<[Layout, 'password' | 'api-token']> = [
    ['root controller, /jenkins/ URL', 'password'],
    ['root controller, /jenkins/ URL', 'api-token'],
    ['/jenkins controller, root URL', 'password'],
    ['/jenkins controller, root URL', 'api-token']
  ]

  it.each(cases)('names the URL Jenkins answers at (%s, %s login)', async (layout, kind) => {
    const atRoot = layout.startsWith('root')
    const j = await emulator(atRoot ? {} : { contextPath: '/jenkins' })
    const wrong = atRoot ? `${j.url}jenkins/` : new URL('/', j.url).href
    const secret = kind === 'password' ? alice.password : j.addToken('alice', 'long-lived').value
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': wrong, username: 'alice', [kind]: secret }
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toMatch(/^::error::Jenkins refused .* \(HTTP 404\): not found at /)
    expect(error).toContain(
      `not found at ${wrong}, and Jenkins answers at ${j.url}: set jenkins-url to it.`
    )
    expect(j.tokens('alice')).toHaveLength(kind === 'password' ? 0 : 1)
    expect(main.state.minted).toBeUndefined()
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks([main], [[secret, 'alice']])
  })
})

describe('a jenkins-url where no Jenkins answers', () => {
  // Another web application on the host (its default page, a wrong port): 404 everywhere.
  it.each(['password', 'api-token'] as const)(
    'says to check jenkins-url (%s login)',
    async (kind) => {
      const paths: string[] = []
      const other = createServer((req, res) => {
        paths.push(`${req.method} ${req.url}`)
        req.resume()
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')
      })
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
      try {
        const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/ci/`
        const secret = kind === 'password' ? alice.password : `11${'0123456789abcdef'.repeat(2)}`
        const main = await runStep('main', {
          entry,
          inputs: { 'jenkins-url': url, username: 'alice', [kind]: secret }
        })
        expect(main.exitCode).toBe(1)
        const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
        expect(error).toMatch(/^::error::Jenkins refused .* \(HTTP 404\): /)
        expect(error).toContain(
          `no Jenkins answers at ${url}. Check jenkins-url: it must be the controller's root URL, including any context path`
        )
        expect(error).not.toContain('set jenkins-url to it')
        // Nothing there is Jenkins: no token may have been made.
        expect(main.state.minted).toBeUndefined()
        expect(main.stdout).not.toContain(MAY_HOLD)
        expect(paths.length).toBeGreaterThan(1)
        expectNoLeaks([main], [[secret, 'alice']])
      } finally {
        other.closeAllConnections()
        await new Promise((resolve) => other.close(resolve))
      }
    }
  )
})

describe('a jenkins-url that is a page of Jenkins, not its root', () => {
  const jobs = [{ name: 'deploy' }, { name: 'team/deploy' }]
  const cases: Array<[string, string, 'password' | 'api-token', string]> = [
    ['a job', 'job/deploy/', 'password', ''],
    ['a job in a folder', 'job/team/job/deploy/', 'api-token', ''],
    ['a user page', 'user/alice/', 'password', ''],
    ['a view', 'view/all/', 'api-token', ''],
    ['a job under a context path', 'job/team/job/deploy/', 'password', '/jenkins'],
    // Built as "$JENKINS_URL/job/deploy/": the path begins with "//".
    ['a job after a doubled slash', '/job/deploy/', 'api-token', '']
  ]

  it.each(cases)('names the root for %s URL (%s, %s login)', async (_, page, kind, contextPath) => {
    const j = await emulator({ jobs, ...(contextPath ? { contextPath } : {}) })
    const wrong = `${j.url}${page}`
    const secret = kind === 'password' ? alice.password : j.addToken('alice', 'long-lived').value
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': wrong, username: 'alice', [kind]: secret }
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toMatch(/^::error::Jenkins refused .* \(HTTP 404\): not found at /)
    expect(error).toContain(
      `not found at ${wrong}, and Jenkins answers at ${j.url}: set jenkins-url to it.`
    )
    // The root before the page's first segment is asked first: one look beyond the page.
    const looks = paths(j).filter((p) => p.endsWith('/whoAmI/api/json'))
    expect(looks.filter((p) => !p.startsWith(`GET /${page}`))).toEqual(['GET /whoAmI/api/json'])
    expect(j.tokens('alice')).toHaveLength(kind === 'password' ? 0 : 1)
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks([main], [[secret, 'alice']])
  })
})

describe('a jenkins-url whose path names another host', () => {
  it('sends the credentials to no other origin when it looks for the root', async () => {
    // "//other:port/job/x/" resolved as a link would be that other host: the look for Jenkins's
    // root must stay on the controller's origin, since it carries the login.
    const seen: Array<string | undefined> = []
    const other = createServer((req, res) => {
      seen.push(req.headers.authorization)
      req.resume()
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const port = (other.address() as AddressInfo).port
      const j = await emulator()
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': `${j.url}/127.0.0.1:${port}/job/deploy/`, ...alice }
      })
      expect(main.exitCode).toBe(1)
      expect(seen).toEqual([])
      expect(main.stdout).not.toMatch(/Invalid URL/)
    } finally {
      await new Promise((resolve) => other.close(resolve))
    }
  })
})

describe('a password given as api-token', () => {
  it('says Jenkins did not take it as an API token and that it belongs in password', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': alice.password }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins refused to create a token for "alice" (HTTP 403): Jenkins did not take the api-token input as an API token (tokens are 34 characters starting with 11, or a legacy 32-hex token), so it asked for a CSRF crumb as for a password. It is probably "alice"'s password: put it in the password input instead.`
    )
    // The mint, and the GET without credentials that finds Jenkins is not starting.
    expect(mintRequests(j).map((r) => `${r.method} ${r.authKind} ${r.status}`)).toEqual([
      'POST password 403',
      'GET none 403'
    ])
    expect(j.tokens('alice')).toEqual([])
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks([main], [[alice.password, 'alice']])
  })
})

describe('a user the security realm no longer knows', () => {
  it('is named as such, and the failing mint is not retried', async () => {
    const j = await emulator({ users: [{ id: 'gone', password: 'gone-pw', inRealm: false }] })
    const login = j.addToken('gone', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'gone', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      // A 500 is an error, as every other 500's message says, not a refusal.
      '::error::Jenkins answered the request to create a token for "gone" with an error (HTTP 500): Jenkins matched the API token of "gone", but its security realm no longer knows that user'
    )
    expect(main.stdout).toContain(
      'The user exists in Jenkins but not in its security realm (LDAP, Active Directory, …): restore the account in the realm, or use a user the realm knows.'
    )
    // One mint, then the two whoAmI looks that prove the cause: with the token, and without.
    // Each error page is asked about once without credentials, in case Jenkins is starting.
    const credentials = (r: { headers: Record<string, unknown> }) =>
      r.headers.authorization === undefined ? 'without' : 'with'
    expect(j.requests.map((r) => `${r.method} ${r.path} ${credentials(r)} ${r.status}`)).toEqual([
      `${MINT} with 500`,
      `${MINT.replace('POST', 'GET')} without 403`,
      'GET /whoAmI/api/json with 500',
      'GET /whoAmI/api/json without 200',
      'GET /whoAmI/api/json without 200'
    ])
    expect(j.tokens('gone').map((t) => t.uuid)).toEqual([login.uuid])
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks([main], [[login.value, 'gone']])
  })
  it('is not blamed when Jenkins fails for everyone, without the token too', async () => {
    const j = await emulator()
    const login = j.addToken('alice', 'long-lived')
    // Jenkins's own error page on every path: the token's user is not the cause.
    injectFaults(j, [{ path: /./, fault: { status: 500, version: '2.500' } }])
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toContain('with an error (HTTP 500): the controller failed or is unavailable.')
    expect(error).not.toContain('security realm')
    expectNoLeaks([main], [[login.value, 'alice']])
  })
})

describe('a user the authorization strategy grants nothing', () => {
  it.each([
    ['a password', 'password', 'the CSRF crumb request'],
    ['an API token', 'api-token', 'to create a token for "bare"']
  ] as const)(
    'is told which permission, by its name, and who grants it (%s)',
    async (_, kind, what) => {
      const j = await emulator({ users: [{ id: 'bare', password: 'bare-pw', read: false }] })
      const secret = kind === 'password' ? 'bare-pw' : j.addToken('bare', 'long-lived').value
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'bare', [kind]: secret }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::Jenkins refused ${what} (HTTP 403): "bare" lacks the permission Overall/Read (hudson.model.Hudson.Read). Have a Jenkins administrator grant it to "bare" (Manage Jenkins › Security, under Authorization), or log in as a user who has it.`
      )
      expect(j.tokens('bare')).toHaveLength(kind === 'password' ? 0 : 1)
      expect(main.stdout).not.toContain(MAY_HOLD)
      expectNoLeaks([main], [[secret, 'bare']])
    }
  )
})

describe('a controller without security set up', () => {
  it.each([
    // /me/ fails with Jenkins's error page: no security filter makes getMe's refusal a 403.
    [
      'a password',
      'password',
      {},
      'Jenkins answered the request to create a token for "alice" with an error (HTTP 500)'
    ],
    ['an API token', 'api-token', {}, 'Jenkins refused to create a token for "alice" (HTTP 403)'],
    [
      'an API token and wait-seconds',
      'api-token',
      { 'wait-seconds': '30' },
      `Jenkins's whoAmI says the API token of "alice" authenticates as "anonymous" (anonymous), not as "alice"`
    ]
  ] as const)('is named as the cause, not a proxy (%s)', async (_, kind, more, what) => {
    // -Djenkins.install.runSetupWizard=false and no script that sets security up.
    const j = await emulator({ useSecurity: false })
    const secret = kind === 'password' ? alice.password : j.addToken('alice', 'long-lived').value
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', [kind]: secret, ...more }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::${what}: Jenkins at ${j.url} has no security set up (its api/json says useSecurity: false), so it reads no credentials: every request is anonymous, and no user can log in to be given a token. Set up security (Manage Jenkins › Security: a security realm that knows this user); for a service container, check that the script that sets it up ran.`
    )
    expect(main.stdout).not.toContain('Authorization header')
    expect(paths(j).at(-1)).toBe('GET /api/json')
    expect(j.tokens('alice')).toHaveLength(kind === 'password' ? 0 : 1)
    expect(main.stdout).not.toContain(MAY_HOLD)
    expectNoLeaks([main], [[secret, 'alice']])
  })
})

describe('a security realm that takes the login by another name (Active Directory)', () => {
  const users = [{ id: 'jdoe', password: 'jdoe-pw', loginNames: ['CORP\\jdoe'] }]

  it('says which id to set as username, and revokes the token it could not verify', async () => {
    const j = await emulator({ users })
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'CORP\\jdoe', password: 'jdoe-pw' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      // Names are quoted as JSON strings: the backslash is written twice.
      `::error::The new token does not authenticate as "CORP\\\\jdoe": Jenkins logs "CORP\\\\jdoe" in as the user "jdoe" (whoAmI), and a token authenticates only with the user's id. Set username to "jdoe". The action revoked it (token UUID `
    )
    expect(main.stdout).not.toContain('was revoked, has expired')
    expect(j.tokens('jdoe')).toEqual([])
    expect(post.stdout).not.toContain('::warning::')
    expectNoLeaks([main, post], [['jdoe-pw', 'CORP\\jdoe']])
  })
})
