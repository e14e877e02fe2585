/**
 * Answers that are JSON but not what Jenkins sends, run through the dist bundles: `null`, a
 * number, a string or an array where Jenkins sends an object, and a crumb no HTTP header can
 * carry. Each gets a message that names the request and what came back, never JavaScript's
 * own words; a mint answered that way may have made a token, and is accounted for as such
 * (not as a request cut off by a stopped step); a request that was never sent is not.
 */
import { describe, expect, it } from '@jest/globals'
import { type FaultRule, injectFaults } from '../emulator/faults.js'
import type { EmulatorOptions } from '../emulator/jenkins-emulator.js'
import { runJob, runStep, type StepResult } from '../support/action-runner.js'
import { emulatorPerTest, requestPaths as paths } from '../support/emulator-fixture.js'

const fixture = emulatorPerTest()

const env = { RUNNER_DEBUG: '1' }
const MINT_PATH = '/me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
const MINT = /\/generateNewToken$/
const CRUMB = /\/crumbIssuer\//
const WHO_AM_I = /\/whoAmI\//
const BASE_NAME = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
const alice = { username: 'alice', password: 'alice-password' }
const admin = { username: 'admin', password: 'admin-password' }
const users = [
  { id: 'admin', password: admin.password, admin: true },
  { id: 'alice', password: alice.password },
  { id: 'deployer', password: 'deployer-password', fullName: 'Deploy Bot' }
]

async function emulator(rules: FaultRule[], options: EmulatorOptions = {}) {
  const j = await fixture.start({ users, ...options })
  return { j, faults: injectFaults(j, rules) }
}

/** The step's errors or warnings as the runner shows them, with the command escaping undone. */
function lines(step: StepResult, kind: 'error' | 'warning'): string[] {
  return step.stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}::`))
    .map((line) => line.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
}

/** Nothing JavaScript says about itself, in anything a step printed. */
function expectNoRawErrors(...steps: StepResult[]): void {
  for (const step of steps) {
    const text = step.stdout + step.stderr
    for (const raw of [
      'Cannot read properties',
      'TypeError',
      '[object Object]',
      'Invalid character'
    ]) {
      expect(text).not.toContain(raw)
    }
  }
}

const NOT_OBJECTS: Array<[json: string, kind: string]> = [
  ['null', 'null'],
  ['7', 'a number'],
  ['"token"', 'a string'],
  ['[]', 'an array']
]

describe('a body labelled JSON that does not parse', () => {
  it('is said to be broken JSON, not a page of another type', async () => {
    const { j } = await emulator([{ path: CRUMB, fault: { json: '<html>' } }])
    const main = await runStep('main', { env, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(lines(main, 'error')).toEqual([
      "::error::Jenkins did not answer the CSRF crumb request with JSON (got application/json that does not parse as JSON). Check jenkins-url: it must be the controller's root URL, including any context path."
    ])
    expectNoRawErrors(main)
  })
})

describe('JSON that is not an object', () => {
  it.each(NOT_OBJECTS)(
    'from the crumb issuer (%s): named, and nothing minted',
    async (json, kind) => {
      const { j } = await emulator([{ path: CRUMB, fault: { json } }])
      const main = await runStep('main', { env, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      expect(lines(main, 'error')).toEqual([
        `::error::Jenkins answered GET /crumbIssuer/api/json with JSON that is not an object (${kind}). Check jenkins-url: it must be the controller itself, not a proxy or another application.`
      ])
      expect(lines(main, 'warning')).toEqual([])
      expect(paths(j)).toEqual(['GET /crumbIssuer/api/json'])
      expectNoRawErrors(main)
    }
  )

  it.each([
    ...NOT_OBJECTS.map(([json, kind]) => [
      json,
      `Jenkins answered POST ${MINT_PATH} with JSON that is not an object (${kind}).`
    ]),
    ['{"status":"ok","data":null}', 'Jenkins answered generateNewToken without a token'],
    ['{"status":"ok","data":7}', 'Jenkins answered generateNewToken without a token'],
    [
      `{"status":"ok","data":{"tokenName":"${BASE_NAME}","tokenUuid":"","tokenValue":"11${'ab'.repeat(16)}"}}`,
      'Jenkins answered generateNewToken without a token'
    ]
  ])(
    'from generateNewToken (%s): the token Jenkins made is named as unclear, in main and post',
    async (json, error) => {
      const { j, faults } = await emulator([{ path: MINT, fault: { json, after: true } }])
      const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      expect(faults.hits).toEqual([1])
      const errors = lines(main, 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(`::error::${error}`)
      expect(errors[0]).toContain('Jenkins may hold a token from this step')
      // An answer came: the token's fate is unclear, not cut off by a stopped step.
      const warning = `::warning::Jenkins may hold an API token named "${BASE_NAME}" for the user "alice": the answer to the request that creates it was lost or unclear`
      for (const step of [main, post]) {
        const warnings = lines(step, 'warning')
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toContain(warning)
        expect(step.stdout).not.toContain('the step stopped')
      }
      expect(main.summary).toContain(
        'the answer to the request that creates it was lost or unclear'
      )
      expect(j.tokens('alice').map((t) => t.name)).toEqual([BASE_NAME])
      expectNoRawErrors(main, post)
    }
  )

  // Only Jenkins's answer for a token it made carries its UUID: the token exists, no step can
  // use it, and the login can still revoke it by that UUID.
  it.each([
    ['an empty value', () => ''],
    ['a value that is not a string', () => 7 as unknown as string]
  ])(
    'from generateNewToken, the UUID with %s: main revokes that token by its UUID',
    async (_, value) => {
      const { j } = await emulator([{ path: MINT, fault: { tokenValue: value } }])
      const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
      const revoked = j.requests.filter((r) => r.path.endsWith('/revoke'))
      const uuid = new URLSearchParams(revoked[0]?.body ?? '').get('tokenUuid') ?? ''
      expect(uuid).toMatch(/^[0-9a-f-]{36}$/)
      expect(main.exitCode).toBe(1)
      expect(lines(main, 'error')).toEqual([
        `::error::Jenkins created the token (token UUID ${uuid}), but its answer to generateNewToken holds no token value the action can use (unexpected JSON): something between the runner and Jenkins may have altered it. The action revoked it.`
      ])
      expect(j.tokens('alice')).toEqual([])
      for (const step of [main, post]) expect(lines(step, 'warning')).toEqual([])
      expect(post.exitCode).toBe(0)
      expect(post.stdout).toContain('the main step revoked the one Jenkins made')
      expectNoRawErrors(main, post)
    }
  )

  it.each([
    ['a space before it', (value: string) => ` ${value}`],
    ['upper case', (value: string) => value.toUpperCase()],
    // Not its version digits: Jenkins does not check them when it authenticates (§2.2).
    ['a character cut off', (value: string) => value.slice(0, -1)],
    ['a hex digit added at the end', (value: string) => `${value}0`]
  ])(
    'from generateNewToken, a value altered on the way (%s): named as altered, and revoked',
    async (_, alter) => {
      const { j } = await emulator([{ path: MINT, fault: { tokenValue: alter } }])
      const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      const errors = lines(main, 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(
        `::error::The new token could not be verified: Jenkins did not accept it (HTTP 401), and its value in Jenkins's answer is not of the form Jenkins makes ("11" and 32 hex digits), so something between the runner and Jenkins most likely altered the answer. The action revoked it`
      )
      expect(errors[0]).not.toContain('has expired')
      expect(j.tokens('alice')).toEqual([])
      expect(post.exitCode).toBe(0)
      expectNoRawErrors(main, post)
    }
  )

  it('from generateNewToken, a UUID beside another name than the one sent: not trusted, nothing revoked', async () => {
    // Another job's token of the same user; the altered answer names its UUID. Jenkins answers a
    // revoke of any UUID alike, so a revoke by it would end that token and prove nothing.
    const { j } = await emulator([])
    const other = j.addToken('alice', 'other-job')
    const json = JSON.stringify({
      status: 'ok',
      data: { tokenName: 'x', tokenUuid: other.uuid, tokenValue: '' }
    })
    injectFaults(j, [{ path: MINT, fault: { json, after: true } }])
    const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(j.requests.filter((r) => r.path.endsWith('/revoke'))).toEqual([])
    expect(j.tokens('alice').map((t) => t.name)).toEqual(['other-job', BASE_NAME])
    const warning = `::warning::Jenkins may hold an API token named "${BASE_NAME}" for the user "alice": the answer to the request that creates it was lost or unclear`
    for (const step of [main, post]) {
      const warnings = lines(step, 'warning')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(warning)
      expect(step.stdout).not.toContain(other.uuid)
    }
    expectNoRawErrors(main, post)
  })

  it('from generateNewToken, the UUID without a value, and the revoke refused: named with its UUID', async () => {
    const { j } = await emulator([
      { path: MINT, fault: { tokenValue: () => '' } },
      { path: /\/revoke$/, fault: { status: 500 } }
    ])
    const { main, post } = await runJob({
      env,
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0' }
    })
    const [token] = j.tokens('alice')
    const uuid = token?.uuid ?? ''
    expect(token?.name).toBe(BASE_NAME)
    expect(main.exitCode).toBe(1)
    const errors = lines(main, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`::error::Jenkins created the token (token UUID ${uuid})`)
    expect(errors[0]).toContain('The action could not revoke it (')
    const warning = `::warning::Jenkins holds an API token named "${BASE_NAME}" (token UUID ${uuid}) for the user "alice": Jenkins answered that it created it, but without a token value the action could use, and the action could not revoke it. Open ${j.url}user/alice/security/`
    for (const step of [main, post]) {
      const warnings = lines(step, 'warning')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(warning)
      expect(step.summary).toContain(`<td>${BASE_NAME}</td><td>${uuid}</td>`)
    }
    expectNoRawErrors(main, post)
  })

  it.each(NOT_OBJECTS)(
    'from whoAmI (%s): the new token is not verified, and revoked with the login',
    async (json, kind) => {
      const { j } = await emulator([{ path: WHO_AM_I, fault: { json } }])
      const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
      expect(main.exitCode).toBe(1)
      const errors = lines(main, 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(
        `::error::The new token could not be verified: Jenkins answered GET /whoAmI/api/json with JSON that is not an object (${kind}).`
      )
      expect(errors[0]).toContain('The action revoked it')
      expect(lines(main, 'warning')).toEqual([])
      expect(j.tokens('alice')).toEqual([])
      expect(post.exitCode).toBe(0)
      expectNoRawErrors(main, post)
    }
  )

  it.each(NOT_OBJECTS)(
    'from the user look-up (%s): named, and nothing minted',
    async (json, kind) => {
      const { j } = await emulator(
        [{ path: /\/user\/Deploy%20Bot\/api\/json$/, fault: { json } }],
        {
          adminCanGenerateNewTokens: true
        }
      )
      const main = await runStep('main', {
        env,
        inputs: { 'jenkins-url': j.url, ...admin, user: 'Deploy Bot' }
      })
      expect(main.exitCode).toBe(1)
      expect(lines(main, 'error')).toEqual([
        `::error::Jenkins answered GET /user/Deploy%20Bot/api/json with JSON that is not an object (${kind}). Check jenkins-url: it must be the controller itself, not a proxy or another application.`
      ])
      expect(lines(main, 'warning')).toEqual([])
      expect(paths(j).filter((path) => MINT.test(path))).toEqual([])
      expectNoRawErrors(main)
    }
  )
})

describe('a token answer that names no token', () => {
  it('is recorded and revoked under the name the action sent', async () => {
    const { j } = await emulator([{ path: MINT, fault: { tokenName: '' } }])
    const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['token-name']).toBe(BASE_NAME)
    expect(main.stdout).toContain(`Created Jenkins API token "${BASE_NAME}"`)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE_NAME}"`)
    for (const step of [main, post]) expect(lines(step, 'warning')).toEqual([])
    expect(j.tokens('alice')).toEqual([])
  })
})

describe('an error answer whose message is not text', () => {
  it.each([
    '{"status":"error","message":{"text":"no"}}',
    '{"status":"error","message":null}',
    '{"status":"error","message":""}',
    '{"status":"error","message":"  "}',
    '{"status":"error"}'
  ])('%s: Jenkins refused, with no made-up reason, and nothing may exist', async (json) => {
    const { j } = await emulator([{ path: MINT, fault: { json } }])
    const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(lines(main, 'error')).toEqual([
      `::error::Jenkins refused to create the token, and its answer (POST ${MINT_PATH}) gives no reason as text. Check jenkins-url: it must be the controller itself, not a proxy or mirror.`
    ])
    for (const step of [main, post]) expect(lines(step, 'warning')).toEqual([])
    expectNoRawErrors(main, post)
  })
})

describe('a crumb no HTTP header can carry', () => {
  const issuer = (crumb: string, field: string) =>
    JSON.stringify({
      _class: 'hudson.security.csrf.DefaultCrumbIssuer',
      crumb,
      crumbRequestField: field
    })

  it.each([
    ['a crumb with a line break', issuer('a\nb', 'Jenkins-Crumb'), 'crumb'],
    ['a crumb with a control character', issuer('a\u0000b', 'Jenkins-Crumb'), 'crumb'],
    ['a field name with a space', issuer('abc', 'Jenkins Crumb'), 'crumbRequestField'],
    ['an empty field name', issuer('abc', ''), 'crumbRequestField']
  ])('%s: named, nothing sent, and no token said to be possible', async (_label, json, part) => {
    const { j } = await emulator([{ path: CRUMB, fault: { json } }])
    const { main, post } = await runJob({ env, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(1)
    expect(lines(main, 'error')).toEqual([
      `::error::The crumb issuer's answer (GET /crumbIssuer/api/json) has a ${part} that cannot be sent as an HTTP header. Check jenkins-url: it must be the controller itself, not a proxy or another application; an API token (api-token input) needs no crumb.`
    ])
    expect(paths(j)).toEqual(['GET /crumbIssuer/api/json'])
    for (const step of [main, post]) {
      expect(lines(step, 'warning')).toEqual([])
      expect(step.stdout).not.toContain('may hold')
    }
    expect(post.exitCode).toBe(0)
    expectNoRawErrors(main, post)
  })
})
