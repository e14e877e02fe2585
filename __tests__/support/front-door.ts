import { createServer as createHttpServer } from 'node:http'
import { type AddressInfo, connect, createServer, type Socket } from 'node:net'

/**
 * A front door that upgrades http to https on one port, as HSTS does for a controller on a port
 * of its own (the action follows an upgrade only to the same host and port): plain HTTP gets a
 * 301 to the https URL of the same path on this port, and TLS (a first byte of 0x16, a
 * handshake record) is passed on, still encrypted, to the controller's https port.
 */
export interface FrontDoor {
  port: number
  close(): Promise<void>
}

export async function startFrontDoor(
  httpsPort: number,
  host: string = '127.0.0.1'
): Promise<FrontDoor> {
  const sockets = new Set<Socket>()
  const plain = createHttpServer((req, res) => {
    res.writeHead(301, { location: `https://${host}:${door.port}${req.url ?? '/'}` })
    res.end()
  })
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.once('data', (first: Buffer) => {
      socket.pause()
      socket.unshift(first)
      if (first[0] !== 0x16) {
        plain.emit('connection', socket)
        socket.resume()
        return
      }
      const upstream = connect(httpsPort, '127.0.0.1')
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => socket.destroy())
      socket.on('error', () => upstream.destroy())
      socket.pipe(upstream).pipe(socket)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const door: FrontDoor = {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
  return door
}
