/**
 * Self-hosted runners still on runner 2.327.x start the action with Node.js 24.4, older than
 * the 24.5 of Agent proxyEnv and tls.setDefaultCACertificates. The committed dist/ on that
 * Node (scripts/test-tools.sh installs it into build/): a ca-certificate still adds to the
 * default roots, through a TLS context of the agents' own, and a proxy fails with a message
 * that names the runner version needed, rather than going direct.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { runStep } from '../support/action-runner.js'
import { makeTestPki } from '../support/certificates.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'

const NODE = join(
  import.meta.dirname,
  '..',
  '..',
  'build',
  'node-24.4',
  'node_modules',
  '.bin',
  'node'
)
const missing = existsSync(NODE)
  ? null
  : `${NODE} is missing: scripts/test-tools.sh (run before npm test) installs it`
const fixture = emulatorPerTest()
const pki = makeTestPki(['127.0.0.1'])

describe('the dist bundles on Node.js 24.4 (runner 2.327.x)', () => {
  it('has that Node.js to run them on', () => {
    expect(missing).toBeNull()
  })

  it('mints over https with a ca-certificate, and post revokes', async () => {
    if (missing) return
    const j = await fixture.start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
    const inputs = {
      'jenkins-url': j.url,
      username: 'alice',
      password: 'alice-password',
      'ca-certificate': pki.caPem
    }
    const main = await runStep('main', { inputs, node: NODE })
    expect(main.stdout).not.toContain('::error::')
    expect(main.exitCode).toBe(0)
    expect(main.outputs.token).toMatch(/^11[0-9a-f]{32}$/)
    expect(j.tokens('alice')).toHaveLength(1)
    const post = await runStep('post', { state: main.state, node: NODE })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked Jenkins API token')
    // Post resumed main's TLS session there too (the session's form differs across Node 24s).
    expect([j.connections, j.resumedConnections]).toEqual([2, 1])
    expect(j.tokens('alice')).toEqual([])
  })

  it('refuses a proxy, naming the runner version that has what it needs', async () => {
    if (missing) return
    // Nothing is dialled: the step stops at the proxy's variable, before any connection.
    const main = await runStep('main', {
      inputs: {
        'jenkins-url': 'https://ci.example.com/',
        username: 'alice',
        'api-token': '11aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
      },
      env: { HTTPS_PROXY: 'http://127.0.0.1:9' },
      node: NODE
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toContain('needs Node.js 24.5 or later; this runner runs it on Node.js 24.4.1')
    expect(error).toContain('runner to version 2.328.0 or later')
  })
})
