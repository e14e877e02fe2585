import type { Socket } from 'node:net'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { attemptStarted, dialEarly } from '../../src/http/early-dial.js'

/**
 * The early connection must be on the wire before the step goes on to load TLS and the rest
 * of its code, which holds the event loop for tens of milliseconds. The test holds this
 * thread's loop the same way (Atomics.wait) while a server on its own thread says whether
 * the connection arrived: it can only arrive if the SYN left before the hold began.
 */
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads')
const net = require('node:net')
const arrived = new Int32Array(workerData)
const server = net.createServer((socket) => {
  Atomics.add(arrived, 0, 1)
  Atomics.notify(arrived, 0)
  socket.destroy()
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
parentPort.on('message', () => server.close(() => process.exit(0)))
`

let worker: Worker
let port: number
const arrived = new Int32Array(new SharedArrayBuffer(4))

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true, workerData: arrived.buffer })
  port = await new Promise<number>((resolve) => worker.once('message', resolve))
})

afterAll(async () => {
  worker.postMessage('stop')
  await new Promise((resolve) => worker.once('exit', resolve))
})

/** Holds this thread (no event loop turn) until the server has a connection, or 5 s. */
function holdUntilArrived(before: number): 'ok' | 'not-equal' | 'timed-out' {
  return Atomics.wait(arrived, 0, before, 5000)
}

describe('dialEarly', () => {
  it('has the connection on the wire once attemptStarted resolves, with the loop held after', async () => {
    const before = Atomics.load(arrived, 0)
    const socket = dialEarly(new URL(`http://127.0.0.1:${port}/`)) as Socket
    expect(socket).toBeDefined()
    await attemptStarted(socket)
    const outcome = holdUntilArrived(before)
    socket.destroy()
    expect(outcome).not.toBe('timed-out')
  })

  it('without the wait, a held loop would keep the connection back (what the wait is for)', async () => {
    const before = Atomics.load(arrived, 0)
    const socket = dialEarly(new URL(`http://127.0.0.1:${port}/`)) as Socket
    // Node starts the attempt on a later tick, so holding now keeps the SYN back; a short hold
    // suffices to show it, the connection arriving once the loop turns again.
    const outcome = Atomics.wait(arrived, 0, before, 200)
    await attemptStarted(socket)
    socket.destroy()
    expect(outcome).toBe('timed-out')
  })

  it('is not made for a controller behind a proxy: the agents dial the proxy', () => {
    const saved = process.env.HTTPS_PROXY
    process.env.HTTPS_PROXY = 'http://proxy.example.com:3128'
    try {
      expect(dialEarly(new URL('https://ci.example.com/'))).toBeUndefined()
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY
      else process.env.HTTPS_PROXY = saved
    }
  })

  it('is not made when the proxy variable cannot be used: the first request reports it', () => {
    const saved = process.env.HTTPS_PROXY
    // A SOCKS proxy, which the action cannot use: proxyFor refuses it, and the controller
    // must not be dialled directly around it.
    process.env.HTTPS_PROXY = 'socks5://proxy.example.com:1080'
    let socket: Socket | undefined
    try {
      socket = dialEarly(new URL('https://ci.example.com/'))
      expect(socket).toBeUndefined()
    } finally {
      socket?.destroy()
      if (saved === undefined) delete process.env.HTTPS_PROXY
      else process.env.HTTPS_PROXY = saved
    }
  })
})
