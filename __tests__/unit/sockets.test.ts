import { Socket } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import { atMost, dialTarget, onFirst, resumesAt } from '../../src/http/sockets.js'

describe('dialTarget', () => {
  it.each([
    ['https://ci.example.com/jenkins/', { host: 'ci.example.com', port: 443, ipAddress: false }],
    ['http://ci.example.com/', { host: 'ci.example.com', port: 80, ipAddress: false }],
    ['http://ci.example.com:8080/', { host: 'ci.example.com', port: 8080, ipAddress: false }],
    // An IPv4 address, even written otherwise: the URL parser writes it as four numbers.
    ['https://127.1:8443/', { host: '127.0.0.1', port: 8443, ipAddress: true }],
    // An IPv6 address: dialed without its brackets, and never sent as a TLS server name.
    ['https://[::1]:8443/', { host: '::1', port: 8443, ipAddress: true }],
    ['http://[2001:db8::1]/', { host: '2001:db8::1', port: 80, ipAddress: true }]
  ])('%s', (url, expected) => {
    expect(dialTarget(new URL(url))).toEqual(expected)
  })
})

describe('onFirst', () => {
  it('calls back once, on the first of the events, and stops listening for the others', () => {
    const socket = new Socket()
    let calls = 0
    onFirst(socket, ['connect', 'error', 'close'], () => calls++)
    socket.emit('connect')
    socket.emit('close')
    expect(calls).toBe(1)
    // Left listening, a socket that errs later would run the callback's work again.
    expect(['connect', 'error', 'close'].map((event) => socket.listenerCount(event))).toEqual([
      0, 0, 0
    ])
    socket.destroy()
  })
})

describe('atMost', () => {
  const keepingAlive = () =>
    process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length

  it('settles after the time when the promise does not, and never holds the process', async () => {
    const before = keepingAlive()
    const started = Date.now()
    const waiting = atMost(50, new Promise<void>(() => undefined))
    // Its timer does not keep the step alive: an unused warm-up must not delay its exit.
    expect(keepingAlive()).toBe(before)
    await waiting
    // Not at once (Node's loop time may lag Date.now() by a few milliseconds).
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('settles as soon as the promise does', async () => {
    const started = Date.now()
    await atMost(60_000, Promise.resolve())
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})

describe('resumesAt', () => {
  const made = { host: 'ci.example.com', port: 443 }

  it.each([
    ['https://ci.example.com/jenkins/', true],
    ['https://ci.example.com:443/', true],
    // Another port, another host, or plain http: the session means nothing there.
    ['https://ci.example.com:8443/', false],
    ['https://other.example.com/', false],
    ['http://ci.example.com:443/', false]
  ])('%s: %s', (url, offered) => {
    expect(resumesAt(made, new URL(url))).toBe(offered)
  })
})
