import { afterEach, describe, expect, it } from '@jest/globals'
import { Transport } from '../../src/http/transport.js'
import type { Credentials } from '../../src/jenkins/credentials.js'
import { revokeOwnToken } from '../../src/jenkins/revoke.js'
import { generateTokenByScript } from '../../src/jenkins/script-console.js'
import { openSession } from '../../src/jenkins/session.js'
import { generateNewToken, revokeAsLogin, whoAmI } from '../../src/jenkins/tokens.js'
import { injectFaults } from '../emulator/faults.js'
import { type JenkinsEmulator, startJenkinsEmulator } from '../emulator/jenkins-emulator.js'
import type { EmulatorOptions } from '../emulator/types.js'

// The Jenkins client on its own, without the GitHub glue, against the emulator.
let jenkins: JenkinsEmulator | undefined
afterEach(async () => {
  await jenkins?.close()
  jenkins = undefined
})

async function emulator(options: EmulatorOptions = {}) {
  jenkins = await startJenkinsEmulator(options)
  return jenkins
}

const transport = () =>
  new Transport({
    timeoutMs: 5000,
    retries: 2,
    budgetMs: 20_000,
    backoffMs: 1,
    debug: () => undefined
  })
const password: Credentials = { username: 'alice', secret: 'alice-password', kind: 'password' }
const request = { user: 'alice', owner: { me: true } as const, name: 'ci', expiration: null }

describe('openSession', () => {
  it('returns the crumb with the session cookie it was issued under, and the version', async () => {
    const j = await emulator({ version: '2.555.1' })
    const session = await openSession(j.url, password, transport())
    expect(session.version).toBe('2.555.1')
    expect(session.crumb['Jenkins-Crumb']).toMatch(/^[0-9a-f]{64}$/)
    expect(await session.cookies.header(`${j.url}user/alice/`)).toMatch(/^JSESSIONID\.[0-9a-f]{8}=/)
  })

  it('sends nothing extra when the controller has no crumb issuer', async () => {
    const j = await emulator({ crumbIssuer: false })
    const session = await openSession(j.url, password, transport())
    expect(session.crumb).toEqual({})
  })

  it('refuses an answer that is not the crumb issuer', async () => {
    const j = await emulator()
    injectFaults(j, [{ path: /crumbIssuer/, fault: { status: 200, body: '{"hello":"world"}' } }])
    await expect(openSession(j.url, password, transport())).rejects.toThrow(
      "is not Jenkins's crumb issuer"
    )
  })
})

describe('generateNewToken', () => {
  it('mints with a password session and reports whether expiry was applied', async () => {
    const j = await emulator()
    const session = await openSession(j.url, password, transport())
    const token = await generateNewToken(
      j.url,
      password,
      { ...request, expiration: '2099-12-31' },
      transport(),
      session
    )
    expect(token.value).toMatch(/^11[0-9a-f]{32}$/)
    expect(token.expiryApplied).toBe(true)
    expect(j.tokens('alice')[0]?.expirationDate).toBe('2099-12-31')
  })

  it('is refused without the crumb a password login needs', async () => {
    const j = await emulator()
    await expect(generateNewToken(j.url, password, request, transport())).rejects.toThrow(
      'no valid CSRF crumb'
    )
  })

  it('needs no crumb with an API token', async () => {
    const j = await emulator()
    const login = j.addToken('alice', 'login')
    const token = await generateNewToken(
      j.url,
      { username: 'alice', secret: login.value, kind: 'api-token' },
      request,
      transport()
    )
    expect(token.name).toBe('ci')
  })

  it('tells a user id from a missing user', async () => {
    const j = await emulator()
    const login = j.addToken('admin', 'login')
    const admin: Credentials = { username: 'admin', secret: login.value, kind: 'api-token' }
    await expect(
      generateNewToken(
        j.url,
        admin,
        { ...request, user: 'nobody', owner: { me: false, id: 'nobody' } },
        transport()
      )
    ).rejects.toThrow('answered 404 for the user "nobody": no such user')
  })

  it('records a mint Node refused to build as not created, and sends nothing', async () => {
    const j = await emulator()
    const session = await openSession(j.url, password, transport())
    // A crumb openSession would refuse, to reach the transport's own check.
    const broken = { ...session, crumb: { 'Jenkins-Crumb': 'a\nb' } }
    const answered: Array<[string, boolean]> = []
    const uncertain: string[] = []
    await expect(
      generateNewToken(j.url, password, request, transport(), broken, {
        answered: (name, created) => answered.push([name, created]),
        uncertain: (name) => uncertain.push(name)
      })
    ).rejects.toThrow('nothing was sent to Jenkins')
    expect(answered).toEqual([['ci', false]])
    expect(uncertain).toEqual([])
    expect(j.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('records each attempt under its own name, and which ones are uncertain', async () => {
    const j = await emulator()
    injectFaults(j, [{ path: /generateNewToken/, times: 2, fault: { reset: 'after' } }])
    const login = j.addToken('alice', 'login')
    const attempted: string[] = []
    const uncertain: string[] = []
    const token = await generateNewToken(
      j.url,
      { username: 'alice', secret: login.value, kind: 'api-token' },
      request,
      transport(),
      undefined,
      { attempting: (name) => attempted.push(name), uncertain: (name) => uncertain.push(name) }
    )
    expect(attempted).toEqual(['ci', 'ci (attempt 2)', 'ci (attempt 3)'])
    expect(uncertain).toEqual(['ci', 'ci (attempt 2)'])
    expect(token.name).toBe('ci (attempt 3)')
  })
})

describe('a crumb field nginx drops from the headers', () => {
  it('reaches Jenkins as a parameter of the mint and of the revoke as the login', async () => {
    const j = await emulator({
      crumbRequestField: '_crumb',
      reverseProxy: { ignoreInvalidHeaders: true }
    })
    const session = await openSession(j.url, password, transport())
    const token = await generateNewToken(j.url, password, request, transport(), session)
    await revokeAsLogin(j.url, password, { me: true }, token.uuid, transport(), session)
    expect(j.tokens('alice')).toEqual([])
    expect(j.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([200, 200])
  })
})

describe('a password session the controller forgot (a restart since the crumb)', () => {
  it('opens a new session once and mints under the next name', async () => {
    const j = await emulator()
    const session = await openSession(j.url, password, transport())
    await j.restart()
    await j.ready()
    const answered: Array<[string, boolean]> = []
    const attempted: string[] = []
    const token = await generateNewToken(j.url, password, request, transport(), session, {
      attempting: (name) => attempted.push(name),
      answered: (name, created) => answered.push([name, created])
    })
    expect(token.name).toBe('ci (attempt 2)')
    expect(attempted).toEqual(['ci', 'ci (attempt 2)'])
    expect(answered).toEqual([
      ['ci', false],
      ['ci (attempt 2)', true]
    ])
    expect(j.tokens('alice').map((t) => t.name)).toEqual(['ci (attempt 2)'])
    // The refused mint, then the new session's crumb.
    expect(j.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /crumbIssuer/api/json 200',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken 403',
      'GET /crumbIssuer/api/json 200',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken 200'
    ])
  })

  it('does the same for the script console and for a revoke with the login', async () => {
    const j = await emulator()
    const admin: Credentials = { username: 'admin', secret: 'admin-password', kind: 'password' }
    const session = await openSession(j.url, admin, transport())
    await j.restart()
    await j.ready()
    const token = await generateTokenByScript(
      j.url,
      admin,
      { user: 'alice', name: 'ci', expiration: null },
      transport(),
      session
    )
    expect(token.name).toBe('ci (attempt 2)')
    await j.restart()
    await j.ready()
    await revokeAsLogin(j.url, admin, { me: false, id: 'alice' }, token.uuid, transport(), session)
    expect(j.tokens('alice')).toEqual([])
    expect(j.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      403, 200, 403, 200
    ])
  })

  it('opens a new session only once: a crumb refused again is the answer', async () => {
    const j = await emulator()
    const session = await openSession(j.url, password, transport())
    // Every mint refused for its crumb, as behind a proxy that drops the session cookie.
    injectFaults(j, [
      {
        path: /generateNewToken/,
        fault: { status: 403, body: 'No valid crumb was included in the request' }
      }
    ])
    await expect(generateNewToken(j.url, password, request, transport(), session)).rejects.toThrow(
      'no valid CSRF crumb'
    )
    const mints = j.requests.filter((r) => r.method === 'POST')
    expect(mints).toHaveLength(2)
    expect(j.requests.filter((r) => r.path === '/crumbIssuer/api/json')).toHaveLength(2)
    expect(j.tokens('alice')).toEqual([])
  })

  it('gives no hint about how the password was written when the new session is refused', async () => {
    const j = await emulator()
    const session = await openSession(j.url, password, transport())
    injectFaults(j, [
      {
        path: /generateNewToken/,
        times: 1,
        fault: { status: 403, body: 'No valid crumb was included in the request' }
      },
      { path: /crumbIssuer/, fault: { status: 401, challenge: 'Basic realm="Jenkins"' } }
    ])
    const failure = generateNewToken(j.url, password, request, transport(), session)
    await expect(failure).rejects.toThrow('were rejected')
    await expect(failure).rejects.not.toThrow('single sign-on')
  })

  it('needs no new session with an API token', async () => {
    const j = await emulator()
    const login = j.addToken('alice', 'login')
    injectFaults(j, [
      {
        path: /generateNewToken/,
        fault: { status: 403, body: 'No valid crumb was included in the request' }
      }
    ])
    await expect(
      generateNewToken(
        j.url,
        { username: 'alice', secret: login.value, kind: 'api-token' },
        request,
        transport()
      )
    ).rejects.toThrow()
    expect(j.requests.filter((r) => r.path === '/crumbIssuer/api/json')).toEqual([])
  })
})

describe('whoAmI and revokeOwnToken', () => {
  it('proves who a token authenticates as, and that it is gone after revocation', async () => {
    const j = await emulator()
    const t = j.addToken('svc-deploy', 'ci')
    expect(await whoAmI(j.url, 'svc-deploy', t.value, transport())).toEqual({
      name: 'svc-deploy',
      version: '2.568.3'
    })
    expect(await revokeOwnToken(j.url, 'svc-deploy', t.value, t.uuid, transport())).toBe('revoked')
    // A revoked token no longer authenticates: Jenkins rejects the second revoke with 401.
    expect(await revokeOwnToken(j.url, 'svc-deploy', t.value, t.uuid, transport())).toBe('rejected')
    await expect(whoAmI(j.url, 'svc-deploy', t.value, transport())).rejects.toThrow(
      'The new token does not authenticate'
    )
  })

  it('refuses an answer in which the token is anonymous', async () => {
    const j = await emulator()
    injectFaults(j, [
      {
        path: /whoAmI/,
        fault: {
          status: 200,
          body: '{"_class":"hudson.security.WhoAmI","anonymous":true,"authenticated":true,"authorities":["anonymous"],"name":"anonymous"}'
        }
      }
    ])
    await expect(whoAmI(j.url, 'alice', 'x', transport())).rejects.toThrow(
      'authenticates as "anonymous" (anonymous), not as "alice"'
    )
  })
})
