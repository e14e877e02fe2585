import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from '@jest/globals'
import { WarmHttpAgent } from '../../src/http/warm-agents.js'

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

async function server(body = 'from a fresh connection'): Promise<number> {
  const s = http.createServer((_req, res) => res.end(body))
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  closers.push(() => s.close())
  return (s.address() as AddressInfo).port
}

/** GET / through the agent, or an error if nothing has answered within a second. */
function get(agent: http.Agent, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer within 1 s')), 1000)
    http
      .get({ host: '127.0.0.1', port, agent }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk))
        res.on('end', () => {
          clearTimeout(timer)
          resolve(body)
        })
      })
      .on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
  })
}

describe('a warm connection', () => {
  it('that emitted an error is not handed to a request, even before it is destroyed', async () => {
    // As a TLS 1.3 socket does on a server's alert after 'secureConnect': the error first, the
    // destroy a little later. Node's HTTP client reports no second error on such a socket.
    const port = await server()
    const agent = new WarmHttpAgent({ keepAlive: true, maxSockets: 1 })
    closers.push(() => agent.destroy())
    const errored = new Duplex({
      read() {},
      write(_chunk, _encoding, callback) {
        callback()
      }
    })
    agent.warm('127.0.0.1', port, errored as unknown as Socket)
    errored.emit('error', Object.assign(new Error('alert'), { code: 'ERR_SSL_TLSV13_ALERT' }))
    expect(errored.destroyed).toBe(false)
    await expect(get(agent, port)).resolves.toBe('from a fresh connection')
  })

  it('serves only a request to its own host and port', async () => {
    // A request to another port (a redirect to another origin) must not be written on the
    // connection warmed for the first: it would reach the wrong server.
    const warmed = await server('from the warmed port')
    const other = await server('from the other port')
    const agent = new WarmHttpAgent({ keepAlive: true, maxSockets: 1 })
    closers.push(() => agent.destroy())
    agent.warm('127.0.0.1', warmed)
    await expect(get(agent, other)).resolves.toBe('from the other port')
    await expect(get(agent, warmed)).resolves.toBe('from the warmed port')
  })
})
