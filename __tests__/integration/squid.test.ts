import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import { runStep, type StepOptions, type StepResult } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest, expectNoLeaks, mintedTokens } from '../support/emulator-fixture.js'
import { freePort } from '../support/free-port.js'
import { hostNamesUnavailable } from '../support/host-names.js'
import { type Squid, type SquidOptions, type SquidRequest, startSquid } from '../support/squid.js'

/**
 * The steps through a real Squid (Debian's 5.x), the corporate proxy the messages name: its
 * default rules (CONNECT to port 443 alone), its 403 and 407 pages, Basic proxy auth checked
 * by basic_ncsa_auth, and plain-http forwarding. Loopback is never proxied, so the controller
 * is `jenkins.test` (127.0.0.1) in a private /etc/hosts of the step and of Squid.
 */

const NAME = 'jenkins.test'
const hosts = { [NAME]: '127.0.0.1' }
const alice = { username: 'alice', password: 'alice-password' }
const proxyAuth = { user: 'proxy-user', password: 'squid-pass-3c8e1b' }
const unavailable = hostNamesUnavailable()
if (unavailable) console.warn(`Squid tests skipped: ${unavailable}`)
const withHostNames = unavailable ? describe.skip : describe

const fixture = emulatorPerTest()
let pki: TestPki
const results: StepResult[] = []

beforeAll(() => {
  pki = makeTestPki([NAME])
})

afterEach(() => {
  // Nothing any step printed holds a secret: the password, the proxy's, or a minted token.
  const secrets: Array<[string, string]> = [
    [alice.password, alice.username],
    [proxyAuth.password, proxyAuth.user],
    ...mintedTokens(results, alice.username)
  ]
  expectNoLeaks(results.splice(0), secrets)
})

const tlsJenkins = () => fixture.start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
const byName = (j: JenkinsEmulator, scheme = 'https') => `${scheme}://${NAME}:${j.port}/`
const https = (j: JenkinsEmulator, extra: Record<string, string> = {}) => ({
  'jenkins-url': byName(j),
  ...alice,
  'ca-certificate': pki.caPem,
  ...extra
})
const errorLine = (r: StepResult) =>
  r.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''

async function step(which: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  const result = await runStep(which, { entry: 'dist', hosts, ...options })
  results.push(result)
  return result
}

/**
 * Runs one step and gives what Squid logged for it: `count` lines once they are all there
 * (Squid logs a CONNECT when its tunnel closes, a moment after the step exits).
 */
async function throughSquid(
  squid: Squid,
  which: 'main' | 'post',
  options: StepOptions,
  count: number
): Promise<{ result: StepResult; logged: SquidRequest[] }> {
  const before = (await squid.requests()).length
  const result = await step(which, options)
  let logged: SquidRequest[] = []
  for (let i = 0; i < 100 && logged.length < count; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50))
    logged = (await squid.requests()).slice(before)
  }
  // Anything more Squid would log (a retry's line) has had time to appear too.
  await new Promise((resolve) => setTimeout(resolve, 200))
  return { result, logged: (await squid.requests()).slice(before) }
}

/** A Squid for one test: the emulator's port is known only once the test started it. */
async function withSquid(options: SquidOptions, body: (squid: Squid) => Promise<void>) {
  const squid = await startSquid(options)
  try {
    await body(squid)
  } finally {
    await squid.close()
  }
}

withHostNames('through a real Squid, default rules (CONNECT to port 443 alone)', () => {
  let squid: Squid
  beforeAll(async () => {
    squid = await startSquid({ hosts })
  }, 20_000)
  afterAll(() => squid.close(), 20_000)

  it("names Squid's rule when it forbids the tunnel to the controller's port (403)", async () => {
    const j = await tlsJenkins()
    const { result: main, logged } = await throughSquid(
      squid,
      'main',
      { inputs: https(j, { retries: '2' }), env: { HTTPS_PROXY: squid.url } },
      1
    )
    expect(main.exitCode).toBe(1)
    expect(errorLine(main)).toBe(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy 127.0.0.1:${squid.port} named by HTTPS_PROXY refused to open a tunnel to ${NAME}:${j.port} (HTTP 403): its rules do not allow a CONNECT to that host and port. Have the proxy allow CONNECT to port ${j.port} (Squid allows only 443 by default), or add ${NAME} to NO_PROXY if the runner reaches Jenkins directly.`
    )
    expect(main.stdout).not.toContain('may hold')
    expect(main.stdout).not.toContain('retrying')
    // Squid's own decision (TCP_DENIED, its ERR_ACCESS_DENIED page): asked once, or twice
    // where the warm-up dialled too; never retried.
    expect(logged.length).toBeGreaterThanOrEqual(1)
    expect(logged.length).toBeLessThanOrEqual(2)
    for (const line of logged) {
      expect(line).toEqual({
        result: 'TCP_DENIED/403',
        method: 'CONNECT',
        url: `${NAME}:${j.port}`,
        user: '-'
      })
    }
    expect(j.requests).toEqual([])
  })
})

withHostNames("through a real Squid that allows the controller's port", () => {
  it('mints in main and revokes in post, each over one CONNECT', async () => {
    const j = await tlsJenkins()
    await withSquid({ hosts, sslPorts: [j.port] }, async (squid) => {
      const env = { HTTPS_PROXY: squid.url }
      const main = await throughSquid(squid, 'main', { inputs: https(j), env }, 1)
      expect(main.result.stdout).not.toContain('::error::')
      expect(main.result.exitCode).toBe(0)
      expect(main.result.outputs.token).toMatch(/^11[0-9a-f]{32}$/)
      const post = await throughSquid(squid, 'post', { state: main.result.state, env }, 1)
      expect(post.result.stdout).not.toContain('::error::')
      expect(post.result.exitCode).toBe(0)
      expect(post.result.stdout).toContain('Revoked Jenkins API token')
      const tunnel = {
        result: 'TCP_TUNNEL/200',
        method: 'CONNECT',
        url: `${NAME}:${j.port}`,
        user: '-'
      }
      expect(main.logged).toEqual([tunnel])
      expect(post.logged).toEqual([tunnel])
      expect(j.connections).toBe(2)
      expect(j.tokens('alice')).toEqual([])
    })
  })
})

withHostNames('through a real Squid that demands Basic proxy credentials', () => {
  it('names the 407 without credentials, then works with them in HTTPS_PROXY', async () => {
    const j = await tlsJenkins()
    await withSquid({ hosts, sslPorts: [j.port], basicAuth: proxyAuth }, async (squid) => {
      const bare = await throughSquid(
        squid,
        'main',
        { inputs: https(j, { retries: '2' }), env: { HTTPS_PROXY: squid.url } },
        1
      )
      expect(bare.result.exitCode).toBe(1)
      expect(errorLine(bare.result)).toBe(
        `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy did not open a tunnel to the controller (HTTP 407): the proxy 127.0.0.1:${squid.port} named by HTTPS_PROXY requires authentication; put user:password in HTTPS_PROXY, percent-encoded (http://user:password@127.0.0.1:${squid.port}).`
      )
      expect(bare.result.stdout).not.toContain('retrying')
      expect(bare.logged.every((line) => line.result === 'TCP_DENIED/407')).toBe(true)
      expect(j.requests).toEqual([])

      const env = {
        HTTPS_PROXY: `http://${proxyAuth.user}:${proxyAuth.password}@127.0.0.1:${squid.port}`
      }
      const main = await throughSquid(squid, 'main', { inputs: https(j), env }, 1)
      expect(main.result.stdout).not.toContain('::error::')
      expect(main.result.exitCode).toBe(0)
      const post = await throughSquid(squid, 'post', { state: main.result.state, env }, 1)
      expect(post.result.stdout).toContain('Revoked Jenkins API token')
      // basic_ncsa_auth checked the credentials: Squid logged the user for each tunnel.
      const tunnel = {
        result: 'TCP_TUNNEL/200',
        method: 'CONNECT',
        url: `${NAME}:${j.port}`,
        user: proxyAuth.user
      }
      expect(main.logged).toEqual([tunnel])
      expect(post.logged).toEqual([tunnel])
      expect(j.tokens('alice')).toEqual([])
      // The proxy's password never reached Jenkins, inside the tunnel or out.
      for (const request of j.requests) {
        expect(JSON.stringify(request.headers)).not.toMatch(/proxy-authorization/i)
      }
    })
  })

  it('says Squid turned down wrong credentials (Squid: 407 again, not 401)', async () => {
    const j = await tlsJenkins()
    await withSquid({ hosts, sslPorts: [j.port], basicAuth: proxyAuth }, async (squid) => {
      const env = {
        HTTPS_PROXY: `http://${proxyAuth.user}:wrong-pass-81c2@127.0.0.1:${squid.port}`
      }
      const main = await step('main', { inputs: https(j, { retries: '0' }), env })
      expect(main.exitCode).toBe(1)
      expect(errorLine(main)).toContain(
        `(HTTP 407): the proxy 127.0.0.1:${squid.port} named by HTTPS_PROXY requires authentication; it turned down the user and password in HTTPS_PROXY; check them`
      )
      expect(main.stdout).not.toContain('wrong-pass-81c2')
      expect(j.requests).toEqual([])
    })
  })
})

withHostNames('a plain-http controller through a real Squid (forwarding, absolute URIs)', () => {
  let squid: Squid
  beforeAll(async () => {
    squid = await startSquid({ hosts })
  }, 20_000)
  afterAll(() => squid.close(), 20_000)

  it('mints and revokes; Squid forwards the Authorization header to Jenkins', async () => {
    const j = await fixture.start()
    const env = { HTTP_PROXY: squid.url }
    const inputs = { 'jenkins-url': byName(j, 'http'), ...alice }
    const main = await throughSquid(squid, 'main', { inputs, env }, 3)
    expect(main.result.stdout).not.toContain('::error::')
    expect(main.result.exitCode).toBe(0)
    const post = await throughSquid(squid, 'post', { state: main.result.state, env }, 1)
    expect(post.result.stdout).toContain('Revoked Jenkins API token')
    const url = byName(j, 'http')
    expect(main.logged.map((l) => `${l.method} ${l.url}`)).toEqual([
      `GET ${url}crumbIssuer/api/json`,
      expect.stringMatching(/^POST http:\/\/jenkins\.test:\d+\/.*\/generateNewToken$/),
      `GET ${url}whoAmI/api/json`
    ])
    expect(post.logged.map((l) => `${l.method} ${l.url}`)).toEqual([
      expect.stringMatching(/^POST .*\/revoke$/)
    ])
    // No cache: every request reached Jenkins (TCP_MISS), with the credentials Squid passed on.
    expect([...main.logged, ...post.logged].every((l) => l.result.startsWith('TCP_MISS/'))).toBe(
      true
    )
    expect(j.requests.map((r) => r.authKind)).toEqual(['password', 'password', 'token', 'token'])
    expect(j.requests.every((r) => String(r.headers.via ?? '').includes('squid'))).toBe(true)
    expect(j.tokens('alice')).toEqual([])
  })

  it("names Squid's ERR_CONNECT_FAIL page as its answer, not Jenkins's", async () => {
    const port = await freePort()
    const main = await step('main', {
      inputs: { 'jenkins-url': `http://${NAME}:${port}/`, ...alice, retries: '0' },
      env: { HTTP_PROXY: squid.url }
    })
    expect(main.exitCode).toBe(1)
    expect(errorLine(main)).toBe(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy 127.0.0.1:${squid.port} named by HTTP_PROXY answered in Jenkins's place (HTTP 503, X-Squid-Error ERR_CONNECT_FAIL): it could not resolve ${NAME} or connect to its port ${port}, so nothing reached Jenkins. Check the host and port in jenkins-url, and that the proxy can reach them, or add ${NAME} to NO_PROXY if the runner reaches Jenkins directly.`
    )
  })
})
