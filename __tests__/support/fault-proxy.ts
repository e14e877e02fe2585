import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What to do with one request: pass it on, or answer it here. */
export type FaultRule = (req: IncomingMessage) => 'forward' | { status: number; body?: string }

export interface FaultProxy {
  url: string
  close(): Promise<void>
}

/**
 * A loopback reverse proxy in front of the emulator that answers chosen requests itself,
 * to make one step of the action fail while the rest talk to a real Jenkins emulator.
 */
export async function startFaultProxy(target: string, rule: FaultRule): Promise<FaultProxy> {
  const upstream = new URL(target)
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const decision = rule(req)
    if (decision !== 'forward') {
      req.resume()
      res.writeHead(decision.status, { 'content-type': 'text/html' })
      res.end(decision.body ?? '')
      return
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host }
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
