import { describe, expect, it } from '@jest/globals'
import { injectFaults } from '../emulator/faults.js'
import { maskedValues, runJob, runStep } from '../support/action-runner.js'
import {
  emulatorPerTest,
  expectNoLeaks,
  expectOnlyLoginTokenLeft,
  requestPaths as paths
} from '../support/emulator-fixture.js'
import { utcDatePlus, whoAmIStatus } from '../support/jenkins-probe.js'

// The entry points' TypeScript, run in this process against the emulator.
const entry = 'src' as const

const fixture = emulatorPerTest()
const emulator = fixture.start

const alice = { username: 'alice', password: 'alice-password' }

describe('password login', () => {
  it('fetches a crumb, mints, verifies, outputs; post revokes', async () => {
    const j = await emulator()
    const { main, post } = await runJob(
      { entry, inputs: { 'jenkins-url': j.url, ...alice } },
      async (m) => {
        expect(await whoAmIStatus(j.url, 'alice', m.outputs.token ?? '')).toBe(200)
      }
    )
    expect(main.exitCode).toBe(0)
    const token = main.outputs.token ?? ''
    expect(token).toMatch(/^11[0-9a-f]{32}$/)
    expect(main.outputs).toMatchObject({
      'token-name': 'github-actions acme/widgets#9876543210.1 deploy/jenkins',
      user: 'alice',
      'jenkins-url': j.url,
      'jenkins-version': '2.568.3',
      'expiration-date': utcDatePlus(1)
    })
    expect(main.outputs['token-uuid']).toMatch(/^[0-9a-f-]{36}$/)
    // Every request of main and post, the test's own whoAmI between them: nothing asked beyond
    // what the steps need when nothing fails (no GET at the root, no probe).
    expect(paths(j)).toEqual([
      'GET /crumbIssuer/api/json',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken',
      'GET /whoAmI/api/json',
      'GET /whoAmI/api/json',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revoke'
    ])
    const mint = j.requests[1]
    expect(mint?.crumbSent).toBe(true)
    expect(mint?.cookieSent).toBe(true)
    expect(j.tokens('alice')).toHaveLength(0)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked Jenkins API token')
    expect(await whoAmIStatus(j.url, 'alice', token)).toBe(401)
    expectNoLeaks(
      [main, post],
      [
        [token, 'alice'],
        [alice.password, 'alice']
      ]
    )
  })

  it('masks the password first and the token before it is recorded or printed', async () => {
    const j = await emulator()
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    const token = main.outputs.token ?? ''
    const masked = maskedValues(main.stdout)
    expect(masked.slice(0, 2)).toEqual([
      alice.password,
      Buffer.from('alice:alice-password').toString('base64')
    ])
    expect(masked).toContain(token)
    expect(masked).toContain(Buffer.from(`alice:${token}`).toString('base64'))
    // The secrets' own base64, as a tool that encodes them alone would print them.
    expect(masked).toContain(Buffer.from(alice.password).toString('base64'))
    expect(masked).toContain(Buffer.from(token).toString('base64'))
    const lines = main.stdout.split('\n')
    const maskLine = lines.indexOf(`::add-mask::${token}`)
    const firstMention = lines.findIndex((l) => l.includes('Created Jenkins API token'))
    expect(maskLine).toBeGreaterThanOrEqual(0)
    expect(maskLine).toBeLessThan(firstMention)
  })

  it('masks an api-token login first too', async () => {
    const j = await emulator()
    const login = j.addToken('alice', 'long-lived')
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(0)
    expect(maskedValues(main.stdout).slice(0, 2)).toEqual([
      login.value,
      Buffer.from(`alice:${login.value}`).toString('base64')
    ])
  })

  it('masks the login secret before an input error can print it', async () => {
    // A secret wired into the wrong input: its message repeats the value it refuses.
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, retries: alice.password }
    })
    expect(main.exitCode).toBe(1)
    const lines = main.stdout.split('\n')
    const mask = lines.indexOf(`::add-mask::${alice.password}`)
    const error = lines.findIndex((l) => l.startsWith('::error::Input retries'))
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(error).toBeGreaterThan(mask)
    expect(lines[error]).toContain(alice.password)
  })

  it('masks the token before its record, which a runner without command files prints', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice },
      withoutCommandFiles: true
    })
    expect(main.exitCode).toBe(0)
    const lines = main.stdout.split('\n')
    const record = lines.findIndex((l) => l.startsWith('::save-state name=minted::'))
    const token = /"token":"(11[0-9a-f]{32})"/.exec(lines[record] ?? '')?.[1] ?? ''
    expect(j.tokens('alice').map((t) => t.name)).toHaveLength(1)
    expect(token).toMatch(/^11[0-9a-f]{32}$/)
    const mask = lines.indexOf(`::add-mask::${token}`)
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(mask).toBeLessThan(record)
  })

  it('reports wrong credentials without minting', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', password: 'wrong' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused the CSRF crumb request (HTTP 401): the credentials of "alice" were rejected.'
    )
    // Its first request with the password: single sign-on is named, padding (it has none) not.
    expect(main.stdout).toContain(
      'Under single sign-on (SAML, OpenID Connect), Jenkins takes no password over HTTP Basic'
    )
    expect(main.stdout).not.toContain('begins or ends with a space')
    expect(main.state).toEqual({})
    expect(j.tokens('alice')).toHaveLength(0)
  })

  it.each([
    ['a line break', 'alice-password\n'],
    ['a CRLF', 'alice-password\r\n'],
    ['a space', ' alice-password']
  ])('names a password padded with %s, which Jenkins takes as part of it', async (_, password) => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', password }
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toContain(
      'The password input begins or ends with a space or a line break, which Jenkins takes as part of it; a secret saved from a file often ends with one.'
    )
    expect(error).toContain('log in with an API token (api-token input).')
    expectNoLeaks([main], [[password.trim(), 'alice']])
  })

  it('adds no such hint to a 401 after Jenkins took the password for the crumb', async () => {
    // A password that does end with a space: the crumb request takes it.
    const j = await emulator({ users: [{ id: 'alice', password: 'alice-password ' }] })
    injectFaults(j, [
      {
        path: /generateNewToken/,
        fault: { status: 401, challenge: 'Basic realm="Jenkins"' }
      }
    ])
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', password: 'alice-password ' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('were rejected.')
    expect(main.stdout).not.toContain('begins or ends with a space')
    expect(main.stdout).not.toContain('single sign-on')
  })

  it('goes on without a crumb when the controller has no crumb issuer', async () => {
    const j = await emulator({ crumbIssuer: false })
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(j.requests[1]?.crumbSent).toBe(false)
    expect(j.tokens('alice')).toHaveLength(1)
  })

  it('names a crumb issuer hidden by something in front of Jenkins, which still asks for crumbs', async () => {
    // A proxy's 404 at crumbIssuer: the step takes CSRF protection as off (Jenkins answers 404
    // there only then), and Jenkins refuses the mint for want of a crumb. The session cookie and
    // the client's address, which the usual message names, have nothing to do with it.
    const j = await emulator()
    injectFaults(j, [{ path: /\/crumbIssuer\//, fault: { status: 404 } }])
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Jenkins refused to create a token for "alice" (HTTP 403): Jenkins asked for a CSRF crumb, though its crumb issuer (crumbIssuer/api/json) had answered 404, as Jenkins does only with CSRF protection off: something in front of Jenkins (a proxy or firewall rule) hides the crumb issuer from the runner. Have it let through, or log in with an API token (api-token input), which needs no crumb.`
    )
    expect(j.tokens('alice')).toEqual([])
  })

  describe('without a crumb issuer, whoAmI is asked once whether Jenkins answers at the root', () => {
    const CRUMB = 'GET /crumbIssuer/api/json'
    const WHO_AM_I = 'GET /whoAmI/api/json'
    const MINT = 'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'

    it('and a wrong jenkins-url is named from that one answer', async () => {
      const j = await emulator({ crumbIssuer: false })
      const wrong = `${j.url}job/deploy/`
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': wrong, ...alice }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::Jenkins refused the CSRF crumb request (HTTP 404): not found at ${wrong}, and Jenkins answers at ${j.url}: set jenkins-url to it.`
      )
      expect(paths(j)).toEqual([
        'GET /job/deploy/crumbIssuer/api/json',
        'GET /job/deploy/whoAmI/api/json',
        WHO_AM_I
      ])
    })

    it('and a user the look-up does not find is not asked about again', async () => {
      const j = await emulator({ crumbIssuer: false })
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, ...alice, user: 'nobody' }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain('::error::Jenkins has no user "nobody" (HTTP 404')
      expect(paths(j)).toEqual([CRUMB, WHO_AM_I, 'GET /user/nobody/api/json'])
    })

    it('and a mint answered 404 is not asked about again', async () => {
      const j = await emulator({ crumbIssuer: false, version: '2.107' })
      const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        '::error::Jenkins answered 404 to generateNewToken for the login user itself'
      )
      expect(paths(j)).toEqual([CRUMB, WHO_AM_I, MINT])
    })

    it('and the session renewed after a crumb refusal does not ask it again', async () => {
      const j = await emulator()
      injectFaults(j, [{ path: /\/crumbIssuer\//, fault: { status: 404 } }])
      const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        'something in front of Jenkins (a proxy or firewall rule) hides the crumb issuer'
      )
      // Each refused mint is followed by the transport's GET without credentials (is Jenkins
      // starting?). Whether Authorization arrived, the 403's question, whoAmI answered too.
      expect(paths(j)).toEqual([
        CRUMB,
        WHO_AM_I,
        MINT,
        MINT.replace('POST', 'GET'),
        CRUMB,
        MINT,
        MINT.replace('POST', 'GET')
      ])
    })

    it('and a login the realm knows by another id is named from that answer', async () => {
      const j = await emulator({
        crumbIssuer: false,
        users: [{ id: 'jdoe', password: 'jdoe-pw', loginNames: ['CORP\\jdoe'] }]
      })
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': j.url, username: 'CORP\\jdoe', password: 'jdoe-pw' }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        'Jenkins logs "CORP\\\\jdoe" in as the user "jdoe" (whoAmI), and a token authenticates only with the user\'s id. Set username to "jdoe".'
      )
      expect(j.tokens('jdoe')).toEqual([])
      // The token's whoAmI (401), then the transport's without credentials (is Jenkins starting?).
      expect(paths(j)).toEqual([
        CRUMB,
        WHO_AM_I,
        MINT,
        WHO_AM_I,
        WHO_AM_I,
        'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revoke'
      ])
      expect(j.requests.slice(3, 5).map((r) => r.authKind)).toEqual(['bad', 'none'])
    })

    it('and a controller without security is named from that answer', async () => {
      const j = await emulator({ crumbIssuer: false, useSecurity: false })
      const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain('has no security set up')
      // The mint's 500 (/me/ for anonymous), asked again without credentials (is Jenkins
      // starting?), then the root's useSecurity.
      expect(paths(j)).toEqual([
        CRUMB,
        WHO_AM_I,
        MINT,
        MINT.replace('POST', 'GET'),
        'GET /api/json'
      ])
    })
  })

  it('works under a context path', async () => {
    const j = await emulator({ contextPath: '/jenkins' })
    const url = j.url.replace(/\/$/, '')
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['jenkins-url']).toBe(`${url}/`)
    expect(post.stdout).toContain('Revoked')
    expect(j.tokens('alice')).toHaveLength(0)
  })
})

describe('API-token login', () => {
  it('sends no crumb and mints with one request before verifying', async () => {
    const j = await emulator()
    const login = j.addToken('alice', 'long-lived')
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(0)
    expect(paths(j).slice(0, 2)).toEqual([
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken',
      'GET /whoAmI/api/json'
    ])
    expect(j.requests[0]?.crumbSent).toBe(false)
    expectOnlyLoginTokenLeft(j, 'alice', login, main, post)
  })

  it('records the version the verification learnt, so post names the one page to revoke on', async () => {
    // No answer before the token had X-Jenkins: whoAmI, after the record, is the first.
    const j = await emulator()
    const login = j.addToken('alice', 'long-lived')
    injectFaults(j, [{ path: /\/revoke$/, fault: { status: 404 } }])
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': login.value }
    })
    expect(main.exitCode).toBe(0)
    expect(JSON.parse(main.state.minted ?? '{}')).toMatchObject({ jenkinsVersion: '2.568.3' })
    expect(post.exitCode).toBe(0)
    const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toEqual([
      expect.stringContaining(
        `Open ${j.url}user/alice/security/ and revoke "${main.outputs['token-name']}" (token UUID ${main.outputs['token-uuid']}) there if it is listed.`
      )
    ])
    expect(post.stdout).not.toContain('before Jenkins 2.468')
  })

  const REJECTED =
    'the credentials of "alice" were rejected. Check the username input and the api-token input: the API token is wrong, revoked or expired, or "alice" does not exist.'
  const NOT_A_TOKEN =
    'Jenkins did not take the api-token input as an API token of "alice". API tokens are 34 characters starting with 11, or a legacy 32-hex token, and this secret is not: if it is the user\'s password, put it in the password input; otherwise create a new API token on the user\'s Security page.'

  // Shaped as a token, as a revoked or expired one still is (11 and 32 hex digits, or a legacy
  // token's 32, before 2.129 and still accepted where kept): the token is named. Shaped
  // otherwise, it is most likely a password in the wrong input.
  it.each([
    ['a well-formed API token', `11${'0123456789abcdef'.repeat(2)}`, REJECTED],
    ['a well-formed legacy API token', '0123456789abcdef'.repeat(2), REJECTED],
    ['a secret not shaped as a token', 'not-a-token-at-all', NOT_A_TOKEN]
  ])('names why Jenkins rejected %s in api-token', async (_, secret, why) => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': secret }
    })
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toBe(`::error::Jenkins refused to create a token for "alice" (HTTP 401): ${why}`)
    expect(main.state.minted).toBeUndefined()
    expect(main.stdout).not.toContain('Jenkins may hold')
    expect(j.tokens('alice')).toEqual([])
    expectNoLeaks([main], [[secret, 'alice']])
  })
})

describe('expiry', () => {
  it('sets a Jenkins-side expiry on 2.548 and later', async () => {
    const j = await emulator({ version: '2.548' })
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'expiration-days': '7' }
    })
    expect(main.outputs['expiration-date']).toBe(utcDatePlus(7))
    expect(j.tokens('alice')[0]?.expirationDate).toBe(utcDatePlus(7))
  })

  it('mints a token that never expires when asked', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'expiration-days': 'never' }
    })
    expect(main.outputs['expiration-date']).toBe('never')
    expect(j.tokens('alice')[0]?.expirationDate).toBeNull()
  })

  it('says so when the controller is too old for expiry', async () => {
    const j = await emulator({ version: '2.541.3' })
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['expiration-date']).toBe('never')
    expect(main.stdout).toContain(
      '::notice::This Jenkins ignores token expiry (it needs 2.548 or later)'
    )
    expect(j.tokens('alice')[0]?.expirationDate).toBeNull()
  })

  it('reports a {"status":"error"} answer that comes with HTTP 200', async () => {
    // A controller whose clock is days ahead finds the requested last day in the past.
    const j = await emulator({ today: utcDatePlus(5) })
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      "::error::Jenkins refused to create the token: Expiration date is in the past. The controller's date is ahead of the runner's: check its clock, or raise expiration-days."
    )
    expect(main.state.minted).toBeUndefined()
  })

  it('does not ask for more days than expiration-days allows', async () => {
    const j = await emulator({ today: utcDatePlus(400) })
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'expiration-days': '365' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      "::error::Jenkins refused to create the token: Expiration date is in the past. The controller's date is ahead of the runner's: check its clock.\n"
    )
  })

  it('explains that tokens need Jenkins 2.129, from the version the crumb answer gave', async () => {
    // Before 2.421 Jenkins's 404 carries no X-Jenkins: the crumb issuer's answer does.
    const j = await emulator({ version: '2.107' })
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      'Jenkins 2.107 cannot create API tokens through its API: generateNewToken needs Jenkins 2.129 or later.'
    )
  })

  it('does not ask to upgrade a controller whose version has generateNewToken, when its 404 hides it', async () => {
    const j = await emulator()
    injectFaults(j, [{ path: /generateNewToken$/, fault: { status: 404 } }])
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins 2.568.3 answered 404 to generateNewToken for the login user itself, though it has generateNewToken (from 2.129): something in front of Jenkins (a proxy or firewall rule) or a plugin hides POST …/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken. Have it let through for the runner.'
    )
    expect(main.stdout).not.toContain('Upgrade the controller')
  })

  it('names the version for a 404 without X-Jenkins after an API-token login', async () => {
    const j = await emulator({ version: '2.107' })
    const token = j.addToken('alice', 'login').value
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', 'api-token': token }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins answered 404 to generateNewToken for the login user itself: its API has no generateNewToken, which needs Jenkins 2.129 or later.'
    )
    expect(main.stdout).not.toContain('Check jenkins-url')
    expect(main.stdout).not.toContain('Check the user input')
  })
})

describe('tokens for another user', () => {
  const admin = { username: 'admin', password: 'admin-password', user: 'svc-deploy' }

  it('says how to set the system property, and suggests the script console, when Jenkins refuses', async () => {
    const j = await emulator()
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...admin } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '::error::Jenkins refused to let "admin" create a token for "svc-deploy" (HTTP 403). Creating tokens for another user over REST needs an administrator login AND a controller started with -Djenkins.security.ApiTokenProperty.adminCanGenerateNewTokens=true.'
    )
    expect(main.stdout).toContain(
      'JAVA_OPTS="-Djenkins.security.ApiTokenProperty.adminCanGenerateNewTokens=true"'
    )
    expect(main.stdout).toContain('use method: script-console')
    expect(main.state.minted).toBeUndefined()
    // The refused attempt is recorded, but a clear 403 leaves no doubt: nothing to report.
    expect(JSON.parse(main.state.attempts ?? '{}').attempts).toEqual([
      { name: 'github-actions acme/widgets#9876543210.1 deploy/jenkins', outcome: 'not-created' }
    ])
    expect(main.stdout).not.toContain('::warning::')
    expect(j.tokens('svc-deploy')).toHaveLength(0)
  })

  it('mints, verifies and revokes for the service user when the property is set', async () => {
    const j = await emulator({ adminCanGenerateNewTokens: true })
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...admin } })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.user).toBe('svc-deploy')
    const whoAmI = j.requests.find((r) => r.path.includes('whoAmI'))
    expect(whoAmI?.user).toBe('svc-deploy')
    expect(post.stdout).toContain('Revoked')
    expect(j.tokens('svc-deploy')).toHaveLength(0)
  })
})

describe('outputs and options', () => {
  it('exports the Jenkins CLI variables when asked', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'export-env': 'true' }
    })
    expect(main.env).toEqual({
      JENKINS_URL: j.url,
      JENKINS_USER_ID: 'alice',
      JENKINS_API_TOKEN: main.outputs.token
    })
  })

  it("masks the Basic value of the user it hands out, Jenkins's id, not the input's case", async () => {
    // Jenkins's user ids are case-insensitive: the login works as ALICE, and the outputs give
    // Jenkins's own id, which `curl -u "$JENKINS_USER_ID:$JENKINS_API_TOKEN"` then sends.
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, username: 'ALICE', 'export-env': 'true' }
    })
    expect(main.exitCode).toBe(0)
    const token = main.outputs.token ?? ''
    expect(main.outputs.user).toBe('alice')
    expect(main.env.JENKINS_USER_ID).toBe('alice')
    const masked = maskedValues(main.stdout)
    expect(masked).toContain(Buffer.from(`alice:${token}`).toString('base64'))
    expect(masked).toContain(Buffer.from(`ALICE:${token}`).toString('base64'))
    const lines = main.stdout.split('\n')
    expect(
      lines.indexOf(`::add-mask::${Buffer.from(`alice:${token}`).toString('base64')}`)
    ).toBeLessThan(
      lines.findIndex((line) => line.startsWith('::set-output') || line.includes('Verified'))
    )
  })

  it('skips whoAmI when verify is false', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, verify: 'false' }
    })
    expect(main.exitCode).toBe(0)
    expect(paths(j).some((p) => p.includes('whoAmI'))).toBe(false)
  })

  it('learns the version from the user look-up, and names the page of that version', async () => {
    // Before 2.468 a token is revoked on the user's Configure page, not its Security page.
    const j = await emulator({ version: '2.462.3' })
    const login = j.addToken('alice', 'long-lived').value
    injectFaults(j, [{ path: /generateNewToken$/, fault: { status: 502, after: true } }])
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': j.url,
        username: 'alice',
        'api-token': login,
        user: 'Alice',
        retries: '0'
      }
    })
    expect(main.exitCode).toBe(1)
    expect(paths(j).slice(0, 1)).toEqual(['GET /user/Alice/api/json'])
    expect(main.stdout).toContain(`Open ${j.url}user/alice/configure and revoke`)
    expect(main.stdout).not.toContain('/security/')
  })

  it('leaves the token alone in post when revoke is false, and says until when it is valid', async () => {
    const j = await emulator()
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, revoke: 'false' }
    })
    const last = main.outputs['expiration-date'] ?? ''
    expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(post.stdout).toContain(
      `revoke is false: leaving Jenkins API token "${main.outputs['token-name']}"`
    )
    expect(post.stdout).toContain(`valid until it expires (its last day is ${last}).`)
    expect(await whoAmIStatus(j.url, 'alice', main.outputs.token ?? '')).toBe(200)
  })

  it.each([
    ['expiration-days: never', { 'expiration-days': 'never' }, {}],
    ['a Jenkins that ignores expiry', {}, { version: '2.541.3' }]
  ])('does not say a kept token expires when it never does: %s', async (_, more, options) => {
    const j = await emulator(options)
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, revoke: 'false', ...more }
    })
    expect(main.outputs['expiration-date']).toBe('never')
    expect(post.stdout).toContain(
      'valid: it never expires, so revoke it by hand once it is no longer needed.'
    )
    expect(post.stdout).not.toContain('until it expires')
  })

  it('fails on bad input before any request', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'expiration-days': '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('::error::Input expiration-days must be a whole number')
    expect(j.requests).toHaveLength(0)
  })
})

describe('free text in logs', () => {
  it('cannot inject workflow commands through a token name', async () => {
    const j = await emulator()
    const name = 'deploy\n::warning::injected\r\n::add-mask::x'
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'token-name': name }
    })
    expect(main.exitCode).toBe(0)
    expect(j.tokens('alice')).toHaveLength(0)
    for (const step of [main, post]) {
      const lines = step.stdout.split(/\r?\n/)
      expect(lines.filter((l) => l.startsWith('::warning::'))).toEqual([])
      expect(lines).not.toContain('::add-mask::x')
    }
    expect(main.stdout).toContain(
      'Created Jenkins API token "deploy\\n::warning::injected\\r\\n::add-mask::x"'
    )
  })
})

describe('failures after the mint', () => {
  it('ends the verification failure as a sentence before saying what it did', async () => {
    const j = await emulator()
    const proxy = await fixture.proxy(j.url, (req) =>
      req.url?.includes('whoAmI') ? { status: 200, body: ' '.repeat(1_100_000) } : 'forward'
    )
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': proxy.url, ...alice, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      '(GET /whoAmI/api/json): the answer was larger than 1 MiB. The action revoked it (token UUID '
    )
  })

  it('revokes a token that fails verification with the login credential, before it fails', async () => {
    const j = await emulator()
    const proxy = await fixture.proxy(j.url, (req) =>
      req.url?.includes('whoAmI') ? { status: 503, body: '<html>down</html>' } : 'forward'
    )
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': proxy.url, ...alice, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      "::error::The new token could not be verified: The whoAmI check got an error (HTTP 503) without Jenkins's X-Jenkins header"
    )
    expect(main.stdout).toContain('The action revoked it (token UUID ')
    expect(main.outputs.token).toBeUndefined()
    expect(main.state.minted).toBeDefined()
    // Gone before main ended: post has nothing left to do, and says so.
    expect(j.tokens('alice')).toHaveLength(0)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('The main step revoked Jenkins API token')
  })

  // A lasting 504 on one slow endpoint, while Jenkins serves the rest: one GET at the root
  // (Jenkins answers it) tells it from a controller gone, so the retries end it as before, not
  // a wait of up to 120 s for Jenkins to come back.
  it('retries a gateway 504 on whoAmI alone as before, once the root shows Jenkins serving', async () => {
    const j = await emulator()
    const proxy = await fixture.proxy(j.url, (req) =>
      req.url?.includes('whoAmI') ? { status: 504, body: '<html>timeout</html>' } : 'forward'
    )
    const started = Date.now()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': proxy.url, ...alice, retries: '2' }
    })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      "::error::The new token could not be verified: A proxy or gateway in front of Jenkins most likely answered the whoAmI check (HTTP 504, without Jenkins's X-Jenkins header)"
    )
    expect(main.stdout).toContain('The action revoked it (token UUID ')
    expect(main.stdout).not.toContain('Waiting for Jenkins')
    expect(proxy.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`)).toEqual([
      'GET /crumbIssuer/api/json -> 200',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken -> 200',
      'GET /whoAmI/api/json -> 504',
      'GET / -> 403',
      'GET /whoAmI/api/json -> 504',
      'GET /whoAmI/api/json -> 504',
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revoke -> 200'
    ])
    // The root was asked without the login's credentials, the session's cookie or its crumb.
    const root = j.requests.find((r) => r.path === '/')
    expect(root).toMatchObject({ method: 'GET', authKind: 'none', cookieSent: false })
    expect(root?.headers.authorization).toBeUndefined()
    expect(root?.headers.cookie).toBeUndefined()
    expect(root?.crumbSent).toBe(false)
    expect(j.tokens('alice')).toHaveLength(0)
  }, 30_000)

  it('post warns, naming the token, when Jenkins is gone, and does not fail the job', async () => {
    const j = await emulator()
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0' }
    })
    await j.close()
    fixture.forget()
    const post = await runStep('post', { entry, state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `::warning::Could not revoke Jenkins API token "${main.outputs['token-name']}" (${main.outputs['token-uuid']})`
    )
  })

  it('post does not call a token gone on a 401: it names the token and where to check', async () => {
    const j = await emulator()
    const { post } = await runJob(
      { entry, inputs: { 'jenkins-url': j.url, ...alice } },
      async (m) => {
        const revoke = await fetch(
          `${j.url}user/alice/descriptorByName/jenkins.security.ApiTokenProperty/revoke`,
          {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`alice:${m.outputs.token}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded'
            },
            body: `tokenUuid=${m.outputs['token-uuid']}`
          }
        )
        expect(revoke.status).toBe(200)
      }
    )
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('already revoked')
    expect(post.stdout).toMatch(
      /::warning::Jenkins API token "github-actions acme\/widgets#9876543210\.1 deploy\/jenkins" \([0-9a-f-]{36}\) of "alice" on \S+ was not revoked: Jenkins did not accept it as a login for "alice" \(HTTP 401\), so it could not revoke itself\. Most likely it has expired or was revoked already, but a 401 does not prove that Jenkins deleted it\. Open \S+\/user\/alice\/security\/ and revoke "github-actions acme\/widgets#9876543210\.1 deploy\/jenkins" \(token UUID [0-9a-f-]{36}\) there if it is listed\./
    )
    expect(post.summary).toContain('HTTP 401')
  })

  it("post does not take a crumb refusal of its revoke for a password in the api-token input: the new token is Jenkins's", async () => {
    const j = await emulator()
    injectFaults(j, [
      {
        path: /\/revoke$/,
        fault: {
          status: 403,
          body: '<h2>HTTP ERROR 403 No valid crumb was included in the request</h2>'
        }
      }
    ])
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
    const name = main.outputs['token-name'] ?? ''
    const uuid = main.outputs['token-uuid'] ?? ''
    expect(post.exitCode).toBe(0)
    const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toEqual([
      `::warning::Could not revoke Jenkins API token "${name}" (${uuid}) of "alice" on ${j.url}: Jenkins refused to revoke the token (HTTP 403): Jenkins asked for a CSRF crumb, which it never asks of a request its API token authenticates, so the request reached Jenkins without the new token's Authorization header. Something between the runner and Jenkins (a reverse proxy or gateway) most likely removes it from POST requests: configure it to pass the Authorization header through to Jenkins. Open ${j.url}user/alice/security/ and revoke "${name}" (token UUID ${uuid}) there if it is listed.`
    ])
    expect(post.stdout).not.toContain('api-token input')
  })

  // Jenkins answers a revoke with an empty 200 at the revoke URL; these answer 200 and revoke
  // nothing: a single sign-on proxy's sign-in page, and the pages redirects lead to.
  it.each([
    ['a sign-in page', { status: 200, body: '<html><title>Sign in - Corp SSO</title></html>' }],
    ['a 303 to the dashboard', { redirect: '/', status: 303 }],
    ['a 307 to another POST', { redirect: '/whoAmI/', status: 307 }]
  ] as const)(
    'post does not take %s for a revoke: it names the token to revoke by hand',
    async (_, fault) => {
      const j = await emulator()
      injectFaults(j, [{ path: /\/revoke$/, fault }])
      const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
      const name = main.outputs['token-name'] ?? ''
      const uuid = main.outputs['token-uuid'] ?? ''
      expect(j.tokens('alice').map((t) => t.uuid)).toEqual([uuid])
      expect(post.exitCode).toBe(0)
      expect(post.stdout).not.toContain('Revoked')
      const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
      expect(warnings).toEqual([
        expect.stringContaining(
          `Could not revoke Jenkins API token "${name}" (${uuid}) of "alice" on ${j.url}: Jenkins did not confirm that it revoked the token: `
        )
      ])
      expect(warnings[0]).toContain(`Open ${j.url}user/alice/security/ and revoke "${name}"`)
      expect(post.summary).toContain('<strong>Check by hand:</strong>')
      // The summary's list names the UUID too, as the warning does.
      expect(post.summary).toContain('<th>Token UUID</th>')
      expect(post.summary).toContain(`<td>${name}</td><td>${uuid}</td>`)
    }
  )

  it('post does not take an empty 200 at another path, after a redirect, for a revoke', async () => {
    // The one answer that looks like Jenkins's own, but not from the revoke URL.
    const j = await emulator()
    injectFaults(j, [
      { path: /\/revoke$/, fault: { redirect: '/elsewhere', status: 307 } },
      { path: /^\/elsewhere$/, fault: { status: 200, body: '' } }
    ])
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
    const uuid = main.outputs['token-uuid'] ?? ''
    expect(paths(j).slice(-2)).toEqual([
      'POST /me/descriptorByName/jenkins.security.ApiTokenProperty/revoke',
      'POST /elsewhere'
    ])
    expect(j.tokens('alice').map((t) => t.uuid)).toEqual([uuid])
    expect(post.stdout).not.toContain('Revoked')
    const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toEqual([
      expect.stringContaining('Jenkins did not confirm that it revoked the token: ')
    ])
  })

  it('post takes the revoke that a redirect carried to the same endpoint under a new context path', async () => {
    // Jenkins moved from /old/ to /jenkins/ while the job ran; a 308 keeps the POST.
    const j = await emulator({ contextPath: '/jenkins' })
    const endpoint = 'me/descriptorByName/jenkins.security.ApiTokenProperty/revoke'
    injectFaults(j, [
      { path: /^\/old\//, fault: { redirect: `/jenkins/${endpoint}`, status: 308 } }
    ])
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    const minted = JSON.parse(main.state.minted ?? '{}')
    const moved = { ...minted, jenkinsUrl: j.url.replace('/jenkins/', '/old/') }
    const post = await runStep('post', {
      entry,
      state: { ...main.state, minted: JSON.stringify(moved) }
    })
    const sent = j.requests.slice(-2).map((r) => `${r.method} ${r.path}`)
    expect(sent).toEqual([`POST /old/${endpoint}`, `POST /jenkins/${endpoint}`])
    expect(j.tokens('alice')).toEqual([])
    expect(post.stdout).not.toContain('::warning::')
    expect(post.stdout).toContain(`Revoked Jenkins API token "${minted.tokenName}"`)
  })

  it('post does not blame jenkins-url for a 404 to the revoke: main created the token there', async () => {
    const j = await emulator()
    injectFaults(j, [{ path: /\/revoke$/, fault: { status: 404 } }])
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(post.exitCode).toBe(0)
    const warnings = post.stdout.match(/^::warning::.*$/gm) ?? []
    expect(warnings).toEqual([
      expect.stringContaining(
        `Could not revoke Jenkins API token "${main.outputs['token-name']}" (${main.outputs['token-uuid']}) of "alice" on ${j.url}: Jenkins refused to revoke the token (HTTP 404): not found, at the root URL where Jenkins had just created the token.`
      )
    ])
    expect(post.stdout).not.toContain('Check jenkins-url')
  })

  it('main keeps for post a token its revoke did not confirm, after a failed verification', async () => {
    const j = await emulator()
    injectFaults(j, [
      { path: /\/whoAmI\//, fault: { status: 503 } },
      { path: /\/revoke$/, times: 1, fault: { status: 200, body: '<html>Sign in</html>' } }
    ])
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      'The action could not revoke it either (Jenkins did not confirm that it revoked the token: the answer was HTTP 200 with a page'
    )
    expect(main.stdout).not.toContain('The action revoked it')
    // Post, with the token itself, revokes it for real.
    expect(post.stdout).toContain('Revoked Jenkins API token')
    expect(j.tokens('alice')).toEqual([])
  })

  it('post does nothing when main minted nothing', async () => {
    const post = await runStep('post', { entry })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toBe(
      'No Jenkins token was created in this job: the main step never asked for one. Nothing to revoke.\n'
    )
  })
})

describe('not Jenkins', () => {
  it('says the URL does not point at Jenkins', async () => {
    const j = await emulator()
    const proxy = await fixture.proxy(j.url, () => ({
      status: 200,
      body: '<html>Welcome to nginx</html>'
    }))
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': proxy.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      /::error::Jenkins did not answer the CSRF crumb request with JSON \(got text\/html\)\. Check jenkins-url/
    )
  })
})
