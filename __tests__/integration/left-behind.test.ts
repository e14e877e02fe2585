/**
 * No live token left behind: the dist bundles, run as the runner runs them, against the
 * emulator. A token for a user given by full name belongs to the id Jenkins knows, is verified
 * and revoked as that id; a token that fails verification is revoked before main fails; and
 * a token whose answer a gateway swallowed (502/504 after Jenkins made it) is named, with its
 * user and the page to revoke it on, in main's log and summary and again in post.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { type FaultLog, type FaultRule, injectFaults } from '../emulator/faults.js'
import type { EmulatorOptions, JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import {
  maskedValues,
  runJob,
  runStep,
  type StepOptions,
  type StepResult
} from '../support/action-runner.js'
import { makeTestPki } from '../support/certificates.js'
import {
  emulatorPerTest,
  expectNoLeaks,
  requestPaths as paths
} from '../support/emulator-fixture.js'
import { whoAmIStatus } from '../support/jenkins-probe.js'
import { startTcpRelay } from '../support/tcp-relay.js'
import { until } from '../support/until.js'

const fixture = emulatorPerTest()

// Debug logging on: no secret may reach the log even then.
const env = { RUNNER_DEBUG: '1' }
const DESCRIPTOR = 'descriptorByName/jenkins.security.ApiTokenProperty'
const BASE_NAME = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'

const admin = { username: 'admin', password: 'admin-password' }
const alice = { username: 'alice', password: 'alice-password' }
const users = [
  { id: 'admin', password: admin.password, admin: true },
  { id: 'alice', password: alice.password },
  { id: 'deployer', password: 'deployer-password', fullName: 'Deploy Bot' }
]

async function emulator(options: EmulatorOptions, rules: FaultRule[] = []) {
  const j = await fixture.start({ users, ...options })
  return { j, faults: injectFaults(j, rules) }
}

/**
 * Every secret the test's traffic held, paired with its user: the login password, every token
 * Jenkins handed out (whether or not the action saw it), and the crumbs and session cookies.
 */
function secretsOf(
  j: JenkinsEmulator,
  faults: FaultLog,
  login: { username: string; password: string },
  tokenUser: string,
  extra: string[] = []
): Array<[string, string]> {
  const secrets: Array<[string, string]> = [[login.password, login.username]]
  for (const value of [...faults.mintedValues, ...extra]) secrets.push([value, tokenUser])
  for (const request of j.requests) {
    const crumb = request.headers['jenkins-crumb']
    if (typeof crumb === 'string') secrets.push([crumb, login.username])
    const cookie = request.headers.cookie
    if (typeof cookie === 'string') {
      for (const pair of cookie.split(/;\s*/)) secrets.push([pair.split('=')[1] ?? pair, ''])
    }
  }
  return secrets.filter(([secret]) => secret !== '')
}

function state(step: StepResult, key: 'minted' | 'attempts'): Record<string, unknown> {
  return JSON.parse(step.state[key] ?? 'null') as Record<string, unknown>
}

describe('user given as a full name', () => {
  const options = { adminCanGenerateNewTokens: true }
  const inputs = (j: JenkinsEmulator, more: Record<string, string> = {}) => ({
    'jenkins-url': j.url,
    ...admin,
    user: 'Deploy Bot',
    'export-env': 'true',
    ...more
  })

  it('mints, verifies, outputs and revokes as the id Jenkins knows', async () => {
    const { j, faults } = await emulator(options)
    let between: { stored: string[]; status: number } = { stored: [], status: 0 }
    const { main, post } = await runJob({ env, inputs: inputs(j) }, async (m) => {
      between = {
        stored: j.tokens('deployer').map((t) => t.uuid),
        status: await whoAmIStatus(j.url, 'deployer', m.outputs.token ?? '')
      }
    })
    expect(main.exitCode).toBe(0)
    const token = main.outputs.token ?? ''
    // The id first, then everything under it: a token minted through the full name would
    // belong to a user Basic authentication cannot name.
    expect(paths(j).slice(0, 4)).toEqual([
      'GET /crumbIssuer/api/json',
      'GET /user/Deploy%20Bot/api/json',
      `POST /user/deployer/${DESCRIPTOR}/generateNewToken`,
      'GET /whoAmI/api/json'
    ])
    const verify = j.requests[3]
    expect([verify?.user, verify?.authKind, verify?.status]).toEqual(['deployer', 'token', 200])
    expect(main.stdout).toContain('Jenkins knows the user "Deploy Bot" by the id "deployer".')
    expect(main.stdout).toContain('Verified: the token authenticates as deployer.')
    expect(main.outputs.user).toBe('deployer')
    expect(main.env).toMatchObject({ JENKINS_USER_ID: 'deployer', JENKINS_API_TOKEN: token })
    expect(state(main, 'minted')).toMatchObject({ user: 'deployer', token })
    expect(state(main, 'attempts')).toMatchObject({ user: 'deployer' })
    expect(main.summary).toContain('<td>deployer</td>')
    expect(between).toEqual({ stored: [main.outputs['token-uuid']], status: 200 })

    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
    expect(post.stdout).toContain('of "deployer"')
    expect(post.stdout).not.toContain('::warning::')
    // The revoke authenticated as deployer with the token itself.
    const revoke = j.requests.at(-1)
    expect([revoke?.path, revoke?.user, revoke?.status]).toEqual([
      `/me/${DESCRIPTOR}/revoke`,
      'deployer',
      200
    ])
    expect(j.tokens('deployer')).toEqual([])
    expect(await whoAmIStatus(j.url, 'deployer', token)).toBe(401)
    expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
  })

  it('revokes a token that authenticates as another user, before main fails', async () => {
    // Something in front of Jenkins answers whoAmI as someone else: the token is not to be
    // handed on, so main revokes it with the login and says why.
    const whoAmI = JSON.stringify({
      _class: 'hudson.security.WhoAmI',
      anonymous: false,
      authenticated: true,
      authorities: ['authenticated'],
      name: 'mallory'
    })
    const { j, faults } = await emulator(options, [{ path: /\/whoAmI\//, fault: { json: whoAmI } }])
    const { main, post } = await runJob({ env, inputs: inputs(j, { retries: '0' }) })
    expect(main.exitCode).toBe(1)
    const uuid = String(state(main, 'minted').tokenUuid)
    expect(main.stdout).toContain(
      `::error::The new token authenticates as "mallory", not "deployer". The action revoked it (token UUID ${uuid}).`
    )
    expect(main.outputs.token).toBeUndefined()
    expect(main.env).toEqual({})
    expect(j.tokens('deployer')).toEqual([])
    expect(state(main, 'minted')).toMatchObject({ user: 'deployer', revokedInMain: true })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('::warning::')
    expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
  })

  it('outputs the id without verify too', async () => {
    const { j, faults } = await emulator(options)
    const { main, post } = await runJob({ env, inputs: inputs(j, { verify: 'false' }) })
    expect(main.exitCode).toBe(0)
    expect(paths(j)).not.toContain('GET /whoAmI/api/json')
    expect(main.outputs.user).toBe('deployer')
    expect(main.env.JENKINS_USER_ID).toBe('deployer')
    expect(state(main, 'minted')).toMatchObject({ user: 'deployer' })
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
    expect(j.tokens('deployer')).toEqual([])
    expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
  })

  it.each([
    [
      'true',
      'the post step tries again when the job ends; if it cannot either, revoke token "BASE" (UUID) by hand at URLuser/deployer/security/.'
    ],
    ['false', 'revoke token "BASE" (UUID) by hand at URLuser/deployer/security/.']
  ])(
    'with revoke: %s, says who revokes a token that failed verification and that main could not revoke',
    async (revoke, next) => {
      const { j, faults } = await emulator(options, [
        { path: /\/whoAmI\//, fault: { status: 503 } },
        { path: /\/revoke$/, times: 1, fault: { status: 503 } }
      ])
      const { main, post } = await runJob({ env, inputs: inputs(j, { retries: '0', revoke }) })
      expect(main.exitCode).toBe(1)
      const uuid = String(state(main, 'minted').tokenUuid)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain('The action could not revoke it either (')
      expect(error).toMatch(
        new RegExp(
          `: ${next
            .replace('BASE', BASE_NAME)
            .replace('UUID', uuid)
            .replace('URL', j.url)
            .replace(/[.*+?^${}()|[\]\\#]/g, '\\$&')}$`
        )
      )
      expect(post.exitCode).toBe(0)
      if (revoke === 'true') {
        expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
        expect(j.tokens('deployer')).toEqual([])
      } else {
        expect(j.tokens('deployer').map((t) => t.uuid)).toEqual([uuid])
      }
      expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
    }
  )

  // Jenkins had just taken the login and answered at this root for the mint: neither the inputs
  // nor the URL are what went wrong.
  it.each<[string, { status: number; challenge?: string }, string, string]>([
    [
      'a 404 to the way there',
      { status: 404 },
      'Jenkins refused to revoke the new token (HTTP 404): not found, at the root URL where Jenkins had just created the token. Something between the runner and Jenkins (a proxy or gateway) now sends the request elsewhere, or the controller moved',
      'Check jenkins-url'
    ],
    [
      'a 401 to a login it had just taken',
      { status: 401, challenge: 'Basic realm="Jenkins"' },
      'Jenkins refused to revoke the new token (HTTP 401): the credentials of "admin" were rejected, though Jenkins had just taken them to create the token. The controller may be restarting (until it has loaded its users it rejects every login), the password may have been changed or revoked meanwhile, or something between the runner and Jenkins altered the request',
      'Check the username input'
    ]
  ])(
    "takes %s, in main's revoke with the login that had just made the token",
    async (_, fault, why, notSaid) => {
      const { j, faults } = await emulator(options, [
        { path: /\/whoAmI\//, fault: { status: 503 } },
        { path: /\/revoke$/, times: 1, fault }
      ])
      const { main, post } = await runJob({ env, inputs: inputs(j, { retries: '0' }) })
      expect(main.exitCode).toBe(1)
      const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
      expect(error).toContain(
        `The action could not revoke it either (${why}): the post step tries again`
      )
      expect(error).not.toContain(notSaid)
      expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
      expect(j.tokens('deployer')).toEqual([])
      expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
    }
  )

  it.each([500, 503])(
    'revokes a token whose verification gets HTTP %i with the login, before main fails',
    async (status) => {
      const { j, faults } = await emulator(options, [{ path: /\/whoAmI\//, fault: { status } }])
      let leftAfterMain: string[] = ['not checked']
      const { main, post } = await runJob(
        { env, inputs: inputs(j, { retries: '0' }) },
        async () => {
          leftAfterMain = j.tokens('deployer').map((t) => t.name)
        }
      )
      expect(main.exitCode).toBe(1)
      const uuid = String(state(main, 'minted').tokenUuid)
      expect(main.stdout).toContain(
        `::error::The new token could not be verified: The whoAmI check got an error (HTTP ${status}) without Jenkins's X-Jenkins header`
      )
      expect(main.stdout).toContain(`The action revoked it (token UUID ${uuid}).`)
      expect(main.outputs.token).toBeUndefined()
      expect(main.env).toEqual({})
      // Revoked under the id, as the administrator, with the session's crumb.
      const revoke = j.requests.find((r) => r.path.endsWith('/revoke'))
      expect([revoke?.path, revoke?.user, revoke?.crumbSent, revoke?.status]).toEqual([
        `/user/deployer/${DESCRIPTOR}/revoke`,
        'admin',
        true,
        200
      ])
      expect(leftAfterMain).toEqual([])
      expect(state(main, 'minted')).toMatchObject({ user: 'deployer', revokedInMain: true })

      expect(post.exitCode).toBe(0)
      expect(post.stdout).toContain(
        `The main step revoked Jenkins API token "${BASE_NAME}" (${uuid}) of "deployer"`
      )
      expect(post.stdout).not.toContain('::warning::')
      // Post sent nothing: there was nothing left to revoke.
      expect(j.requests.filter((r) => r.path.endsWith('/revoke'))).toHaveLength(1)
      expect(j.tokens('deployer')).toEqual([])
      expectNoLeaks([main, post], secretsOf(j, faults, admin, 'deployer'))
    }
  )
})

describe('a gateway error after Jenkins created the token', () => {
  const MINT = /\/generateNewToken$/
  const SCRIPT = /\/scriptText$/
  const names = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      i === 0 ? BASE_NAME : `${BASE_NAME} (attempt ${i + 1})`
    )

  const warning = (name: string, user: string, root: string) =>
    `::warning::Jenkins may hold an API token named "${name}" for the user "${user}": the answer to the request that creates it was lost or unclear, so the action does not know whether it was created and cannot revoke it. Open ${root}user/${user}/security/ and revoke "${name}" there if it is listed.`

  /** Main fails; every name Jenkins holds is named once in main, once in post, in both summaries. */
  async function expectEveryNameAccountedFor(
    j: JenkinsEmulator,
    faults: FaultLog,
    login: { username: string; password: string },
    inputs: Record<string, string>,
    status: number,
    attempts: number,
    /** The request the error names, which Jenkins answered with a gateway's 5xx. */
    request: string
  ) {
    const { main, post } = await runJob({
      env,
      inputs: { 'jenkins-url': j.url, ...login, ...inputs }
    })
    const user = login.username
    const expected = names(attempts)
    // Jenkins really holds every one of them: the warnings are not a formality.
    expect(
      j
        .tokens(user)
        .map((t) => t.name)
        .sort()
    ).toEqual([...expected].sort())

    expect(main.exitCode).toBe(1)
    // Every status here is a gateway's, answered without Jenkins's X-Jenkins header.
    expect(main.stdout).toContain(
      `::error::A proxy or gateway in front of Jenkins most likely answered ${request} (HTTP ${status}, without Jenkins's X-Jenkins header)`
    )
    expect(main.outputs.token).toBeUndefined()
    expect(main.state.minted).toBeUndefined()
    for (const step of [main, post]) {
      for (const name of expected) {
        expect(step.stdout.split(warning(name, user, j.url))).toHaveLength(2)
      }
      expect(step.stdout.match(/^::warning::/gm)).toHaveLength(attempts)
      expect(step.summary).toContain('<strong>Check by hand:</strong>')
      expect(step.summary).toContain(`${j.url}user/${user}/security/`)
      for (const name of expected) {
        expect(step.summary).toContain(`<td>${name}</td>`)
      }
      // Jenkins gave no UUID for any of them: no column of "not known".
      expect(step.summary).not.toContain('Token UUID')
      expect(step.summary).toContain(
        'the answer to the request that creates it was lost or unclear'
      )
    }
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      'The main step got no token from Jenkins, so there is none for this step to revoke'
    )
    expectNoLeaks([main, post], secretsOf(j, faults, login, user))
  }

  // A gateway's 502 and 504; a CDN's 520 (the origin reset) and 524 (no answer in time).
  describe.each([502, 504, 520, 524, 527])('HTTP %i', (status) => {
    it.each([
      ['retries: 0', '0', 1],
      ['retries exhausted', '1', 2]
    ])('REST, %s', async (_label, retries, attempts) => {
      const { j, faults } = await emulator({}, [{ path: MINT, fault: { status, after: true } }])
      await expectEveryNameAccountedFor(
        j,
        faults,
        alice,
        { retries },
        status,
        attempts,
        'the request to create a token for "alice"'
      )
      expect(faults.hits).toEqual([attempts])
      expect(faults.mintedValues).toHaveLength(attempts)
    })

    it.each([
      ['retries: 0', '0', 1],
      ['retries exhausted', '1', 2]
    ])('script console, %s', async (_label, retries, attempts) => {
      const { j, faults } = await emulator({}, [{ path: SCRIPT, fault: { status, after: true } }])
      await expectEveryNameAccountedFor(
        j,
        faults,
        admin,
        { retries, method: 'script-console' },
        status,
        attempts,
        'the script console request'
      )
      expect(faults.hits).toEqual([attempts])
    })
  })
})

/** A controller that speaks TLS 1.2 at most (as load balancers may), and alice's login token. */
async function tls12Jenkins() {
  const pki = makeTestPki()
  const j = await fixture.start({
    users,
    tls: { key: pki.serverKey, cert: pki.serverCert, maxVersion: 'TLSv1.2' }
  })
  return { pki, j, login: j.addToken('alice', 'long-lived') }
}

describe('a TLS record of the request damaged on the way', () => {
  it('is refused by the server unread, so the mint is sent again at once and no token is named', async () => {
    // TLS 1.2: the client's first application-data record is the mint; the server answers it
    // with a bad_record_mac alert and never reads the request.
    const { pki, j, login } = await tls12Jenkins()
    const relay = await startTcpRelay(j.port, { corruptFirstRequest: true })
    try {
      const { main, post } = await runJob({
        env,
        inputs: {
          'jenkins-url': `https://127.0.0.1:${relay.port}/`,
          username: 'alice',
          'api-token': login.value,
          'ca-certificate': pki.caPem,
          retries: '1'
        }
      })
      expect(main.stdout).toContain('the server refused the TLS connection after its handshake')
      expect(main.exitCode).toBe(0)
      // The refused record never reached Jenkins: the mint sent again has the first name.
      expect(main.outputs['token-name']).toBe(BASE_NAME)
      for (const step of [main, post]) expect(step.stdout).not.toContain('::warning::')
      expect(post.stdout).toContain('Revoked Jenkins API token')
      expect(j.tokens('alice').map((t) => t.name)).toEqual(['long-lived'])
    } finally {
      await relay.close()
    }
  })
})

describe('a front that asks for a client certificate (mutual TLS)', () => {
  it('refuses the first attempt: nothing reached Jenkins, no token to check, no retry', async () => {
    // TLS 1.3: the refusal comes after the client counts the handshake done.
    const pki = makeTestPki()
    const j = await fixture.start({
      users,
      tls: { key: pki.serverKey, cert: pki.serverCert, requestCert: true }
    })
    const login = j.addToken('alice', 'long-lived')
    const started = Date.now()
    const { main, post } = await runJob({
      env,
      inputs: {
        'jenkins-url': j.url,
        username: 'alice',
        'api-token': login.value,
        'ca-certificate': pki.caPem,
        retries: '2',
        'wait-seconds': '30'
      }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      'asks for a client certificate (mutual TLS) and refused the connection without one (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)'
    )
    expect(j.requests).toEqual([])
    for (const step of [main, post]) expect(step.stdout).not.toContain('::warning::')
    expect(post.stdout).toContain('No Jenkins token was created in this job')
    // Neither retried nor waited for as a starting controller.
    expect(main.stdout).not.toContain('Waiting for Jenkins')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

describe('the page to revoke a token on, by the controller version', () => {
  it('is the Configure page before Jenkins 2.468, learnt from the crumb answer', async () => {
    const { j } = await emulator({ version: '2.462.3' }, [
      { path: /\/generateNewToken$/, fault: { status: 502, after: true } }
    ])
    const { main, post } = await runJob({
      env,
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0' }
    })
    const open = `Open ${j.url}user/alice/configure and revoke "${BASE_NAME}" there if it is listed.`
    for (const step of [main, post]) {
      expect(step.stdout).toContain(open)
      expect(step.stdout).not.toContain('/security/')
      expect(step.summary).toContain(`<a href="${j.url}user/alice/configure">`)
    }
  })
})

describe('a TLS stream broken after the mint went out', () => {
  it('counts the token as one Jenkins may hold, and names it in main and post', async () => {
    // TLS 1.2: the first application data from the controller is the mint's answer.
    const { pki, j, login } = await tls12Jenkins()
    const faults = injectFaults(j, [])
    const relay = await startTcpRelay(j.port, { corruptFirstAnswer: true })
    try {
      const root = `https://127.0.0.1:${relay.port}/`
      const { main, post } = await runJob({
        env,
        inputs: {
          'jenkins-url': root,
          username: 'alice',
          'api-token': login.value,
          'ca-certificate': pki.caPem,
          retries: '0'
        }
      })
      // Jenkins made the token; its answer never arrived whole.
      expect(j.tokens('alice').map((t) => t.name)).toEqual(['long-lived', BASE_NAME])
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain('the TLS connection failed after its handshake')
      expect(main.stdout).not.toContain('does the URL')
      const warning = `::warning::Jenkins may hold an API token named "${BASE_NAME}" for the user "alice"`
      for (const step of [main, post]) {
        expect(step.stdout.split(warning)).toHaveLength(2)
        expect(step.summary).toContain(`<td>${BASE_NAME}</td>`)
      }
      expect(post.exitCode).toBe(0)
      expectNoLeaks(
        [main, post],
        secretsOf(j, faults, { username: 'alice', password: login.value }, 'alice')
      )
    } finally {
      await relay.close()
    }
  })
})

describe('a post step whose record of the token cannot be read', () => {
  // Main's saved state is the runner's file; a record altered or cut short (here: without
  // the token's value and UUID) must not read as "no token was created".
  async function mintThenDamage(damage: (minted: Record<string, unknown>) => unknown) {
    const j = await fixture.start({ users })
    const inputs = { 'jenkins-url': j.url, username: alice.username, password: alice.password }
    const main = await runStep('main', { inputs, env })
    expect(main.exitCode).toBe(0)
    const minted = state(main, 'minted')
    const damaged = { ...main.state, minted: JSON.stringify(damage(minted)) }
    const post = await runStep('post', { inputs, env, state: damaged })
    return { j, main, post, minted }
  }

  it('names the token Jenkins made, its user and page, in a warning and the summary', async () => {
    const { j, post, minted } = await mintThenDamage(({ token, tokenUuid, ...rest }) => rest)
    expect(post.exitCode).toBe(0)
    expect(post.stderr).not.toContain('TypeError')
    const warnings = post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`API token named "${String(minted.tokenName)}"`)
    expect(warnings[0]).toContain('"alice"')
    expect(warnings[0]).toContain(`${j.url}user/alice/security/`)
    expect(post.stdout).not.toContain('No Jenkins token was created')
    expect(post.summary).toContain(String(minted.tokenName))
    // Nothing was revoked: the token is still there for a person to find.
    expect(paths(j).filter((path) => path.includes('/revoke'))).toEqual([])
    expect(j.tokens('alice').map((token) => token.name)).toContain(minted.tokenName)
  })

  // Fields of the right type with values main never saves: each would send post astray (a
  // crash on the URL, a revoke to another address or without a time limit, a token called
  // revoked already), so the record reads as unreadable, and the token is named.
  it.each<[string, (minted: Record<string, unknown>) => Record<string, unknown>]>([
    ['a jenkinsUrl that is not a URL', (m) => ({ ...m, jenkinsUrl: 'not a url' })],
    [
      'a jenkinsUrl without its final /',
      (m) => ({ ...m, jenkinsUrl: String(m.jenkinsUrl).slice(0, -1) })
    ],
    ['a jenkinsUrl of another scheme', (m) => ({ ...m, jenkinsUrl: 'ftp://127.0.0.1/' })],
    [
      'a jenkinsUrl with a password in it',
      (m) => ({ ...m, jenkinsUrl: String(m.jenkinsUrl).replace('//', '//alice:s3cret@') })
    ],
    ['timeoutSeconds 0', (m) => ({ ...m, timeoutSeconds: 0 })],
    ['timeoutSeconds 601', (m) => ({ ...m, timeoutSeconds: 601 })],
    ['timeoutSeconds 2.5', (m) => ({ ...m, timeoutSeconds: 2.5 })],
    ['retries -1', (m) => ({ ...m, retries: -1 })],
    ['retries 11', (m) => ({ ...m, retries: 11 })],
    ['revokedInMain "no"', (m) => ({ ...m, revokedInMain: 'no' })],
    ['revokedInMain null', (m) => ({ ...m, revokedInMain: null })]
  ])('takes a record with %s for unreadable, and names the token', async (_case, damage) => {
    const { j, post, minted } = await mintThenDamage(damage)
    expect(post.exitCode).toBe(0)
    expect(post.stderr).toBe('')
    const warnings = post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
    // The UUID is still in the record: only it tells this token from others of its name.
    expect(warnings).toEqual([
      `::warning::Jenkins created an API token named "${String(minted.tokenName)}" (token UUID ${String(minted.tokenUuid)}) for the user "alice" that this step cannot revoke: the record the main step saved of it cannot be read. Open ${j.url}user/alice/security/ and revoke "${String(minted.tokenName)}" there.`
    ])
    expect(post.summary).toContain(
      `<td>${String(minted.tokenName)}</td><td>${String(minted.tokenUuid)}</td>`
    )
    expect(post.stdout).not.toContain('s3cret')
    expect(post.stdout).not.toContain('The main step revoked')
    expect(paths(j).filter((path) => path.includes('/revoke'))).toEqual([])
    expect(j.tokens('alice').map((token) => token.name)).toEqual([minted.tokenName])
  })

  it('names what a record cut short still holds, when no attempts were saved either', async () => {
    const j = await fixture.start({ users })
    const main = await runStep('main', {
      inputs: { 'jenkins-url': j.url, ...alice },
      env
    })
    const minted = state(main, 'minted')
    const record = JSON.stringify({
      tokenName: minted.tokenName,
      tokenUuid: minted.tokenUuid,
      user: minted.user,
      jenkinsUrl: minted.jenkinsUrl,
      token: minted.token
    })
    const post = await runStep('post', {
      env,
      state: { minted: record.slice(0, record.indexOf('"token":')) }
    })
    expect(post.exitCode).toBe(0)
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      `::warning::The main step saved a record of a Jenkins API token that this step cannot read, token "${BASE_NAME}" (token UUID ${String(minted.tokenUuid)}) of "alice", so it cannot revoke it: open ${j.url}user/alice/security/ (before Jenkins 2.468: ${j.url}user/alice/configure) and revoke "${BASE_NAME}" there if it is listed.`
    ])
    expect(j.requests.filter((r) => r.path.includes('/revoke'))).toEqual([])
  })

  it.each([
    ['a URL with a password in it', 'http://alice:s3cret@127.0.0.1:1/'],
    ['a URL that is not one', 'not a url']
  ])("names no page from %s, and no UUID not of Jenkins's form", async (_, jenkinsUrl) => {
    const post = await runStep('post', {
      env,
      state: {
        minted: JSON.stringify({
          tokenName: BASE_NAME,
          tokenUuid: 'not-a-uuid',
          user: 'alice',
          jenkinsUrl,
          token: 's3cret-token'
        }).slice(0, -2)
      }
    })
    expect(post.exitCode).toBe(0)
    expect(post.stderr).not.toContain('TypeError')
    expect(post.stdout + post.summary).not.toContain('s3cret')
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      `::warning::The main step saved a record of a Jenkins API token that this step cannot read, token "${BASE_NAME}" of "alice", so it cannot revoke it: check the user's API tokens on the controller and revoke "${BASE_NAME}" there if it is listed.`
    ])
  })

  // Main saves its attempts before the first mint goes out: a record post cannot read is no
  // sign that none did.
  const SECOND = `${BASE_NAME} (attempt 2)`
  const ON_THE_CONTROLLER = "check the user's API tokens on the controller"
  it.each([
    // It parses: the attempt Jenkins answered without a token is left out; without the user,
    // no page can be named.
    [
      'without its user',
      (text: string) => text.replace(/"user":"alice",/, ''),
      [SECOND],
      () => ON_THE_CONTROLLER
    ],
    // It does not: every name it still holds, and the page its controller and user give.
    [
      'cut short',
      (text: string) => text.slice(0, -3),
      [BASE_NAME, SECOND, `${BASE_NAME} (attempt 3)`],
      (url: string) =>
        `open ${url}user/alice/security/ (before Jenkins 2.468: ${url}user/alice/configure)`
    ]
  ])('warns on a record of attempts %s, naming what it holds', async (_, damage, named, look) => {
    const j = await fixture.start({ users })
    const attempts = JSON.stringify({
      jenkinsUrl: j.url,
      user: 'alice',
      attempts: [
        { name: BASE_NAME, outcome: 'not-created' },
        { name: SECOND, outcome: 'pending' },
        { name: `${BASE_NAME} (attempt 3)`, outcome: 'revoked' }
      ]
    })
    const post = await runStep('post', { env, state: { attempts: damage(attempts) } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('never asked for one')
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      `::warning::The main step saved a record of its requests to create a Jenkins API token that this step cannot read, so it cannot tell whether Jenkins made one: ${look(j.url)} and revoke any named ${named.map((name) => `"${name}"`).join(' or ')}.`
    ])
    expect(j.requests).toEqual([])
  })

  it('warns on a record of attempts cut short before any name, with no token record', async () => {
    const j = await fixture.start({ users })
    const post = await runStep('post', { env, state: { attempts: `{"jenkinsUrl":"${j.url}"` } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('never asked for one')
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      "::warning::The main step saved a record of its requests to create a Jenkins API token that this step cannot read, so it cannot tell whether Jenkins made one: check the user's API tokens on the controller and revoke any named after this run."
    ])
    expect(j.requests).toEqual([])
  })

  // A UUID says Jenkins certainly holds the token: only one of Jenkins's form is taken for one.
  it.each([
    ["of Jenkins's form", '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', true],
    ['not of its form', 'not-a-uuid', false]
  ])('names an attempt with a UUID %s accordingly', async (_, uuid, holds) => {
    const jenkinsUrl = 'https://ci.example.com/'
    const attempts = JSON.stringify({
      jenkinsUrl,
      user: 'alice',
      jenkinsVersion: '2.568.3',
      attempts: [{ name: BASE_NAME, outcome: 'may-exist', uuid }]
    })
    const post = await runStep('post', { env, state: { attempts } })
    expect(post.exitCode).toBe(0)
    const page = `${jenkinsUrl}user/alice/security/`
    expect(post.stdout.match(/^::warning::.*$/gm)).toEqual([
      holds
        ? `::warning::Jenkins holds an API token named "${BASE_NAME}" (token UUID ${uuid}) for the user "alice": Jenkins answered that it created it, but without a token value the action could use, and the action could not revoke it. Open ${page} and revoke "${BASE_NAME}" there.`
        : `::warning::Jenkins may hold an API token named "${BASE_NAME}" for the user "alice": the answer to the request that creates it was lost or unclear, so the action does not know whether it was created and cannot revoke it. Open ${page} and revoke "${BASE_NAME}" there if it is listed.`
    ])
    expect(post.summary.includes(uuid)).toBe(holds)
  })

  it('warns even when nothing names the token (no attempts saved either)', async () => {
    const j = await fixture.start({ users })
    const post = await runStep('post', {
      env,
      state: { minted: '{"jenkinsUrl": "' }
    })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('::warning::The main step saved a record of a Jenkins API token')
    expect(post.stdout).not.toContain('No Jenkins token was created')
    expect(j.requests).toEqual([])
  })

  // JSON, but not a record: the warm-up, which reads it before anything else, must not crash.
  it.each(['null', '7', '"minted"', '[]'])('warns on a record that is %s', async (record) => {
    const j = await fixture.start({ users })
    const post = await runStep('post', { env, state: { minted: record } })
    expect(post.exitCode).toBe(0)
    expect(post.stderr).not.toContain('TypeError')
    expect(post.stdout).toContain('::warning::The main step saved a record of a Jenkins API token')
    expect(j.requests).toEqual([])
  })
})

// A lone surrogate: valid JSON text ("\ud800"), but encodeURIComponent throws on it. Once the
// token exists, nothing about its value may cost the post step its record of it.
describe('a token value with a lone surrogate in Jenkins’s answer', () => {
  const oddValue = (value: string) => `${value}\ud800`
  const rules: FaultRule[] = [{ path: /\/generateNewToken$/, fault: { tokenValue: oddValue } }]
  const inputs = (j: JenkinsEmulator, more: Record<string, string> = {}) => ({
    'jenkins-url': j.url,
    ...alice,
    ...more
  })

  it('is recorded, fails verification and is revoked by main', async () => {
    const { j, faults } = await emulator({}, rules)
    const { main, post } = await runJob({ env, inputs: inputs(j) })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).not.toContain('URI malformed')
    expect(main.stderr).not.toContain('URIError')
    const minted = state(main, 'minted')
    expect(minted).toMatchObject({ tokenName: BASE_NAME, user: 'alice', revokedInMain: true })
    expect(main.stdout).toContain('::error::The new token could not be verified')
    expect(main.stdout).toContain(`The action revoked it (token UUID ${String(minted.tokenUuid)}).`)
    expect(j.tokens('alice')).toEqual([])

    expect(post.exitCode).toBe(0)
    expect(post.stderr).toBe('')
    expect(post.stdout).toContain(`The main step revoked Jenkins API token "${BASE_NAME}"`)
    expect(post.stdout).not.toContain('No Jenkins token was created')
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
  })

  it('without verify, is handed out, and post names it when Jenkins refuses that value', async () => {
    const { j, faults } = await emulator({}, rules)
    const { main, post } = await runJob({ env, inputs: inputs(j, { verify: 'false' }) })
    expect(main.exitCode).toBe(0)
    expect(main.stderr).toBe('')
    expect(state(main, 'minted')).toMatchObject({ tokenName: BASE_NAME, user: 'alice' })
    // The runner masks what reaches it: a lone surrogate arrives as U+FFFD, whose URL form
    // every encoder writes as %EF%BF%BD.
    const value = faults.mintedValues[0] ?? ''
    expect(maskedValues(main.stdout)).toEqual(
      expect.arrayContaining([`${value}\ufffd`, `${value}%EF%BF%BD`])
    )

    expect(post.exitCode).toBe(0)
    expect(post.stderr).toBe('')
    const warnings = post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`Jenkins API token "${BASE_NAME}"`)
    expect(warnings[0]).toContain('was not revoked')
    expect(warnings[0]).toContain(`${j.url}user/alice/security/`)
    expect(j.tokens('alice').map((token) => token.name)).toEqual([BASE_NAME])
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
  })

  it('in a record post reads, is masked and named, not a crash', async () => {
    const j = await fixture.start({ users })
    const inputs = { 'jenkins-url': j.url, ...alice }
    const main = await runStep('main', { inputs, env })
    expect(main.exitCode).toBe(0)
    const minted = state(main, 'minted')
    const token = `${String(minted.token)}\ud800`
    // JSON.stringify writes the lone surrogate as the text "\ud800", as the runner keeps it.
    const record = JSON.stringify({ ...minted, token })
    expect(record).toContain('\\ud800')
    const post = await runStep('post', { inputs, env, state: { ...main.state, minted: record } })
    expect(post.exitCode).toBe(0)
    expect(post.stderr).toBe('')
    expect(maskedValues(post.stdout)).toContain(`${String(minted.token)}%EF%BF%BD`)
    const warnings = post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`Jenkins API token "${BASE_NAME}"`)
    expect(warnings[0]).toContain(`${j.url}user/alice/security/`)
  })
})

describe('a post step whose main step stopped between the token and its record', () => {
  // A job killed between the two saves: the attempts say Jenkins made the token, and no
  // record of it holds its UUID and value.
  it('names the token Jenkins made, its user and page, in a warning and the summary', async () => {
    const j = await fixture.start({ users })
    const inputs = { 'jenkins-url': j.url, ...alice }
    const main = await runStep('main', { inputs, env })
    expect(main.exitCode).toBe(0)
    const { minted, ...withoutRecord } = main.state
    expect(state(main, 'attempts')).toMatchObject({
      attempts: [{ name: BASE_NAME, outcome: 'created' }]
    })
    const post = await runStep('post', { inputs, env, state: withoutRecord })
    expect(post.exitCode).toBe(0)
    const warnings = post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`API token named "${BASE_NAME}" for the user "alice"`)
    expect(warnings[0]).toContain(
      "the main step saved no record of it (its UUID and value): it stopped first, or could not write its state. Unless the main step's log says it revoked the token, open"
    )
    expect(warnings[0]).toContain(`${j.url}user/alice/security/`)
    expect(post.stdout).not.toContain('No Jenkins token was created')
    expect(post.stdout).not.toContain('got no token from Jenkins')
    expect(post.summary).toContain(`<td>${BASE_NAME}</td>`)
    expect(post.summary).toContain(`${j.url}user/alice/security/`)
    expect(paths(j).filter((path) => path.includes('/revoke'))).toEqual([])
    expect(j.tokens('alice').map((token) => token.name)).toEqual([BASE_NAME])
  })
})

describe('a main step whose writes to GITHUB_STATE fail once the token exists', () => {
  // The runner's disk fills up during the step (the preload makes the matching writes fail).
  const preload = join(import.meta.dirname, '..', 'support', 'state-write-fails.cjs')
  const failing = (pattern: string, times?: number) => ({
    ...env,
    NODE_OPTIONS: `--require ${preload}`,
    FAIL_STATE_WRITES: pattern,
    ...(times ? { FAIL_STATE_WRITES_TIMES: String(times) } : {})
  })
  const recordFails = new RegExp(
    `^::error::Created token "${regexpText(BASE_NAME)}" \\([0-9a-f-]{36}\\), but could not record it for the post step \\(ENOSPC: no space left on device, write\\)\\. The action revoked it\\.$`,
    'm'
  )

  async function jobWith(environment: NodeJS.ProcessEnv) {
    const j = await fixture.start({ users })
    const faults = injectFaults(j, [])
    const { main, post } = await runJob({
      entry: 'dist',
      env: environment,
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    const value = faults.mintedValues[0] ?? ''
    expect(value).not.toBe('')
    return { j, main, post, value }
  }

  it('a record too large for the runner to hand to post: main revokes the token and says why', async () => {
    // A front that rewrites the answer's name: the record would exceed MAX_ARG_STRLEN, and
    // the runner could not start the post step at all (spawn E2BIG).
    const j = await fixture.start({ users })
    const huge = 'n'.repeat(140_000)
    injectFaults(j, [{ path: /\/generateNewToken\/?$/, fault: { tokenName: huge } }])
    const { main, post } = await runJob({
      entry: 'src',
      env,
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    expect(main.exitCode).toBe(1)
    expect(main.state.minted).toBeUndefined()
    expect(main.stdout).toMatch(
      /^::error::Created token "n+" \([0-9a-f-]{36}\), but could not record it for the post step \(its record, 1\d\d KiB with what Jenkins answered, would not fit the one environment variable in which the runner hands it to the post step \(at most 128 KiB\)\)\. The action revoked it\.$/m
    )
    expect(j.tokens('alice')).toEqual([])
    expect(post.exitCode).toBe(0)
  })

  it('the record of the first attempt: no request is sent, and no token is called possible', async () => {
    const j = await fixture.start({ users })
    const faults = injectFaults(j, [])
    const { main, post } = await runJob({
      entry: 'dist',
      env: failing('^attempts<<'),
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('ENOSPC: no space left on device, write')
    // Only the crumb was fetched: the mint, which the record comes before, never went out.
    expect(paths(j)).toEqual(['GET /crumbIssuer/api/json'])
    expect(main.stdout).not.toContain('Jenkins may hold')
    expect(main.summary).not.toContain('may hold')
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('the main step never asked for one')
    expect(post.stdout).not.toContain('::warning::')
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
  })

  it('the record that main revoked a token that failed verification: main still says why it failed', async () => {
    const j = await fixture.start({ users })
    const faults = injectFaults(j, [{ path: /\/whoAmI\//, fault: { status: 503 } }])
    const { main, post } = await runJob({
      entry: 'dist',
      env: failing('revokedInMain'),
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      /^::error::The new token could not be verified: The whoAmI check got an error \(HTTP 503\) without Jenkins's X-Jenkins header, and not the page Jenkins shows while it starts: .* Try again later\. The action revoked it \(token UUID [0-9a-f-]{36}\)\. The post step could not be told so \(ENOSPC: no space left on device, write\), and will try to revoke it again\.$/m
    )
    expect(j.tokens('alice')).toEqual([])
    // Post tries, with the token itself, which Jenkins no longer takes, and says so.
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('was not revoked: Jenkins did not accept it as a login')
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
  })

  it('the same with revoke false: main says the post step will call the token valid, and it is not', async () => {
    const j = await fixture.start({ users })
    const faults = injectFaults(j, [{ path: /\/whoAmI\//, fault: { status: 503 } }])
    const { main, post } = await runJob({
      entry: 'dist',
      env: failing('revokedInMain'),
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0', revoke: 'false' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      /^::error::The new token could not be verified: .* The action revoked it \(token UUID [0-9a-f-]{36}\)\. The post step could not be told so \(ENOSPC: no space left on device, write\), and will report it left valid \(revoke is false\); it is not\.$/m
    )
    expect(j.tokens('alice')).toEqual([])
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('revoke is false: leaving Jenkins API token')
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
  })

  it('the record of the token: main, which still holds the login, revokes it and says so', async () => {
    // The post step would never have the token's UUID and value.
    const { j, main, post, value } = await jobWith(failing('^minted<<', 1))
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(recordFails)
    // Main records nothing more (the state write is what fails): post names the name sent,
    // from the attempt record, for a person to check.
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`API token named "${BASE_NAME}"`)
    expect(post.stdout).not.toContain('failed verification')
    expect(j.tokens('alice')).toEqual([])
    expect(await whoAmIStatus(j.url, 'alice', value)).toBe(401)
  })

  it('the same through the script console: main does not call the token it revoked one that may exist', async () => {
    const j = await fixture.start({ users })
    const { main, post } = await runJob({
      entry: 'dist',
      env: failing('^minted<<', 1),
      inputs: { 'jenkins-url': j.url, ...admin, user: 'alice', method: 'script-console' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(recordFails)
    // The script's answer settled the attempt: the token is revoked, not "may exist".
    expect(main.stdout).not.toContain('::warning::Jenkins may hold')
    expect(main.stdout).not.toContain('Jenkins may hold a token from this step')
    expect(post.stdout).toContain(`API token named "${BASE_NAME}"`)
    expect(j.tokens('alice')).toEqual([])
  })

  it('a revoke answered 200 that Jenkins did not carry out still leaves post a name', async () => {
    const j = await fixture.start({ users })
    // Empty, as Jenkins's own: nothing tells it from a revoke Jenkins carried out.
    injectFaults(j, [{ path: /\/revoke$/, fault: { status: 200, body: '' } }])
    const { main, post } = await runJob({
      entry: 'dist',
      env: failing('^minted<<', 1),
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    expect(main.stdout).toMatch(recordFails)
    expect(j.tokens('alice').map((t) => t.name)).toEqual([BASE_NAME])
    expect(post.stdout).toContain(`API token named "${BASE_NAME}"`)
  })

  it('a stop signal while main revokes it names the token, not "no token"', async () => {
    const j = await fixture.start({ users })
    injectFaults(j, [{ path: /\/revoke$/, fault: { hang: true } }])
    const main = await runStep('main', {
      entry: 'dist',
      env: failing('^minted<<'),
      inputs: { 'jenkins-url': j.url, ...alice },
      interrupt: {
        when: () => until(() => j.requests.some((r) => r.path.endsWith('/revoke')), 'the revoke'),
        signals: ['SIGINT']
      }
    })
    const [token] = j.tokens('alice')
    expect(token?.name).toBe(BASE_NAME)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).not.toContain('before any token was created')
    expect(main.stdout).toContain(
      `::error::Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) while revoking token "${BASE_NAME}" (${token?.uuid}), which the step could not record for the post step: it may still be valid; revoke it by hand at ${j.url}user/alice/security/.`
    )
    expect(main.summary).toContain('<strong>Check by hand:</strong>')
    expect(main.summary).toContain(`<td>${BASE_NAME}</td><td>${token?.uuid}</td>`)
  })

  it('the attempt settled as created: the step goes on with the token it holds, post revokes it', async () => {
    const { j, main, post, value } = await jobWith(failing('"outcome":"created"'))
    expect(main.exitCode).toBe(0)
    expect(main.outputs.token).toBe(value)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
    // The saved attempt is still pending, but it is the token post revoked: not one to check.
    expect(post.stdout).not.toContain('::warning::')
    expect(post.summary).not.toMatch(/check/i)
    expect(j.tokens('alice')).toEqual([])
    expect(await whoAmIStatus(j.url, 'alice', value)).toBe(401)
  })
})

describe('a main step whose outputs cannot be written once the token is verified', () => {
  // The runner's disk is full: no later step gets the token, so main revokes it with the
  // login it still holds, and names the write that failed and the token.
  const handOutFails = (write: string) =>
    `::error::Created token "${BASE_NAME}", but could not hand it out: writing ${write} failed (ENOSPC: no space left on device, write).`
  const OUTPUTS = "the step's outputs (GITHUB_OUTPUT)"
  const ENVIRONMENT = "the job's environment (GITHUB_ENV, for export-env)"

  async function jobWith(
    unwritable: Array<'output' | 'env'>,
    more: Record<string, string>,
    rules: FaultRule[] = []
  ) {
    const j = await fixture.start({ users })
    const faults = injectFaults(j, rules)
    let leftAfterMain: string[] = ['not checked']
    const { main, post } = await runJob(
      { entry: 'src', env, unwritable, inputs: { 'jenkins-url': j.url, ...alice, ...more } },
      async () => {
        leftAfterMain = j.tokens('alice').map((t) => t.uuid)
      }
    )
    const uuid = String(state(main, 'minted').tokenUuid)
    const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error::'))
    expect(main.exitCode).toBe(1)
    expect(errors).toHaveLength(1)
    expect(post.exitCode).toBe(0)
    expectNoLeaks([main, post], secretsOf(j, faults, alice, 'alice'))
    return { j, main, post, uuid, error: errors[0] ?? '', leftAfterMain }
  }

  it.each(['true', 'false'])(
    'with revoke: %s, main revokes the token, names the write and the token, and post leaves it',
    async (revoke) => {
      const { j, main, post, uuid, error } = await jobWith(['output'], { revoke })
      expect(error).toBe(`${handOutFails(OUTPUTS)} The action revoked it (token UUID ${uuid}).`)
      expect(j.tokens('alice')).toEqual([])
      expect(state(main, 'minted')).toMatchObject({ revoke: false, revokedInMain: true })
      expect(main.summary).toContain(`(${uuid}) of &#34;alice&#34;, but writing the step&#39;s`)
      expect(main.summary).toContain('the action revoked it.')
      expect(post.stdout).toContain(
        `The main step revoked Jenkins API token "${BASE_NAME}" (${uuid}) of "alice"`
      )
      expect(post.stdout).not.toContain('revoke is false')
      expect(post.stdout).not.toContain('::warning::')
      // Only main's revoke: post had nothing left to revoke.
      expect(paths(j).filter((path) => path.endsWith('/revoke'))).toHaveLength(1)
    }
  )

  it('a stop while main revokes it, with revoke false: named as maybe valid, and post revokes it', async () => {
    const j = await fixture.start({ users })
    // Main's revoke hangs: the job is cancelled while it waits; post's goes through.
    injectFaults(j, [{ path: /\/revoke$/, times: 1, fault: { hang: true } }])
    const main = await runStep('main', {
      entry: 'dist',
      env,
      unwritable: ['output'],
      inputs: { 'jenkins-url': j.url, ...alice, revoke: 'false' },
      interrupt: {
        when: () => until(() => j.requests.some((r) => r.path.endsWith('/revoke')), 'the revoke'),
        signals: ['SIGINT']
      }
    })
    const uuid = String(state(main, 'minted').tokenUuid)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) while revoking token "${BASE_NAME}" (${uuid}), which no later step was sure to get (writing ${OUTPUTS} failed): it may still be valid; the post step tries to revoke it.`
    )
    expect(main.stdout).not.toContain('so it stays valid')
    const post = await runStep('post', { entry: 'dist', env, state: main.state })
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}" (${uuid})`)
    expect(j.tokens('alice')).toEqual([])
  }, 30_000)

  it("a stop while post writes its summary leaves one summary, the stop's", async () => {
    const j = await fixture.start({ users })
    const main = await runStep('main', {
      entry: 'dist',
      env,
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    expect(main.exitCode).toBe(0)
    const uuid = String(state(main, 'minted').tokenUuid)
    // The token is revoked and the step is writing its summary when stopped.
    const post = await stoppedWritingSummary('post', { state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}" (${uuid})`)
    expect(j.tokens('alice')).toEqual([])
    expect(post.summary.match(/<h3>Jenkins API token<\/h3>/g)).toHaveLength(1)
    expect(post.summary).toContain('Stopped by SIGINT')
    expect(post.summary).toContain(uuid)
  }, 30_000)

  it('a stop after main revoked it says the action revoked it, not that it may still be valid', async () => {
    const j = await fixture.start({ users })
    // The step has failed, with the token revoked, and is writing its summary when stopped.
    const main = await stoppedWritingSummary('main', {
      unwritable: ['output'],
      inputs: { 'jenkins-url': j.url, ...alice }
    })
    const uuid = String(state(main, 'minted').tokenUuid)
    expect(j.tokens('alice')).toEqual([])
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `${handOutFails(OUTPUTS)} The action revoked it (token UUID ${uuid}).`
    )
    expect(main.stdout).toContain(
      `::error::Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) after the action had revoked token "${BASE_NAME}" (${uuid}).`
    )
    expect(main.stdout).not.toContain('may still be valid')
    expect(main.stdout).not.toContain('::warning::')
    // One summary, the stop's: it says how the step stopped and what became of the token.
    expect(main.summary.match(/<h3>Jenkins API token<\/h3>/g)).toHaveLength(1)
    expect(main.summary).toContain(
      `Stopped by SIGINT (the job was cancelled or ran past timeout-minutes) after the action had revoked token`
    )
    expect(main.summary).toContain('the action revoked it.')
    expect(main.summary).not.toContain('Check by hand')
  }, 30_000)

  it('with revoke false and the record not updatable either: says to revoke it by hand, not that post will', async () => {
    const j = await fixture.start({ users })
    injectFaults(j, [{ path: /\/revoke$/, times: 1, fault: { status: 503 } }])
    const preload = join(import.meta.dirname, '..', 'support', 'state-write-fails.cjs')
    const main = await runStep('main', {
      entry: 'dist',
      // The record that would ask post to revoke it (revoke true) cannot be saved.
      env: { ...env, NODE_OPTIONS: `--require ${preload}`, FAIL_STATE_WRITES: '"revoke":true' },
      unwritable: ['output'],
      inputs: { 'jenkins-url': j.url, ...alice, revoke: 'false', retries: '0' }
    })
    const uuid = String(state(main, 'minted').tokenUuid)
    expect(state(main, 'minted')).toMatchObject({ revoke: false })
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toMatch(
      new RegExp(
        `The action could not revoke it either \\(.*\\): ${regexpText(`revoke token "${BASE_NAME}" (${uuid}) by hand at ${j.url}user/alice/security/.`)}$`
      )
    )
    expect(error).not.toContain('the post step tries')
    expect(main.summary).not.toContain('the post step tries again')
    expect(j.tokens('alice').map((t) => t.uuid)).toEqual([uuid])
  })

  it("names the job's environment when export-env cannot write it", async () => {
    const { j, main, uuid, error } = await jobWith(['env'], { 'export-env': 'true' })
    expect(error).toBe(`${handOutFails(ENVIRONMENT)} The action revoked it (token UUID ${uuid}).`)
    // The outputs came first, and went out: the token they hold no longer works.
    expect(main.outputs['token-uuid']).toBe(uuid)
    expect(await whoAmIStatus(j.url, 'alice', main.outputs.token ?? '')).toBe(401)
    expect(j.tokens('alice')).toEqual([])
  })

  // No step got the token: revoke false keeps it for nobody, so post tries as well.
  it.each(['true', 'false'])(
    'with revoke: %s, a revoke main could not make names the token and its page, and post revokes it',
    async (revoke) => {
      const { j, main, post, uuid, error, leftAfterMain } = await jobWith(
        ['output'],
        { revoke, retries: '0' },
        [{ path: /\/revoke$/, times: 1, fault: { status: 503 } }]
      )
      expect(error).toContain(`${handOutFails(OUTPUTS)} The action could not revoke it either (`)
      expect(error).toMatch(
        new RegExp(
          `: ${regexpText(`the post step tries again when the job ends; if it cannot either, revoke token "${BASE_NAME}" (${uuid}) by hand at ${j.url}user/alice/security/.`)}$`
        )
      )
      expect(leftAfterMain).toEqual([uuid])
      expect(main.summary).toContain('<strong>Check by hand:</strong>')
      expect(main.summary).toContain(`<td>${BASE_NAME}</td><td>${uuid}</td>`)
      expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}" (${uuid})`)
      expect(j.tokens('alice')).toEqual([])
    }
  )
})

function regexpText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A dist step stopped by SIGINT while its first job-summary write is held (the preload
 * summary-write-waits.cjs holds it, as a slow disk may).
 */
async function stoppedWritingSummary(
  which: 'main' | 'post',
  options: Pick<StepOptions, 'inputs' | 'state' | 'unwritable'>
): Promise<StepResult> {
  const preload = join(import.meta.dirname, '..', 'support', 'summary-write-waits.cjs')
  const dir = await mkdtemp(join(tmpdir(), 'summary-write-'))
  const waiting = join(dir, 'waiting')
  return runStep(which, {
    entry: 'dist',
    env: { ...env, NODE_OPTIONS: `--require ${preload}`, SUMMARY_WRITE_WAITING: waiting },
    ...options,
    interrupt: {
      when: () => until(() => existsSync(waiting), 'the summary write'),
      signals: ['SIGINT']
    }
  }).finally(() => rm(dir, { recursive: true, force: true }))
}
