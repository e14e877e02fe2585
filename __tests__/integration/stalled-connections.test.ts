import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { runStep, type StepResult } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'
import { type SilentListener, startSilentListener } from '../support/silent-listener.js'

/**
 * Connections that open and then stall: a controller (or the load balancer in front of it)
 * that accepts TCP and never answers the TLS handshake, a proxy that never answers the CONNECT.
 * A request that times out before it has a connection must end its attempt all the same, and a
 * finished step must not wait for such a connection to close: each step keeps its time limits,
 * and post still names the token it could not revoke.
 */

const fixture = emulatorPerTest()
const alice = { username: 'alice', password: 'alice-password' }
let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

/** The silent listeners of the running test, by port. */
const listeners = new Map<number, SilentListener>()

async function silentListener(): Promise<number> {
  const listener = await startSilentListener()
  listeners.set(listener.port, listener)
  closers.push(() => listener.close())
  return listener.port
}

/** A token minted against the emulator, and main's state moved to `url`, for the post step. */
async function mintedFor(
  url: string
): Promise<{ main: StepResult; state: Record<string, string> }> {
  const j = await fixture.start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
  const main = await runStep('main', {
    entry: 'dist',
    inputs: { 'jenkins-url': j.url, ...alice, 'ca-certificate': pki.caPem }
  })
  expect(main.exitCode).toBe(0)
  const minted = JSON.parse(main.state.minted ?? '')
  return { main, state: { ...main.state, minted: JSON.stringify({ ...minted, jenkinsUrl: url }) } }
}

function expectNamedAndPassed(post: StepResult, main: StepResult): void {
  expect(post.stderr).toBe('')
  expect(post.exitCode).toBe(0)
  const name = main.outputs['token-name'] ?? ''
  expect(post.stdout).toContain(`::warning::Could not revoke Jenkins API token "${name}"`)
  // main's timeout-seconds (30 s by default) capped by the post step's own limit.
  expect(post.stdout).toMatch(
    /timed out: no connection to Jenkins (through the proxy \S+ named by HTTPS_PROXY )?within 10 s \(the post step's limit per request, 10 s at most\)/
  )
  expect(post.stdout).toContain(main.outputs['token-uuid'])
  expect(post.summary).toContain(name)
}

describe('a controller that accepts TCP and never answers the TLS handshake', () => {
  it('fails main within its time limit, saying it timed out', async () => {
    const port = await silentListener()
    const started = Date.now()
    const main = await runStep('main', {
      entry: 'dist',
      inputs: {
        'jenkins-url': `https://127.0.0.1:${port}/`,
        ...alice,
        'timeout-seconds': '1',
        retries: '1'
      }
    })
    expect(main.stderr).toBe('')
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Could not reach Jenkins (GET /crumbIssuer/api/json, 2 attempts): timed out: no connection to Jenkins within 1 s (timeout-seconds): the TCP or TLS handshake did not finish.'
    )
    // Two attempts of 1 s and a backoff of at most 1 s, and no wait for the connections.
    expect(Date.now() - started).toBeLessThan(6000)
    // The warm connection (attempt 1) and attempt 2's: closing the step dials nothing more.
    expect(listeners.get(port)?.accepted).toBe(2)
  })

  it('ends post within its 20 s with a warning that names the token', async () => {
    const port = await silentListener()
    const { main, state } = await mintedFor(`https://127.0.0.1:${port}/`)
    const started = Date.now()
    const post = await runStep('post', { entry: 'dist', state })
    expectNamedAndPassed(post, main)
    expect(Date.now() - started).toBeLessThan(24_000)
  }, 40_000)
})

describe('a proxy that accepts the connection and never answers the CONNECT', () => {
  it('fails main within its time limit, and the step exits', async () => {
    const proxy = await silentListener()
    const started = Date.now()
    const main = await runStep('main', {
      entry: 'dist',
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxy}` },
      inputs: {
        'jenkins-url': 'https://jenkins.example.invalid/',
        ...alice,
        'timeout-seconds': '1',
        retries: '0'
      }
    })
    expect(main.stderr).toBe('')
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): timed out: no connection to Jenkins through the proxy 127.0.0.1:${proxy} named by HTTPS_PROXY within 1 s (timeout-seconds): the proxy did not answer the CONNECT to jenkins.example.invalid:443: it cannot reach that host and port (a firewall that drops the connection leaves it waiting), or it hangs. Check that the proxy reaches jenkins.example.invalid:443, or add jenkins.example.invalid to NO_PROXY if the runner reaches Jenkins directly.`
    )
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('ends post within its 20 s with a warning that names the token', async () => {
    const proxy = await silentListener()
    const { main, state } = await mintedFor('https://jenkins.example.invalid/')
    const started = Date.now()
    const post = await runStep('post', {
      entry: 'dist',
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxy}` },
      state
    })
    expectNamedAndPassed(post, main)
    expect(post.stdout).toContain(
      'the proxy did not answer the CONNECT to jenkins.example.invalid:443: it cannot reach that host and port'
    )
    expect(Date.now() - started).toBeLessThan(24_000)
  }, 40_000)
})
