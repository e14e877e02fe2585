/**
 * @github/local-action stands in for the runner by stubbing @actions/core, but the action
 * talks to the runner through its own port (src/github/core.ts): the GITHUB_* files and
 * STATE_* variables. This bridge gives each step those files, hands main's state to post
 * as STATE_* (both run in one local-action process), and passes the outputs, with the
 * token registered as a secret first, on to local-action's @actions/core so it shows them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as actions from '@actions/core'
import { parseFileCommands } from '../../__tests__/support/action-runner.js'

const DIR_VARIABLE = 'JENKINS_TOKEN_ACTION_LOCAL_DIR'

export async function runAsRunner(step: 'main' | 'post', run: () => Promise<void>): Promise<void> {
  let dir = process.env[DIR_VARIABLE]
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-local-'))
    process.env[DIR_VARIABLE] = dir
  }
  const file = (name: string) => join(dir, `${step}-${name}`)
  for (const name of ['output', 'state', 'env', 'summary']) writeFileSync(file(name), '')
  process.env.GITHUB_OUTPUT = file('output')
  process.env.GITHUB_STATE = file('state')
  process.env.GITHUB_ENV = file('env')
  process.env.GITHUB_STEP_SUMMARY = file('summary')
  if (step === 'post') {
    const state = parseFileCommands(readFileSync(join(dir, 'main-state'), 'utf8'))
    for (const [name, value] of Object.entries(state)) process.env[`STATE_${name}`] = value
  }
  await run()
  const outputs = parseFileCommands(readFileSync(file('output'), 'utf8'))
  if (outputs.token) actions.setSecret(outputs.token)
  for (const [name, value] of Object.entries(outputs)) actions.setOutput(name, value)
  if (process.exitCode === 1) actions.setFailed('The step failed: see its ::error:: line above.')
}
