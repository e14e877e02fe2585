import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import {
  runStep,
  type StepOptions,
  type StepResult,
  secretForms
} from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest, expectNoLeaks, mintedTokens } from '../support/emulator-fixture.js'
import { startFaultProxy } from '../support/fault-proxy.js'
import { freePort } from '../support/free-port.js'
import { hostNamesUnavailable } from '../support/host-names.js'
import { type HttpsProxy, startHttpsProxy } from '../support/https-proxy.js'
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay.js'
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js'

/**
 * Proxies, as the dist/ bundles use them (issue 9): @actions/http-client's rules decide
 * (HTTPS_PROXY for https, HTTP_PROXY for http, NO_PROXY, loopback never proxied), and a step
 * opens one connection (one CONNECT) for all its requests. Loopback is never proxied, so the
 * controller is `jenkins.test` (127.0.0.1) in a private /etc/hosts of the step and of tinyproxy.
 */

const NAME = 'jenkins.test'
const hosts = { [NAME]: '127.0.0.1' }
const alice = { username: 'alice', password: 'alice-password' }
const proxyAuth = { user: 'proxy-user', password: 'proxy-pass-5f3a9c' }
const unavailable = hostNamesUnavailable()
if (unavailable) console.warn(`proxy tests with host names skipped: ${unavailable}`)
const withHostNames = unavailable ? describe.skip : describe

const fixture = emulatorPerTest()
let pki: TestPki
/** tinyproxy (resolving jenkins.test), behind a relay that keeps what reached its port. */
let proxy: Tinyproxy
let wire: TcpRelay
const results: StepResult[] = []

beforeAll(async () => {
  pki = makeTestPki([NAME])
  proxy = await startTinyproxy(unavailable ? {} : { hosts })
  wire = await startTcpRelay(proxy.port)
})
afterAll(async () => {
  await wire.close()
  await proxy.close()
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

const proxyUrl = () => `http://127.0.0.1:${wire.port}`
const tlsJenkins = () => fixture.start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
const byName = (j: JenkinsEmulator, scheme = 'https') => `${scheme}://${NAME}:${j.port}/`

async function step(which: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  const result = await runStep(which, {
    entry: 'dist',
    hosts,
    ...options,
    env: { RUNNER_DEBUG: '1', ...options.env }
  })
  results.push(result)
  return result
}

interface Observed {
  result: StepResult
  /** What tinyproxy served for this step, e.g. `CONNECT jenkins.test:1234`. */
  proxied: string[]
  /** TCP connections to the proxy's port during this step. */
  connections: number
  /** The bytes that reached the proxy's port during this step. */
  bytes: Buffer
}

/** Runs one step and collects what the plaintext proxy saw of it. */
async function observed(which: 'main' | 'post', options: StepOptions): Promise<Observed> {
  const before = (await proxy.requests()).length
  wire.reset()
  const result = await step(which, options)
  return {
    result,
    proxied: (await proxy.requests()).slice(before),
    connections: wire.connections,
    bytes: wire.received()
  }
}

/** Main then post, both checked to have worked. */
async function job(options: StepOptions): Promise<{ main: Observed; post: Observed }> {
  const main = await observed('main', options)
  expect(main.result.stdout).not.toContain('::error::')
  expect(main.result.exitCode).toBe(0)
  expect(main.result.outputs.token).toMatch(/^11[0-9a-f]{32}$/)
  const post = await observed('post', { ...options, inputs: {}, state: main.result.state })
  expect(post.result.stdout).not.toContain('::error::')
  expect(post.result.exitCode).toBe(0)
  expect(post.result.stdout).toContain('Revoked Jenkins API token')
  return { main, post }
}

/** Neither credentials nor any form of a secret in bytes that travelled in clear. */
function expectNothingInClear(bytes: Buffer, secrets: Array<[string, string]>): void {
  const text = bytes.toString('latin1')
  expect(text).not.toMatch(/authorization/i)
  for (const [secret, user] of secrets) {
    for (const form of secretForms(secret, user)) expect(text).not.toContain(form)
  }
}

const https = (j: JenkinsEmulator, extra: Record<string, string> = {}) => ({
  'jenkins-url': byName(j),
  ...alice,
  'ca-certificate': pki.caPem,
  ...extra
})

withHostNames('through an http proxy (tinyproxy)', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'tunnels an https controller through %s: one CONNECT and one connection per step',
    async (variable) => {
      const j = await tlsJenkins()
      const { main, post } = await job({ inputs: https(j), env: { [variable]: proxyUrl() } })
      const connect = `CONNECT ${NAME}:${j.port}`
      expect(main.proxied).toEqual([connect])
      expect(post.proxied).toEqual([connect])
      expect(main.connections).toBe(1)
      expect(post.connections).toBe(1)
      // Post resumed main's TLS session with the controller, the one inside the tunnel.
      expect(j.resumedConnections).toBe(1)
      // mint, verify, then revoke all reached Jenkins, through the tunnel.
      expect(j.requests.map((r) => r.path.split('?')[0])).toEqual([
        '/crumbIssuer/api/json',
        expect.stringMatching(
          /\/descriptorByName\/jenkins\.security\.ApiTokenProperty\/generateNewToken$/
        ),
        '/whoAmI/api/json',
        expect.stringMatching(/\/descriptorByName\/jenkins\.security\.ApiTokenProperty\/revoke$/)
      ])
      // The Jenkins password and the token only ever travel inside the tunnel's TLS.
      const token = main.result.outputs.token as string
      for (const seen of [main, post]) {
        expect(seen.bytes.toString('latin1')).toContain(`${connect}`)
        expectNothingInClear(seen.bytes, [
          [alice.password, alice.username],
          [token, alice.username]
        ])
      }
    }
  )

  it('post resumes the TLS session of a TLS 1.2 controller too, made during the handshake', async () => {
    const j = await fixture.start({
      tls: { key: pki.serverKey, cert: pki.serverCert, maxVersion: 'TLSv1.2' }
    })
    const { main } = await job({ inputs: https(j), env: { HTTPS_PROXY: proxyUrl() } })
    expect(main.result.state['tls-session']).toBeDefined()
    expect([j.connections, j.resumedConnections]).toEqual([2, 1])
  })

  // tinyproxy closes the client's connection after each plain-http request (curl sees the
  // same), so the connections here are tinyproxy's choice, not the step's: not asserted.
  it.each(['HTTP_PROXY', 'http_proxy'])(
    'sends requests to a plain-http controller through %s',
    async (variable) => {
      const j = await fixture.start()
      const { main, post } = await job({
        inputs: { 'jenkins-url': byName(j, 'http'), ...alice },
        env: { [variable]: proxyUrl() }
      })
      expect(main.proxied).toEqual([
        `GET ${byName(j, 'http')}crumbIssuer/api/json`,
        expect.stringMatching(/^POST http:\/\/jenkins\.test:\d+\/.*\/generateNewToken$/),
        `GET ${byName(j, 'http')}whoAmI/api/json`
      ])
      expect(post.proxied).toEqual([expect.stringMatching(/^POST .*\/revoke$/)])
    }
  )

  it('does not use HTTP_PROXY for an https controller', async () => {
    const j = await tlsJenkins()
    const { main, post } = await job({ inputs: https(j), env: { HTTP_PROXY: proxyUrl() } })
    expect([...main.proxied, ...post.proxied]).toEqual([])
    expect(main.connections + post.connections).toBe(0)
  })

  it('does not use HTTPS_PROXY for a plain-http controller', async () => {
    const j = await fixture.start()
    const { main, post } = await job({
      inputs: { 'jenkins-url': byName(j, 'http'), ...alice },
      env: { HTTPS_PROXY: proxyUrl() }
    })
    expect([...main.proxied, ...post.proxied]).toEqual([])
    expect(main.connections + post.connections).toBe(0)
  })

  it.each([
    ['NO_PROXY', 'jenkins.test'],
    ['NO_PROXY', '.test'],
    ['NO_PROXY', '*'],
    ['no_proxy', 'example.com, jenkins.test'],
    ['NO_PROXY', 'jenkins.test:PORT']
  ])('goes direct when %s is %s', async (variable, value) => {
    const j = await tlsJenkins()
    const { main, post } = await job({
      inputs: https(j),
      env: { HTTPS_PROXY: proxyUrl(), [variable]: value.replace('PORT', String(j.port)) }
    })
    expect([...main.proxied, ...post.proxied]).toEqual([])
    expect(main.connections + post.connections).toBe(0)
    expect(j.requests).toHaveLength(4)
  })

  it('takes proxy credentials with a % written as %25, as the error message asks', async () => {
    // tinyproxy's BasicAuth takes no %: the bytes that reached it show what was sent.
    const j = await tlsJenkins()
    const env = { HTTPS_PROXY: `http://proxy-user:p%25ss-7d1e@127.0.0.1:${wire.port}` }
    const { main } = await job({ inputs: https(j), env })
    const sent = /proxy-authorization: Basic (\S+)\r\n/i.exec(main.bytes.toString('latin1'))
    expect(Buffer.from(sent?.[1] ?? '', 'base64').toString()).toBe('proxy-user:p%ss-7d1e')
    expect(main.proxied).toEqual([`CONNECT ${NAME}:${j.port}`])
  })

  // The warm-up opens the tunnel before the step reads its inputs; when that tunnel fails,
  // the first request dials again. That dial must wait for its own tunnel too, or the request
  // (and its Authorization header) is written in clear on the socket to the proxy.
  describe('a tunnel that fails', () => {
    let guarded: Tinyproxy
    let guardedWire: TcpRelay
    beforeAll(async () => {
      guarded = await startTinyproxy({ hosts, basicAuth: proxyAuth })
      guardedWire = await startTcpRelay(guarded.port)
    })
    afterAll(async () => {
      await guardedWire.close()
      await guarded.close()
    })

    it('names a proxy that wants credentials (407), and sends nothing in clear', async () => {
      const j = await tlsJenkins()
      guardedWire.reset()
      const env = { HTTPS_PROXY: `http://127.0.0.1:${guardedWire.port}` }
      const main = await step('main', { inputs: https(j, { retries: '0' }), env })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain(
        `HTTP 407): the proxy 127.0.0.1:${guardedWire.port} named by HTTPS_PROXY requires authentication; put user:password in HTTPS_PROXY, percent-encoded (http://user:password@127.0.0.1:${guardedWire.port})`
      )
      expect(error).not.toContain('Jenkins refused')
      expectNothingInClear(guardedWire.received(), [[alice.password, alice.username]])
      expect(j.requests).toEqual([])
    })

    it('says a proxy turned down the credentials it was given (tinyproxy: 401)', async () => {
      const j = await tlsJenkins()
      const env = { HTTPS_PROXY: `http://proxy-user:wrong-pass-81c2@127.0.0.1:${guardedWire.port}` }
      const main = await step('main', { inputs: https(j, { retries: '0' }), env })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain(
        `HTTP 401): the proxy 127.0.0.1:${guardedWire.port} named by HTTPS_PROXY requires authentication; it turned down the user and password in HTTPS_PROXY; check them`
      )
      expect(main.stdout).not.toContain('wrong-pass-81c2')
      expect(j.requests).toEqual([])
    })

    it('names a proxy that wants credentials for a plain-http controller (407)', async () => {
      const j = await fixture.start()
      const main = await step('main', {
        inputs: { 'jenkins-url': byName(j, 'http'), ...alice, retries: '0' },
        env: { HTTP_PROXY: `http://127.0.0.1:${guardedWire.port}` }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain(
        `named by HTTP_PROXY asked for credentials (HTTP 407): put user:password in HTTP_PROXY, percent-encoded (http://user:password@127.0.0.1:${guardedWire.port})`
      )
      expect(error).not.toContain('Jenkins refused')
      expect(j.requests).toEqual([])
    })

    it('warns from post when the proxy refuses, and sends nothing in clear', async () => {
      const j = await tlsJenkins()
      const main = await step('main', { inputs: https(j), env: { HTTPS_PROXY: proxyUrl() } })
      expect(main.exitCode).toBe(0)
      const token = main.outputs.token as string
      guardedWire.reset()
      const post = await step('post', {
        state: main.state,
        env: { HTTPS_PROXY: `http://127.0.0.1:${guardedWire.port}` }
      })
      expect(post.exitCode).toBe(0)
      expect(post.stdout).toContain('HTTP 407')
      expectNothingInClear(guardedWire.received(), [[token, alice.username]])
      expect(j.tokens('alice')).toHaveLength(1)
    })

    it('diagnoses an untrusted controller certificate, and sends nothing in clear', async () => {
      const j = await tlsJenkins()
      wire.reset()
      const main = await step('main', {
        inputs: { 'jenkins-url': byName(j), ...alice, retries: '0' },
        env: { HTTPS_PROXY: proxyUrl() }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      // The controller's certificate, reached through the tunnel: not the proxy's.
      expect(error).toContain("the controller's TLS certificate is not signed by a trusted CA")
      expect(error).toContain('ca-certificate')
      expect(error).not.toContain('named by HTTPS_PROXY')
      expectNothingInClear(wire.received(), [[alice.password, alice.username]])
      expect(j.requests).toEqual([])
    })
  })

  it('names a proxy whose rules forbid the tunnel (403), and asks it once', async () => {
    const strict = await startTinyproxy({ hosts, connectPorts: [443] })
    try {
      const j = await tlsJenkins()
      const main = await step('main', {
        inputs: https(j, { retries: '2' }),
        env: { HTTPS_PROXY: strict.url }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toBe(
        `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy 127.0.0.1:${strict.port} named by HTTPS_PROXY refused to open a tunnel to ${NAME}:${j.port} (HTTP 403): its rules do not allow a CONNECT to that host and port. Have the proxy allow CONNECT to port ${j.port} (Squid allows only 443 by default), or add ${NAME} to NO_PROXY if the runner reaches Jenkins directly.`
      )
      expect(main.stdout).not.toContain('may hold')
      // The request's own CONNECT (and the warm-up's, where it runs): no retry.
      const connects = await strict.requests()
      expect(connects.length).toBeGreaterThanOrEqual(1)
      expect(connects.length).toBeLessThanOrEqual(2)
      expect(connects.every((line) => line === `CONNECT ${NAME}:${j.port}`)).toBe(true)
      expect(j.requests).toEqual([])
    } finally {
      await strict.close()
    }
  })

  // A 405 (a server that takes no CONNECT) or a 400 is the proxy's own answer as much as the
  // 403 is: no retry meets another.
  it.each([400, 405])(
    'names a proxy that turns down the tunnel (HTTP %i), and asks it once',
    async (status) => {
      const j = await tlsJenkins()
      const refusing = await startFaultProxy(j.url, () => 'forward', { connectStatus: status })
      try {
        const host = new URL(refusing.url).host
        const main = await step('main', {
          inputs: https(j, { retries: '2' }),
          env: { HTTPS_PROXY: `http://${host}` }
        })
        expect(main.exitCode).toBe(1)
        const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
        expect(error).toBe(
          `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy ${host} named by HTTPS_PROXY turned down the tunnel to ${NAME}:${j.port} (HTTP ${status}), its own answer, which asking again does not change. Check that HTTPS_PROXY names a forward proxy that allows CONNECT to that host and port, or add ${NAME} to NO_PROXY if the runner reaches Jenkins directly.`
        )
        expect(main.stdout).not.toContain('may hold')
        expect(main.stdout).not.toContain('retrying')
        // The request's own CONNECT (and the warm-up's, where it runs): no retry.
        const connects = refusing.requests.map((r) => `${r.method} ${r.path}`)
        expect(connects.length).toBeGreaterThanOrEqual(1)
        expect(connects.length).toBeLessThanOrEqual(2)
        expect(connects.every((line) => line === `CONNECT ${NAME}:${j.port}`)).toBe(true)
        expect(j.requests).toEqual([])
      } finally {
        await refusing.close()
      }
    }
  )

  // tinyproxy answers `500 Unable to connect` when it cannot reach the controller, and resets
  // the connection after a POST whose body it never read: its page, not Jenkins's answer.
  describe('a proxy that cannot reach a plain-http controller', () => {
    const unreached = (port: number) =>
      `the proxy 127.0.0.1:${wire.port} named by HTTP_PROXY answered in Jenkins's place (HTTP 500 "Unable to connect"): it could not resolve ${NAME} or connect to its port ${port}, so nothing reached Jenkins. Check the host and port in jenkins-url, and that the proxy can reach them, or add ${NAME} to NO_PROXY if the runner reaches Jenkins directly.`

    it('names the proxy for a mint it answered, and warns of no token (API token)', async () => {
      const port = await freePort()
      const main = await step('main', {
        inputs: {
          'jenkins-url': `http://${NAME}:${port}/`,
          username: 'alice',
          'api-token': `11${'a'.repeat(32)}`,
          retries: '1'
        },
        env: { HTTP_PROXY: proxyUrl() }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toMatch(
        /^::error::Could not reach Jenkins \(POST \/me\/descriptorByName\/jenkins\.security\.ApiTokenProperty\/generateNewToken, 2 attempts\): /
      )
      expect(error).toContain(unreached(port))
      expect(main.stdout).not.toContain('may hold')
      expect(main.stdout).not.toContain('closed before Jenkins answered')
    })

    it('names the proxy for the crumb request it answered (password)', async () => {
      const port = await freePort()
      const main = await step('main', {
        inputs: { 'jenkins-url': `http://${NAME}:${port}/`, ...alice, retries: '0' },
        env: { HTTP_PROXY: proxyUrl() }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toBe(
        `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): ${unreached(port)}`
      )
    })
  })

  it('still uses the proxy when NO_PROXY names the host on another port', async () => {
    const j = await tlsJenkins()
    const { main } = await job({
      inputs: https(j),
      env: { HTTPS_PROXY: proxyUrl(), NO_PROXY: `${NAME}:${j.port + 1}` }
    })
    expect(main.proxied).toEqual([`CONNECT ${NAME}:${j.port}`])
  })
})

describe('loopback is never proxied', () => {
  it.each(['localhost', '127.0.0.1'])(
    'http://%s goes direct with HTTP_PROXY and HTTPS_PROXY set',
    async (host) => {
      const j = await fixture.start()
      const { main, post } = await job({
        inputs: { 'jenkins-url': `http://${host}:${j.port}/`, ...alice },
        hosts: undefined,
        env: { HTTP_PROXY: proxyUrl(), HTTPS_PROXY: proxyUrl() }
      })
      expect([...main.proxied, ...post.proxied]).toEqual([])
      expect(main.connections + post.connections).toBe(0)
      expect(j.requests).toHaveLength(4)
    }
  )
})

withHostNames('through an https proxy (TLS to the proxy, then CONNECT)', () => {
  let secure: HttpsProxy
  beforeAll(async () => {
    secure = await startHttpsProxy({ pki, hosts, basicAuth: proxyAuth })
  })
  afterAll(() => secure.close())

  it('speaks TLS to the proxy and sends nothing secret in clear', async () => {
    const j = await tlsJenkins()
    for (const which of ['main', 'post'] as const) {
      const before = (await secure.tinyproxy.requests()).length
      secure.wire.reset()
      const result =
        which === 'main'
          ? await step('main', { inputs: https(j), env: { HTTPS_PROXY: secure.url } })
          : await step('post', {
              state: (results.at(-1) as StepResult).state,
              env: { HTTPS_PROXY: secure.url }
            })
      expect(result.stdout).not.toContain('::error::')
      expect(result.exitCode).toBe(0)
      // tinyproxy demands the credentials (407 otherwise): they were sent, inside TLS.
      expect((await secure.tinyproxy.requests()).slice(before)).toEqual([
        `CONNECT ${NAME}:${j.port}`
      ])
      expect(secure.wire.connections).toBe(1)
      const bytes = secure.wire.received()
      // A TLS handshake record (0x16, version 3.x) first, never a plaintext request line.
      expect([bytes[0], bytes[1]]).toEqual([0x16, 0x03])
      const text = bytes.toString('latin1')
      expect(text).not.toContain('CONNECT')
      expect(text).not.toContain(`${NAME}:`)
      expectNothingInClear(bytes, [
        [proxyAuth.password, proxyAuth.user],
        [alice.password, alice.username],
        ...results.flatMap(
          (r): Array<[string, string]> =>
            r.outputs.token ? [[r.outputs.token, alice.username]] : []
        )
      ])
      expect(text).not.toContain(proxyAuth.user)
    }
    // Post resumed the session main kept from the controller, through the proxy's TLS.
    expect(j.resumedConnections).toBe(1)
    expect(j.tokens('alice')).toEqual([])
  })

  it('post resumes the TLS session of a TLS 1.2 controller too, made during the handshake', async () => {
    const j = await fixture.start({
      tls: { key: pki.serverKey, cert: pki.serverCert, maxVersion: 'TLSv1.2' }
    })
    const env = { HTTPS_PROXY: secure.url }
    const main = await step('main', { inputs: https(j), env })
    expect(main.state['tls-session']).toBeDefined()
    const post = await step('post', { state: main.state, env })
    expect(post.stdout).toContain('Revoked Jenkins API token')
    expect([j.connections, j.resumedConnections]).toEqual([2, 1])
  })

  it('trusts the proxy by ca-certificate for a plain-http controller too', async () => {
    const j = await fixture.start()
    const before = (await secure.tinyproxy.requests()).length
    secure.wire.reset()
    const env = { HTTP_PROXY: secure.url }
    const inputs = { 'jenkins-url': byName(j, 'http'), ...alice, 'ca-certificate': pki.caPem }
    const main = await step('main', { inputs, env })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    const post = await step('post', { state: main.state, env })
    expect(post.stdout).toContain('Revoked Jenkins API token')
    // Plain-http requests go to the proxy whole (not CONNECT), inside TLS to it.
    expect((await secure.tinyproxy.requests()).slice(before)).toEqual([
      expect.stringMatching(/^GET http:\/\/jenkins\.test:\d+\/crumbIssuer\/api\/json$/),
      expect.stringMatching(/^POST .*\/generateNewToken$/),
      expect.stringMatching(/^GET .*\/whoAmI\/api\/json$/),
      expect.stringMatching(/^POST .*\/revoke$/)
    ])
    const bytes = secure.wire.received()
    expect([bytes[0], bytes[1]]).toEqual([0x16, 0x03])
    expectNothingInClear(bytes, [
      [proxyAuth.password, proxyAuth.user],
      [alice.password, alice.username],
      [main.outputs.token as string, alice.username]
    ])
  })
})

describe('an unsupported proxy scheme', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'socks5:// in %s is a clear error naming the variable',
    async (variable) => {
      const main = await step('main', {
        inputs: { 'jenkins-url': `https://${NAME}:1/`, ...alice, retries: '0' },
        hosts: unavailable ? undefined : hosts,
        env: { [variable]: 'socks5://127.0.0.1:1080' }
      })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain(variable)
      expect(error).toContain('socks5')
    }
  )
})
