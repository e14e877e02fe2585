import { afterEach, expect } from '@jest/globals'
import { RESULT_PREFIX } from '../../src/jenkins/script-console.js'
import { type JenkinsEmulator, startJenkinsEmulator } from '../emulator/jenkins-emulator.js'
import type { EmulatorOptions } from '../emulator/types.js'
import { findLeaks, type StepResult, secretForms } from './action-runner.js'
import {
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  startFaultProxy
} from './fault-proxy.js'

export interface EmulatorFixture {
  /** Starts the test's emulator; it is closed after the test. */
  start(options?: EmulatorOptions): Promise<JenkinsEmulator>
  /** The emulator the running test started, if any. */
  readonly current: JenkinsEmulator | undefined
  /** Starts a fault proxy in front of `target`; it is closed after the test. */
  proxy(target: string, rule: FaultRule, options?: FaultProxyOptions): Promise<FaultProxy>
  /** For a test that closed its emulator itself. */
  forget(): void
}

/** One emulator (and fault proxy) per test, closed after it: call at a test file's top level. */
export function emulatorPerTest(): EmulatorFixture {
  let jenkins: JenkinsEmulator | undefined
  let proxy: FaultProxy | undefined
  afterEach(async () => {
    await proxy?.close()
    await jenkins?.close()
    proxy = undefined
    jenkins = undefined
  })
  return {
    async start(options = {}) {
      jenkins = await startJenkinsEmulator(options)
      return jenkins
    },
    get current() {
      return jenkins
    },
    async proxy(target, rule, options) {
      proxy = await startFaultProxy(target, rule, options)
      return proxy
    },
    forget() {
      jenkins = undefined
    }
  }
}

/** The requests an emulator got, as `METHOD /path` below its root, without query. */
export function requestPaths(j: JenkinsEmulator): string[] {
  const prefix = new URL(j.url).pathname
  return j.requests.map((r) => `${r.method} /${r.path.slice(prefix.length).split('?')[0]}`)
}

/** The tokens the steps handed out, as expectNoLeaks takes its secrets: each with its user. */
export function mintedTokens(results: StepResult[], user: string): Array<[string, string]> {
  return results.flatMap((result) =>
    result.outputs.token ? [[result.outputs.token, user] as [string, string]] : []
  )
}

/**
 * No form of any secret outside ::add-mask:: lines in anything a step printed or summarised, and
 * no 12 characters in a row of a token's secret part either (the runner masks only whole values).
 * The script console's output, which holds the token, is never logged, not even in part.
 */
export function expectNoLeaks(results: StepResult[], secrets: Array<[string, string]>): void {
  const forms = secrets.flatMap(([secret, user]) => secretForms(secret, user))
  const pieces = secrets.flatMap(([secret]) =>
    /^11[0-9a-f]{32}$/.test(secret)
      ? Array.from({ length: 32 - 12 + 1 }, (_, i) => secret.slice(2 + i, 2 + i + 12))
      : []
  )
  for (const result of results) {
    expect(
      findLeaks(result.stdout + result.stderr + result.summary, [...forms, ...pieces])
    ).toEqual([])
    expect(result.stdout + result.stderr).not.toContain(RESULT_PREFIX.trim())
  }
}

/**
 * An API-token login's job ended cleanly: post revoked the minted token and left the login token
 * untouched, and neither step leaked either of them.
 */
export function expectOnlyLoginTokenLeft(
  j: JenkinsEmulator,
  user: string,
  login: { uuid: string; value: string },
  main: StepResult,
  post: StepResult
): void {
  expect(post.exitCode).toBe(0)
  expect(j.tokens(user).map((t) => t.uuid)).toEqual([login.uuid])
  expectNoLeaks(
    [main, post],
    [
      [main.outputs.token ?? '', user],
      [login.value, user]
    ]
  )
}
