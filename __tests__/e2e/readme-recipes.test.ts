import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { codeBlocks } from '../../scripts/check/markdown.js'
import { PUBLISHED_ACTION } from '../../scripts/check/readme.js'
import {
  type JenkinsEmulator,
  startJenkinsEmulator,
  startJenkinsEmulatorOnPort
} from '../emulator/jenkins-emulator.js'
import { runStep, type StepResult } from '../support/action-runner.js'
import { freePort } from '../support/free-port.js'

/**
 * The README's workflows, run as written against the emulator: the action's steps from
 * their `with:` (the committed dist/ bundle, as the runner runs it), the `run:` scripts with
 * bash, curl and jq, then the post step. Only `sleep` is shortened, and the service
 * container's port is a free one instead of 8080.
 */

interface Step {
  id?: string
  name?: string
  uses?: string
  with?: Record<string, string | number | boolean>
  run?: string
  env?: Record<string, string>
}

interface Job {
  services?: Record<string, { image?: string; ports?: string[] }>
  steps: Step[]
}

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')

/** The README's job that has a step named `name` (or, with `first`, whose first step is the action). */
function readmeJob(has: (job: Job) => boolean): Job {
  for (const block of codeBlocks(README)) {
    if (block.lang !== 'yaml') continue
    const doc = parse(block.body) as { jobs?: Record<string, Job> } | null
    for (const job of Object.values(doc?.jobs ?? {})) if (has(job)) return job
  }
  throw new Error('no such job in the README')
}
const jobWithStep = (name: string) => readmeJob((job) => job.steps.some((s) => s.name === name))

type Context = Record<string, string>

function fill(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const filled = context[expression]
    if (filled === undefined) throw new Error(`no value for \${{ ${expression} }}`)
    return filled
  })
}

/** The action's step: its `with:` as inputs; its outputs join the context as steps.<id>.outputs. */
async function runAction(step: Step, context: Context): Promise<StepResult> {
  expect(step.uses).toMatch(PUBLISHED_ACTION)
  const inputs: Record<string, string> = {}
  for (const [name, value] of Object.entries(step.with ?? {})) {
    inputs[name] = fill(String(value), context)
  }
  const main = await runStep('main', { inputs, entry: 'dist' })
  for (const [name, value] of Object.entries(main.outputs)) {
    context[`steps.${step.id}.outputs.${name}`] = value
  }
  return main
}

/** A `run:` step as GitHub runs it: bash --noprofile --norc -e, env filled in. */
function runScript(
  step: Step,
  context: Context,
  override: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_SHA: 'c0ffee' }
  for (const [key, value] of Object.entries(step.env ?? {})) env[key] = fill(String(value), context)
  Object.assign(env, override)
  // Jenkins answers in milliseconds here; the script's sleeps of 5 and 10 s would only slow it.
  const script = `sleep() { command sleep 0.05; }\n${step.run ?? ''}`
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-e', '-c', script],
      { env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

/** The action's step as the recipes configure it (alice and a login token of hers); it succeeds. */
async function runActionWithLoginToken(
  action: Step,
  jenkins: JenkinsEmulator
): Promise<{ main: StepResult; context: Context }> {
  const context: Context = {
    'vars.JENKINS_URL': jenkins.url,
    'vars.JENKINS_USER': 'alice',
    'secrets.JENKINS_LOGIN_TOKEN': jenkins.addToken('alice', 'login').value
  }
  const main = await runAction(action, context)
  expect(main.exitCode).toBe(0)
  return { main, context }
}

async function tokenWorks(jenkins: JenkinsEmulator, user: string, token: string) {
  const res = await fetch(`${jenkins.url}whoAmI/api/json`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` }
  })
  return res.status === 200
}

describe('the quick start', () => {
  let jenkins: JenkinsEmulator
  beforeAll(async () => {
    jenkins = await startJenkinsEmulator({ contextPath: '/jenkins' })
  })
  afterAll(() => jenkins.close())

  it('mints a token, asks Jenkins who it is, and revokes it when the job ends', async () => {
    const job = jobWithStep('Ask Jenkins who we are')
    const [action, ask] = job.steps
    if (!action || !ask) throw new Error('the quick start has two steps')
    const { main, context } = await runActionWithLoginToken(action, jenkins)
    const result = await runScript(ask, context)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'alice', anonymous: false })

    const token = main.outputs.token ?? ''
    expect(await tokenWorks(jenkins, 'alice', token)).toBe(true)
    expect((await runStep('post', { state: main.state, entry: 'dist' })).exitCode).toBe(0)
    expect(await tokenWorks(jenkins, 'alice', token)).toBe(false)
  })
})

describe('the trigger-and-wait recipe', () => {
  let jenkins: JenkinsEmulator
  beforeAll(async () => {
    jenkins = await startJenkinsEmulator({
      contextPath: '/jenkins',
      jobs: [
        { name: 'deploy', parameters: { GIT_SHA: '' }, queueMs: 300, buildMs: 600 },
        { name: 'team/broken', parameters: { GIT_SHA: '' }, result: 'FAILURE', queueMs: 50 }
      ]
    })
  })
  afterAll(() => jenkins.close())

  const job = jobWithStep('Build the Jenkins job and wait for its result')
  const [action, build] = job.steps
  const run = async (override: Record<string, string> = {}) => {
    if (!action || !build) throw new Error('the recipe has two steps')
    const { main, context } = await runActionWithLoginToken(action, jenkins)
    const result = await runScript(build, context, override)
    const post = await runStep('post', { state: main.state, entry: 'dist' })
    expect(post.exitCode).toBe(0)
    return result
  }

  it('queues a build with the token, follows it to its result, and succeeds with it', async () => {
    const result = await run()
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`Queued: ${jenkins.url}queue/item/\\d+/`))
    expect(result.stdout).toContain(`Build: ${jenkins.url}job/deploy/1/`)
    expect(result.stdout).toContain('Result: SUCCESS')
    // the build got the parameter and was started by the token's user
    const res = await fetch(`${jenkins.url}job/deploy/1/api/json`, {
      headers: { authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` }
    })
    const actions = JSON.stringify(((await res.json()) as { actions: unknown }).actions)
    expect(actions).toContain('"name":"GIT_SHA","value":"c0ffee"')
    expect(actions).toContain('Started by user alice')
  })

  it('fails the step when the build fails (a job in a folder, as the comment says)', async () => {
    const result = await run({ JOB: 'job/team/job/broken' })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain('Result: FAILURE')
  })
})

describe('the service container recipe', () => {
  const job = readmeJob((j) => j.services?.jenkins !== undefined)
  const action = job.steps[0]

  it('starts Jenkins as a service and runs the action first, waiting for it', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression, as written.
    const password = '${{ secrets.JENKINS_PASSWORD }}'
    // Not the stock image, whose setup wizard leaves no user to log in as
    // (docs/service-container.md builds one that creates the user from its env).
    expect(job.services?.jenkins).toEqual({
      image: expect.stringMatching(/^ghcr\.io\/OWNER\/jenkins-for-ci:/),
      env: {
        JENKINS_ADMIN_ID: 'ci',
        JENKINS_ADMIN_PASSWORD: password
      },
      ports: ['8080:8080']
    })
    expect(action?.uses).toMatch(PUBLISHED_ACTION)
    // It logs in as the user the container creates.
    expect(action?.with).toMatchObject({
      'jenkins-url': 'http://localhost:8080/',
      username: 'ci',
      password,
      'wait-seconds': 180
    })
    expect(job.steps.some((s) => /\bsleep\b/.test(s.run ?? ''))).toBe(false)
  })

  it('mints from a Jenkins that refuses connections, then says "Please wait", then answers', async () => {
    if (!action) throw new Error('no first step')
    const port = await freePort()
    const step = {
      ...action,
      with: { ...action.with, 'jenkins-url': `http://localhost:${port}/` }
    }
    const context: Context = { 'secrets.JENKINS_PASSWORD': 'ci-password-4e1f' }
    // Jenkins starts as the job does: nothing listens for 1.5 s, then 3 s of the
    // getting-ready page; the action runs at once, as the first step does. Its one user is
    // the one the image creates from the service's env.
    const jenkins: JenkinsEmulator = await startJenkinsEmulatorOnPort(port, {
      users: [{ id: 'ci', password: 'ci-password-4e1f', admin: true }],
      startup: { refusedMs: 1500, loadingMs: 3000 }
    })
    const running = runAction(step, context)
    try {
      const main = await running
      expect(main.stdout).not.toContain('::error::')
      expect(main.exitCode).toBe(0)
      // It met both phases: refused connections, then the getting-ready page.
      expect(main.stdout).toContain('its connection fails: connection refused')
      expect(jenkins.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0)
      expect(await tokenWorks(jenkins, 'ci', main.outputs.token ?? '')).toBe(true)
      expect((await runStep('post', { state: main.state, entry: 'dist' })).exitCode).toBe(0)
    } finally {
      await running.catch(() => undefined)
      await jenkins.close()
    }
  }, 60_000)
})
