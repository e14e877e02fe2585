import type { ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'

/** A TCP port on 127.0.0.1 that nothing listens on right now, for a server to start on later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Resolves once `child`, a server started on `port` of 127.0.0.1, takes connections; rejects if
 * it exits first or does not listen within `seconds`.
 */
export async function listening(
  port: number,
  child: ChildProcess,
  name: string,
  seconds: number
): Promise<void> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
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
  throw new Error(`${name} did not start within ${seconds} s`)
}
