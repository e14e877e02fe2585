import { beforeAll, describe, expect, it } from '@jest/globals'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import { findLeaks, maskedValues, runStep, type StepResult } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'

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

async function mainStep(
  j: JenkinsEmulator,
  extra: Record<string, string> = {}
): Promise<StepResult> {
  const main = await runStep('main', {
    entry: 'dist',
    inputs: {
      'jenkins-url': `https://127.0.0.1:${j.port}/`,
      username: 'alice',
      password: 'alice-password',
      'ca-certificate': pki.caPem,
      ...extra
    },
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
    const main = await runStep('main', {
      entry: 'dist',
      inputs: {
        'jenkins-url': `https://127.0.0.1:${j.port}/`,
        username: 'alice',
        password: 'alice-password',
        'ca-certificate': pki.caPem,
        ...extra
      },
      ...options
    })
    expect(main.state.minted).toBeDefined()
    expect(main.state['tls-session']).toBeUndefined()
  })

  it('is offered only to the host and port it came from', async () => {
    const j = await start()
    const main = await mainStep(j)
    const saved = savedSession(main)
    // The same server would take it (as above): here the record names another port.
    const elsewhere = JSON.stringify({ ...saved, port: saved.port + 1 })
    await postStep({ ...main.state, 'tls-session': elsewhere })
    expect(j.resumedConnections).toBe(0)
    expect(j.tokens('alice')).toEqual([])
  })

  it.each(['not json', '{"host":"127.0.0.1","port":1,"session":"not base64!"}', ''])(
    'a record post cannot read (%j) means a full handshake, and no warning',
    async (record) => {
      const j = await start()
      const main = await mainStep(j)
      const post = await postStep({ ...main.state, 'tls-session': record })
      expect(post.stdout).not.toContain('::warning::')
      expect(j.resumedConnections).toBe(0)
      expect(j.tokens('alice')).toEqual([])
    }
  )
})
