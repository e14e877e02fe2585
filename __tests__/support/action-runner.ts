import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import * as core from '@actions/core'
import { type HostMap, withHostNames } from './host-names.js'

/**
 * Runs the action's steps the way the runner does: inputs as INPUT_* variables, file
 * commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_STEP_SUMMARY) in real files,
 * and the post step fed the saved state as STATE_* variables.
 */

export type Step = 'main' | 'post'

export interface StepResult {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  env: Record<string, string>
  summary: string
  /** Raw text of every file the step wrote, for leak scans. */
  files: Record<'output' | 'state' | 'env' | 'summary', string>
}

export interface StepOptions {
  inputs?: Record<string, string>
  state?: Record<string, string>
  env?: NodeJS.ProcessEnv
  /**
   * Without GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV and GITHUB_STEP_SUMMARY, as on a runner
   * older than the command files: outputs and state then go to stdout as commands.
   */
  withoutCommandFiles?: boolean
  /**
   * Command files every write to fails with ENOSPC, as on a runner whose disk is full: they
   * are /dev/full (Linux), and read back empty.
   */
  unwritable?: Array<'output' | 'env'>
  /** `dist`: the committed bundle in a child process. `src`: the TypeScript in this process. */
  entry?: 'dist' | 'src'
  /**
   * Host names the dist step resolves, e.g. `{ 'jenkins.test': '127.0.0.1' }` (loopback only):
   * the step runs in a private mount namespace with its own /etc/hosts (see host-names.ts).
   * Check `hostNamesUnavailable()` first and skip when it gives a reason.
   */
  hosts?: HostMap
  /**
   * Sends the step a signal, as the runner does to a cancelled job (SIGINT, then SIGTERM
   * 7.5 s later), once `when` resolves. `dist` only: the step must be a process of its own.
   */
  interrupt?: { when: () => Promise<void>; signals?: NodeJS.Signals[]; intervalMs?: number }
  /** `dist` only: the Node.js binary that runs the step, instead of the tests' own. */
  node?: string
}

/** The repository root, found from here whether this runs as TypeScript or compiled. */
const ROOT = findRoot(import.meta.dirname)

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'action.yml'))) return dir
  }
  throw new Error(`action.yml not found above ${from}`)
}

export const RUN_ENV = {
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'deploy',
  GITHUB_ACTION: 'jenkins'
}

/** Every write to it fails with ENOSPC; a read gives zeros without end. */
const FULL_DISK = '/dev/full'

export async function runStep(step: Step, options: StepOptions = {}): Promise<StepResult> {
  const dir = await mkdtemp(join(tmpdir(), 'jenkins-token-action-'))
  const paths = {
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    env: join(dir, 'env'),
    summary: join(dir, 'summary')
  }
  for (const file of options.unwritable ?? []) paths[file] = FULL_DISK
  try {
    await Promise.all(
      Object.values(paths)
        .filter((path) => path !== FULL_DISK)
        .map((path) => writeFile(path, ''))
    )
    const env: NodeJS.ProcessEnv = {
      ...RUN_ENV,
      ...options.env,
      ...(options.withoutCommandFiles
        ? {}
        : {
            GITHUB_OUTPUT: paths.output,
            GITHUB_STATE: paths.state,
            GITHUB_ENV: paths.env,
            GITHUB_STEP_SUMMARY: paths.summary
          })
    }
    for (const [name, value] of Object.entries(options.inputs ?? {})) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
    }
    for (const [name, value] of Object.entries(options.state ?? {})) {
      env[`STATE_${name}`] = value
    }
    if (options.hosts && options.entry === 'src') {
      throw new Error('hosts: only a dist step can run with its own /etc/hosts')
    }
    if (options.node && options.entry === 'src') {
      throw new Error('node: only a dist step can run on another Node.js')
    }
    if (options.interrupt && options.entry === 'src') {
      throw new Error('interrupt needs entry: dist (the step must run as its own process)')
    }
    const { exitCode, stdout, stderr } =
      options.entry === 'src'
        ? await runInProcess(step, env)
        : await runBundle(step, env, options.interrupt, options.hosts, options.node)
    const read = (path: string) => (path === FULL_DISK ? '' : readFile(path, 'utf8'))
    const files = {
      output: await read(paths.output),
      state: await read(paths.state),
      env: await read(paths.env),
      summary: await read(paths.summary)
    }
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseFileCommands(files.output),
      state: parseFileCommands(files.state),
      env: parseFileCommands(files.env),
      summary: files.summary,
      files
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Main, then post with main's state, as a job does. */
export async function runJob(
  options: StepOptions,
  between?: (main: StepResult) => Promise<void>
): Promise<{ main: StepResult; post: StepResult }> {
  const main = await runStep('main', options)
  await between?.(main)
  const post = await runStep('post', { ...options, state: main.state })
  return { main, post }
}

function runBundle(
  step: Step,
  env: NodeJS.ProcessEnv,
  interrupt?: StepOptions['interrupt'],
  hosts?: HostMap,
  node: string = process.execPath
) {
  // The runner starts actions with a clean environment apart from what it sets.
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...env }
  const script = join(ROOT, 'dist', step, 'index.js')
  const wrapped = hosts
    ? withHostNames(hosts, node, [script])
    : { command: node, args: [script], cleanup() {} }
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolvePromise) => {
    const child = execFile(
      wrapped.command,
      wrapped.args,
      { env: childEnv, cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        wrapped.cleanup()
        const code = error ? ((error as { code?: unknown }).code ?? 1) : 0
        resolvePromise({ exitCode: typeof code === 'number' ? code : 1, stdout, stderr })
      }
    )
    if (interrupt) {
      const { signals = ['SIGINT', 'SIGTERM'], intervalMs = 7_500 } = interrupt
      void interrupt.when().then(async () => {
        for (const [index, signal] of signals.entries()) {
          if (child.exitCode !== null || child.signalCode !== null) return
          if (index > 0) await new Promise((r) => setTimeout(r, intervalMs))
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        }
      })
    }
  })
}

async function runInProcess(step: Step, env: NodeJS.ProcessEnv) {
  const saved = process.env
  const write = process.stdout.write
  let stdout = ''
  process.env = { ...saved, ...env }
  process.exitCode = undefined
  // A step is a process of its own on the runner; core.summary caches the first file it saw.
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }) as typeof process.stdout.write
  try {
    if (step === 'main') {
      const { runMintStep } = await import('../../src/runner/mint-step.js')
      await runMintStep()
    } else {
      const { runRevokeStep } = await import('../../src/runner/revoke-step.js')
      await runRevokeStep()
    }
    return { exitCode: Number(process.exitCode ?? 0), stdout, stderr: '' }
  } finally {
    process.stdout.write = write
    process.env = saved
    process.exitCode = undefined
  }
}

/** Parses `name<<delimiter\nvalue\ndelimiter` blocks; a later value of a name wins. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    result[name] = value.join('\n')
  }
  return result
}

/** Every form of a secret that must never appear in a log. */
export function secretForms(secret: string, user: string): string[] {
  return [
    secret,
    Buffer.from(`${user}:${secret}`).toString('base64'),
    Buffer.from(secret).toString('base64'),
    encodeURIComponent(secret)
  ]
}

/**
 * The places a secret form appears in log text, ignoring the ::add-mask:: lines that
 * register it (the runner swallows those and masks the value everywhere else).
 */
export function findLeaks(text: string, forms: string[]): string[] {
  const leaks: string[] = []
  for (const line of text.split('\n')) {
    if (line.startsWith('::add-mask::')) continue
    for (const form of forms) if (line.includes(form)) leaks.push(line)
  }
  return leaks
}

/** The values registered with ::add-mask::, in order, with the command escaping undone. */
export function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) =>
      line
        .slice('::add-mask::'.length)
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )
}
