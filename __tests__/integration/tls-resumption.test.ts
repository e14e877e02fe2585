import { beforeAll, describe, expect, it } from '@jest/globals'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import { findLeaks, maskedValues, runStep, type StepResult } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'
import { startFrontDoor } from '../support/front-door.js'

// Post's one connection resumes the TLS session main had with the controller: the server sends
// no certificate and the client checks none, which only the session's secret makes safe. The
// dist bundles, as the runner runs them.
const fixture = emulatorPerTest()
let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

const start = (maxVersion?: 'TLSv1.2') =>
  fixture.start({
    tls: { key: pki.serverKey, cert: pki.serverCert, ...(maxVersion ? { maxVersion } : {}) }
  })

const inputsFor = (j: JenkinsEmulator, extra: Record<string, string> = {}) => ({
  'jenkins-url': `https://127.0.0.1:${j.port}/`,
  username: 'alice',
  password: 'alice-password',
  'ca-certificate': pki.caPem,
  ...extra
})

async function mainStep(j: JenkinsEmulator): Promise<StepResult> {
  const main = await runStep('main', {
    entry: 'dist',
    inputs: inputsFor(j),
    env: { RUNNER_DEBUG: '1' }
  })
  expect(main.stdout).not.toContain('::error::')
  expect(main.exitCode).toBe(0)
  return main
}

async function postStep(state: Record<string, string>): Promise<StepResult> {
  const post = await runStep('post', { entry: 'dist', state, env: { RUNNER_DEBUG: '1' } })
  expect(post.stdout).not.toContain('::error::')
  expect(post.stdout).toContain('Revoked Jenkins API token')
  expect(post.exitCode).toBe(0)
  return post
}

function savedSession(main: StepResult): { host: string; port: number; session: string } {
  return JSON.parse(main.state['tls-session'] ?? '')
}

describe('the TLS session main hands to post', () => {
  it.each([
    ['TLS 1.3', undefined],
    ['TLS 1.2', 'TLSv1.2' as const]
  ])('is resumed by post (%s), and is masked before it is saved', async (_, maxVersion) => {
    const j = await start(maxVersion)
    const main = await mainStep(j)
    expect(j.resumedConnections).toBe(0)
    const saved = savedSession(main)
    expect(saved).toEqual({ host: '127.0.0.1', port: j.port, session: expect.any(String) })
    // It lets its holder pass for the controller: as secret as the token, so masked first.
    expect(maskedValues(main.stdout)).toContain(saved.session)
    const post = await postStep(main.state)
    expect(j.resumedConnections).toBe(1)
    expect(j.connections).toBe(2)
    for (const step of [main, post]) {
      expect(findLeaks(step.stdout + step.stderr + step.summary, [saved.session])).toEqual([])
    }
    expect(j.tokens('alice')).toEqual([])
  })

  it('is not resumed after a restart, whose new process has new ticket keys: a full handshake', async () => {
    const j = await start()
    const main = await mainStep(j)
    await j.restart()
    await j.ready()
    await postStep(main.state)
    expect(j.resumedConnections).toBe(0)
    expect(j.tokens('alice')).toEqual([])
  })

  it.each([
    ['the token is kept (revoke: false)', { revoke: 'false' }, {}],
    [
      'main revoked the token itself (its outputs could not be written)',
      {},
      { unwritable: ['output' as const] }
    ]
  ])('is not saved when post has nothing to revoke: %s', async (_, extra, options) => {
    const j = await start()
    const main = await runStep('main', { entry: 'dist', inputs: inputsFor(j, extra), ...options })
    expect(main.state.minted).toBeDefined()
    expect(main.state['tls-session']).toBeUndefined()
  })

  it.each([
    ['port', (saved: { port: number }) => ({ port: saved.port + 1 })],
    ['host', () => ({ host: 'elsewhere.test' })]
  ])('is offered only to the host and port it came from: another %s', async (_, change) => {
    const j = await start()
    const main = await mainStep(j)
    const saved = savedSession(main)
    // The same server would take it (as above): here the record names another host or port.
    const elsewhere = JSON.stringify({ ...saved, ...change(saved) })
    await postStep({ ...main.state, 'tls-session': elsewhere })
    expect(j.resumedConnections).toBe(0)
    expect(j.tokens('alice')).toEqual([])
  })

  it('is masked before a runner without command files sees the record printed', async () => {
    const j = await start()
    const main = await runStep('main', {
      entry: 'dist',
      inputs: inputsFor(j),
      withoutCommandFiles: true
    })
    expect(main.exitCode).toBe(0)
    const lines = main.stdout.split('\n')
    const record = lines.findIndex((line) => line.startsWith('::save-state name=tls-session::'))
    expect(record).toBeGreaterThanOrEqual(0)
    const session = /"session":"([^"]+)"/.exec(lines[record] ?? '')?.[1] ?? ''
    expect(session).toMatch(/^[A-Za-z0-9+/]{100,}/)
    const mask = lines.indexOf(`::add-mask::${session}`)
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(record)
  })

  it('is not saved for a jenkins-url that post dials over http (main was sent on to https)', async () => {
    const j = await start()
    const door = await startFrontDoor(j.port)
    try {
      const main = await runStep('main', {
        entry: 'dist',
        inputs: {
          'jenkins-url': `http://127.0.0.1:${door.port}/`,
          username: 'alice',
          password: 'alice-password',
          'ca-certificate': pki.caPem
        }
      })
      expect(main.exitCode).toBe(0)
      expect(JSON.parse(main.state.minted ?? '{}').jenkinsUrl).toMatch(/^http:/)
      expect(main.state['tls-session']).toBeUndefined()
      await postStep(main.state)
      expect(j.tokens('alice')).toEqual([])
    } finally {
      await door.close()
    }
  })

  it.each([
    ['not JSON', () => 'not json'],
    ['empty', () => ''],
    ['a session that is not base64', (port: number) => sessionAt(port, 'not base64!')],
    ['a session that is not one', (port: number) => sessionAt(port, 'AAAA')],
    ['a session cut short', (port: number, saved: string) => sessionAt(port, saved.slice(0, 40))]
  ])('a record post cannot use (%s) means a full handshake, and no warning', async (_, record) => {
    const j = await start()
    const main = await mainStep(j)
    const saved = savedSession(main).session
    const post = await postStep({ ...main.state, 'tls-session': record(j.port, saved) })
    expect(post.stdout).not.toContain('::warning::')
    expect(j.resumedConnections).toBe(0)
    expect(j.tokens('alice')).toEqual([])
  })
})

/** A record for the emulator's own host and port, so that only its session is at fault. */
function sessionAt(port: number, session: string): string {
  return JSON.stringify({ host: '127.0.0.1', port, session })
}
