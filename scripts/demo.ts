/**
 * `npm run demo`: the whole life of a token, on this machine. Starts the bundled Jenkins
 * emulator, runs the committed dist/ main step as the runner would, uses the token with
 * curl as a later workflow step would, runs the post step, and shows the token is dead.
 * Log lines are masked the way the runner masks them, so this is what a job log shows.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { startJenkinsEmulator } from '../__tests__/emulator/jenkins-emulator.js'
import { maskedValues, runStep, type StepResult } from '../__tests__/support/action-runner.js'

const login = process.argv.includes('--api-token') ? 'api-token' : 'password'
const masks: string[] = []

function show(title: string, result: StepResult): void {
  masks.push(...maskedValues(result.stdout).filter((value) => value.length > 0))
  console.log(`\n\x1b[1m── ${title} (exit ${result.exitCode}) ──\x1b[0m`)
  for (const line of result.stdout.split('\n')) {
    if (line === '' || line.startsWith('::add-mask::')) continue
    // The runner shows debug lines only when debug logging is on.
    if (line.startsWith('::debug::') && !process.argv.includes('--debug')) continue
    console.log(`  ${mask(line)}`)
  }
}

function mask(text: string): string {
  let out = text
  for (const value of [...masks].sort((a, b) => b.length - a.length))
    out = out.split(value).join('***')
  return out
}

// Asynchronous: the emulator answers from this same process.
async function curl(args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('curl', [
      '-s',
      '-w',
      ' (HTTP %{http_code})',
      ...args
    ])
    return stdout
  } catch (error) {
    return `curl failed: ${(error as Error).message}`
  }
}

const jenkins = await startJenkinsEmulator({ contextPath: '/jenkins' })
try {
  console.log(`Jenkins emulator ${jenkins.url} (users alice/alice-password, admin/admin-password)`)
  const inputs: Record<string, string> = { 'jenkins-url': jenkins.url, username: 'alice' }
  if (login === 'api-token')
    inputs['api-token'] = jenkins.addToken('alice', 'long-lived login').value
  else inputs.password = 'alice-password'
  masks.push(inputs.password ?? inputs['api-token'] ?? '')

  const main = await runStep('main', { inputs, entry: 'dist' })
  show(`main step: ${login} login`, main)
  console.log('  outputs:')
  for (const [name, value] of Object.entries(main.outputs))
    console.log(`    ${name}: ${mask(value)}`)
  if (main.exitCode !== 0) process.exitCode = 1
  const token = main.outputs.token ?? ''

  console.log('\n\x1b[1m── a later step uses the token ──\x1b[0m')
  console.log(`  $ curl -u "alice:$TOKEN" ${jenkins.url}whoAmI/api/json`)
  console.log(`  ${mask(await curl(['-u', `alice:${token}`, `${jenkins.url}whoAmI/api/json`]))}`)

  const post = await runStep('post', { state: main.state, entry: 'dist' })
  show('post step', post)

  console.log('\n\x1b[1m── after the job ──\x1b[0m')
  const after = await curl([
    '-o',
    '/dev/null',
    '-u',
    `alice:${token}`,
    `${jenkins.url}whoAmI/api/json`
  ])
  console.log(
    `  the token now gets:${mask(after)}; tokens left for alice: ${jenkins.tokens('alice').length - (login === 'api-token' ? 1 : 0)}`
  )
  if (!after.includes('401') || post.exitCode !== 0) process.exitCode = 1
} finally {
  await jenkins.close()
}
