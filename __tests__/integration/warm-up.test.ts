import { once } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { Agents, Transport } from '../../src/http/transport.js'
import { loadedStep, warmUpForMain, warmUpForPost } from '../../src/runner/warm-up.js'
import { runStep } from '../support/action-runner.js'
import { makeTestPki, type TestPki } from '../support/certificates.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'
import { startTcpRelay } from '../support/tcp-relay.js'
import { until } from '../support/until.js'

// Each step dials the controller before @actions/core and the rest of the action load, so
// the handshakes overlap the load. The dist bundles, as the runner runs them.
const fixture = emulatorPerTest()
let pki: TestPki
beforeAll(() => {
  pki = makeTestPki()
})

describe('the warm-up connection', () => {
  it.each(['http', 'https'] as const)(
    'over %s is dialled before the inputs are read, and carries nothing until a request does',
    async (scheme) => {
      const j = await fixture.start(
        scheme === 'https' ? { tls: { key: pki.serverKey, cert: pki.serverCert } } : {}
      )
      // The relay counts TCP connections: the emulator counts an https one only once its
      // handshake is done, which a step that stops this early does not wait for.
      const relay = await startTcpRelay(j.port)
      // An input error stops the step before its first request: the connection is all there is.
      const main = await runStep('main', {
        entry: 'dist',
        inputs: {
          'jenkins-url': `${scheme}://127.0.0.1:${relay.port}/`,
          username: 'alice',
          password: 'alice-password',
          'api-token': 'both given',
          ...(scheme === 'https' ? { 'ca-certificate': pki.caPem } : {})
        }
      })
      expect(main.stdout).toContain('::error::Inputs password and api-token were both given')
      expect(main.exitCode).toBe(1)
      await relay.close()
      expect(relay.connections).toBe(1)
      expect(j.requests).toEqual([])
    }
  )

  it('post dials only when it has a token to revoke', async () => {
    const server = createTcpServer()
    const accepted: Socket[] = []
    server.on('connection', (socket) => accepted.push(socket))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    const state = (extra: object) => ({
      STATE_minted: JSON.stringify({
        jenkinsUrl: `http://127.0.0.1:${port}/`,
        revoke: true,
        ...extra
      })
    })
    try {
      const warmed = await warmUpForPost(state({}))
      expect(warmed).toBeDefined()
      await until(() => accepted.length === 1, 'the early connection')
      warmed?.close()
      expect(await warmUpForPost(state({ revoke: false }))).toBeUndefined()
      expect(await warmUpForPost(state({ revokedInMain: true }))).toBeUndefined()
      expect(await warmUpForPost({})).toBeUndefined()
      expect(await warmUpForPost({ STATE_minted: 'not json' })).toBeUndefined()
      // Nothing dialled for those: a connection would have been accepted by now.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(accepted).toHaveLength(1)
    } finally {
      for (const socket of accepted) socket.destroy()
      server.close()
    }
  })

  it('loads the step only after the event loop has read what came while the libraries loaded', async () => {
    // Through a proxy, the proxy's answer to the CONNECT comes while the action loads, and
    // Node's agent sends the TLS client hello when it reads it: that must happen before the
    // step's own start, not after it.
    const server = createTcpServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1')
    const [[accepted]] = (await Promise.all([
      once(server, 'connection'),
      once(client, 'connect')
    ])) as [[Socket], unknown]
    try {
      let read = ''
      client.on('data', (chunk: Buffer) => {
        read += chunk.toString()
      })
      accepted.write('HTTP/1.1 200 Connection established\r\n\r\n') // on loopback, at once
      // Read after the first part of the load (@actions/http-client), before the step's own.
      let readBeforeStepLoads = ''
      const step = await loadedStep(async () => {
        readBeforeStepLoads = read
        return 'the step'
      })
      expect([step, readBeforeStepLoads]).toEqual([
        'the step',
        'HTTP/1.1 200 Connection established\r\n\r\n'
      ])
    } finally {
      client.destroy()
      accepted.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('main does not dial a URL the inputs would refuse', async () => {
    expect(await warmUpForMain({})).toBeUndefined()
    expect(await warmUpForMain({ 'INPUT_JENKINS-URL': 'ftp://ci.example.com/' })).toBeUndefined()
    expect(
      await warmUpForMain({
        'INPUT_JENKINS-URL': 'http://u:p@127.0.0.1:9/',
        'INPUT_CA-CERTIFICATE': ''
      })
    ).toBeUndefined()
  })
})

describe('a warm connection that is no longer usable', () => {
  // The first connection is closed by the server at once (an idle timeout, a restart); the
  // request must not start on it, so a POST is never left "uncertain" by the warm-up.
  it.each(['closed by the server', 'refused'] as const)(
    'when %s, is replaced by a fresh one before anything is sent',
    async (how) => {
      let accepted = 0
      const bodies: string[] = []
      const server = createServer((req, res) => {
        let body = ''
        req.on('data', (chunk: Buffer) => {
          body += chunk.toString()
        })
        req.on('end', () => {
          bodies.push(body)
          res.end('revoked')
        })
      })
      server.on('connection', (socket) => {
        accepted++
        if (how === 'closed by the server' && accepted === 1) socket.destroy()
      })
      const listen = (port: number) =>
        new Promise<number>((resolve) =>
          server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
        )
      const port = await listen(0)
      const agents = new Agents()
      try {
        if (how === 'refused') {
          // Nothing listens while the warm connection is dialled; the server is back for the request.
          await new Promise((resolve) => server.close(resolve))
          agents.warm(new URL(`http://127.0.0.1:${port}/`))
          await new Promise((resolve) => setTimeout(resolve, 100))
          await listen(port)
        } else {
          agents.warm(new URL(`http://127.0.0.1:${port}/`))
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        const transport = new Transport({
          agents,
          timeoutMs: 2000,
          retries: 0,
          budgetMs: 5000,
          debug: () => undefined
        })
        // No retries: a POST started on the dead socket would fail, not be sent again.
        const answer = await transport.request({
          method: 'POST',
          url: `http://127.0.0.1:${port}/revoke`,
          form: { tokenUuid: 'x' }
        })
        expect(answer.status).toBe(200)
        expect(bodies).toEqual(['tokenUuid=x'])
        expect(accepted).toBe(how === 'refused' ? 1 : 2)
        transport.close()
      } finally {
        agents.close()
        await new Promise((resolve) => server.close(resolve))
      }
    }
  )
})
