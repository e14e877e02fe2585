import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What to do with one request: pass it on, or answer it here. */
export type FaultRule = (req: IncomingMessage) => 'forward' | { status: number; body?: string }

/** A request the proxy got, and the status it answered with (0 while unanswered). */
export interface ProxiedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  status: number
}

export interface FaultProxy {
  url: string
  /** Every request, in order of arrival, whether forwarded or answered here. */
  readonly requests: ProxiedRequest[]
  close(): Promise<void>
}

export interface FaultProxyOptions {
  /**
   * Answer as nginx does when the upstream cannot be reached: 502 with its own page, for a
   * refused connection and for one reset before the answer came (a controller restarting:
   * its process gone, then back). Each request then gets a connection of its own, as nginx's
   * upstreams without `keepalive`. Without it, the client's connection is dropped.
   */
  badGateway?: boolean
  /**
   * Answer every CONNECT with this status and no tunnel, as a proxy that turns the tunnel down
   * does (405 from one that takes no CONNECT). Without it, a CONNECT's connection is dropped.
   */
  connectStatus?: number
}

/** nginx's page for 502 (ngx_http_special_response.c), as it sends it. */
export const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/**
 * A loopback reverse proxy in front of the emulator that answers chosen requests itself,
 * to make one step of the action fail while the rest talk to a real Jenkins emulator.
 */
export async function startFaultProxy(
  target: string,
  rule: FaultRule,
  options: FaultProxyOptions = {}
): Promise<FaultProxy> {
  const upstream = new URL(target)
  const sockets = new Set<Socket>()
  const requests: ProxiedRequest[] = []
  const server: Server = createServer((req, res) => {
    const seen: ProxiedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      status: 0
    }
    requests.push(seen)
    res.on('finish', () => {
      seen.status = res.statusCode
    })
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
        headers: { ...req.headers, host: upstream.host },
        ...(options.badGateway ? { agent: false } : {})
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forwarded.on('error', () => {
      if (!options.badGateway || res.headersSent) return res.destroy()
      req.resume()
      res.writeHead(502, { server: 'nginx', 'content-type': 'text/html' })
      res.end(NGINX_502)
    })
    req.pipe(forwarded)
  })
  const connectStatus = options.connectStatus
  if (connectStatus !== undefined) {
    server.on('connect', (req: IncomingMessage, socket: Socket) => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        status: connectStatus
      })
      socket.end(`HTTP/1.1 ${connectStatus} Refused\r\nContent-Length: 0\r\n\r\n`)
    })
  }
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
