import * as core from '@actions/core'
import { errorMessage, JenkinsError } from '../jenkins/errors.js'
import { quoted } from './log-text.js'
import type { Progress } from './mint-progress.js'
import { type MainLogin, revokeRecorded } from './revoke-in-main.js'
import { type MintedState, saveMinted } from './state.js'
import type { TokenFacts } from './summary.js'

/**
 * Hands the verified token to the job's later steps: the step's outputs, then, with
 * export-env, the job's environment. A write that fails (a full disk) fails the step with a
 * token no step was sure to get: main revokes it with the login, and names the write and the
 * token. `state` is the record the post step has of it.
 */
export async function handOut(
  login: MainLogin,
  progress: Progress,
  state: MintedState,
  facts: TokenFacts
): Promise<void> {
  let write = "the step's outputs (GITHUB_OUTPUT)"
  try {
    core.setOutput('token', state.token)
    core.setOutput('token-uuid', facts.tokenUuid)
    core.setOutput('token-name', facts.tokenName)
    core.setOutput('user', facts.user)
    core.setOutput('jenkins-url', facts.jenkinsUrl)
    core.setOutput('jenkins-version', facts.jenkinsVersion)
    core.setOutput('expiration-date', facts.expirationDate)
    if (login.inputs.exportEnv) {
      write = "the job's environment (GITHUB_ENV, for export-env)"
      core.exportVariable('JENKINS_URL', facts.jenkinsUrl)
      core.exportVariable('JENKINS_USER_ID', facts.user)
      core.exportVariable('JENKINS_API_TOKEN', state.token)
    }
  } catch (error) {
    const failure = `Created token ${quoted(facts.tokenName)}, but could not hand it out: writing ${write} failed (${errorMessage(error)}).`
    // No step got it, so revoke false keeps it for nobody: the post step must try too, should
    // the revoke here fail or be cut short by a stop.
    const record = state.revoke ? state : keptForPost(progress, state)
    progress.notHandedOut = { token: record, write }
    throw new JenkinsError(`${failure} ${await revokeRecorded(login, progress, record)}`)
  }
  progress.token = facts
}

/** The record with revoke true, saved for the post step if it can be; else as it was. */
function keptForPost(progress: Progress, state: MintedState): MintedState {
  const record = { ...state, revoke: true }
  try {
    saveMinted(record)
  } catch {
    return state
  }
  progress.minted = record
  return record
}
