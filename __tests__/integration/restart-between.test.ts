import { afterEach, describe, expect, it } from '@jest/globals'
import { setEmulatorHooks } from '../emulator/jenkins-emulator.js'
import type { JenkinsEmulator, StartupOptions } from '../emulator/types.js'
import { runJob, type StepOptions, type StepResult } from '../support/action-runner.js'
import { emulatorPerTest, expectNoLeaks, mintedTokens } from '../support/emulator-fixture.js'

/**
 * A controller that restarts between two of main's requests: after it answered one, before the
 * next arrives (an administrator's restart, a crash and a supervisor's restart, a pod moved).
 * The kept-alive connection is gone, the port refuses for a while, then Jenkins loads. What
 * main says, and that every token any attempt made is handed out, revoked or named.
 */

const fixture = emulatorPerTest()
const alice = { username: 'alice', password: 'alice-password' }
const MINT = /\/generateNewToken\/?$/
const CRUMB = /\/crumbIssuer\//
const results: StepResult[] = []

afterEach(() => {
  const secrets: Array<[string, string]> = [
    [alice.password, alice.username],
    ...mintedTokens(results, alice.username)
  ]
  expectNoLeaks(results.splice(0), secrets)
})

async function job(options: StepOptions, between?: (main: StepResult) => Promise<void>) {
  const run = await runJob({ entry: 'dist', env: { RUNNER_DEBUG: '1' }, ...options }, between)
  results.push(run.main, run.post)
  return run
}

/**
 * How the process goes after its answer. `graceful`: the port stops taking connections, the
 * answer goes out whole with `Connection: close` (a controller shutting down), then the process
 * goes, so the next request always meets the closed port. `abrupt`: the answer goes out on the
 * kept-alive connection, then the process goes and closes it (a crash), so the next request
 * finds it closed; it races the step, which may send on it first (then the request meets a
 * connection closed before the answer: cut-answers.test.ts).
 */
type Going = 'graceful' | 'abrupt'

/** Restarts the emulator once `after` has been answered, before main's next request. */
function restartAfter(
  j: JenkinsEmulator,
  after: RegExp,
  phases: StartupOptions,
  going: Going = 'graceful'
) {
  const state: { restarted?: Promise<void> } = {}
  setEmulatorHooks(j, {
    afterHandle: (ctx, response) => {
      if (state.restarted || response.status !== 200 || !after.test(ctx.rawPath)) return undefined
      if (going === 'abrupt') {
        // After send() has written the answer, which runs once this hook's promise settles.
        state.restarted = new Promise((resolve) => setImmediate(resolve)).then(() =>
          j.restart(phases)
        )
        return undefined
      }
      j.stopAccepting()
      const socket = ctx.req.socket
      state.restarted = new Promise<void>((resolve) => {
        if (socket.destroyed) resolve()
        else socket.once('close', () => resolve())
      }).then(() => j.restart(phases))
      return {
        kind: 'respond',
        response: { ...response, headers: [...response.headers, ['Connection', 'close']] }
      }
    }
  })
  return state
}

const posts = (j: JenkinsEmulator, path: RegExp) =>
  j.requests.filter((r) => r.method === 'POST' && path.test(r.path.split('?')[0] ?? ''))

const BASE = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'

/** What main recorded of each mint attempt, for post. */
function attempts(main: StepResult): Array<{ name: string; outcome: string }> {
  return (JSON.parse(main.state.attempts ?? '{}') as { attempts?: [] }).attempts ?? []
}

/**
 * The names the mints reached the controller under: one each, numbered by the mints that
 * reached it, not by the attempts that met a refused or closed connection and never did. The
 * last one made the token.
 */
function expectNamesCountMintsSent(j: JenkinsEmulator, main: StepResult): void {
  const sent = posts(j, MINT).map((r) => new URLSearchParams(r.body).get('newTokenName'))
  expect(sent).toEqual(sent.map((_, i) => (i === 0 ? BASE : `${BASE} (attempt ${i + 1})`)))
  expect(main.outputs['token-name']).toBe(sent.at(-1))
  const recorded = attempts(main).map((a) => a.name)
  expect(new Set(recorded).size).toBe(recorded.length)
}

/** One token made, handed out, and revoked by post: none left, none named as lost. */
function expectOneTokenRevoked(j: JenkinsEmulator, main: StepResult, post: StepResult): void {
  expect(main.stdout).not.toContain('::error::')
  expect(main.stdout).not.toContain('::warning::')
  expect(main.exitCode).toBe(0)
  const name = main.outputs['token-name'] ?? ''
  expect(posts(j, MINT).filter((r) => r.status === 200)).toHaveLength(1)
  // Every attempt before the one that made it is known to have made nothing.
  const outcomes = attempts(main).map((a) => a.outcome)
  expect(outcomes.at(-1)).toBe('created')
  expect(outcomes.slice(0, -1).every((o) => o === 'not-created')).toBe(true)
  expect(attempts(main).at(-1)?.name).toBe(name)
  expectNamesCountMintsSent(j, main)
  expect(post.stdout).toContain(`Revoked Jenkins API token "${name}"`)
  expect(post.stdout).not.toContain('::warning::')
  expect(j.tokens('alice')).toHaveLength(0)
}

describe('a controller that restarts after the crumb, before the mint', () => {
  it('rides out the refused connections and the loading page, takes a new crumb, and mints once', async () => {
    const j = await fixture.start()
    // No stretch of CrumbFilter's 500 early in loading (pluginsPreparingMs): a 500 may follow
    // work, and would make the mint it answered one that may exist, named in a warning.
    // Abrupt: the kept-alive connection the crash closed is what this test is about.
    const restart = restartAfter(
      j,
      CRUMB,
      { refusedMs: 1_000, loadingMs: 3_000, pluginsPreparingMs: 0 },
      'abrupt'
    )
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    await restart.restarted
    // The kept-alive connection the restart closed took no mint: it went on a new one.
    expect(main.stdout).toContain(
      'generateNewToken failed: the kept-alive connection had been closed'
    )
    expect(main.stdout).toMatch(/generateNewToken failed: connection refused/)
    // Jenkins answered the crumb: its refusals are a restart's, waited for, not retried, and
    // said to be a wait for it to come back, not for a start nothing has shown yet.
    expect(main.stdout).toContain(
      'Waiting for Jenkins to come back (0 s of up to 120 s): it answered earlier in this step, and now its connection fails: connection refused.'
    )
    expect(main.stdout).not.toMatch(/Waiting for Jenkins to start .*connection refused/)
    expect(main.stdout).not.toContain('retrying POST')
    // Its loading page, or a refusal that a GET without credentials shows to be of loading: now
    // it is starting.
    expect(main.stdout).toMatch(
      /^Waiting for Jenkins to start \(\d+ s of up to 120 s\): .*page it shows while it starts/m
    )
    // The old process's crumb is refused by the new one; a new session's crumb is fetched.
    const statuses = posts(j, MINT).map((r) => r.status)
    expect(statuses).toContain(403)
    expect(statuses.at(-1)).toBe(200)
    expect(j.requests.filter((r) => CRUMB.test(r.path)).map((r) => r.status)).toEqual([200, 200])
    expectOneTokenRevoked(j, main, post)
  }, 30_000)

  describe("meeting CrumbFilter's error page before the new process has prepared its plugins", () => {
    const restartedBeforePlugins = async (showStackTrace: boolean) => {
      const j = await fixture.start({ showStackTrace })
      // A process back at once: the mint, sent again on a new connection when the kept-alive one
      // is found closed, is the first request it meets. (After refused connections the step
      // sends only GETs without credentials until Jenkins serves, and meets no such page.)
      const restart = restartAfter(j, CRUMB, { loadingMs: 3_000, pluginsPreparingMs: 1_000 })
      const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
      await restart.restarted
      expect(posts(j, MINT).map((r) => r.status)[0]).toBe(500)
      return { j, main, post }
    }

    it('with the stack trace on it, takes that mint as one that made nothing', async () => {
      const { j, main, post } = await restartedBeforePlugins(true)
      expect(main.stdout).toContain(
        'it fails the request (HTTP 500), and asked without credentials answers with the page it shows while it starts.'
      )
      expectOneTokenRevoked(j, main, post)
    }, 30_000)

    it('without it, names that mint as one that may have made a token', async () => {
      // The page is then Jenkins's error page for any exception, one after a token was made too.
      const { main } = await restartedBeforePlugins(false)
      expect(main.exitCode).toBe(0)
      expect(attempts(main).map((a) => a.outcome)).toEqual(['may-exist', 'not-created', 'created'])
      expect(main.stdout).toMatch(new RegExp(`::warning::.*"${BASE.replace(/[.#]/g, '\\$&')}"`))
    }, 30_000)
  })

  it('waits through its restarting page too (Jenkins#restart), and mints once', async () => {
    const j = await fixture.start()
    // Abrupt: Jenkins#restart answers with its restarting page on the port it still holds.
    const restart = restartAfter(
      j,
      CRUMB,
      { restartingMs: 800, refusedMs: 1_000, loadingMs: 1_500 },
      'abrupt'
    )
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    await restart.restarted
    expect(main.stdout).toContain(
      'Waiting for Jenkins to start (0 s of up to 120 s): it answers with the page it shows while it starts or restarts (HTTP 503).'
    )
    // Its page said it restarts: the refusals after it are that restart's, not a controller gone.
    expect(main.stdout).not.toContain('Waiting for Jenkins to come back')
    // The mint that met the restarting page made nothing, and none went while it was gone.
    expect(posts(j, MINT).map((r) => r.status)[0]).toBe(503)
    expectOneTokenRevoked(j, main, post)
  }, 30_000)
})

describe('a controller that restarts after the mint, before whoAmI', () => {
  it('verifies the token once Jenkins is back, and mints no second one', async () => {
    const j = await fixture.start()
    const restart = restartAfter(j, MINT, { refusedMs: 1_000, loadingMs: 3_000 })
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    await restart.restarted
    expect(main.stdout).toMatch(/GET \/whoAmI\/api\/json failed: connection refused/)
    expect(main.stdout).toContain(
      'Waiting for Jenkins to come back (0 s of up to 120 s): it answered earlier in this step, and now its connection fails: connection refused.'
    )
    expect(main.stdout).toContain('Verified: the token authenticates as alice.')
    expect(main.outputs['token-name']).toBe(BASE)
    expect(posts(j, MINT)).toHaveLength(1)
    expectOneTokenRevoked(j, main, post)
  }, 30_000)

  it('gone longer than main waits: main fails at whoAmI, and no token is left unaccounted for', async () => {
    const j = await fixture.start()
    const restart = restartAfter(j, MINT, { refusedMs: 8_000, loadingMs: 500 })
    const { main, post } = await job({
      inputs: { 'jenkins-url': j.url, ...alice, retries: '1', 'wait-seconds': '2' }
    })
    await restart.restarted
    // No outputs from a failed step: the token is known by what main saved for post.
    const { tokenName: name, tokenUuid: uuid } = JSON.parse(main.state.minted ?? '{}')
    expect(name).toBe(BASE)
    expect(main.exitCode).toBe(1)
    // Jenkins answered the step at this address: the refusals are waited for, and the message
    // says the controller went away, not that the address may be wrong.
    expect(main.stdout).toContain(
      'Waiting for Jenkins to come back (0 s of up to 2 s): it answered earlier in this step, and now its connection fails: connection refused.'
    )
    expect(main.stdout).toMatch(
      /::error::The new token could not be verified: Could not reach Jenkins \(GET \/whoAmI\/api\/json, \d+ attempts\): connection refused\. Jenkins answered at this address earlier in this step, then stopped taking connections: it is restarting, or it crashed\. Set wait-seconds to wait longer for it to come back, or re-run the job once Jenkins answers again\./
    )
    expect(main.stdout).not.toContain('is Jenkins running at this address')
    // Main tried to revoke what it could not verify, and says post will try again.
    expect(main.stdout).toContain(
      `the post step tries again when the job ends; if it cannot either, revoke token "${name}" (${uuid}) by hand at ${j.url}user/alice/security/.`
    )
    expect(posts(j, MINT)).toHaveLength(1)
    expect(attempts(main).map((a) => a.outcome)).toEqual(['created'])
    // Post waits while the port refuses, within its own limits, and revokes it. Jenkins answered
    // main at this URL: that wait is the one for a controller to come back.
    expect(post.stdout).toContain(
      "Waiting for Jenkins to come back (0 s of up to 10 s): it answered in this job's main step, and now its connection fails: connection refused."
    )
    expect(post.stdout).toContain(`Revoked Jenkins API token "${name}" (${uuid})`)
    expect(post.stdout).not.toContain('::warning::')
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)
})

describe('a controller that answered the step, then restarts without its restarting page', () => {
  // A container or pod restarted, or a supervisor restarting a crashed process: the port
  // refuses connections, then Docker's proxy resets them until Jenkins listens, then Jenkins
  // loads. No wait-seconds: Jenkins answered at this address, so this is no wrong URL.
  it('is waited for as a restart, the mint sent only once Jenkins serves, and mints once', async () => {
    const j = await fixture.start()
    const restart = restartAfter(j, CRUMB, {
      refusedMs: 4_000,
      dockerProxy: true,
      proxyAfterMs: 2_000,
      loadingMs: 1_500,
      pluginsPreparingMs: 0
    })
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    await restart.restarted
    expect(main.stdout).toContain(
      'Waiting for Jenkins to come back (0 s of up to 120 s): it answered earlier in this step, and now its connection fails: connection refused.'
    )
    expect(main.stdout).not.toContain('is Jenkins running at this address')
    // The resets met GETs without credentials (and the TLS probe of a port that closed one)
    // only: no mint went into them.
    expect(j.dropped.some((line) => line.startsWith('GET '))).toBe(true)
    expect(j.dropped.filter((line) => !line.startsWith('GET ') && line !== 'TLS')).toEqual([])
    expect(main.stdout).toMatch(/GET \S+generateNewToken failed: the connection was closed/)
    expectOneTokenRevoked(j, main, post)
  }, 30_000)

  it('gone past the wait: main fails saying Jenkins stopped taking connections, and sent no mint', async () => {
    const j = await fixture.start()
    const restart = restartAfter(j, CRUMB, { refusedMs: 20_000 })
    const { main, post } = await job({
      inputs: { 'jenkins-url': j.url, ...alice, 'wait-seconds': '3' }
    })
    await restart.restarted
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      /^Waiting for Jenkins to come back \(\d+ s of up to 3 s\): it answered earlier in this step, and now its connection fails: connection refused\.$/m
    )
    expect(main.stdout).not.toContain('Waiting for Jenkins to start')
    expect(main.stdout).toMatch(
      /::error::Jenkins answered earlier in this step, then stopped taking connections \(it is restarting, or it crashed\), and did not come back within the wait: its connection fails: connection refused\. Nothing more was sent to \S+generateNewToken\. Set wait-seconds to wait longer for it to come back, or re-run the job once Jenkins answers again\.$/m
    )
    expect(main.stdout).not.toContain('is Jenkins running at this address')
    // No mint reached Jenkins, and none is named as one that may exist.
    expect(posts(j, MINT)).toHaveLength(0)
    expect(attempts(main).every((a) => a.outcome === 'not-created')).toBe(true)
    for (const step of [main, post]) expect(step.stdout).not.toContain('::warning::')
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)
})

describe('behind a reverse proxy, a controller that answered the step and then goes away', () => {
  // nginx in front: while nothing listens behind it, every request gets its 502 page, without
  // Jenkins's X-Jenkins header, instead of a refused connection. Gone longer than the retries
  // of a 5xx (3 by default) last, as a container's or pod's restart is.
  const GONE = { refusedMs: 6_000, loadingMs: 1_500, pluginsPreparingMs: 0 }
  const COME_BACK =
    /^Waiting for Jenkins to come back \(0 s of up to 120 s\): it answered earlier in this step, and now a proxy in front of it answers HTTP 502 in its place\.$/m

  it('after the mint: waits for it to come back, verifies the token, and mints no second one', async () => {
    const j = await fixture.start()
    const proxy = await fixture.proxy(j.url, () => 'forward', { badGateway: true })
    const restart = restartAfter(j, MINT, GONE)
    const { main, post } = await job({ inputs: { 'jenkins-url': proxy.url, ...alice } })
    await restart.restarted
    expect(main.stdout).toMatch(/GET \/whoAmI\/api\/json -> 502/)
    expect(main.stdout).toMatch(COME_BACK)
    expect(main.stdout).toContain('Verified: the token authenticates as alice.')
    expect(main.outputs['token-name']).toBe(BASE)
    expectOneTokenRevoked(j, main, post)
  }, 30_000)

  it('after the crumb: sends no mint into the 502s, mints once, and names the one that met them', async () => {
    const j = await fixture.start()
    const proxy = await fixture.proxy(j.url, () => 'forward', { badGateway: true })
    const restart = restartAfter(j, CRUMB, GONE)
    const { main, post } = await job({ inputs: { 'jenkins-url': proxy.url, ...alice } })
    await restart.restarted
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(COME_BACK)
    expect(main.stdout).not.toContain('retrying POST')
    // The first mint met the proxy's 502: it may have been taken (a 502 can follow work done),
    // so it is named, in main and in post. While the 502s last only GETs without credentials go.
    const mints = proxy.requests.filter((r) => MINT.test(r.path.split('?')[0] ?? ''))
    const sent = mints.filter((r) => r.method === 'POST').map((r) => r.status)
    expect(sent[0]).toBe(502)
    expect(sent.slice(1)).not.toContain(502)
    expect(sent.at(-1)).toBe(200)
    const probes = mints.filter((r) => r.method === 'GET')
    expect(probes.map((r) => r.status)).toContain(502)
    for (const probe of probes) {
      expect(probe.headers.authorization).toBeUndefined()
      expect(probe.headers.cookie).toBeUndefined()
    }
    const outcomes = attempts(main).map((a) => a.outcome)
    expect(outcomes[0]).toBe('may-exist')
    expect(outcomes.at(-1)).toBe('created')
    const warning = `::warning::Jenkins may hold an API token named "${BASE}" for the user "alice"`
    for (const step of [main, post]) expect(step.stdout.split(warning)).toHaveLength(2)
    // Jenkins made one token, handed out and revoked.
    expect(posts(j, MINT).filter((r) => r.status === 200)).toHaveLength(1)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${main.outputs['token-name']}"`)
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)
})

describe('a controller that restarts between main and post', () => {
  // A workflow whose last step restarts Jenkins, or a pod moved as the job ends. Main reached
  // Jenkins at this URL: post's refusals, and its proxy's 502s, are a controller gone, waited
  // for as one that will come back, within post's own 20 s.
  const REVOKE_PATH = '/me/descriptorByName/jenkins.security.ApiTokenProperty/revoke'
  const path = (r: { path: string }) => r.path.split('?')[0] ?? ''

  /** Runs the job, restarting Jenkins with `phases` (if any) between main and post. */
  async function jobRestartedBeforePost(url: string, j: JenkinsEmulator, phases?: StartupOptions) {
    const mark = { main: 0 }
    const run = await job({ inputs: { 'jenkins-url': url, ...alice } }, async () => {
      mark.main = j.requests.length
      if (phases) await j.restart(phases)
    })
    expect(run.main.exitCode).toBe(0)
    expect(run.post.exitCode).toBe(0)
    const name = run.main.outputs['token-name'] ?? ''
    const uuid = run.main.outputs['token-uuid'] ?? ''
    return { ...run, name, uuid, postRequests: () => j.requests.slice(mark.main) }
  }

  it('in an ordinary job, post sends the revoke and nothing else', async () => {
    const j = await fixture.start()
    const { post, name, postRequests } = await jobRestartedBeforePost(j.url, j)
    expect(postRequests().map((r) => `${r.method} ${path(r)} ${r.status} ${r.authKind}`)).toEqual([
      `POST ${REVOKE_PATH} 200 token`
    ])
    expect(post.stdout).not.toContain('Waiting for Jenkins')
    expect(post.stdout).toContain(`Revoked Jenkins API token "${name}"`)
    expect(post.stdout).not.toContain('::warning::')
  }, 30_000)

  it('post waits for it to come back while it refuses connections, and revokes', async () => {
    const j = await fixture.start()
    const { post, name, postRequests } = await jobRestartedBeforePost(j.url, j, {
      refusedMs: 2_500,
      loadingMs: 0
    })
    expect(post.stdout).toContain(
      "Waiting for Jenkins to come back (0 s of up to 10 s): it answered in this job's main step, and now its connection fails: connection refused."
    )
    expect(post.stdout).not.toContain('Waiting for Jenkins to start')
    expect(post.stdout).not.toContain('is Jenkins running at this address')
    // The revoke went once Jenkins served: after GETs without credentials, and only once.
    const sent = postRequests()
    expect(sent.filter((r) => r.method === 'POST').map((r) => `${path(r)} ${r.status}`)).toEqual([
      `${REVOKE_PATH} 200`
    ])
    expect(sent.every((r) => r.method === 'POST' || r.authKind === 'none')).toBe(true)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${name}"`)
    expect(post.stdout).not.toContain('::warning::')
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)

  it('behind a reverse proxy, post confirms at the root that Jenkins is gone, waits, and revokes', async () => {
    const j = await fixture.start()
    const proxy = await fixture.proxy(j.url, () => 'forward', { badGateway: true })
    const { post, name } = await jobRestartedBeforePost(proxy.url, j, {
      refusedMs: 3_000,
      loadingMs: 0
    })
    expect(post.stdout).toMatch(
      /^Waiting for Jenkins to come back \(0 s of up to 10 s\): it answered in this job's main step, and now a proxy in front of it answers HTTP 502 in its place\.$/m
    )
    expect(post.stdout).not.toContain('retrying POST')
    // Post's requests through the proxy: the revoke meets the 502, one GET at the root confirms
    // Jenkins is gone, GETs of the revoke's path wait for it, then the revoke goes once more.
    const mainRequests = proxy.requests.findIndex((r) => r.method === 'POST' && r.status === 502)
    const sent = proxy.requests.slice(mainRequests)
    const described = sent.map((r) => `${r.method} ${path(r)} ${r.status}`)
    expect(described.slice(0, 2)).toEqual([`POST ${REVOKE_PATH} 502`, 'GET / 502'])
    expect(described.filter((line) => line.startsWith('GET / '))).toHaveLength(1)
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([502, 200])
    const probes = sent.slice(2, -1)
    expect(probes.length).toBeGreaterThan(0)
    for (const probe of probes) {
      expect(`${probe.method} ${path(probe)}`).toBe(`GET ${REVOKE_PATH}`)
      expect(probe.headers.authorization).toBeUndefined()
    }
    expect(sent[1]?.headers.authorization).toBeUndefined()
    expect(post.stdout).toContain(`Revoked Jenkins API token "${name}"`)
    expect(post.stdout).not.toContain('::warning::')
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)

  it('post gives up after its own wait, saying Jenkins answered in the main step, and names the token', async () => {
    const j = await fixture.start()
    const { post, name, uuid, postRequests } = await jobRestartedBeforePost(j.url, j, {
      refusedMs: 60_000
    })
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      `::warning::Could not revoke Jenkins API token "${name}" (${uuid}) of "alice" on ${j.url}: Jenkins answered in this job's main step, then stopped taking connections (it is restarting, or it crashed), and did not come back within the wait: its connection fails: connection refused. Nothing more was sent to ${REVOKE_PATH}. The post step waits at most 10 s for it to come back. Open ${j.url}user/alice/security/ and revoke "${name}" (token UUID ${uuid}) there if it is listed.`
    ])
    expect(post.stdout).not.toContain('is Jenkins running at this address')
    expect(post.stdout).not.toContain('wait-seconds')
    expect(postRequests()).toEqual([])
    expect(j.tokens('alice').map((t) => t.name)).toEqual([name])
  }, 30_000)
})
