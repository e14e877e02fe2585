import { afterEach, describe, expect, it } from '@jest/globals'
import { type FaultLog, type FaultRule, injectFaults } from '../emulator/faults.js'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'
import type { EmulatorOptions } from '../emulator/types.js'
import { runJob, runStep, type StepOptions, type StepResult } from '../support/action-runner.js'
import { emulatorPerTest, expectNoLeaks } from '../support/emulator-fixture.js'

/**
 * Answers cut off mid-body: the status line and headers came (their Content-Length promising
 * the whole body), then the connection was closed or reset. Jenkins answered, so the message
 * must not say it did not; a POST so cut reached Jenkins, whose token may exist and is named.
 */

const fixture = emulatorPerTest()
const alice = { username: 'alice', password: 'alice-password' }
const MINT = /\/generateNewToken\/?$/
const CRUMB = /\/crumbIssuer\//
const WHOAMI = /\/whoAmI\//
const BASE = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
const CUT = "the connection was closed in the middle of Jenkins's answer"
const STALLED = "timed out: Jenkins's answer began but did not finish within 1 s (timeout-seconds)"

let faults: FaultLog | undefined
const results: StepResult[] = []

afterEach(() => {
  const secrets: Array<[string, string]> = [[alice.password, alice.username]]
  for (const value of faults?.mintedValues ?? []) secrets.push([value, alice.username])
  expectNoLeaks(results.splice(0), secrets)
  faults = undefined
})

async function emulator(rules: FaultRule[], options: EmulatorOptions = {}) {
  const j = await fixture.start(options)
  faults = injectFaults(j, rules)
  return j
}

async function step(which: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  const result = await runStep(which, { entry: 'dist', env: { RUNNER_DEBUG: '1' }, ...options })
  results.push(result)
  return result
}

async function job(options: StepOptions, between?: (main: StepResult) => Promise<void>) {
  const run = await runJob({ entry: 'dist', env: { RUNNER_DEBUG: '1' }, ...options }, between)
  results.push(run.main, run.post)
  return run
}

const mayHold = (j: JenkinsEmulator, name: string) =>
  `::warning::Jenkins may hold an API token named "${name}" for the user "alice": the answer to the request that creates it was lost or unclear, so the action does not know whether it was created and cannot revoke it. Open ${j.url}user/alice/security/ and revoke "${name}" there if it is listed.`

const mints = (j: JenkinsEmulator) =>
  j.requests.filter((r) => r.method === 'POST' && MINT.test(r.path.split('?')[0] ?? ''))

describe('a mint whose answer is cut off mid-body (Jenkins made the token)', () => {
  it.each(['close', 'reset'] as const)(
    'says the answer was cut off (%s), fails with retries: 0, and names the token in main and post',
    async (end) => {
      const j = await emulator([{ path: MINT, fault: { cutBody: end } }])
      const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain(
        `::error::Could not reach Jenkins (POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken): ${CUT}`
      )
      expect(main.stdout).not.toContain('before Jenkins answered')
      // Jenkins made it: the action cannot read its UUID, so it names it for a person to revoke.
      expect(j.tokens('alice').map((t) => t.name)).toEqual([BASE])
      for (const s of [main, post]) expect(s.stdout.split(mayHold(j, BASE))).toHaveLength(2)
      expect(post.exitCode).toBe(0)
      expect(post.stdout).not.toContain('No Jenkins token was created')
    }
  )

  it('retries the mint under a new name, hands out that token, and names the cut one', async () => {
    const j = await emulator([{ path: MINT, times: 1, fault: { cutBody: 'close' } }])
    let afterMain: string[] = []
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } }, async () => {
      afterMain = j.tokens('alice').map((t) => t.name)
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(
      /^::debug::POST \S+generateNewToken failed: the connection was closed in the middle of Jenkins's answer \(\d+ ms\)$/m
    )
    expect(afterMain).toEqual([BASE, `${BASE} (attempt 2)`])
    expect(main.outputs['token-name']).toBe(`${BASE} (attempt 2)`)
    for (const s of [main, post]) expect(s.stdout.split(mayHold(j, BASE))).toHaveLength(2)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE} (attempt 2)"`)
    // The one left is the cut one, named in post's warning: none unaccounted for.
    expect(j.tokens('alice').map((t) => t.name)).toEqual([BASE])
  })

  // A controller that answers is up: a cut answer is no sign of a starting service container,
  // whose dropped connections wait-seconds waits through. Each mint sent again into such
  // cuts could leave one more token, so the retries limit them, wait-seconds or not.
  it('sends the mint no more often than retries allows, with wait-seconds', async () => {
    const j = await emulator([{ path: MINT, fault: { cutBody: 'reset' } }])
    const started = Date.now()
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, retries: '1', 'wait-seconds': '20' }
    })
    expect(main.exitCode).toBe(1)
    expect(mints(j)).toHaveLength(2)
    expect(main.stdout).not.toContain('Waiting for Jenkins')
    expect(main.stdout).toContain(
      `::error::Could not reach Jenkins (POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken, 2 attempts): ${CUT}`
    )
    expect(j.tokens('alice')).toHaveLength(2)
    for (const name of [BASE, `${BASE} (attempt 2)`]) {
      expect(main.stdout.split(mayHold(j, name))).toHaveLength(2)
    }
    expect(Date.now() - started).toBeLessThan(10_000)
  }, 30_000)
  // The rest of the body never comes: the time limit ends the attempt, inside an answer.
  it('says a mint answer that stalled mid-body timed out in it, and names the token', async () => {
    const j = await emulator([{ path: MINT, fault: { cutBody: 'stall' } }])
    const started = Date.now()
    const { main, post } = await job({
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0', 'timeout-seconds': '1' }
    })
    expect(Date.now() - started).toBeLessThan(8_000)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Could not reach Jenkins (POST /me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken): ${STALLED}`
    )
    expect(main.stdout).not.toContain('Jenkins did not answer')
    expect(j.tokens('alice').map((t) => t.name)).toEqual([BASE])
    for (const s of [main, post]) expect(s.stdout.split(mayHold(j, BASE))).toHaveLength(2)
  })
})

describe('a GET whose answer is cut off mid-body', () => {
  it('says the crumb answer was cut off, and creates no token (retries: 0)', async () => {
    const j = await emulator([{ path: CRUMB, fault: { cutBody: 'close' } }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): ${CUT}`
    )
    // An answer came: the port is no https one, and no TLS handshake is tried on it.
    expect(main.stdout).not.toContain('serves https')
    expect(mints(j)).toHaveLength(0)
    expect(main.stdout).not.toContain('::warning::')
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('::warning::')
  })

  it('retries a crumb request that was cut off, and mints one token', async () => {
    const j = await emulator([{ path: CRUMB, times: 1, fault: { cutBody: 'reset' } }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toMatch(
      /^::debug::GET \/crumbIssuer\/api\/json failed: the connection was closed in the middle of Jenkins's answer \(\d+ ms\)$/m
    )
    expect(main.stdout).not.toContain('::warning::')
    expect(post.stdout).toContain(`Revoked Jenkins API token "${BASE}"`)
    expect(j.tokens('alice')).toHaveLength(0)
  })

  it('says the whoAmI answer was cut off, and leaves no token unaccounted for (retries: 0)', async () => {
    const j = await emulator([{ path: WHOAMI, fault: { cutBody: 'close' } }])
    const { main, post } = await job({ inputs: { 'jenkins-url': j.url, ...alice, retries: '0' } })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(CUT)
    expect(main.stdout).not.toContain('before Jenkins answered')
    expect(mints(j)).toHaveLength(1)
    // The token main made and could not verify is revoked, by main or by post.
    expect(j.tokens('alice')).toHaveLength(0)
    expect(post.exitCode).toBe(0)
  })

  it('says a crumb answer that stalled mid-body timed out in it (retries: 0)', async () => {
    const j = await emulator([{ path: CRUMB, fault: { cutBody: 'stall' } }])
    const main = await step('main', {
      inputs: { 'jenkins-url': j.url, ...alice, retries: '0', 'timeout-seconds': '1' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      `::error::Could not reach Jenkins (GET /crumbIssuer/api/json): ${STALLED}.`
    )
    expect(mints(j)).toHaveLength(0)
  })
})
