import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, listening } from './free-port.js'
import { type HostMap, withHostNames } from './host-names.js'

export interface Tinyproxy {
  url: string
  port: number
  /** The request lines tinyproxy logged, e.g. `GET http://…` or `CONNECT 127.0.0.1:1234`. */
  requests(): Promise<string[]>
  close(): Promise<void>
}

export interface TinyproxyOptions {
  /** Host names tinyproxy resolves (loopback only), e.g. the controller's test name. */
  hosts?: HostMap
  /** Proxy credentials tinyproxy demands (407 without them). */
  basicAuth?: { user: string; password: string }
  /** The only ports tinyproxy opens a tunnel to (ConnectPort); a CONNECT to any other: 403. */
  connectPorts?: number[]
}

/** Debian's tinyproxy, on loopback, with a config and log of its own. */
export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'jenkins-token-action-proxy-'))
  const port = await freePort()
  const log = join(dir, 'tinyproxy.log')
  await writeFile(
    join(dir, 'tinyproxy.conf'),
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      `LogFile "${log}"`,
      'LogLevel Connect',
      'MaxClients 100',
      'Allow 127.0.0.1',
      ...(options.basicAuth
        ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`]
        : []),
      ...(options.connectPorts ?? []).map((port) => `ConnectPort ${port}`)
    ].join('\n')
  )
  const args = ['-d', '-c', join(dir, 'tinyproxy.conf')]
  const wrapped = options.hosts
    ? withHostNames(options.hosts, 'tinyproxy', args)
    : { command: 'tinyproxy', args, cleanup() {} }
  const child: ChildProcess = spawn(wrapped.command, wrapped.args, { stdio: 'ignore' })
  child.once('exit', () => wrapped.cleanup())
  await listening(port, child, 'tinyproxy', 5)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async requests() {
      const text = await readFile(log, 'utf8').catch(() => '')
      return [...text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map(
        (m) => m[1] ?? ''
      )
    },
    async close() {
      child.kill('SIGTERM')
      await new Promise((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(null)
      )
      await rm(dir, { recursive: true, force: true })
    }
  }
}
