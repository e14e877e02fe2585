import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.js'

export interface Tinyproxy {
  url: string
  /** The request lines tinyproxy logged, e.g. `GET http://…` or `CONNECT 127.0.0.1:1234`. */
  requests(): Promise<string[]>
  close(): Promise<void>
}

/** Debian's tinyproxy, on loopback, with a config and log of its own. */
export async function startTinyproxy(): Promise<Tinyproxy> {
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
      'Allow 127.0.0.1'
    ].join('\n')
  )
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], {
    stdio: 'ignore'
  })
  await waitForPort(port, child)
  return {
    url: `http://127.0.0.1:${port}`,
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

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('tinyproxy did not start')
}
