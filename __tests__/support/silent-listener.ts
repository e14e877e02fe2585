import { createServer, type Server, type Socket } from 'node:net'

export interface SilentListener {
  port: number
  /** The connections it has accepted. */
  readonly accepted: number
  close(): void
}

/**
 * A TCP listener on loopback that accepts connections and never sends a byte: a hung JVM whose
 * acceptor still runs, a load balancer with a dead backend, a proxy that never answers.
 */
export async function startSilentListener(): Promise<SilentListener> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  let accepted = 0
  server.on('connection', () => accepted++)
  return {
    port: (server.address() as { port: number }).port,
    get accepted() {
      return accepted
    },
    close() {
      for (const socket of sockets) socket.destroy()
      server.close()
    }
  }
}
