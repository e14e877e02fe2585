import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { codeBlocks } from '../../scripts/check/markdown.js'
import { type JenkinsEmulator, startJenkinsEmulator } from '../emulator/jenkins-emulator.js'

/**
 * The README's `run:` scripts, run as written with bash, curl and jq: the quick start's
 * call against the emulator, and the trigger-and-wait recipe against a small fake of
 * Jenkins's build queue (the emulator has no jobs). Only `sleep` is stubbed out.
 */

interface Step {
  name?: string
  run?: string
  env?: Record<string, string>
}

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')

function readmeStep(name: string): Step {
  for (const block of codeBlocks(README)) {
    if (block.lang !== 'yaml') continue
    const doc: unknown = parse(block.body)
    const jobs = (doc as { jobs?: Record<string, { steps?: Step[] }> } | null)?.jobs ?? {}
    const steps = Array.isArray(doc)
      ? (doc as Step[])
      : Object.values(jobs).flatMap((j) => j.steps ?? [])
    const step = steps.find((s) => s.name === name)
    if (step) return step
  }
  throw new Error(`no step named "${name}" in the README`)
}

/** Runs a step's script with its env, `${{ … }}` filled in from `context`. */
function runStep(
  step: Step,
  context: Record<string, string>
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_SHA: 'c0ffee' }
  for (const [key, value] of Object.entries(step.env ?? {})) {
    env[key] = String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      const filled = context[expression]
      if (filled === undefined) throw new Error(`no value for \${{ ${expression} }}`)
      return filled
    })
  }
  // GitHub runs `run:` with bash --noprofile --norc -e; sleeping is the one thing a test cannot afford.
  const script = `sleep() { :; }\n${step.run ?? ''}`
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

describe('the quick start', () => {
  let jenkins: JenkinsEmulator
  beforeAll(async () => {
    jenkins = await startJenkinsEmulator({ contextPath: '/jenkins' })
  })
  afterAll(() => jenkins.close())

  it('asks Jenkins who the token is', async () => {
    const token = jenkins.addToken('alice', 'readme').value
    const result = await runStep(readmeStep('Ask Jenkins who we are'), {
      'steps.jenkins.outputs.jenkins-url': jenkins.url,
      'steps.jenkins.outputs.user': 'alice',
      'steps.jenkins.outputs.token': token
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'alice', anonymous: false })
  })
})

/** Jenkins's build API for one job, as the recipe uses it: queue item, then build. */
class FakeJenkins {
  server: Server
  url = ''
  auth = `Basic ${Buffer.from('alice:t0ken').toString('base64')}`
  parameters = ''
  queuePolls = 0
  buildPolls = 0
  outcome: 'SUCCESS' | 'FAILURE' | 'cancelled' = 'SUCCESS'

  constructor() {
    this.server = createServer((req, res) => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify(body))
      }
      if (req.headers.authorization !== this.auth) return send(401, {})
      const path = req.url ?? ''
      if (req.method === 'POST' && path === '/jenkins/job/deploy/buildWithParameters') {
        return void readBody(req).then((body) => {
          this.parameters = body
          send(201, {}, { location: `${this.url}queue/item/7/` })
        })
      }
      if (req.method === 'GET' && path === '/jenkins/queue/item/7/api/json') {
        this.queuePolls++
        if (this.outcome === 'cancelled') return send(200, { cancelled: true })
        return this.queuePolls < 3
          ? send(200, { why: 'Waiting for next available executor' })
          : send(200, { executable: { number: 12, url: `${this.url}job/deploy/12/` } })
      }
      if (req.method === 'GET' && path === '/jenkins/job/deploy/12/api/json?tree=result') {
        this.buildPolls++
        return send(200, { result: this.buildPolls < 3 ? null : this.outcome })
      }
      send(404, {})
    })
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jenkins/`
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => resolve(body))
  })
}

describe('the trigger-and-wait recipe', () => {
  const step = readmeStep('Build the Jenkins job and wait for its result')
  let jenkins: FakeJenkins
  beforeAll(async () => {
    jenkins = new FakeJenkins()
    await jenkins.start()
  })
  afterAll(() => new Promise<void>((resolve) => jenkins.server.close(() => resolve())))

  const run = () =>
    runStep(step, {
      'steps.jenkins.outputs.jenkins-url': jenkins.url,
      'steps.jenkins.outputs.user': 'alice',
      'steps.jenkins.outputs.token': 't0ken'
    })

  it('queues a build, follows it to its result, and succeeds with it', async () => {
    Object.assign(jenkins, { outcome: 'SUCCESS', queuePolls: 0, buildPolls: 0 })
    const result = await run()
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(jenkins.parameters).toBe('GIT_SHA=c0ffee')
    expect(result.stdout).toContain(`Queued: ${jenkins.url}queue/item/7/`)
    expect(result.stdout).toContain(`Build: ${jenkins.url}job/deploy/12/`)
    expect(result.stdout).toContain('Result: SUCCESS')
    expect([jenkins.queuePolls, jenkins.buildPolls]).toEqual([3, 3])
  })

  it('fails the step when the build fails', async () => {
    Object.assign(jenkins, { outcome: 'FAILURE', queuePolls: 0, buildPolls: 0 })
    const result = await run()
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain('Result: FAILURE')
  })

  it('fails the step when the queued build is cancelled', async () => {
    Object.assign(jenkins, { outcome: 'cancelled', queuePolls: 0, buildPolls: 0 })
    const result = await run()
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::The build was cancelled while queued.')
  })
})
