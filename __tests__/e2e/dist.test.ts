import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type JenkinsEmulator, startJenkinsEmulator } from '../emulator/jenkins-emulator.js'
import { findLeaks, runJob, secretForms } from '../support/action-runner.js'
import { whoAmIStatus } from '../support/jenkins-probe.js'

// The committed dist/ bundles, run as the runner runs them, with debug logging on.
let jenkins: JenkinsEmulator
beforeAll(async () => {
  jenkins = await startJenkinsEmulator({ contextPath: '/jenkins' })
})
afterAll(() => jenkins.close())

describe('dist bundles', () => {
  it.each([
    ['password', { password: 'alice-password' }],
    ['api-token', { 'api-token': '' }]
  ])('mint, use and revoke with a %s login', async (kind, secretInput) => {
    const inputs: Record<string, string> = {
      'jenkins-url': jenkins.url,
      username: 'alice',
      'export-env': 'true',
      ...secretInput
    }
    let loginToken = ''
    if (kind === 'api-token') {
      loginToken = jenkins.addToken('alice', 'login').value
      inputs['api-token'] = loginToken
    }
    let validAfterMain = 0
    const { main, post } = await runJob(
      { entry: 'dist', inputs, env: { RUNNER_DEBUG: '1' } },
      async (m) => {
        validAfterMain = await whoAmIStatus(jenkins.url, 'alice', m.outputs.token ?? '')
      }
    )
    const token = main.outputs.token ?? ''
    expect(main.exitCode).toBe(0)
    expect(token).toMatch(/^11[0-9a-f]{32}$/)
    expect(validAfterMain).toBe(200)
    expect(post.exitCode).toBe(0)
    expect(await whoAmIStatus(jenkins.url, 'alice', token)).toBe(401)

    // The summary names the token but never holds its value.
    expect(main.summary).toContain(main.outputs['token-uuid'])
    expect(main.summary).toContain(main.outputs['token-name'])

    // The token reaches the files only where it is meant to: the token output, the state
    // for post, and JENKINS_API_TOKEN.
    expect(main.env.JENKINS_API_TOKEN).toBe(token)
    expect(main.files.output.split(token)).toHaveLength(2)
    expect(main.files.env.split(token)).toHaveLength(2)

    const secrets = [
      ...secretForms(token, 'alice'),
      ...secretForms(kind === 'password' ? 'alice-password' : loginToken, 'alice')
    ]
    for (const step of [main, post]) {
      expect(findLeaks(step.stdout, secrets)).toEqual([])
      expect(findLeaks(step.stderr, secrets)).toEqual([])
      expect(findLeaks(step.summary, secrets)).toEqual([])
      expect(step.stdout).toContain('::debug::')
    }
    const loginForms = secretForms(kind === 'password' ? 'alice-password' : loginToken, 'alice')
    expect(findLeaks(main.files.output + main.files.env + main.files.state, loginForms)).toEqual([])
  })

  it('mints for a service user through the script console, with debug logging on', async () => {
    const login = jenkins.addToken('admin', 'admin login').value
    let validAfterMain = 0
    const { main, post } = await runJob(
      {
        entry: 'dist',
        inputs: {
          'jenkins-url': jenkins.url,
          username: 'admin',
          'api-token': login,
          user: 'svc-deploy',
          method: 'script-console'
        },
        env: { RUNNER_DEBUG: '1' }
      },
      async (m) => {
        validAfterMain = await whoAmIStatus(jenkins.url, 'svc-deploy', m.outputs.token ?? '')
      }
    )
    const token = main.outputs.token ?? ''
    expect(main.exitCode).toBe(0)
    expect(token).toMatch(/^11[0-9a-f]{32}$/)
    expect(main.outputs.user).toBe('svc-deploy')
    expect(validAfterMain).toBe(200)
    expect(main.stdout).toContain('::debug::POST /jenkins/scriptText -> 200')
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Revoked Jenkins API token')
    expect(await whoAmIStatus(jenkins.url, 'svc-deploy', token)).toBe(401)
    const secrets = [...secretForms(token, 'svc-deploy'), ...secretForms(login, 'admin')]
    for (const step of [main, post]) {
      expect(findLeaks(step.stdout + step.stderr + step.summary, secrets)).toEqual([])
      // The script's output holds the token: it is parsed, never printed.
      expect(step.stdout + step.stderr).not.toContain('jenkins-token-action-result')
    }
  })

  it('fails cleanly, without a stack trace, on bad input', async () => {
    const { main, post } = await runJob({
      entry: 'dist',
      inputs: { 'jenkins-url': jenkins.url, username: 'alice' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain('::error::One of the inputs password or api-token is required')
    expect(main.stdout + main.stderr).not.toMatch(/\n\s+at /)
    expect(post.exitCode).toBe(0)
  })
})
