import { createServer as createHttpServer } from 'node:http'
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Server,
  type Socket
} from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { afterEach, describe, expect, it } from '@jest/globals'
import { speaksTls } from '../../src/http/tls-probe.js'
import { makeTestPki } from '../support/certificates.js'

const pki = makeTestPki()

let server: Server | undefined
/** The server side of every connection the probe made, to see whether the probe closed it. */
let accepted: Socket[] = []
afterEach(async () => {
  for (const socket of accepted) socket.destroy()
  accepted = []
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function listen(made: Server): Promise<URL> {
  server = made
  made.on('connection', (socket: Socket) => accepted.push(socket))
  await new Promise<void>((resolve) => made.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(made.address() as AddressInfo).port}/jenkins/`)
}

/** Whether the server saw the probe's connection closed within `ms`. */
function closedWithin(socket: Socket | undefined, ms: number): Promise<'closed' | 'still open'> {
  if (!socket || socket.destroyed) return Promise.resolve('closed')
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still open'), ms)
    socket.once('close', () => {
      clearTimeout(timer)
      resolve('closed')
    })
    socket.resume()
  })
}

/**
 * Runs `work` and counts the timers it set (setTimeout) that are still pending once it is
 * done: a timer left running would hold the step's process open. Only its own are counted, so
 * a timer of anything else in the process that fires meanwhile changes nothing.
 */
async function withTimersLeft<T>(work: () => Promise<T>): Promise<{ result: T; left: number }> {
  const pending = new Set<unknown>()
  const realSet = globalThis.setTimeout
  const realClear = globalThis.clearTimeout
  globalThis.setTimeout = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const timer = realSet(() => {
      pending.delete(timer)
      callback(...args)
    }, ms)
    pending.add(timer)
    return timer
  }) as typeof setTimeout
  globalThis.clearTimeout = ((timer: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(timer)
    realClear(timer)
  }) as typeof clearTimeout
  try {
    const result = await work()
    return { result, left: pending.size }
  } finally {
    globalThis.setTimeout = realSet
    globalThis.clearTimeout = realClear
  }
}

describe('speaksTls', () => {
  it('says tls for a port that completes a handshake, and closes its connection', async () => {
    const url = await listen(createTlsServer({ key: pki.serverKey, cert: pki.serverCert }))
    // Long enough that a timer left running would still be pending when the answer came.
    expect(await withTimersLeft(() => speaksTls(url, 60_000))).toEqual({ result: 'tls', left: 0 })
    expect(accepted).toHaveLength(1)
    // Nothing may keep the connection open: the step's process would not exit.
    expect(await closedWithin(accepted[0], 2_000)).toBe('closed')
  })

  it('says not tls for a plain-HTTP port, whose answer to a client hello is no TLS', async () => {
    const url = await listen(createHttpServer((_, res) => res.end('plain')))
    expect(await speaksTls(url, 5_000)).toBe('not tls')
    expect(await closedWithin(accepted[0], 2_000)).toBe('closed')
  })

  it('says no answer for a port that takes the connection and stays silent, once the time runs out', async () => {
    const url = await listen(createTcpServer(() => undefined))
    const started = Date.now()
    expect(await speaksTls(url, 300)).toBe('no answer')
    expect(Date.now() - started).toBeLessThan(5_000)
    // The probe gave up on the connection: it holds nothing open.
    expect(await closedWithin(accepted[0], 2_000)).toBe('closed')
  })

  it('says no answer for a port that resets the connection (a starting container)', async () => {
    const url = await listen(createTcpServer((socket) => socket.resetAndDestroy()))
    expect(await speaksTls(url, 5_000)).toBe('no answer')
  })

  it('says no answer for a port nothing listens on', async () => {
    const url = await listen(createTcpServer())
    await new Promise<void>((resolve) => server?.close(() => resolve()))
    server = undefined
    expect(await speaksTls(url, 5_000)).toBe('no answer')
  })

  it('sends a host name as SNI, and an IP address not', async () => {
    const names: Array<string | undefined> = []
    const url = await listen(
      createTlsServer({
        key: pki.serverKey,
        cert: pki.serverCert,
        SNICallback: (name, callback) => {
          names.push(name)
          callback(null)
        }
      })
    )
    expect(await speaksTls(url, 5_000)).toBe('tls')
    const byName = new URL(url)
    byName.hostname = 'localhost'
    expect(await speaksTls(byName, 5_000)).toBe('tls')
    // The SNI callback runs only for a hello that names a server.
    expect(names).toEqual(['localhost'])
  })
})
