import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { runJob, runStep, type StepOptions, type StepResult } from '../support/action-runner.js'
import { expectNoLeaks } from '../support/emulator-fixture.js'
import { hostNamesUnavailable } from '../support/host-names.js'
import { type SilentListener, startSilentListener } from '../support/silent-listener.js'
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js'

/**
 * A controller that accepts the connection and never answers (a hung JVM whose acceptor still
 * runs, a load balancer with a dead backend), reached through tinyproxy. The step must end
 * within its time limits, and its message must name both the time-out and the proxy: the
 * person reading it has to know the request went through one. The controller is jenkins.test
 * (127.0.0.1) in a private /etc/hosts of the step and of tinyproxy, as in proxy.test.ts.
 */

const NAME = 'jenkins.test'
const hosts = { [NAME]: '127.0.0.1' }
const alice = { username: 'alice', password: 'alice-password' }
const unavailable = hostNamesUnavailable()
if (unavailable) console.warn(`proxy tests with host names skipped: ${unavailable}`)
const withHostNames = unavailable ? describe.skip : describe

let proxy: Tinyproxy
const results: StepResult[] = []
const closers: Array<() => void> = []

beforeAll(async () => {
  proxy = await startTinyproxy(unavailable ? {} : { hosts })
})
afterAll(async () => {
  await proxy.close()
})
afterEach(() => {
  for (const close of closers.splice(0)) close()
  expectNoLeaks(results.splice(0), [[alice.password, alice.username]])
})

/** The silent controller of the running test. */
let controller: SilentListener

async function silentController(): Promise<number> {
  controller = await startSilentListener()
  closers.push(() => controller.close())
  return controller.port
}

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

async function job(options: StepOptions) {
  const run = await runJob({
    entry: 'dist',
    hosts,
    ...options,
    env: { RUNNER_DEBUG: '1', ...options.env }
  })
  results.push(run.main, run.post)
  return run
}

const errorLine = (result: StepResult) =>
  result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''

const BASE = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
const MINT_PATH = '/me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
const quick = { 'timeout-seconds': '1', retries: '1' }
/** An API-token login sends the mint first: no crumb request before it. */
const apiToken = { username: 'alice', 'api-token': '11aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }

withHostNames('a controller that never answers, through tinyproxy', () => {
  it('https (HTTPS_PROXY): ends main within its time limit, naming the time-out and the proxy', async () => {
    const port = await silentController()
    const before = (await proxy.requests()).length
    const started = Date.now()
    const main = await step('main', {
      env: { HTTPS_PROXY: proxy.url },
      inputs: { 'jenkins-url': `https://${NAME}:${port}/`, ...alice, ...quick }
    })
    // Two attempts of 1 s and a backoff of at most 1 s, and no wait for the connections.
    expect(Date.now() - started).toBeLessThan(6_000)
    expect(main.exitCode).toBe(1)
    // The proxy opened each tunnel, and the controller took each connection: the TLS
    // handshake inside is what never finished, and the message says so, not the proxy.
    expect((await proxy.requests()).slice(before)).toEqual([
      `CONNECT ${NAME}:${port}`,
      `CONNECT ${NAME}:${port}`
    ])
    expect(controller.accepted).toBe(2)
    expect(errorLine(main)).toBe(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json, 2 attempts): timed out: no connection to Jenkins through the proxy 127.0.0.1:${proxy.port} named by HTTPS_PROXY within 1 s (timeout-seconds): the proxy opened the tunnel to ${NAME}:${port}, but the TLS handshake with the server there did not finish. Check that port ${port} is the controller's https port (not its http or agent port), and that the controller is not overloaded.`
    )
  })

  it('https (HTTPS_PROXY): the warm connection, the one attempt, says so too', async () => {
    const port = await silentController()
    const main = await step('main', {
      env: { HTTPS_PROXY: proxy.url },
      inputs: { 'jenkins-url': `https://${NAME}:${port}/`, ...alice, ...quick, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(controller.accepted).toBe(1)
    expect(errorLine(main)).toContain(
      `within 1 s (timeout-seconds): the proxy opened the tunnel to ${NAME}:${port}, but the TLS handshake with the server there did not finish.`
    )
  })

  it('https (HTTPS_PROXY): a mint that never had a connection is named as no token', async () => {
    const port = await silentController()
    const { main, post } = await job({
      env: { HTTPS_PROXY: proxy.url },
      inputs: { 'jenkins-url': `https://${NAME}:${port}/`, ...apiToken, ...quick }
    })
    expect(main.exitCode).toBe(1)
    expect(errorLine(main)).toContain(
      `Could not reach Jenkins (POST ${MINT_PATH}, 2 attempts): timed out: no connection to Jenkins through the proxy 127.0.0.1:${proxy.port} named by HTTPS_PROXY within 1 s`
    )
    // Nothing reached the controller: no token may exist, and none is named.
    for (const s of [main, post]) expect(s.stdout).not.toContain('may hold an API token')
    expect(post.exitCode).toBe(0)
  })

  it('plain http (HTTP_PROXY): ends main within its time limit, naming the time-out and the proxy', async () => {
    const port = await silentController()
    const started = Date.now()
    const main = await step('main', {
      env: { HTTP_PROXY: proxy.url },
      inputs: { 'jenkins-url': `http://${NAME}:${port}/`, ...alice, ...quick }
    })
    expect(Date.now() - started).toBeLessThan(6_000)
    expect(main.exitCode).toBe(1)
    // The request went whole to the proxy, which passed it on and waits: the proxy is named,
    // as the one that holds the request, and may be the one that hangs.
    expect(controller.accepted).toBe(2)
    expect(errorLine(main)).toBe(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json, 2 attempts): timed out: Jenkins did not answer through the proxy 127.0.0.1:${proxy.port} named by HTTP_PROXY within 1 s (timeout-seconds).`
    )
  })

  it('plain http (HTTP_PROXY): a mint that timed out once sent is named as a token that may exist', async () => {
    const port = await silentController()
    const started = Date.now()
    const { main, post } = await job({
      env: { HTTP_PROXY: proxy.url },
      inputs: { 'jenkins-url': `http://${NAME}:${port}/`, ...apiToken, ...quick }
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(main.exitCode).toBe(1)
    expect(errorLine(main)).toBe(
      `::error::Could not reach Jenkins (POST ${MINT_PATH}, 2 attempts): timed out: Jenkins did not answer through the proxy 127.0.0.1:${proxy.port} named by HTTP_PROXY within 1 s (timeout-seconds). Jenkins may hold a token from this step: the warnings above name each one, its user and the page to revoke it on.`
    )
    // No answer told the version: both pages where it may be revoked are given.
    const url = `http://${NAME}:${port}/`
    for (const name of [BASE, `${BASE} (attempt 2)`]) {
      const warning = `::warning::Jenkins may hold an API token named "${name}" for the user "alice": the answer to the request that creates it was lost or unclear, so the action does not know whether it was created and cannot revoke it. Open ${url}user/alice/security/ (before Jenkins 2.468: ${url}user/alice/configure) and revoke "${name}" there if it is listed.`
      for (const s of [main, post]) expect(s.stdout.split(warning)).toHaveLength(2)
    }
    expect(post.exitCode).toBe(0)
  })
})
