/**
 * `npm run emulator`: a Jenkins emulator on this machine, for the demo, local runs and CI.
 * `--help` says what it does. Without --detach it runs in the foreground until Ctrl-C; with
 * --detach it starts itself in the background, returns once the emulator is ready, and
 * `--stop` ends it.
 *
 * On stdout, once listening: one JSON line {"url":…,"users":[…],"jobs":[…]} (for scripts),
 * then a line for people that starts with "Jenkins emulator ready at".
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import {
  DEFAULT_USERS,
  type EmulatorJob,
  type EmulatorOptions,
  startJenkinsEmulatorOnPort
} from './jenkins-emulator.js'

const HELP = `Usage: npm run emulator -- [options]

A Jenkins emulator on 127.0.0.1: logins, CSRF crumbs, API tokens, the script console, and
jobs a client can trigger and wait for. Users: alice/alice-password, admin/admin-password
(an administrator), svc-deploy/svc-deploy-password. Job: deploy (parameter GIT_SHA).

Options:
  --port N                 listen on port N (default: a free port, printed when ready)
  --context-path /jenkins  serve Jenkins under a context path (default: the root)
  --version V              the Jenkins version to be (default: 2.568.3)
  --today YYYY-MM-DD       the controller's date, for token expiry (default: today)
  --admin-can-generate-new-tokens
                           as with -Djenkins.security.ApiTokenProperty.adminCanGenerateNewTokens=true
  --no-crumb-issuer        no CSRF protection
  --job NAME[=P1,P2]       a job (with string parameters P1, P2); replaces the default job
                           (repeat for more; folders as team/deploy)
  --job-result R           every build's result: SUCCESS, UNSTABLE, FAILURE, ABORTED
  --build-seconds S        how long each build runs (default 1.5); it waits 0.5 s in the queue
  --starting-seconds N     start as a real Jenkins does: connections refused for the first
                           N/2 seconds, then "Jenkins is getting ready to work" (HTTP
                           503) until N seconds; needs --port
  --refused-seconds N, --loading-seconds N
                           the two phases of --starting-seconds, separately
  --detach                 run in the background: return once ready, log to build/emulator.log
  --stop                   stop an emulator started with --detach
  --help                   this text

In the foreground, Ctrl-C stops it.`

/** Where --detach keeps its pid and log, under the repository's (git-ignored) build/. */
const STATE_DIR = resolve(process.env.JENKINS_EMULATOR_DIR ?? 'build')
const PID_FILE = join(STATE_DIR, 'emulator.pid')
const LOG_FILE = join(STATE_DIR, 'emulator.log')
const READY = 'Jenkins emulator ready at'

/** The emulator's starting phase (added to EmulatorOptions by the deployment switches). */
interface Startup {
  refusedMs: number
  loadingMs: number
}

interface Cli {
  port: number
  options: EmulatorOptions & { startup?: Startup }
  detach: boolean
  stop: boolean
  help: boolean
}

function seconds(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isFinite(n) || n < 0 || text.trim() === '') {
    throw new Error(`${flag} needs a number of seconds, not ${JSON.stringify(text)}`)
  }
  return n
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = {
    port: 0,
    options: { users: [...DEFAULT_USERS] },
    detach: false,
    stop: false,
    help: false
  }
  const jobs: EmulatorJob[] = []
  let result: EmulatorJob['result']
  let buildMs: number | undefined
  let refusedMs = 0
  let loadingMs = 0
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value (see --help)`)
      return v
    }
    switch (flag) {
      case '--help':
      case '-h':
        cli.help = true
        break
      case '--port': {
        cli.port = Number(value())
        if (!Number.isInteger(cli.port) || cli.port < 0 || cli.port > 65535) {
          throw new Error('--port needs a port number from 0 to 65535')
        }
        break
      }
      case '--version':
        cli.options.version = value()
        break
      case '--context-path':
        cli.options.contextPath = value()
        break
      case '--admin-can-generate-new-tokens':
        cli.options.adminCanGenerateNewTokens = true
        break
      case '--no-crumb-issuer':
        cli.options.crumbIssuer = false
        break
      case '--today':
        cli.options.today = value()
        break
      case '--job': {
        // --job deploy=GIT_SHA,ENV: the '=' belongs to the spec, not to the flag
        const spec = inline === undefined ? value() : arg.slice('--job='.length)
        const [name = '', params] = spec.split('=', 2)
        if (name === '') throw new Error('--job needs a name')
        const parameters =
          params === undefined
            ? undefined
            : Object.fromEntries(
                params
                  .split(',')
                  .filter(Boolean)
                  .map((p) => [p, ''])
              )
        jobs.push({ name, ...(parameters ? { parameters } : {}) })
        break
      }
      case '--job-result': {
        const r = value().toUpperCase()
        if (!['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED'].includes(r)) {
          throw new Error('--job-result is one of SUCCESS, UNSTABLE, FAILURE, ABORTED')
        }
        result = r as EmulatorJob['result']
        break
      }
      case '--build-seconds':
        buildMs = seconds(value(), flag) * 1000
        break
      case '--starting-seconds': {
        const total = seconds(value(), flag) * 1000
        refusedMs = total / 2
        loadingMs = total - refusedMs
        break
      }
      case '--refused-seconds':
        refusedMs = seconds(value(), flag) * 1000
        break
      case '--loading-seconds':
        loadingMs = seconds(value(), flag) * 1000
        break
      case '--detach':
        cli.detach = true
        break
      case '--stop':
        cli.stop = true
        break
      default:
        throw new Error(`unknown argument ${arg} (see --help)`)
    }
  }
  const defaults: EmulatorJob[] = [{ name: 'deploy', parameters: { GIT_SHA: '' } }]
  cli.options.jobs = (jobs.length > 0 ? jobs : defaults).map((job) => ({
    ...job,
    ...(result ? { result } : {}),
    ...(buildMs === undefined ? {} : { buildMs })
  }))
  if (refusedMs > 0 || loadingMs > 0) {
    if (cli.port === 0) throw new Error('a starting phase needs a fixed --port')
    cli.options.startup = { refusedMs, loadingMs }
  }
  return cli
}

async function foreground(cli: Cli): Promise<void> {
  const emulator = await startJenkinsEmulatorOnPort(cli.port, cli.options)
  const users = cli.options.users ?? []
  const jobs = (cli.options.jobs ?? []).map((j) => j.name)
  process.stdout.write(`${JSON.stringify({ url: emulator.url, users, jobs })}\n`)
  const logins = users.map((u) => `${u.id}/${u.password}`).join(', ')
  process.stdout.write(
    `${READY} ${emulator.url} (users ${logins}; jobs ${jobs.join(', ')}). Ctrl-C stops it.\n`
  )
  const stop = async () => {
    await emulator.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('SIGINT', () => void stop())
}

/** Starts this script again in the background and returns once it says it is ready. */
async function detach(argv: string[]): Promise<void> {
  if (existsSync(PID_FILE)) {
    const pid = Number(readFileSync(PID_FILE, 'utf8'))
    if (alive(pid)) {
      throw new Error(`an emulator is already running (pid ${pid}): npm run emulator -- --stop`)
    }
  }
  mkdirSync(dirname(LOG_FILE), { recursive: true })
  const log = openSync(LOG_FILE, 'w')
  const args = argv.filter((a) => a !== '--detach')
  const child = spawn(process.execPath, [import.meta.filename, ...args], {
    detached: true,
    stdio: ['ignore', log, log]
  })
  closeSync(log)
  const pid = child.pid ?? 0
  writeFileSync(PID_FILE, String(pid))
  child.unref()
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const text = readFileSync(LOG_FILE, 'utf8')
    const ready = text.split('\n').find((line) => line.startsWith(READY))
    if (ready) {
      process.stdout.write(`${ready.replace(/ Ctrl-C stops it\.$/, '')}\n`)
      process.stdout.write(`Running in the background (pid ${pid}, log ${LOG_FILE}).\n`)
      process.stdout.write('Stop it with: npm run emulator -- --stop\n')
      return
    }
    if (!alive(pid)) {
      rmSync(PID_FILE, { force: true })
      throw new Error(`the emulator did not start:\n${text}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`the emulator was not ready within 60 s; see ${LOG_FILE}`)
}

async function stop(): Promise<void> {
  if (!existsSync(PID_FILE)) {
    process.stdout.write('No emulator started with --detach is running.\n')
    return
  }
  const pid = Number(readFileSync(PID_FILE, 'utf8'))
  rmSync(PID_FILE, { force: true })
  if (!alive(pid)) {
    process.stdout.write(`The emulator (pid ${pid}) had already stopped.\n`)
    return
  }
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50))
  process.stdout.write(`Stopped the emulator (pid ${pid}).\n`)
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const cli = parseArgs(argv)
  if (cli.help) process.stdout.write(`${HELP}\n`)
  else if (cli.stop) await stop()
  else if (cli.detach) await detach(argv)
  else await foreground(cli)
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(2)
})
