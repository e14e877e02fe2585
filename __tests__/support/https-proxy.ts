import { type AddressInfo, connect, type Socket } from 'node:net'
import { createServer, type Server } from 'node:tls'
import type { TestPki } from './certificates.js'
import type { HostMap } from './host-names.js'
import { startTcpRelay, type TcpRelay } from './tcp-relay.js'
import { startTinyproxy, type Tinyproxy } from './tinyproxy.js'

/**
 * An https proxy: a client speaks TLS to it, and inside that TLS plain proxy requests (CONNECT).
 * Built from Debian's tinyproxy behind a node:tls terminator with the test PKI's server
 * certificate (localhost, 127.0.0.1), and a recording TCP relay in front of that, on the port
 * clients are given. `wire.received()` is exactly what reached the proxy's listening port.
 */
export interface HttpsProxy {
  /** `https://[user:password@]localhost:<port>` */
  url: string
  port: number
  /** The bytes on the wire to the proxy (still encrypted) and the TCP connections made to it. */
  wire: TcpRelay
  /** The proxy itself, behind the TLS terminator: its log shows the CONNECTs it served. */
  tinyproxy: Tinyproxy
  close(): Promise<void>
}

export interface HttpsProxyOptions {
  pki: TestPki
  hosts?: HostMap
  basicAuth?: { user: string; password: string }
}

export async function startHttpsProxy(options: HttpsProxyOptions): Promise<HttpsProxy> {
  const tinyproxy = await startTinyproxy({ hosts: options.hosts, basicAuth: options.basicAuth })
  const sockets = new Set<Socket>()
  const terminator: Server = createServer(
    { key: options.pki.serverKey, cert: options.pki.serverCert },
    (clear) => {
      const inner = connect(tinyproxy.port, '127.0.0.1')
      for (const socket of [clear, inner]) {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
        socket.on('error', () => {
          clear.destroy()
          inner.destroy()
        })
      }
      clear.pipe(inner).pipe(clear)
    }
  )
  // A client that rejects our certificate fails the handshake: that is its business, not ours.
  terminator.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve))
  const wire = await startTcpRelay((terminator.address() as AddressInfo).port)
  const auth = options.basicAuth
    ? `${encodeURIComponent(options.basicAuth.user)}:${encodeURIComponent(options.basicAuth.password)}@`
    : ''
  return {
    url: `https://${auth}localhost:${wire.port}`,
    port: wire.port,
    wire,
    tinyproxy,
    async close() {
      await wire.close()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => terminator.close(() => resolve()))
      await tinyproxy.close()
    }
  }
}
