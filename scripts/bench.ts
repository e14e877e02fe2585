/**
 * `npm run bench`: what the action costs a job, measured against the Jenkins emulator on
 * loopback, in one run, and written to docs/benchmarks.md (between the bench markers; the
 * rest of that file is prose and is kept).
 *
 *   - the figure users feel: each step's wall time against the emulator over TLS behind a
 *     relay that adds a round-trip delay (50 and 200 ms), as a ratio to the step's floor
 *     (node start + RTT × (1 TCP + 1 TLS + the step's requests)), with the TCP connections
 *     the step opened (counted at the relay), direct and through tinyproxy (CONNECT);
 *   - wall time of the committed dist/ main and post steps, run as the runner runs them,
 *     as a ratio to a bare `node -e 0` measured in the same rounds;
 *   - the seeds' curl recipe (crumb with a cookie jar, mint, revoke) for comparison;
 *   - HTTP requests per step and login kind (from the emulator's record) against the floor;
 *   - bytes of every dist/ script (and gzipped), peak memory of each step;
 *   - throughput of 50 concurrent jobs (main then post) against one emulator.
 *
 * Options: --quick (3 rounds, one network round at 50 ms, 10 concurrent jobs; results to
 * build/benchmarks-quick.md; what CI runs), --rounds N, --out FILE, --dist DIR (measure
 * another build of dist/, e.g. a variant), --samples FILE (every network sample, as JSON),
 * --machine-loopback (stay on the machine's loopback, not a namespace with a network's MTU).
 * Fails (exit 1) if a step fails, a step's request count changes between runs or exceeds
 * the floor, a step opens more than one TCP connection, or the concurrent jobs leave a token
 * behind or share one; never on timings.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { type AddressInfo, connect, createServer } from 'node:net'
import { cpus, loadavg, release, tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import {
  type JenkinsEmulator,
  startJenkinsEmulator
} from '../__tests__/emulator/jenkins-emulator.js'
import { parseFileCommands, RUN_ENV } from '../__tests__/support/action-runner.js'
import { makeTestPki, type TestPki } from '../__tests__/support/certificates.js'
import {
  hostNamesPrefix,
  hostNamesUnavailable,
  namespacePrefix
} from '../__tests__/support/host-names.js'
import { startTcpRelay, type TcpRelay } from '../__tests__/support/tcp-relay.js'
import { startTinyproxy, type Tinyproxy } from '../__tests__/support/tinyproxy.js'

// ------------------------------------------------------------------ settings

const argv = process.argv.slice(2)
const QUICK = argv.includes('--quick')
const ROUNDS = Math.max(3, Math.min(100, Number(option('--rounds') ?? (QUICK ? 3 : 15))))
/** 100 Node start-ups on 2 cores take half a minute: --quick checks the same with 10 jobs. */
const CONCURRENT_JOBS = QUICK ? 10 : 50
const MEMORY_RUNS = QUICK ? 1 : 5
const ROOT = findRoot(import.meta.dirname)
/** The bundles measured: the committed dist/ unless --dist names another build (to compare). */
const DIST = option('--dist') ?? join(ROOT, 'dist')
const OUT =
  option('--out') ?? join(ROOT, QUICK ? 'build/benchmarks-quick.md' : 'docs/benchmarks.md')
/** No child may run longer than this; a hung step fails the bench instead of stalling it. */
const CHILD_TIMEOUT_MS = 60_000
const CURL = '/usr/bin/curl'
const TIME = '/usr/bin/time'
/** The smallest comparable action's bundle: a stated reference, not measured here. */
const REFERENCE = { name: 'google-github-actions/auth', kb: 634 }
const BEGIN = '<!-- bench:begin -->'
const END = '<!-- bench:end -->'

/** Round-trip delays the network rows are measured at, and rounds at each (fewer when slow). */
const NETWORK = QUICK
  ? [{ rttMs: 50, rounds: 1 }]
  : [
      { rttMs: 50, rounds: 8 },
      { rttMs: 200, rounds: 4 }
    ]
/** The figure users feel, at the first RTT: every step within this of its floor. */
const NETWORK_TARGET = 1.25
/** The controller's name on the proxied path: loopback by name or address is never proxied. */
const JENKINS_NAME = 'jenkins.test'

/** Requests each step must make at least: anything above needs a reason (see the doc). */
const FLOOR = {
  'api-token': { main: 2, post: 1 },
  password: { main: 3, post: 1 }
} as const

type Login = keyof typeof FLOOR
const LOGINS: Login[] = ['password', 'api-token']

function option(name: string): string | undefined {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'action.yml'))) return dir
  }
  throw new Error(`action.yml not found above ${from}`)
}

// ------------------------------------------------------------------ a network's MTU

/**
 * The network rows stand for a controller far away, over links that carry 1500-byte packets.
 * The machine's loopback carries 64 KiB ones, and there a proxy's small writes meet a stall no
 * such network has: tinyproxy relays through a 2 KiB buffer, so a TLS server flight over 2 KiB
 * (Node 24's, with its post-quantum key share) reaches the step in two writes, and Nagle holds
 * the second until the step acknowledges the first, one short segment that Linux acknowledges
 * only when its delayed-ACK timer fires (up to 40 ms) if the step had just sent its client
 * hello. On a 1500-byte link that first write is two segments, acknowledged at once. So the
 * bench runs in a network namespace of its own whose loopback has that MTU, where it may
 * (root, or passwordless sudo as on GitHub's runners); elsewhere on the machine's loopback, and
 * the report says which.
 */
const NETWORK_MTU = 1500
const IN_NAMESPACE = 'BENCH_NETWORK_NAMESPACE'

function namespaceCommand(command: string[]): string[] {
  return [...namespacePrefix('-n', `ip link set lo mtu ${NETWORK_MTU} up && exec "$@"`), ...command]
}

/**
 * Runs this bench again inside the namespace and exits with its code; returns (to run here, on
 * the machine's loopback) only when the namespace cannot be made, with the reason.
 */
async function rerunWithNetworkMtu(): Promise<string> {
  const [probe, ...probeArgs] = namespaceCommand(['true'])
  try {
    execFileSync(probe as string, probeArgs, {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10_000
    })
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    return `no network namespace (unshare -n): ${stderr || (error as Error).message}`
  }
  const [command, ...args] = namespaceCommand([
    process.execPath,
    ...process.execArgv,
    process.argv[1] as string,
    ...argv
  ])
  const child = spawn(command as string, args, {
    stdio: 'inherit',
    env: { ...process.env, [IN_NAMESPACE]: String(NETWORK_MTU) }
  })
  const code = await new Promise<number>((resolve) =>
    child.on('exit', (exitCode) => resolve(exitCode ?? 1))
  )
  process.exit(code)
}

/** The loopback the rows ran over, as the report states it. */
function loopbackLine(whyNot: string | undefined): string {
  // From ip, not /sys/class/net: sysfs shows the namespace it was mounted in, the machine's.
  const link = execFileSync('ip', ['-o', 'link', 'show', 'lo'], { encoding: 'utf8' })
  const mtu = /\bmtu (\d+)/.exec(link)?.[1] ?? 'unknown'
  return process.env[IN_NAMESPACE]
    ? `- Loopback: MTU ${mtu}, a network's, in a network namespace of the bench's own (the 64 KiB of the machine's loopback stalls a proxy's small writes as no network does: docs/benchmarks.md, "A network's MTU").`
    : `- Loopback: the machine's own, MTU ${mtu}${whyNot ? ` (${whyNot})` : ''}: through the proxy, a step whose client hello leaves within 40 ms of the proxy's answer can meet a delayed-ACK stall no network has.`
}

// ------------------------------------------------------------------ running children

interface Run {
  ms: number
  code: number
  stdout: string
  stderr: string
}

/** Wall time from spawn until the child has exited and closed its output, as the runner waits. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ ms, code: code ?? (signal ? 128 : 1), stdout, stderr })
    })
  })
}

/** The files the runner gives a step, reused (emptied) for every run of one slot. */
interface StepFiles {
  output: string
  state: string
  env: string
  summary: string
}

let scratch = ''
let slots = 0

async function stepFiles(): Promise<StepFiles> {
  const dir = join(scratch, `slot-${slots++}`)
  await mkdir(dir)
  return {
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    env: join(dir, 'env'),
    summary: join(dir, 'summary')
  }
}

async function resetFiles(files: StepFiles): Promise<void> {
  await Promise.all(Object.values(files).map((path) => writeFile(path, '')))
}

/** The environment the runner gives a step (see __tests__/support/action-runner.ts). */
function stepEnv(
  files: StepFiles,
  inputs: Record<string, string>,
  state: Record<string, string>,
  extra: NodeJS.ProcessEnv = {}
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...RUN_ENV,
    ...extra,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value
  return env
}

interface StepRun extends Run {
  outputs: Record<string, string>
  state: Record<string, string>
  requests: string[]
}

/** One step of dist/, the way the runner starts it: `node dist/<step>/index.js`. */
async function runStep(
  jenkins: JenkinsEmulator,
  step: 'main' | 'post',
  files: StepFiles,
  env: NodeJS.ProcessEnv,
  wrapper: string[] = []
): Promise<StepRun> {
  await resetFiles(files)
  const before = jenkins.requests.length
  const script = join(DIST, step, 'index.js')
  const [command, ...args] = [...wrapper, process.execPath, script]
  // From another directory, as the runner starts an action from the workspace.
  const run = await timed(command as string, args, env, scratch)
  const requests = jenkins.requests
    .slice(before)
    .map((r) => `${r.method} ${r.path.split('?')[0]} → ${r.status}`)
  return {
    ...run,
    outputs: parseFileCommands(await readFile(files.output, 'utf8')),
    state: parseFileCommands(await readFile(files.state, 'utf8')),
    requests
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench: ${message}`)
}

function checkStep(run: StepRun, what: string): void {
  check(
    run.code === 0 && !run.stdout.includes('::error::') && !run.stdout.includes('::warning::'),
    `${what} failed (exit ${run.code}):\n${run.stdout}${run.stderr}`
  )
}

// ------------------------------------------------------------------ the measured units

interface LoginSetup {
  kind: Login
  inputs: Record<string, string>
}

function loginInputs(jenkins: JenkinsEmulator, kind: Login, apiToken: string): LoginSetup {
  const inputs: Record<string, string> = { 'jenkins-url': jenkins.url, username: 'alice' }
  if (kind === 'password') inputs.password = 'alice-password'
  else inputs['api-token'] = apiToken
  return { kind, inputs }
}

interface JobRun {
  main: StepRun
  post: StepRun
  token: string
}

async function runJob(
  jenkins: JenkinsEmulator,
  login: LoginSetup,
  files: StepFiles,
  extra: NodeJS.ProcessEnv = {},
  wrapper: string[] = []
): Promise<JobRun> {
  const main = await runStep(
    jenkins,
    'main',
    files,
    stepEnv(files, login.inputs, {}, extra),
    wrapper
  )
  checkStep(main, `main (${login.kind})`)
  const token = main.outputs.token ?? ''
  check(/^11[0-9a-f]{32}$/.test(token), `main (${login.kind}) output no token`)
  const post = await runStep(jenkins, 'post', files, stepEnv(files, {}, main.state, extra), wrapper)
  checkStep(post, `post (${login.kind})`)
  check(post.stdout.includes('Revoked Jenkins API token'), `post (${login.kind}) did not revoke`)
  return { main, post, token }
}

/**
 * The seeds' recipe with real curl: crumb (api/xml, cookie jar), mint with it, revoke. `base`
 * is the URL curl is given (the emulator's own, or a relay's), `extra` more curl options for
 * every call (--cacert, --proxy).
 */
async function curlRecipe(
  jenkins: JenkinsEmulator,
  dir: string,
  base = jenkins.url,
  extra: string[] = []
): Promise<Run & { requests: number }> {
  const before = jenkins.requests.length
  const jar = join(dir, 'cookies.txt')
  const env = { PATH: process.env.PATH }
  const started = process.hrtime.bigint()
  const crumb = await timed(
    CURL,
    [
      ...extra,
      '-s',
      `${base}crumbIssuer/api/xml?xpath=concat(//crumbRequestField,%22:%22,//crumb)`,
      '--cookie-jar',
      jar,
      '--user',
      'alice:alice-password'
    ],
    env,
    dir
  )
  const mint = await timed(
    CURL,
    [
      ...extra,
      '-s',
      `${base}user/alice/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`,
      '--user',
      'alice:alice-password',
      '--data',
      'newTokenName=kb-token',
      '--cookie',
      jar,
      '-H',
      crumb.stdout
    ],
    env,
    dir
  )
  const data = (JSON.parse(mint.stdout) as { data: { tokenUuid: string; tokenValue: string } }).data
  const revoke = await timed(
    CURL,
    [
      ...extra,
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      `${base}user/alice/descriptorByName/jenkins.security.ApiTokenProperty/revoke`,
      '--user',
      `alice:${data.tokenValue}`,
      '--data',
      `tokenUuid=${data.tokenUuid}`
    ],
    env,
    dir
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  check(revoke.stdout === '200', `curl recipe: revoke answered ${revoke.stdout}`)
  return { ms, code: 0, stdout: '', stderr: '', requests: jenkins.requests.length - before }
}

// ------------------------------------------------------------------ statistics

interface Stats {
  median: number
  p90: number
  min: number
  n: number
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  const mid = Math.floor(n / 2)
  const median =
    n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  const p90 = sorted[Math.min(n - 1, Math.ceil(0.9 * n) - 1)] as number
  return { median, p90, min: sorted[0] as number, n }
}

// ------------------------------------------------------------------ peak memory

/** `/usr/bin/time -v` from Debian's `time` package; installed here when missing and possible. */
function ensureTime(): boolean {
  if (existsSync(TIME)) return true
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false
  console.log('bench: installing Debian package time for /usr/bin/time -v')
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 })
    execFileSync('apt-get', ['install', '-y', '-qq', 'time'], {
      stdio: 'ignore',
      env,
      timeout: 300_000
    })
  } catch {
    return false
  }
  return existsSync(TIME)
}

interface MemoryProbe {
  method: string
  wrapper(file: string): { wrapper: string[]; env: NodeJS.ProcessEnv }
  read(file: string): Promise<number>
}

/** Peak RSS in KB of one child: /usr/bin/time -v, or a --import hook reading maxRSS at exit. */
async function memoryProbe(): Promise<MemoryProbe> {
  if (ensureTime()) {
    return {
      method: '`/usr/bin/time -v` (Maximum resident set size)',
      wrapper: (file) => ({ wrapper: [TIME, '-v', '-o', file], env: {} }),
      async read(file) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(
          await readFile(file, 'utf8')
        )
        return Number(match?.[1] ?? Number.NaN)
      }
    }
  }
  const hook = join(scratch, 'max-rss.mjs')
  await writeFile(
    hook,
    "import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n"
  )
  return {
    method: '`process.resourceUsage().maxRSS` at exit, from a `--import` hook',
    wrapper: (file) => ({
      wrapper: [],
      env: { BENCH_RSS_FILE: file, NODE_OPTIONS: `--import=${hook}` }
    }),
    read: async (file) => Number(await readFile(file, 'utf8'))
  }
}

// ------------------------------------------------------------------ bundles

interface BundleFile {
  file: string
  bytes: number
  gzip: number
}

function bundles(): BundleFile[] {
  const files: BundleFile[] = []
  for (const step of ['main', 'post']) {
    const dir = join(DIST, step)
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.js')) continue
      const path = join(dir, name)
      files.push({
        file: `dist/${step}/${name}`,
        bytes: statSync(path).size,
        gzip: gzipSync(readFileSync(path)).length
      })
    }
  }
  return files
}

// ------------------------------------------------------------------ the run

interface Results {
  /** 1, 5 and 15 minute load averages: other work on the machine skews every timing. */
  load: { before: number[]; after: number[] }
  timings: Record<string, number[]>
  requests: Record<string, string[][]>
  curlRequests: number[]
  memory: Record<string, number[]>
  memoryMethod: string
  throughput: {
    jobs: number
    seconds: number
    jobMs: Stats
    distinct: number
    left: number
  }
}

const UNITS = {
  baseline: 'node -e 0',
  'main:password': 'main, password login',
  'post:password': 'post, password login',
  'main:api-token': 'main, API-token login',
  'post:api-token': 'post, API-token login',
  curl: 'seed curl recipe (3 curls: crumb, mint, revoke)',
  control: 'control: a bare ES module making one `node:http` GET',
  'control:tls': 'control: the same, also importing `node:https` (to reach an https Jenkins)'
} as const

/**
 * The least any Node step that talks to Jenkins costs: an ES module that loads node:http
 * and makes one request (whoAmI with the login token), nothing else. The gap between it
 * and `node -e 0` is Node's, not the action's. The second one also loads node:https (and
 * with it tls and crypto), as any client that can reach an https controller must.
 */
const CONTROL_SCRIPT = `import { request } from 'node:http'
const url = new URL(process.env.BENCH_URL)
request(url, { agent: false, headers: { authorization: process.env.BENCH_AUTH } }, (res) => {
  res.resume()
  res.on('end', () => process.stdout.write(String(res.statusCode)))
}).end()
`

async function measure(jenkins: JenkinsEmulator): Promise<Results> {
  const load = loadavg()
  const loginToken = jenkins.addToken('alice', 'bench login').value
  const logins = Object.fromEntries(
    LOGINS.map((kind) => [kind, loginInputs(jenkins, kind, loginToken)])
  ) as Record<Login, LoginSetup>
  const files = await stepFiles()
  const curlDir = join(scratch, 'curl')
  await mkdir(curlDir)
  const timings: Record<string, number[]> = Object.fromEntries(
    Object.keys(UNITS).map((k) => [k, []])
  )
  const requests: Record<string, string[][]> = {}
  const curlRequests: number[] = []

  const controls = {
    control: join(scratch, 'control.mjs'),
    'control:tls': join(scratch, 'tls.mjs')
  }
  await writeFile(controls.control, CONTROL_SCRIPT)
  await writeFile(controls['control:tls'], `import 'node:https'\n${CONTROL_SCRIPT}`)
  const controlEnv = {
    PATH: process.env.PATH,
    BENCH_URL: `${jenkins.url}whoAmI/api/json`,
    BENCH_AUTH: `Basic ${Buffer.from(`alice:${loginToken}`).toString('base64')}`
  }

  // One warm-up of everything, unmeasured: the first spawn of each file pays for the page cache.
  await timed(process.execPath, ['-e', '0'], { PATH: process.env.PATH })
  for (const script of Object.values(controls)) await timed(process.execPath, [script], controlEnv)
  for (const kind of LOGINS) await runJob(jenkins, logins[kind], files)
  await curlRecipe(jenkins, curlDir)

  // Rounds of every unit, the order rotated each round so no unit always runs first.
  const units: Array<() => Promise<void>> = [
    async () => {
      const run = await timed(process.execPath, ['-e', '0'], stepEnv(files, {}, {}))
      check(run.code === 0, 'node -e 0 failed')
      timings.baseline?.push(run.ms)
    },
    ...Object.entries(controls).map(([key, script]) => async () => {
      const run = await timed(process.execPath, [script], controlEnv)
      check(run.code === 0 && run.stdout === '200', `the control script failed: ${run.stderr}`)
      timings[key]?.push(run.ms)
    }),
    ...LOGINS.map((kind) => async () => {
      const job = await runJob(jenkins, logins[kind], files)
      for (const step of ['main', 'post'] as const) {
        timings[`${step}:${kind}`]?.push(job[step].ms)
        const key = `${step}:${kind}`
        requests[key] = [...(requests[key] ?? []), job[step].requests]
      }
    }),
    async () => {
      const run = await curlRecipe(jenkins, curlDir)
      timings.curl?.push(run.ms)
      curlRequests.push(run.requests)
    }
  ]
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < units.length; i++)
      await (units[(round + i) % units.length] as () => Promise<void>)()
    // One line that counts up on a terminal; a line per round in a CI log.
    const end = process.stdout.isTTY ? '' : '\n'
    process.stdout.write(
      `${process.stdout.isTTY ? '\r' : ''}bench: round ${round + 1}/${ROUNDS}${end}`
    )
  }
  if (process.stdout.isTTY) process.stdout.write('\n')

  // Peak memory, in runs of their own: the wrapper would distort the timings.
  const probe = await memoryProbe()
  const memory: Record<string, number[]> = {}
  const rssFile = join(scratch, 'rss')
  for (let i = 0; i < MEMORY_RUNS; i++) {
    const base = probe.wrapper(rssFile)
    const run = await timed(
      base.wrapper[0] ?? process.execPath,
      [...base.wrapper.slice(1), ...(base.wrapper.length ? [process.execPath] : []), '-e', '0'],
      { PATH: process.env.PATH, ...base.env }
    )
    check(run.code === 0, `node -e 0 under the memory probe failed: ${run.stderr}`)
    memory.baseline = [...(memory.baseline ?? []), await probe.read(rssFile)]
    for (const kind of LOGINS) {
      const main = await runStep(
        jenkins,
        'main',
        files,
        stepEnv(files, logins[kind].inputs, {}, base.env),
        base.wrapper
      )
      checkStep(main, `main (${kind}) under the memory probe`)
      memory[`main:${kind}`] = [...(memory[`main:${kind}`] ?? []), await probe.read(rssFile)]
      const post = await runStep(
        jenkins,
        'post',
        files,
        stepEnv(files, {}, main.state, base.env),
        base.wrapper
      )
      checkStep(post, `post (${kind}) under the memory probe`)
      memory[`post:${kind}`] = [...(memory[`post:${kind}`] ?? []), await probe.read(rssFile)]
    }
  }

  // Throughput: 50 jobs at once against the one emulator, each its own run id (token name).
  const jobFiles = await Promise.all(Array.from({ length: CONCURRENT_JOBS }, () => stepFiles()))
  const started = process.hrtime.bigint()
  const jobs = await Promise.all(
    jobFiles.map(async (slot, i) => {
      const t0 = process.hrtime.bigint()
      const job = await runJob(jenkins, logins.password, slot, {
        GITHUB_RUN_ID: String(5_000_000 + i)
      })
      return { ...job, ms: Number(process.hrtime.bigint() - t0) / 1e6 }
    })
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const distinct = new Set(jobs.map((job) => job.token)).size
  // Only the API-token login's own long-lived token may remain.
  const left = jenkins.tokens('alice').filter((t) => t.name !== 'bench login').length
  check(
    distinct === CONCURRENT_JOBS,
    `concurrent jobs: ${distinct} distinct tokens of ${CONCURRENT_JOBS}`
  )
  check(left === 0, `concurrent jobs left ${left} tokens`)

  for (const kind of LOGINS) {
    for (const step of ['main', 'post'] as const) {
      const counts = new Set((requests[`${step}:${kind}`] ?? []).map((r) => r.length))
      const floor = FLOOR[kind][step]
      check(counts.size === 1, `${step} (${kind}) made ${[...counts].join(' or ')} requests`)
      check(
        [...counts][0] === floor,
        `${step} (${kind}) made ${[...counts][0]} requests, the floor is ${floor}: find the extra one or state why it is needed`
      )
    }
  }

  return {
    load: { before: load, after: loadavg() },
    timings,
    requests,
    curlRequests,
    memory,
    memoryMethod: probe.method,
    throughput: {
      jobs: CONCURRENT_JOBS,
      seconds,
      jobMs: stats(jobs.map((job) => job.ms)),
      distinct,
      left
    }
  }
}

// ------------------------------------------------------------------ on a network

type NetPath = 'direct' | 'proxy'

const NET_UNITS = {
  'main:password': 'main, password login',
  'main:api-token': 'main, API-token login',
  post: 'post',
  'post:full': "post, full TLS handshake (the controller forgot main's session)",
  curl: 'seed curl recipe (3 curls: crumb, mint, revoke)'
} as const
/** Shown for what it costs, not held to the target: post as the action runs it is `post`. */
const UNTARGETED: NetUnit[] = ['post:full']
type NetUnit = keyof typeof NET_UNITS

interface NetSample {
  ms: number
  connections: number
  requests: number
}

interface NetworkResults {
  /** `${rtt}:${path}:${unit}` and `${rtt}:${path}:baseline` → one sample per round. */
  samples: Record<string, NetSample[]>
  paths: NetPath[]
  /** Why the proxied rows are missing, when they are. */
  proxySkipped: string | null
  /** RTT asked of the relay → the median round trip an echo through it took. */
  relayRtt: Map<number, number>
}

/**
 * The round trip the relay actually adds, measured with an echo server behind it: the floor
 * counts RTT × round trips exactly, so a relay that added more would inflate every row.
 */
async function relayRoundTrip(rttMs: number): Promise<number> {
  const echo = createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)))
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  const relay = await startTcpRelay((echo.address() as AddressInfo).port, { rttMs })
  const client = connect(relay.port, '127.0.0.1')
  const exchange = async () => {
    const start = performance.now()
    client.write('x')
    await new Promise((resolve) => client.once('data', resolve))
    return performance.now() - start
  }
  try {
    await new Promise((resolve) => client.once('connect', resolve))
    await exchange() // the first one also waits for the relay's handshake round trip
    const times: number[] = []
    for (let i = 0; i < 10; i++) times.push(await exchange())
    return stats(times).median
  } finally {
    client.destroy()
    await relay.close()
    await new Promise((resolve) => echo.close(resolve))
  }
}

const netKey = (rttMs: number, path: NetPath, unit: NetUnit | 'baseline' | 'job') =>
  `${rttMs}:${path}:${unit}`

/** The requests a step's row must make at least (FLOOR); curl's are its recipe's own. */
function floorRequests(unit: Exclude<NetUnit, 'curl'>): number {
  return unit === 'post' || unit === 'post:full'
    ? FLOOR.password.post
    : FLOOR[unit === 'main:password' ? 'password' : 'api-token'].main
}

/** The least a step can cost on a network: start Node, then one round trip per exchange. */
function netFloor(baselineMs: number, rttMs: number, unit: Exclude<NetUnit, 'curl'>): number {
  return baselineMs + rttMs * (1 + 1 + floorRequests(unit))
}

/**
 * Each step against the emulator over TLS behind a relay that adds a round trip on loopback:
 * direct to `https://127.0.0.1:<relay>/`, and through tinyproxy (HTTPS_PROXY, CONNECT) to
 * `https://jenkins.test:<relay>/`, the step and tinyproxy seeing that name in a private
 * /etc/hosts. The relay counts the TCP connections each step opened (through the proxy:
 * tinyproxy's, one per CONNECT).
 */
async function measureNetwork(): Promise<NetworkResults> {
  const pki: TestPki = makeTestPki([JENKINS_NAME])
  const caFile = join(scratch, 'ca.pem')
  await writeFile(caFile, pki.caPem)
  const jenkins = await startJenkinsEmulator({ tls: { key: pki.serverKey, cert: pki.serverCert } })
  const loginToken = jenkins.addToken('alice', 'bench login').value
  const proxySkipped = hostNamesUnavailable()
  const hosts = { [JENKINS_NAME]: '127.0.0.1' }
  let proxy: Tinyproxy | undefined
  let names: ReturnType<typeof hostNamesPrefix> | undefined
  if (!proxySkipped) {
    proxy = await startTinyproxy({ hosts })
    names = hostNamesPrefix(hosts)
  } else {
    console.log(`bench: no proxied rows: ${proxySkipped}`)
  }
  const paths: NetPath[] = proxy ? ['direct', 'proxy'] : ['direct']
  const files = await stepFiles()
  const curlDir = join(scratch, 'curl-network')
  await mkdir(curlDir)
  const samples: Record<string, NetSample[]> = {}
  const relayRtt = new Map<number, number>()
  const add = (key: string, sample: NetSample) => {
    samples[key] = [...(samples[key] ?? []), sample]
  }

  try {
    for (const { rttMs, rounds } of NETWORK) {
      relayRtt.set(rttMs, await relayRoundTrip(rttMs))
      const relay: TcpRelay = await startTcpRelay(jenkins.port, { rttMs })
      try {
        for (const path of paths) {
          const url = `https://${path === 'direct' ? '127.0.0.1' : JENKINS_NAME}:${relay.port}/`
          const env: NodeJS.ProcessEnv = path === 'proxy' ? { HTTPS_PROXY: proxy?.url } : {}
          const wrapper = path === 'proxy' ? (names?.prefix ?? []) : []
          const curlExtra = [
            '--cacert',
            caFile,
            ...(proxy && path === 'proxy' ? ['--proxy', proxy.url] : [])
          ]
          const inputs = (kind: Login) => ({
            ...loginInputs(jenkins, kind, loginToken).inputs,
            'jenkins-url': url,
            'ca-certificate': pki.caPem
          })

          const step = async (
            which: 'main' | 'post',
            stepInputs: Record<string, string>,
            state: Record<string, string>,
            what: string
          ) => {
            relay.reset()
            const run = await runStep(
              jenkins,
              which,
              files,
              stepEnv(files, stepInputs, state, env),
              wrapper
            )
            checkStep(run, `${what} at ${rttMs} ms RTT, ${path}`)
            return {
              run,
              sample: { ms: run.ms, connections: relay.connections, requests: run.requests.length }
            }
          }

          const units: Array<(measured: boolean) => Promise<void>> = [
            async (measured) => {
              const [command, ...args] = [...wrapper, process.execPath, '-e', '0']
              const run = await timed(command as string, args, stepEnv(files, {}, {}))
              check(run.code === 0, `node -e 0 (${path}) failed: ${run.stderr}`)
              if (measured)
                add(netKey(rttMs, path, 'baseline'), { ms: run.ms, connections: 0, requests: 0 })
            },
            ...LOGINS.map((kind) => async (measured: boolean) => {
              const main = await step('main', inputs(kind), {}, `main (${kind})`)
              check(
                /^11[0-9a-f]{32}$/.test(main.run.outputs.token ?? ''),
                `main (${kind}) output no token`
              )
              const resumed = jenkins.resumedConnections
              const post = await step('post', {}, main.run.state, `post (${kind})`)
              check(
                jenkins.resumedConnections === resumed + 1,
                `post (${kind}) did not resume main's TLS session`
              )
              check(
                post.run.stdout.includes('Revoked Jenkins API token'),
                `post (${kind}) did not revoke`
              )
              if (!measured) return
              add(netKey(rttMs, path, `main:${kind}`), main.sample)
              add(netKey(rttMs, path, 'post'), post.sample)
              if (kind === 'password') {
                add(netKey(rttMs, path, 'job'), {
                  ...main.sample,
                  ms: main.sample.ms + post.sample.ms
                })
              }
            }),
            // A controller that no longer knows main's TLS session (it restarted, or the
            // ticket's lifetime passed): post's handshake is a full one, certificate and all.
            async (measured: boolean) => {
              const main = await step('main', inputs('api-token'), {}, 'main (api-token)')
              const { 'tls-session': session, ...state } = main.run.state
              check(session !== undefined, 'main saved no TLS session for post')
              const resumed = jenkins.resumedConnections
              const post = await step('post', {}, state, 'post (full handshake)')
              check(jenkins.resumedConnections === resumed, 'post (full handshake) resumed')
              check(
                post.run.stdout.includes('Revoked Jenkins API token'),
                'post (full handshake) did not revoke'
              )
              if (measured) add(netKey(rttMs, path, 'post:full'), post.sample)
            },
            async (measured) => {
              relay.reset()
              const run = await curlRecipe(jenkins, curlDir, url, curlExtra)
              if (measured)
                add(netKey(rttMs, path, 'curl'), {
                  ms: run.ms,
                  connections: relay.connections,
                  requests: run.requests
                })
            }
          ]
          // One unmeasured pass first: the first spawn of each file pays for the page cache.
          // --quick checks function, not time, and skips it to stay short.
          if (!QUICK) for (const unit of units) await unit(false)
          for (let round = 0; round < rounds; round++) {
            for (let i = 0; i < units.length; i++)
              await (units[(round + i) % units.length] as (m: boolean) => Promise<void>)(true)
          }
          console.log(`bench: ${rounds} round(s) at ${rttMs} ms RTT, ${path}`)
        }
      } finally {
        await relay.close()
      }
    }
  } finally {
    names?.cleanup()
    await proxy?.close()
    await jenkins.close()
  }
  return { samples, paths, proxySkipped, relayRtt }
}

/** The functional half of the targets, never the timings: one connection, no extra request. */
function checkNetwork(results: NetworkResults): void {
  for (const { rttMs } of NETWORK) {
    for (const path of results.paths) {
      for (const unit of ['main:password', 'main:api-token', 'post', 'post:full'] as const) {
        const runs = results.samples[netKey(rttMs, path, unit)] ?? []
        const what = `${NET_UNITS[unit]} at ${rttMs} ms RTT, ${path}`
        const connections = [...new Set(runs.map((r) => r.connections))]
        check(
          connections.length === 1 && connections[0] === 1,
          `${what} opened ${connections.join(' or ')} TCP connections: one per step is the target`
        )
        const requests = Math.max(...runs.map((r) => r.requests))
        const floor = floorRequests(unit)
        check(requests <= floor, `${what} made ${requests} requests, the floor is ${floor}`)
      }
    }
  }
}

function networkReport(results: NetworkResults): string {
  const lines: string[] = [
    `### Steps on a network: wall time against the floor (${NETWORK.map((n) => `${n.rounds} round${n.rounds > 1 ? 's' : ''} at ${n.rttMs} ms`).join(', ')})`,
    '',
    `The emulator over TLS (test CA given as \`ca-certificate\`) behind a relay on loopback that adds the round-trip time (RTT); direct, and through Debian's tinyproxy (\`HTTPS_PROXY\`, CONNECT to \`${JENKINS_NAME}\`, which the step and tinyproxy resolve to 127.0.0.1 in a private /etc/hosts), with the relay between tinyproxy and the emulator. Floor = \`node -e 0\` started the same way (median) + RTT × (1 TCP + 1 TLS + the step's requests). TCP connections are counted at the relay; an echo through it took ${[...results.relayRtt].map(([rtt, took]) => `${took.toFixed(1)} ms at ${rtt} ms`).join(', ')} (median of 10). Target: every step ≤ ${NETWORK_TARGET}× its floor at ${NETWORK[0]?.rttMs} ms, exactly one connection per step. Post resumes main's TLS session, as in a job; the row with a full handshake (a controller that forgot the session) shows what that costs, and has no target of its own.`,
    '',
    '| RTT ms | path | run | median ms | min ms | floor ms | median ÷ floor | min ÷ floor | TCP connections | requests | target |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|'
  ]
  for (const { rttMs } of NETWORK) {
    for (const path of results.paths) {
      const base = stats((results.samples[netKey(rttMs, path, 'baseline')] ?? []).map((r) => r.ms))
      const pathLabel = path === 'direct' ? 'direct' : 'tinyproxy'
      for (const unit of Object.keys(NET_UNITS) as NetUnit[]) {
        const runs = results.samples[netKey(rttMs, path, unit)] ?? []
        const s = stats(runs.map((r) => r.ms))
        const connections = [...new Set(runs.map((r) => r.connections))].join(', ')
        const requests = [...new Set(runs.map((r) => r.requests))].join(', ')
        if (unit === 'curl') {
          lines.push(
            `| ${rttMs} | ${pathLabel} | ${NET_UNITS[unit]} | ${ms(s.median)} | ${ms(s.min)} | | | | ${connections} | ${requests} | |`
          )
          continue
        }
        const floor = netFloor(base.median, rttMs, unit)
        const ratio = s.median / floor
        const target =
          rttMs === NETWORK[0]?.rttMs && !UNTARGETED.includes(unit)
            ? ok(ratio <= NETWORK_TARGET && connections === '1')
            : ''
        lines.push(
          `| ${rttMs} | ${pathLabel} | ${NET_UNITS[unit]} | ${ms(s.median)} | ${ms(s.min)} | ${ms(floor)} | ${ratio.toFixed(2)}× | ${(s.min / floor).toFixed(2)}× | ${connections} | ${requests} | ${target} |`
        )
      }
      const job = stats((results.samples[netKey(rttMs, path, 'job')] ?? []).map((r) => r.ms))
      const curl = stats((results.samples[netKey(rttMs, path, 'curl')] ?? []).map((r) => r.ms))
      lines.push(
        `| ${rttMs} | ${pathLabel} | main + post, password login (${(job.median / curl.median).toFixed(2)}× the curl recipe) | ${ms(job.median)} | ${ms(job.min)} | | | | | | |`
      )
    }
  }
  if (results.proxySkipped) {
    lines.push('', `No rows through the proxy on this machine: ${results.proxySkipped}.`)
  }
  return lines.join('\n')
}

// ------------------------------------------------------------------ the report

const ms = (n: number) => n.toFixed(1)
const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const ok = (met: boolean) => (met ? 'met' : '**not met**')

function report(results: Results, files: BundleFile[], network: string): string {
  const base = stats(results.timings.baseline ?? [])
  const lines: string[] = []
  const curlVersion = execFileSync(CURL, ['--version'], { encoding: 'utf8' }).split('\n')[0]
  const cpu = cpus()
  lines.push(
    `- Generated by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 16)}Z.`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Linux ${release()}, Node ${process.version}, ${curlVersion?.split(' ').slice(0, 2).join(' ')}.`,
    loopbackLine(loopbackWhyNot),
    `- Load average (1/5/15 min) at the start ${results.load.before.map((n) => n.toFixed(2)).join('/')}, at the end ${results.load.after.map((n) => n.toFixed(2)).join('/')}.`,
    `- Emulator on 127.0.0.1 in the bench process (plain http for the start-up tables, TLS for the network table); every step is a \`dist/\` entry (${DIST === join(ROOT, 'dist') ? 'the committed ones' : `the build in \`${DIST}\``}) started as \`node dist/<step>/index.js\` from another directory, with the runner's INPUT_*/STATE_* variables and GITHUB_* files.`,
    '',
    network,
    '',
    `### Start-up only: wall time on loopback, no delay (${ROUNDS} rounds; each round runs every row once, order rotated per round)`,
    '',
    '| run | median ms | p90 ms | min ms | median ÷ `node -e 0` | min ÷ `node -e 0` min | target ≤ 1.5× (both ratios) |',
    '|---|---:|---:|---:|---:|---:|---|'
  )
  for (const [key, label] of Object.entries(UNITS)) {
    const s = stats(results.timings[key] ?? [])
    // The median ratio is the target's measure; on a shared machine the ratio of the
    // minimums (the least-disturbed runs) must agree before a target counts as met.
    const ratio = s.median / base.median
    const minRatio = s.min / base.min
    const step = key.startsWith('main') || key.startsWith('post')
    const target = step ? ok(ratio <= 1.5 && minRatio <= 1.5) : ''
    lines.push(
      `| ${label} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${ratio.toFixed(2)}× | ${minRatio.toFixed(2)}× | ${target} |`
    )
  }
  for (const kind of LOGINS) {
    const main = results.timings[`main:${kind}`] ?? []
    const post = results.timings[`post:${kind}`] ?? []
    const job = stats(main.map((m, i) => m + (post[i] ?? 0)))
    const curl = stats(results.timings.curl ?? [])
    lines.push(
      `| main + post, ${kind === 'password' ? 'password' : 'API-token'} login (whole job's cost; ${(job.median / curl.median).toFixed(2)}× the curl recipe) | ${ms(job.median)} | ${ms(job.p90)} | ${ms(job.min)} | ${(job.median / base.median).toFixed(2)}× | ${(job.min / base.min).toFixed(2)}× | |`
    )
  }

  lines.push(
    '',
    '### HTTP requests per step (from `emulator.requests`)',
    '',
    '| step | login | requests | floor | above floor | requests made |',
    '|---|---|---:|---:|---:|---|'
  )
  for (const kind of LOGINS) {
    for (const step of ['main', 'post'] as const) {
      const runs = results.requests[`${step}:${kind}`] ?? []
      const counts = new Set(runs.map((r) => r.length))
      const count = runs[0]?.length ?? 0
      const floor = FLOOR[kind][step]
      lines.push(
        `| ${step} | ${kind} | ${[...counts].join(', ')} | ${floor} | ${count - floor} | ${(runs[0] ?? []).map((r) => `\`${r}\``).join('<br>')} |`
      )
    }
  }
  lines.push(
    `| curl recipe | password | ${[...new Set(results.curlRequests)].join(', ')} | | | crumb, mint, revoke (no verification) |`
  )

  const total = (step: string) =>
    files.filter((f) => f.file.startsWith(`dist/${step}/`)).reduce((sum, f) => sum + f.bytes, 0)
  lines.push(
    '',
    `### Bundles (reference: ${REFERENCE.name}, about ${REFERENCE.kb} KB, a stated number)`,
    '',
    '| file | bytes | KiB | gzip KiB | target < 634 KB |',
    '|---|---:|---:|---:|---|'
  )
  for (const f of files) {
    lines.push(
      `| \`${f.file}\` | ${f.bytes} | ${kb(f.bytes)} | ${kb(f.gzip)} | ${ok(f.bytes < REFERENCE.kb * 1000)} |`
    )
  }
  lines.push(
    '',
    `Post is ${((total('post') / total('main')) * 100).toFixed(0)}% of main (all of each directory's scripts).`,
    '',
    `### Peak memory (RSS high-water mark, ${results.memoryMethod}, median of ${MEMORY_RUNS})`,
    '',
    '| run | peak RSS MiB | above `node -e 0` MiB |',
    '|---|---:|---:|'
  )
  const baseRss = stats(results.memory.baseline ?? []).median
  for (const [key, label] of Object.entries(UNITS)) {
    if (!results.memory[key]) continue
    const rss = stats(results.memory[key] ?? []).median
    lines.push(`| ${label} | ${(rss / 1024).toFixed(1)} | ${((rss - baseRss) / 1024).toFixed(1)} |`)
  }
  const t = results.throughput
  lines.push(
    '',
    `### Throughput: ${t.jobs} concurrent jobs (main then post, password login) against one emulator`,
    '',
    '| jobs | wall s | jobs/s | job median ms | job p90 ms | distinct tokens | tokens left after posts |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${t.jobs} | ${t.seconds.toFixed(2)} | ${(t.jobs / t.seconds).toFixed(1)} | ${ms(t.jobMs.median)} | ${ms(t.jobMs.p90)} | ${t.distinct} | ${t.left} |`
  )
  return lines.join('\n')
}

async function write(generated: string): Promise<void> {
  const block = `${BEGIN}\n${generated}\n${END}`
  let text = `# Benchmarks\n\n${block}\n`
  if (existsSync(OUT)) {
    const old = await readFile(OUT, 'utf8')
    const from = old.indexOf(BEGIN)
    const to = old.indexOf(END)
    if (from >= 0 && to > from) text = old.slice(0, from) + block + old.slice(to + END.length)
  }
  await mkdir(dirname(OUT), { recursive: true })
  await writeFile(OUT, text)
  // In the project's Markdown style (Biome aligns the tables), so that lint passes on it.
  try {
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'biome'),
      ['format', '--write', '--no-errors-on-unmatched', OUT],
      { cwd: ROOT, stdio: 'ignore' }
    )
  } catch {
    console.log(`bench: could not format ${OUT} with Biome; npm run format will`)
  }
}

let loopbackWhyNot: string | undefined

async function main(): Promise<void> {
  if (!process.env[IN_NAMESPACE] && !argv.includes('--machine-loopback')) {
    loopbackWhyNot = await rerunWithNetworkMtu()
    console.log(`bench: on the machine's loopback: ${loopbackWhyNot}`)
  }
  check(existsSync(CURL), `${CURL} is needed for the seed recipe`)
  scratch = await mkdtemp(join(tmpdir(), 'jenkins-token-bench-'))
  const jenkins = await startJenkinsEmulator()
  try {
    const network = await measureNetwork()
    const samplesOut = option('--samples')
    // Every sample of the network rows, in the order taken: medians hide a bimodal row.
    if (samplesOut) await writeFile(samplesOut, JSON.stringify(network.samples, null, 1))
    const results = await measure(jenkins)
    const generated = report(results, bundles(), networkReport(network))
    await write(generated)
    console.log(generated)
    console.log(`\nbench: wrote ${basename(dirname(OUT))}/${basename(OUT)}`)
    // After the report is written, so that a failure can be read in it.
    checkNetwork(network)
  } finally {
    await jenkins.close()
    await rm(scratch, { recursive: true, force: true })
  }
}

await main()
