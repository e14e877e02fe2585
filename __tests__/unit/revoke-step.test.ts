/**
 * The post step's last resort: an error nothing else expected (a bug) still ends in a warning
 * that names the token, never in a stack trace or a failed job. The bug is simulated by a
 * transport that cannot be built.
 */
import { describe, expect, it, jest } from '@jest/globals'

jest.unstable_mockModule('../../src/runner/transport-settings.js', () => ({
  postTransport: () => {
    throw new TypeError('transport broke.')
  }
}))

const { runStep } = await import('../support/action-runner.js')

const ROOT = 'https://ci.example.com/jenkins/'
const minted = {
  jenkinsUrl: ROOT,
  user: 'alice',
  tokenName: 'github-actions acme/widgets#9876543210.1 deploy',
  tokenUuid: '3f0b6c4e-1d2a-4b5c-8d9e-0a1b2c3d4e5f',
  token: '11aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  revoke: true,
  timeoutSeconds: 30,
  retries: 3,
  caCertificate: null,
  insecureSkipTlsVerify: false,
  // Before 2.468 a user's tokens are listed on their Configure page, not Security.
  jenkinsVersion: '2.462.3'
}
const attempts = {
  jenkinsUrl: ROOT,
  user: 'alice',
  attempts: [{ name: minted.tokenName, outcome: 'created' }]
}

function warnings(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::warning::'))
}

describe('an unexpected error in the post step', () => {
  it('becomes a warning naming the token it was about to revoke, and the step passes', async () => {
    const post = await runStep('post', {
      entry: 'src',
      state: { minted: JSON.stringify(minted), attempts: JSON.stringify(attempts) }
    })
    expect(post.exitCode).toBe(0)
    expect(warnings(post.stdout)).toEqual([
      `::warning::The post step hit an unexpected error (transport broke), a bug in the action to report, before it could revoke Jenkins API token "${minted.tokenName}" (token UUID ${minted.tokenUuid}) of "alice". Open ${ROOT}user/alice/configure and revoke "${minted.tokenName}" there if it is listed.`
    ])
  })

  it('says nothing about a token whose revoke was never due', async () => {
    const post = await runStep('post', {
      entry: 'src',
      state: { minted: JSON.stringify({ ...minted, revoke: false }) }
    })
    expect(post.exitCode).toBe(0)
    expect(warnings(post.stdout)).toEqual([])
    expect(post.stdout).toContain('revoke is false: leaving Jenkins API token')
  })
})
