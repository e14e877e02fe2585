/**
 * Tokens for a service user that nobody logs in as: an administrator mints for it over REST
 * (with adminCanGenerateNewTokens) or through the script console (without it). Both paths run
 * through the steps' entry points against the emulator: mint, verify as the service user,
 * output, revoke, and never print the token.
 */
import { describe, expect, it } from '@jest/globals'
import { RESULT_PREFIX, SCRIPT_HEADER } from '../../src/jenkins/script-console.js'
import { inline } from '../../src/runner/log-text.js'
import { injectFaults } from '../emulator/faults.js'
import type { JenkinsEmulator, StoredToken } from '../emulator/jenkins-emulator.js'
import { runJob, runStep } from '../support/action-runner.js'
import {
  emulatorPerTest,
  expectNoLeaks,
  requestPaths as paths
} from '../support/emulator-fixture.js'
import { utcDatePlus, whoAmIStatus } from '../support/jenkins-probe.js'

const entry = 'src' as const

const fixture = emulatorPerTest()
const emulator = fixture.start

const adminPassword = { username: 'admin', password: 'admin-password' }
const svc = { user: 'svc-deploy', 'token-name': 'deploy from CI' }

/** The full life of a service user's token: checks shared by both administrator paths. */
async function mintVerifyRevoke(
  j: JenkinsEmulator,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {}
) {
  let validBetweenSteps = 0
  let stored: StoredToken[] = []
  const { main, post } = await runJob(
    { entry, env, inputs: { 'jenkins-url': j.url, ...inputs } },
    async (m) => {
      validBetweenSteps = await whoAmIStatus(j.url, inputs.user ?? '', m.outputs.token ?? '')
      stored = j.tokens(inputs.user ?? '')
    }
  )
  expect(main.exitCode).toBe(0)
  const token = main.outputs.token ?? ''
  expect(token).toMatch(/^11[0-9a-f]{32}$/)
  expect(main.outputs).toMatchObject({
    user: inputs.user,
    'token-name': inputs['token-name'],
    'jenkins-url': j.url
  })
  expect(validBetweenSteps).toBe(200)
  // The action's own whoAmI check authenticated as the service user, with the new token.
  const verify = j.requests.find((r) => r.path.endsWith('whoAmI/api/json'))
  expect([verify?.user, verify?.authKind]).toEqual([inputs.user, 'token'])
  expect(main.stdout).toContain(
    `Verified: the token authenticates as ${inline(inputs.user ?? '')}.`
  )
  expect(post.exitCode).toBe(0)
  expect(post.stdout).toContain('Revoked Jenkins API token')
  expect(await whoAmIStatus(j.url, inputs.user ?? '', token)).toBe(401)
  expect(j.tokens(inputs.user ?? '').filter((t) => t.uuid === main.outputs['token-uuid'])).toEqual(
    []
  )
  const login = inputs.password ?? inputs['api-token'] ?? ''
  expectNoLeaks(
    [main, post],
    [
      [token, inputs.user ?? ''],
      [login, inputs.username ?? '']
    ]
  )
  return { main, post, token, stored }
}

describe('REST, with adminCanGenerateNewTokens', () => {
  it('does not call a user it had just found missing when generateNewToken answers 404', async () => {
    const j = await emulator({ adminCanGenerateNewTokens: true })
    injectFaults(j, [{ path: /generateNewToken$/, fault: { status: 404 } }])
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...adminPassword, ...svc }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins 2.568.3 answered 404 to generateNewToken for "svc-deploy", whom it had just found, though it has generateNewToken (from 2.129): something in front of Jenkins'
    )
    expect(main.stdout).not.toContain('no such user')
    expect(main.stdout).not.toContain('Check the user input')
  })
  it('mints for the service user, verifies as it, outputs and revokes', async () => {
    const j = await emulator({ adminCanGenerateNewTokens: true })
    const { main, stored } = await mintVerifyRevoke(j, { ...adminPassword, ...svc })
    // The id first: Jenkins would also take a full name, which Basic auth does not.
    expect(paths(j).slice(0, 4)).toEqual([
      'GET /crumbIssuer/api/json',
      'GET /user/svc-deploy/api/json',
      'POST /user/svc-deploy/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken',
      'GET /whoAmI/api/json'
    ])
    expect(stored.map((t) => [t.uuid, t.name])).toEqual([
      [main.outputs['token-uuid'], 'deploy from CI']
    ])
  })

  it("lets the administrator revoke the service user's token too", async () => {
    const j = await emulator({ adminCanGenerateNewTokens: true })
    const { post } = await runJob(
      { entry, inputs: { 'jenkins-url': j.url, ...adminPassword, ...svc } },
      async (m) => {
        const adminToken = j.addToken('admin', 'admin login').value
        const revoke = await fetch(
          `${j.url}user/svc-deploy/descriptorByName/jenkins.security.ApiTokenProperty/revoke`,
          {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`admin:${adminToken}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded'
            },
            body: `tokenUuid=${m.outputs['token-uuid']}`
          }
        )
        expect(revoke.status).toBe(200)
        expect(await whoAmIStatus(j.url, 'svc-deploy', m.outputs.token ?? '')).toBe(401)
      }
    )
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('(HTTP 401), so it could not revoke itself.')
    expect(post.stdout).toContain(`Open ${j.url}user/svc-deploy/security/ and revoke`)
  })
  describe('a user spelt like the login in another case', () => {
    // LDAP can be set to a case-sensitive id strategy: `Ops` and `ops` are then two users.
    const caseSensitive = {
      idStrategy: 'case-sensitive' as const,
      users: [
        { id: 'ops', password: 'ops-password', admin: true },
        { id: 'Ops', password: 'Ops-password' }
      ]
    }
    const opsLogin = { username: 'ops', password: 'ops-password', user: 'Ops' }

    it('is another user under a case-sensitive id strategy: the token is theirs', async () => {
      const j = await emulator({ ...caseSensitive, adminCanGenerateNewTokens: true })
      const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...opsLogin } })
      expect(main.exitCode).toBe(0)
      expect(main.outputs.user).toBe('Ops')
      expect(j.tokens('Ops').map((t) => t.uuid)).toEqual([main.outputs['token-uuid']])
      expect(j.tokens('ops')).toEqual([])
      expect(paths(j)).toContain(
        'POST /user/Ops/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
      )
    })

    it("is refused, not served the login's own token, without the property", async () => {
      const j = await emulator(caseSensitive)
      const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...opsLogin } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        'Jenkins refused to let "ops" create a token for "Ops" (HTTP 403).'
      )
      expect(j.tokens('ops')).toEqual([])
      expect(main.outputs.token).toBeUndefined()
    })

    it('is named as a spelling when Jenkins has no record of it: a realm user before login', async () => {
      const j = await emulator({ users: [{ id: 'carol', password: 'carol-pw', record: false }] })
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'carol', password: 'carol-pw', user: 'Carol' }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        '::error::Jenkins has no user record "Carol" (HTTP 404). If it is the login user "carol" itself, spell the user input exactly as username, or leave it out'
      )
      expect(j.tokens('carol')).toEqual([])
      expect(paths(j).filter((p) => p.startsWith('POST'))).toEqual([])
    })

    it('is not named as a spelling when the lookup fails otherwise', async () => {
      const j = await emulator({ users: [{ id: 'carol', password: 'carol-pw', record: false }] })
      injectFaults(j, [{ path: /\/user\/Carol\/api\/json/, fault: { status: 500 } }])
      const main = await runStep('main', {
        entry,
        inputs: {
          'jenkins-url': j.url,
          username: 'carol',
          password: 'carol-pw',
          user: 'Carol',
          retries: '0'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain('(HTTP 500)')
      expect(main.stdout).not.toContain('no user record')
    })

    it('is not named as a spelling for a user spelt otherwise', async () => {
      const j = await emulator()
      const main = await runStep('main', {
        entry,
        inputs: {
          'jenkins-url': j.url,
          username: 'alice',
          password: 'alice-password',
          user: 'nobody'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        '::error::Jenkins has no user "nobody" (HTTP 404 for its id or full name). Check the user input'
      )
      expect(main.stdout).not.toContain('spell the user input')
    })

    it('is not named as a spelling when the 404 is a wrong jenkins-url', async () => {
      const j = await emulator({ contextPath: '/jenkins' })
      const root = new URL(j.url)
      root.pathname = '/'
      const main = await runStep('main', {
        entry,
        inputs: {
          'jenkins-url': root.href,
          username: 'alice',
          'api-token': j.addToken('alice', 'login').value,
          user: 'Alice'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(`Jenkins answers at ${j.url}: set jenkins-url to it.`)
      expect(main.stdout).not.toContain('spell the user input')
    })

    it('is the login user itself under the default id strategy, which Jenkins decides', async () => {
      const j = await emulator()
      const main = await runStep('main', {
        entry,
        inputs: {
          'jenkins-url': j.url,
          username: 'ALICE',
          password: 'alice-password',
          user: 'alice'
        }
      })
      expect(main.exitCode).toBe(0)
      expect(main.outputs.user).toBe('alice')
      expect(j.tokens('alice').map((t) => t.uuid)).toEqual([main.outputs['token-uuid']])
      expect(paths(j)).toContain(
        'POST /user/alice/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
      )
    })
  })
})

describe('script console, without adminCanGenerateNewTokens', () => {
  it('mints with a password login: crumb and session cookie on the POST to scriptText', async () => {
    const j = await emulator()
    const { main, stored } = await mintVerifyRevoke(j, {
      ...adminPassword,
      ...svc,
      method: 'script-console'
    })
    expect(paths(j).slice(0, 3)).toEqual([
      'GET /crumbIssuer/api/json',
      'POST /scriptText',
      'GET /whoAmI/api/json'
    ])
    const script = j.requests[1]
    expect([script?.crumbSent, script?.cookieSent, script?.user]).toEqual([true, true, 'admin'])
    expect(new URLSearchParams(script?.body).get('script')?.split('\n')[0]).toBe(SCRIPT_HEADER)
    expect(stored.map((t) => [t.uuid, t.name, t.expirationDate])).toEqual([
      [main.outputs['token-uuid'], 'deploy from CI', utcDatePlus(1)]
    ])
    expect(main.outputs['expiration-date']).toBe(utcDatePlus(1))
    expect(main.outputs['jenkins-version']).toBe('2.568.3')
  })

  it('mints with an API-token login: no crumb, and debug logging shows no secret', async () => {
    const j = await emulator()
    const login = j.addToken('admin', 'long-lived admin login').value
    const { main } = await mintVerifyRevoke(
      j,
      { username: 'admin', 'api-token': login, ...svc, method: 'script-console' },
      { RUNNER_DEBUG: '1' }
    )
    expect(paths(j).slice(0, 2)).toEqual(['POST /scriptText', 'GET /whoAmI/api/json'])
    expect(j.requests[0]?.crumbSent).toBe(false)
    expect(main.stdout).toContain('::debug::POST /scriptText -> 200')
    // The admin's login token is untouched.
    expect(j.tokens('admin').map((t) => t.name)).toEqual(['long-lived admin login'])
  })

  it('outputs and saves the id Jenkins stores, not the case the input used', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        ...adminPassword,
        ...svc,
        user: 'SVC-Deploy',
        method: 'script-console',
        verify: 'false'
      }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.user).toBe('svc-deploy')
    expect(JSON.parse(main.state.minted ?? '{}')).toMatchObject({ user: 'svc-deploy' })
    expect(j.tokens('svc-deploy').map((t) => t.name)).toEqual(['deploy from CI'])
  })

  it('mints a token without expiry before 2.548, and says so', async () => {
    const j = await emulator({ version: '2.541.3' })
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...adminPassword, ...svc, method: 'script-console' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['expiration-date']).toBe('never')
    expect(main.stdout).toContain(
      '::notice::This Jenkins ignores token expiry (it needs 2.548 or later)'
    )
    expect(j.tokens('svc-deploy')[0]?.expirationDate).toBeNull()
  })

  it('carries a hostile user id and token name through as inert text', async () => {
    const user = `o'brien"\${System.exit(3)}$HOME\\u0027''' é✓😀\nsecond line`
    const name = `deploy '''"""\${System.exit(3)}\\' \\u0027 $x /* ✓\n// next line`
    const j = await emulator({
      users: [
        { id: 'admin', password: 'admin-password', admin: true },
        { id: user, password: 'unknown to anyone' }
      ]
    })
    const { main, stored } = await mintVerifyRevoke(j, {
      ...adminPassword,
      user,
      'token-name': name,
      method: 'script-console'
    })
    expect(stored.map((t) => t.name)).toEqual([name])
    expect(main.outputs['token-name']).toBe(name)
  })
})

describe('script console errors', () => {
  const scriptConsole = { ...adminPassword, ...svc, method: 'script-console' }

  async function failing(inputs: Record<string, string>, url?: string) {
    const j = fixture.current ?? (await emulator())
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': url ?? j.url, retries: '0', ...inputs }
    })
    expect(main.exitCode).toBe(1)
    expect(j.tokens('svc-deploy')).toHaveLength(0)
    return main
  }

  /** The step, with something in front of Jenkins answering POST scriptText itself. */
  async function scriptTextAnsweredWith(status: number, body: string) {
    const j = await emulator()
    const proxy = await fixture.proxy(j.url, (req) =>
      req.url?.endsWith('/scriptText') ? { status, body } : 'forward'
    )
    return failing(scriptConsole, proxy.url)
  }

  it('no such user', async () => {
    const main = await failing({ ...scriptConsole, user: 'Deploy Bot' })
    expect(main.stdout).toContain(
      '::error::Jenkins has no user with the id "Deploy Bot" (the script console looks users up by id, not by full name; a user of an external security realm such as LDAP has one only once it has logged in). Check the user input.'
    )
    expect(main.state.minted).toBeUndefined()
    expect(JSON.parse(main.state.attempts ?? '{}').attempts).toEqual([
      { name: 'deploy from CI', outcome: 'not-created' }
    ])
    expect(main.stdout).not.toContain('::warning::')
  })

  it('a user without an API token property', async () => {
    await emulator({
      users: [
        { id: 'admin', password: 'admin-password', admin: true },
        { id: 'svc-deploy', password: 'p', apiTokenProperty: false }
      ]
    })
    const main = await failing(scriptConsole)
    expect(main.stdout).toContain(
      '::error::The Jenkins user "svc-deploy" has no API token property (jenkins.security.ApiTokenProperty), so the script console cannot give it a token. method: rest adds the property'
    )
    // The script's own answer: it made nothing, so no token is named as one that may exist.
    expect(JSON.parse(main.state.attempts ?? '{}').attempts).toEqual([
      { name: 'deploy from CI', outcome: 'not-created' }
    ])
    expect(main.stdout).not.toContain('::warning::')
  })

  it('a login without Overall/Administer', async () => {
    const main = await failing({ ...scriptConsole, username: 'alice', password: 'alice-password' })
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 403): the script console needs Overall/Administer, which "alice" lacks. Log in as an administrator, or use method: rest and log in as "svc-deploy" itself.'
    )
  })

  it.each([
    ['2.204', 'RunScripts'],
    ['2.221', 'RunScripts'],
    ['2.222', 'Administer']
  ])(
    '%s: a login without Overall/%s, which the script console needs',
    async (version, permission) => {
      await emulator({ version })
      const main = await failing({
        ...scriptConsole,
        username: 'alice',
        password: 'alice-password'
      })
      expect(main.stdout).toContain(
        `(HTTP 403): the script console needs Overall/${permission}, which "alice" lacks.`
      )
    }
  )

  it('a login without Overall/Administer, minting for itself', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        retries: '0',
        username: 'alice',
        password: 'alice-password',
        method: 'script-console'
      }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 403): the script console needs Overall/Administer, which "alice" lacks. Log in as an administrator, or use method: rest (with which a user creates its own tokens).'
    )
  })

  it('a blocked script console', async () => {
    await emulator({ scriptConsoleBlocked: true })
    const main = await failing(scriptConsole)
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 403): the script console is disabled or blocked for "admin" (by a plugin, the authorization strategy or a proxy in front of Jenkins). Use method: rest instead'
    )
  })

  // Jenkins explains each 403 of its own: not a blocked script console.
  it.each([
    [
      'No valid crumb was included in the request',
      '(HTTP 403): no valid CSRF crumb. Jenkins requires a crumb for POSTs authenticated with a password'
    ],
    ['Authentication required', '(HTTP 403): Jenkins treated the request as anonymous.']
  ])('a 403 "%s" is not a blocked script console', async (body, message) => {
    const main = await scriptTextAnsweredWith(403, body)
    expect(main.stdout).toContain(`::error::Jenkins refused the script console request ${message}`)
    expect(main.stdout).not.toContain('disabled or blocked')
  })

  it('a 405 with Jenkins\'s "requires POST": the POST reached it as another method', async () => {
    const main = await scriptTextAnsweredWith(405, 'This URL requires POST')
    expect(main.stdout).toContain(
      "::error::Jenkins refused the script console request (HTTP 405): Jenkins says the URL requires POST, so the action's POST reached it as another method"
    )
  })

  // Jenkins had answered at the root: a proxy's rule, not a redirect, refused the POST.
  it('a 405 without X-Jenkins or its page: something in front of Jenkins refuses the POST', async () => {
    const main = await scriptTextAnsweredWith(
      405,
      '<html><body><h1>405 Not Allowed</h1></body></html>'
    )
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 405), without Jenkins\'s X-Jenkins header or its "requires POST" page: something in front of Jenkins (a proxy, firewall rule or web application firewall) most likely refuses POST requests to this URL. Have it let POST requests to Jenkins through for the runner.'
    )
    expect(main.stdout).not.toContain('redirect')
  })

  it('no script console at the URL', async () => {
    const main = await scriptTextAnsweredWith(404, 'Not Found')
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 404): no script console at /scriptText, though Jenkins answers at jenkins-url: a plugin or a proxy in front of Jenkins hides it. Use method: rest instead, or have POST /scriptText let through for the runner.'
    )
    // Jenkins had just answered at the root: the URL is not what is wrong.
    expect(main.stdout).not.toContain('Check jenkins-url')
  })

  it('wrong API token', async () => {
    const main = await failing({
      ...scriptConsole,
      password: '',
      'api-token': `11${'0'.repeat(32)}`
    })
    expect(main.stdout).toContain(
      '::error::Jenkins refused the script console request (HTTP 401): the credentials of "admin" were rejected.'
    )
  })

  it('a script that fails, which may have created the token', async () => {
    await emulator({ version: '2.107' })
    const main = await failing(scriptConsole)
    expect(main.stdout).toContain(
      `::error::Jenkins ran the action's script, but it failed with groovy.lang.MissingPropertyException (the script needs Jenkins 2.129 or later). Jenkins may hold a token from this step: the warnings above name each one, its user and the page to revoke it on.\n`
    )
    expect(main.stdout).toContain(
      '::warning::Jenkins may hold an API token named "deploy from CI" for the user "svc-deploy": the answer to the request that creates it was lost or unclear'
    )
  })

  it('a script that fails on a current Jenkins is not blamed on its version', async () => {
    const trace =
      'java.io.IOException: No space left on device\n\tat hudson.model.User.save(User.java:812)\n'
    const main = await scriptTextAnsweredWith(200, trace)
    expect(main.stdout).toContain(
      "::error::Jenkins ran the action's script, but it failed with java.io.IOException. Jenkins may hold a token from this step"
    )
    expect(main.stdout).not.toContain('2.129')
  })

  it('an answer that is not the script console', async () => {
    const main = await scriptTextAnsweredWith(200, '<html>Sign in</html>')
    expect(main.stdout).toContain(
      "::error::The answer to the script console request has no result from the action's script (got text/html). Check jenkins-url: it must be the controller itself, not a proxy or a login page. Jenkins may hold a token from this step: the warnings above name each one, its user and the page to revoke it on.\n"
    )
    expect(main.stdout).toContain('::warning::Jenkins may hold an API token named "deploy from CI"')
  })

  it('an answer it cannot use, which holds a token: never printed', async () => {
    const value = `11${'ab'.repeat(16)}`
    const line = `${RESULT_PREFIX}{"user":"svc-deploy","name":"x","uuid":"u","value":"${value}","expiresOn":null}`
    const main = await scriptTextAnsweredWith(200, `${line}\n${line}\n`)
    expect(main.stdout).toContain(
      "::error::The answer to the script console request has no result from the action's script"
    )
    expectNoLeaks([main], [[value, 'svc-deploy']])
  })

  // Jenkins answers so when no script arrived; a middlebox that drops bodies may as well have
  // dropped the answer of a script that ran, so the token is named as one that may exist.
  it('an empty answer: the script never arrived, or its answer was lost', async () => {
    const main = await scriptTextAnsweredWith(200, '')
    expect(main.stdout).toContain(
      '::error::Jenkins answered the script console request with nothing: the script did not arrive, or its answer was lost on the way.'
    )
    expect(JSON.parse(main.state.attempts ?? '{}').attempts).toEqual([
      { name: 'deploy from CI', outcome: 'may-exist' }
    ])
    expect(main.stdout).toContain(
      '::warning::Jenkins may hold an API token named "deploy from CI" for the user "svc-deploy"'
    )
  })

  it('an answer of only a line break is an empty answer too', async () => {
    const main = await scriptTextAnsweredWith(200, '\r\n')
    expect(main.stdout).toContain(
      '::error::Jenkins answered the script console request with nothing: the script did not arrive, or its answer was lost on the way.'
    )
  })

  it('an unknown method', async () => {
    const j = await emulator()
    const main = await failing({ ...scriptConsole, method: 'groovy' })
    expect(main.stdout).toContain(
      '::error::Input method must be rest or script-console; got "groovy".'
    )
    expect(j.requests).toHaveLength(0)
  })
})
