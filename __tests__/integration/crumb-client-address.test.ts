import { createServer, request, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import { runStep } from '../support/action-runner.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'

/**
 * Before Jenkins 2.543, DefaultCrumbIssuer binds the crumb to the client's IP address too (the
 * first X-Forwarded-For hop), unless the controller runs with
 * -Djenkins.model.Jenkins.crumbIssuerProxyCompatibility=true. A password login whose requests
 * reach Jenkins from different addresses then gets 403 "No valid crumb" with the cookie and the
 * crumb sent: the message must name that cause, not only a dropped session cookie.
 */

const fixture = emulatorPerTest()
let closeProxy: (() => Promise<void>) | undefined
afterEach(async () => {
  await closeProxy?.()
  closeProxy = undefined
})

/** A reverse proxy that answers one request per connection, each from another address. */
async function perConnectionAddresses(target: string): Promise<string> {
  const upstream = new URL(target)
  const addresses = ['203.0.113.10', '203.0.113.11']
  let next = 0
  const addressOf = new WeakMap<Socket, string>()
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': addressOf.get(req.socket) ?? '' }
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' })
        answer.pipe(res)
      }
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  server.on('connection', (socket) => {
    addressOf.set(socket, addresses[next++ % addresses.length] ?? '')
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closeProxy = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

const alice = { username: 'alice', password: 'alice-password' }

describe('a password login whose requests reach Jenkins 2.541.3 from different addresses', () => {
  it('fails on the crumb, and says the crumb is bound to the address', async () => {
    const j = await fixture.start({ version: '2.541.3' })
    const url = await perConnectionAddresses(j.url)
    const main = await runStep('main', { entry: 'dist', inputs: { 'jenkins-url': url, ...alice } })
    const mint = j.requests.find((r) => r.path.endsWith('/generateNewToken'))
    expect(mint?.status).toBe(403)
    expect(mint?.cookieSent).toBe(true)
    expect(mint?.crumbSent).toBe(true)
    // Sent again once in a new session (as after a restart), and refused again.
    const mints = j.requests.filter((r) => r.method === 'POST')
    expect(mints.map((r) => r.status)).toEqual([403, 403])
    expect(main.exitCode).toBe(1)
    const error = main.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
    expect(error).toContain("(from Jenkins 2.192) and, before 2.543, to the client's IP address")
    expect(error).toContain(
      '"Enable proxy compatibility" under Manage Jenkins › Security › CSRF Protection'
    )
    expect(error).toContain(
      `as does Jenkins 2.543 or later; not the Strict Crumb Issuer plugin's "Check the client IP")`
    )
    expect(j.tokens('alice')).toEqual([])
  })

  it('mints when the controller leaves the address out of the crumb', async () => {
    const j = await fixture.start({ version: '2.541.3', crumbIssuerProxyCompatibility: true })
    const url = await perConnectionAddresses(j.url)
    const main = await runStep('main', { entry: 'dist', inputs: { 'jenkins-url': url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(j.tokens('alice')).toHaveLength(1)
  })

  it('mints on 2.543 and later, which never put the address in the crumb', async () => {
    const j = await fixture.start({ version: '2.555.1' })
    const url = await perConnectionAddresses(j.url)
    const main = await runStep('main', { entry: 'dist', inputs: { 'jenkins-url': url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(j.tokens('alice')).toHaveLength(1)
  })
})
