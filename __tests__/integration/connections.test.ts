import { beforeAll, describe, expect, it } from '@jest/globals'
import { runStep } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest, requestPaths } from '../support/emulator-fixture.js'

// What a user waits for is round trips: each step rides one kept-alive connection (one TCP
// connection and, over https, one TLS handshake) for all its requests. The dist bundles, as
// the runner runs them; the emulator counts the connections it accepts.
const fixture = emulatorPerTest()
let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

const alice = { username: 'alice', password: 'alice-password' }

describe('one connection per step', () => {
  it.each(['http', 'https'] as const)(
    'over %s: a password login makes three requests on one connection, post one more',
    async (scheme) => {
      const j = await fixture.start(
        scheme === 'https' ? { tls: { key: pki.serverKey, cert: pki.serverCert } } : {}
      )
      const inputs = {
        'jenkins-url': j.url,
        ...alice,
        ...(scheme === 'https' ? { 'ca-certificate': pki.caPem } : {})
      }
      const main = await runStep('main', { entry: 'dist', inputs })
      expect(main.exitCode).toBe(0)
      expect(requestPaths(j)).toHaveLength(3)
      expect(j.connections).toBe(1)

      const post = await runStep('post', { entry: 'dist', inputs, state: main.state })
      expect(post.exitCode).toBe(0)
      expect(requestPaths(j)).toHaveLength(4)
      expect(j.connections).toBe(2)
    }
  )

  it('an API-token login for another user: look-up, mint and verify on one connection', async () => {
    const j = await fixture.start({ adminCanGenerateNewTokens: true })
    const login = j.addToken('admin', 'login').value
    const main = await runStep('main', {
      entry: 'dist',
      inputs: { 'jenkins-url': j.url, username: 'admin', 'api-token': login, user: 'svc-deploy' }
    })
    expect(main.exitCode).toBe(0)
    expect(requestPaths(j)).toEqual([
      'GET /user/svc-deploy/api/json',
      'POST /user/svc-deploy/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken',
      'GET /whoAmI/api/json'
    ])
    expect(j.connections).toBe(1)
  })
})
