import { execFileSync } from 'node:child_process'
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { injectFaults } from '../emulator/faults.js'
import { setEmulatorHooks } from '../emulator/jenkins-emulator.js'
import { runStep } from '../support/action-runner.js'
import { makeTestPki } from '../support/certificates.js'
import { emulatorPerTest, expectNoLeaks } from '../support/emulator-fixture.js'
import { startTcpRelay } from '../support/tcp-relay.js'
import { until } from '../support/until.js'

// The dist/ bundles as the runner runs them: a cancelled job is a signal to a process.
const fixture = emulatorPerTest()
const MINT = /\/generateNewToken\/?$/
const NAME = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'

describe('a job cancelled while the mint is under way', () => {
  it.each([
    ['SIGINT', ['SIGINT']],
    ['SIGTERM', ['SIGTERM']]
  ] as const)(
    'on %s, main and post name the token Jenkins holds, and where to revoke it',
    async (_, signals) => {
      const j = await fixture.start()
      // Jenkins makes the token, then the answer is slow: the job is cancelled in between.
      injectFaults(j, [{ path: MINT, fault: { delayMs: 6_000 } }])
      const login = j.addToken('alice', 'login').value
      const inputs = { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
      const started = Date.now()
      const main = await runStep('main', {
        entry: 'dist',
        inputs,
        interrupt: {
          when: () => until(() => j.tokens('alice').some((t) => t.name === NAME), 'the mint'),
          signals: [...signals]
        }
      })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(j.tokens('alice').map((t) => t.name)).toContain(NAME)

      const page = `${j.url}user/alice/security/`
      // An API-token login: no answer before the token gave Jenkins's version.
      const pages = `${page} (before Jenkins 2.468: ${j.url}user/alice/configure)`
      const warning = `::warning::Jenkins may hold an API token named "${NAME}" for the user "alice": the step stopped while the request that creates it was under way, so the action does not know whether it was created and cannot revoke it. Open ${pages} and revoke "${NAME}" there if it is listed.`
      expect(main.exitCode).toBe(1)
      expect(main.stdout.split(warning)).toHaveLength(2)
      expect(main.stdout).toContain(
        `::error::Stopped by ${signals[0]} (the job was cancelled or ran past timeout-minutes) before Jenkins confirmed a token: it may have created one;`
      )
      expect(main.summary).toContain(NAME.replace('#', '#'))
      expect(main.summary).toContain(`<a href="${page}">`)
      expect(JSON.parse(main.state.attempts ?? '{}').attempts).toEqual([
        { name: NAME, outcome: 'pending' }
      ])

      const post = await runStep('post', { entry: 'dist', inputs, state: main.state })
      expect(post.exitCode).toBe(0)
      expect(post.stdout.split(warning)).toHaveLength(2)
      expect(post.stdout).not.toContain('No Jenkins token was created')
      expect(post.summary).toContain(`<a href="${page}">`)
      expect(post.summary).toContain('acme/widgets')
      expectNoLeaks([main, post], [[login, 'alice']])
    },
    60_000
  )

  it('a job cancelled after the mint leaves the token to post, which revokes it', async () => {
    const j = await fixture.start()
    // The whoAmI check hangs: the token exists and main knows it when the signal comes.
    injectFaults(j, [{ path: /\/whoAmI\//, fault: { hang: true } }])
    const inputs = { 'jenkins-url': j.url, username: 'alice', password: 'alice-password' }
    const main = await runStep('main', {
      entry: 'dist',
      inputs,
      interrupt: {
        when: () => until(() => j.requests.some((r) => r.path.includes('whoAmI')), 'whoAmI'),
        signals: ['SIGINT']
      }
    })
    expect(main.exitCode).toBe(1)
    const uuid = j.tokens('alice')[0]?.uuid
    expect(main.stdout).toContain(
      `::error::Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) after token "${NAME}" (${uuid}) was created: the post step revokes it.`
    )
    expect(main.stdout).not.toContain('::warning::')
    const post = await runStep('post', { entry: 'dist', inputs, state: main.state })
    expect(post.stdout).toContain(`Revoked Jenkins API token "${NAME}"`)
    expect(j.tokens('alice')).toHaveLength(0)
  }, 60_000)

  it('a mint that fails while the stop is being reported leaves the stop the only error', async () => {
    const j = await fixture.start()
    const dir = mkdtempSync(join(tmpdir(), 'stop-report-'))
    // The stop's job summary waits (a slow disk); the mint's connection drops meanwhile, so
    // the mint fails in a step that is already reporting its stop.
    const waiting = join(dir, 'waiting')
    setEmulatorHooks(j, {
      beforeHandle: async (ctx) => {
        if (!MINT.test(ctx.rawPath)) return undefined
        await until(() => existsSync(waiting), 'the stop report')
        return { kind: 'destroy' }
      }
    })
    const login = j.addToken('alice', 'login').value
    const preload = join(import.meta.dirname, '..', 'support', 'summary-write-waits.cjs')
    try {
      const main = await runStep('main', {
        entry: 'dist',
        env: { NODE_OPTIONS: `--require ${preload}`, SUMMARY_WRITE_WAITING: waiting },
        inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login, retries: '0' },
        interrupt: {
          when: () => until(() => j.requests.some((r) => MINT.test(r.path)), 'the mint'),
          // The second ends the step whatever its report still waits for.
          signals: ['SIGINT', 'SIGTERM'],
          intervalMs: 1_000
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout.match(/^::error::.*$/gm)).toEqual([
        expect.stringContaining(
          '::error::Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) before Jenkins confirmed a token'
        )
      ])
      expect(main.stdout).not.toContain('Could not reach Jenkins')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})

describe('a job cancelled while the post step revokes the token', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s, post names the token it could not revoke, and where, and passes',
    async (signal) => {
      const j = await fixture.start()
      // Jenkins never answers the revoke: the job is cancelled while post waits for it.
      injectFaults(j, [{ path: /\/revoke\/?$/, fault: { hang: true } }])
      const login = j.addToken('alice', 'login').value
      const inputs = { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
      const main = await runStep('main', { entry: 'dist', inputs })
      expect(main.exitCode).toBe(0)
      const uuid = main.outputs['token-uuid'] ?? ''
      const started = Date.now()
      const post = await runStep('post', {
        entry: 'dist',
        inputs,
        state: main.state,
        interrupt: {
          when: () => until(() => j.requests.some((r) => r.path.endsWith('/revoke')), 'revoke'),
          signals: [signal]
        }
      })
      // Well before the post step's own 10 s limit on the request.
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(j.tokens('alice').map((t) => t.name)).toContain(NAME)

      // Main verified the token (whoAmI): the version it learnt picks the one page.
      const page = `${j.url}user/alice/security/`
      expect(post.exitCode).toBe(0)
      expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
        `::warning::Stopped by ${signal} (the job was cancelled or ran past timeout-minutes) before Jenkins confirmed the revoke of Jenkins API token "${NAME}" (token UUID ${uuid}) of "alice": it may still be valid. Open ${page} and revoke "${NAME}" there if it is listed.`
      ])
      expect(post.stdout).not.toContain('Revoked')
      expect(post.summary).toContain(`<td>${NAME}</td>`)
      expect(post.summary).toContain(`<a href="${page}">`)
      expect(post.summary).toContain('the job stopped before Jenkins confirmed the revoke')
      expectNoLeaks([main, post], [[login, 'alice']])
    },
    60_000
  )
})

describe('a job cancelled after the post step revoked the token', () => {
  it('says it stopped after the lines above, and raises no alarm about the token', async () => {
    const j = await fixture.start()
    const login = j.addToken('alice', 'login').value
    const inputs = { 'jenkins-url': j.url, username: 'alice', 'api-token': login }
    const main = await runStep('main', { entry: 'dist', inputs })
    expect(main.exitCode).toBe(0)
    // The job summary is a pipe no one reads yet: post holds after the revoke, at its summary.
    const dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-fifo-'))
    const summary = join(dir, 'summary')
    execFileSync('mkfifo', [summary])
    let reader: number | undefined
    try {
      const post = await runStep('post', {
        entry: 'dist',
        state: main.state,
        withoutCommandFiles: true,
        env: { GITHUB_STEP_SUMMARY: summary },
        interrupt: {
          when: async () => {
            await until(() => j.tokens('alice').every((t) => t.name !== NAME), 'the revoke')
            // Time for post to read Jenkins's answer and reach its summary, on a loaded machine too.
            await new Promise((resolve) => setTimeout(resolve, 2_000))
            // Then a reader (read and write, so no open blocks), once the signal is in.
            setTimeout(() => {
              reader = openSync(summary, constants.O_RDWR)
            }, 300)
          },
          signals: ['SIGTERM']
        }
      })
      expect(post.exitCode).toBe(0)
      expect(post.stdout).toContain(`Revoked Jenkins API token "${NAME}"`)
      expect(post.stdout).toContain(
        'Stopped by SIGTERM (the job was cancelled or ran past timeout-minutes), after the lines above.'
      )
      expect(post.stdout).not.toContain('::warning::')
      expect(j.tokens('alice').map((t) => t.name)).not.toContain(NAME)
    } finally {
      if (reader !== undefined) closeSync(reader)
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('a job cancelled while the post step is still loading', () => {
  it('holds the signal until post can answer it, then names the token and passes', async () => {
    const pki = makeTestPki(['127.0.0.1'])
    const j = await fixture.start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
    injectFaults(j, [{ path: /\/revoke\/?$/, fault: { hang: true } }])
    // The relay shows when post's warm-up dials: its first move, long before its code loads.
    const relay = await startTcpRelay(j.port)
    try {
      const login = j.addToken('alice', 'login').value
      const inputs = {
        'jenkins-url': `https://127.0.0.1:${relay.port}/`,
        username: 'alice',
        'api-token': login,
        'ca-certificate': pki.caPem
      }
      const main = await runStep('main', { entry: 'dist', inputs })
      expect(main.exitCode).toBe(0)
      const uuid = main.outputs['token-uuid'] ?? ''
      relay.reset()
      const post = await runStep('post', {
        entry: 'dist',
        inputs,
        state: main.state,
        interrupt: {
          when: () => until(() => relay.connections > 0, 'the warm-up dial'),
          signals: ['SIGTERM']
        }
      })
      const page = `https://127.0.0.1:${relay.port}/user/alice/security/`
      expect(post.exitCode).toBe(0)
      expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
        `::warning::Stopped by SIGTERM (the job was cancelled or ran past timeout-minutes) before Jenkins confirmed the revoke of Jenkins API token "${NAME}" (token UUID ${uuid}) of "alice": it may still be valid. Open ${page} and revoke "${NAME}" there if it is listed.`
      ])
      expect(post.summary).toContain(`<td>${NAME}</td>`)
      expectNoLeaks([main, post], [[login, 'alice']])
    } finally {
      await relay.close()
    }
  }, 60_000)
})
