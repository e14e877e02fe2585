/**
 * The post step's last resort once the token is accounted for: an error nothing expected (a
 * bug), after the revoke's own lines, adds a warning that points back to them, and repeats no
 * advice to revoke a token Jenkins has revoked; after warnings about damaged records, it sends
 * a person to the page they named. The bug is simulated by a job summary that cannot even start
 * to be written.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import type { JenkinsEmulator } from '../emulator/jenkins-emulator.js'

jest.unstable_mockModule('../../src/runner/summary.js', () => ({
  writeSummary: () => {
    throw new TypeError('summary broke.')
  }
}))

const { runStep } = await import('../support/action-runner.js')
const { startJenkinsEmulator } = await import('../emulator/jenkins-emulator.js')

let jenkins: JenkinsEmulator | undefined
afterEach(async () => {
  await jenkins?.close()
  jenkins = undefined
})

describe('an unexpected error after the post step revoked the token', () => {
  it('is a warning that refers to the lines above, and the step passes', async () => {
    jenkins = await startJenkinsEmulator()
    const name = 'github-actions acme/widgets#9876543210.1 deploy'
    const token = jenkins.addToken('alice', name)
    const minted = {
      jenkinsUrl: jenkins.url,
      user: 'alice',
      tokenName: name,
      tokenUuid: token.uuid,
      token: token.value,
      revoke: true,
      timeoutSeconds: 30,
      retries: 3,
      caCertificate: null,
      insecureSkipTlsVerify: false
    }
    const post = await runStep('post', { entry: 'src', state: { minted: JSON.stringify(minted) } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Revoked Jenkins API token "${name}"`)
    expect(post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))).toEqual([
      `::warning::The post step hit an unexpected error (summary broke), a bug in the action to report, after the lines above about Jenkins API token "${name}".`
    ])
    expect(jenkins.tokens('alice')).toEqual([])
  })
})

describe('an unexpected error after warnings about damaged records', () => {
  it('names the page the damaged record still gives, as the warnings do', async () => {
    jenkins = await startJenkinsEmulator()
    const page = `${jenkins.url}user/alice/security/ (before Jenkins 2.468: ${jenkins.url}user/alice/configure)`
    // Cut short before its name: the controller and user are all it still holds.
    const minted = `{"jenkinsUrl":${JSON.stringify(jenkins.url)},"user":"alice","tokenN`
    const post = await runStep('post', { entry: 'src', state: { minted } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout.split('\n').filter((line) => line.startsWith('::warning::'))).toEqual([
      `::warning::The main step saved a record of a Jenkins API token that this step cannot read, so it cannot revoke it: open ${page} and revoke the one named after this run.`,
      `::warning::The post step hit an unexpected error (summary broke), a bug in the action to report. If the main step created a Jenkins API token, open ${page} and revoke the one named after this run.`
    ])
    expect(jenkins.requests).toEqual([])
  })
})
