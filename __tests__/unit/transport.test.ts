import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net'
import { createServer as createTlsServer, type TlsOptions } from 'node:tls'
import { afterEach, describe, expect, it } from '@jest/globals'
import { HttpError } from '../../src/http/errors.js'
import { Agents, Transport, tlsAlert } from '../../src/http/transport.js'
import { makeTestPki } from '../support/certificates.js'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

/** A server that answers each request with the next of the given statuses. */
async function serve(
  answers: Array<number | 'reset' | { status: number; headers: Record<string, string> }>
): Promise<{ url: string; seen: IncomingMessage[]; bodies: string[] }> {
  const seen: IncomingMessage[] = []
  const bodies: string[] = []
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      seen.push(req)
      bodies.push(body)
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]
      if (answer === 'reset') return req.socket.destroy()
      const { status, headers } =
        typeof answer === 'object' ? answer : { status: answer ?? 200, headers: {} }
      res.writeHead(status, headers).end(`answer ${seen.length}`)
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, seen, bodies }
}

function transport(retries = 3, timeoutMs = 2000, agents?: Agents) {
  return new Transport({
    timeoutMs,
    retries,
    budgetMs: 20_000,
    backoffMs: 1,
    debug: () => undefined,
    ...(agents ? { agents } : {})
  })
}

describe('Transport', () => {
  it('retries 5xx and 429 and returns the first good answer', async () => {
    const s = await serve([503, 429, 502, 200])
    const response = await transport().request({ method: 'GET', url: s.url })
    expect(response.status).toBe(200)
    expect(response.body).toBe('answer 4')
  })

  it.each([400, 401, 403, 404])('returns %i at once, without retrying', async (status) => {
    const s = await serve([status, 200])
    expect((await transport().request({ method: 'GET', url: s.url })).status).toBe(status)
    expect(s.seen).toHaveLength(1)
  })

  it('returns the last answer when retries run out', async () => {
    const s = await serve([503])
    expect((await transport(2).request({ method: 'GET', url: s.url })).status).toBe(503)
    expect(s.seen).toHaveLength(3)
  })

  it('honours Retry-After in seconds', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '1' } }, 200])
    const started = Date.now()
    await transport().request({ method: 'GET', url: s.url })
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('waits a long Retry-After in full, or not at all when the budget cannot hold it', async () => {
    // An earlier retry would only meet the same refusal: no retry before the time asked.
    const s = await serve([{ status: 503, headers: { 'retry-after': '40' } }, 200])
    const started = Date.now()
    const short = new Transport({
      timeoutMs: 2000,
      retries: 3,
      budgetMs: 35_000,
      backoffMs: 1,
      debug: () => undefined
    })
    await expect(short.request({ method: 'GET', url: s.url })).rejects.toThrow(
      "it asked to be tried again in 40 s (Retry-After), later than this step's time allows"
    )
    expect(Date.now() - started).toBeLessThan(2000)
    expect(s.seen).toHaveLength(1)
  }, 10_000)

  describe('a slow but healthy controller, each answer 250 ms', () => {
    async function slow(): Promise<string> {
      server = createServer((_, res) => {
        setTimeout(() => res.writeHead(200).end('ok'), 250)
      })
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
    }
    const options = { timeoutMs: 400, retries: 0, budgetMs: 400, backoffMs: 1 }

    it('gets every request its own tries when the step asks for it (main)', async () => {
      const url = await slow()
      const main = new Transport({ ...options, triesPerRequest: true, debug: () => undefined })
      for (let request = 0; request < 3; request++) {
        expect((await main.request({ method: 'GET', url })).status).toBe(200)
      }
    })

    it("says so when the step's time, not the limit per attempt, cut an attempt short", async () => {
      const url = await slow()
      const shared = new Transport({ ...options, debug: () => undefined })
      await shared.request({ method: 'GET', url })
      await expect(shared.request({ method: 'GET', url })).rejects.toThrow(
        /timed out: Jenkins did not answer within the 0\.\d s left of the step's time/
      )
    })
  })

  it('builds no attempt once the budget is spent: nothing recorded, nothing sent', async () => {
    const s = await serve([200])
    const spent = new Transport({
      timeoutMs: 2000,
      retries: 3,
      budgetMs: 0,
      backoffMs: 1,
      debug: () => undefined
    })
    const built: number[] = []
    const uncertain: number[] = []
    await expect(
      spent.request(
        (attempt) => {
          built.push(attempt)
          return { method: 'POST', url: s.url }
        },
        { uncertain: (attempt) => uncertain.push(attempt) }
      )
    ).rejects.toThrow(
      "the step's time ran out (0 s) before its next request to Jenkins could be sent"
    )
    expect(built).toEqual([])
    expect(uncertain).toEqual([])
    expect(s.seen).toHaveLength(0)
  })

  it('gives each attempt its own request and reports the uncertain ones', async () => {
    const s = await serve([
      'reset',
      { status: 503, headers: { 'retry-after': '0' } },
      500,
      503,
      { status: 429, headers: {} },
      200
    ])
    const uncertain: number[] = []
    const response = await transport(5).request(
      (attempt) => ({ method: 'POST', url: s.url, form: { newTokenName: `name ${attempt}` } }),
      { uncertain: (attempt) => uncertain.push(attempt) }
    )
    expect(response.status).toBe(200)
    expect(s.bodies).toEqual([0, 1, 2, 3, 4, 5].map((n) => `newTokenName=name+${n}`))
    // The reset, the 500 and a bare 503 (a gateway's, after the upstream took the request) may
    // follow work done; a 503 or 429 that says when to come back was not served.
    expect(uncertain).toEqual([0, 2, 3])
  })

  it('sends the form in the body, never in the URL', async () => {
    const s = await serve([200])
    await transport().request({ method: 'POST', url: s.url, form: { tokenUuid: 'a b&c' } })
    expect(s.seen[0]?.url).toBe('/x')
    expect(s.seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(s.bodies[0]).toBe('tokenUuid=a+b%26c')
  })

  it('cuts off an answer without Content-Length at 1 MiB, as one that may have been acted on', async () => {
    let sent = 0
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        // Chunked, so only the bytes as they come can tell its size.
        res.writeHead(200, { 'content-type': 'text/html' })
        for (; sent < 1_100_000; sent += 10_000) res.write(' '.repeat(10_000))
        res.end()
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
    const uncertain: number[] = []
    // Told by its status, not the answer itself: a megabyte is no message to show.
    const outcome = await transport(0)
      .request(
        { method: 'POST', url, form: { newTokenName: 'n' } },
        { uncertain: (attempt) => uncertain.push(attempt) }
      )
      .then(
        (response) => `HTTP ${response.status}, ${response.body.length} characters`,
        (error: Error) => error.message
      )
    expect(outcome).toBe('Could not reach Jenkins (POST /x): the answer was larger than 1 MiB')
    expect(uncertain).toEqual([0])
  })

  // A 303 says "see the result there": the form is not sent a second time, to any path.
  it('follows a 303 to a POST with a GET without the form', async () => {
    const s = await serve([{ status: 303, headers: { location: '/y' } }, 200])
    const response = await transport().request({
      method: 'POST',
      url: s.url,
      form: { newTokenName: 'n' }
    })
    expect(response.status).toBe(200)
    expect(s.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /x', 'GET /y'])
    expect(s.bodies).toEqual(['newTokenName=n', ''])
    expect(s.seen[1]?.headers['content-type']).toBeUndefined()
  })

  it('says connection refused, and marks the failure as certain', async () => {
    const s = await serve([200])
    const url = s.url
    server?.close()
    server = undefined
    const uncertain: number[] = []
    const failure = transport(1).request(
      { method: 'GET', url },
      { uncertain: (a) => uncertain.push(a) }
    )
    await expect(failure).rejects.toThrow(
      'Could not reach Jenkins (GET /x, 2 attempts): connection refused'
    )
    expect(uncertain).toEqual([])
  })

  it('stops at the budget of the whole transport', async () => {
    server = createServer(() => undefined)
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const slow = new Transport({
      timeoutMs: 400,
      retries: 10,
      budgetMs: 1000,
      backoffMs: 1,
      debug: () => undefined
    })
    const started = Date.now()
    const failure = slow.request({ method: 'GET', url })
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toThrow(/[Tt]imed out/)
    expect(Date.now() - started).toBeLessThan(1800)
  })

  // Node refuses such headers when it builds the request, before any byte goes out: the
  // attempt is one Jenkins cannot have acted on, however the caller accounts for it.
  it.each([
    ['a header value with a line break', { 'jenkins-crumb': 'a\nb' }],
    ['a header name with a space', { 'jenkins crumb': 'abc' }]
  ])('reports a request with %s as not sent, in its own words', async (_label, headers) => {
    const s = await serve([200])
    const uncertain: number[] = []
    const unprocessed: number[] = []
    const failure = transport().request(
      { method: 'POST', url: s.url, headers, form: { newTokenName: 'n' } },
      {
        uncertain: (attempt) => uncertain.push(attempt),
        unprocessed: (attempt) => unprocessed.push(attempt)
      }
    )
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toThrow(
      'Could not send POST /x: a header of the request holds characters HTTP does not allow, so nothing was sent to Jenkins.'
    )
    await expect(failure).rejects.not.toThrow(/Invalid character|valid HTTP token/)
    expect(uncertain).toEqual([])
    expect(unprocessed).toEqual([0])
    expect(s.seen).toHaveLength(0)
  })

  it('never sends credentials on a redirect to another host', async () => {
    const other = await serve([200])
    const otherUrl = other.url.replace('127.0.0.1', 'localhost')
    const first = server
    server = createServer((_req, res) => res.writeHead(302, { location: otherUrl }).end())
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const failure = transport().request({
      method: 'GET',
      url,
      headers: { authorization: 'Basic xyz' }
    })
    await expect(failure).rejects.toThrow('redirected to another origin')
    expect(other.seen).toHaveLength(0)
    first?.close()
  })
})

describe('a kept-alive connection the server has closed', () => {
  // The server closes the connection after its first answer, and the step's next request
  // goes out in the same turn, before the client has read the server's FIN: the agent hands
  // out the socket as free, the request is written into a connection the server had already
  // closed, and it gets no answer. Nothing can have been done with it (a mint there was not
  // made), so it counts as unsent and goes again on a fresh connection.
  it('is retried as unsent, a POST included, on a new connection', async () => {
    const s = await serve([200, 200])
    const accepted: Socket[] = []
    server?.on('connection', (socket: Socket) => accepted.push(socket))
    const agents = new Agents()
    const t = transport(0, 2000, agents)
    try {
      await t.request({ method: 'GET', url: s.url })
      expect(Object.values(agents.for(new URL(s.url)).agent.freeSockets).flat()).toHaveLength(1)
      const uncertain: number[] = []
      const unprocessed: number[] = []
      accepted[0]?.destroy()
      const response = await t.request(
        { method: 'POST', url: s.url, form: { newTokenName: 'n' } },
        {
          uncertain: (attempt) => uncertain.push(attempt),
          unprocessed: (attempt) => unprocessed.push(attempt)
        }
      )
      expect(response.status).toBe(200)
      expect(uncertain).toEqual([])
      expect(unprocessed).toEqual([0])
      expect(accepted).toHaveLength(2)
      expect(s.bodies).toEqual(['', 'newTokenName=n'])
    } finally {
      agents.close()
    }
  })
})

describe('an answer that is not valid HTTP', () => {
  it("is named as such, not by Node's parser, and counted as possibly acted on", async () => {
    const raw = createTcpServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhi'))
    )
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/x`
      const uncertain: number[] = []
      const failure = transport(0).request(
        { method: 'POST', url, form: { newTokenName: 'n' } },
        { uncertain: (attempt) => uncertain.push(attempt) }
      )
      await expect(failure).rejects.toThrow(
        'Could not reach Jenkins (POST /x): the answer was not valid HTTP (HPE_INVALID_CONTENT_LENGTH): something between the runner and Jenkins may be mangling it'
      )
      expect(uncertain).toEqual([0])
    } finally {
      await new Promise((resolve) => raw.close(resolve))
    }
  })
})

describe("main's wait for a service container (wait-seconds)", () => {
  function waiting(waits: string[], uncertain: number[]) {
    const t = new Transport({
      timeoutMs: 300,
      retries: 1,
      budgetMs: 20_000,
      backoffMs: 1,
      debug: () => undefined,
      startup: {
        loadingMs: 3000,
        unreachableMs: 3000,
        unreachableAfterSend: true,
        progress: (_waited, _limit, why) => waits.push(why)
      }
    })
    return (url: string) =>
      t.request({ method: 'POST', url }, { uncertain: (attempt) => uncertain.push(attempt) })
  }

  it('does not wait on a controller that took the request and hangs: retries only', async () => {
    const seen: IncomingMessage[] = []
    server = createServer((req) => seen.push(req)) // reads the request, never answers
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/generateNewToken`
    const waits: string[] = []
    const uncertain: number[] = []
    await expect(waiting(waits, uncertain)(url)).rejects.toThrow('2 attempts')
    expect(seen).toHaveLength(2)
    expect(uncertain).toEqual([0, 1])
    expect(waits).toEqual([])
  })

  it('waits on one that drops the connection after the request, as a starting one may', async () => {
    const { url, seen } = await serve(['reset', 'reset', 'reset', 200])
    const waits: string[] = []
    const uncertain: number[] = []
    const response = await waiting(waits, uncertain)(url)
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(4)
    expect(uncertain).toEqual([0, 1, 2])
    expect(waits.length).toBeGreaterThanOrEqual(1)
  }, 20_000)
})

describe('waiting for a starting controller through a proxy', () => {
  /** A proxy that answers every CONNECT with `status`, and counts them. */
  async function proxyAnswering(status: number): Promise<{ url: string; connects: () => number }> {
    let connects = 0
    const proxy = createTcpServer((socket: Socket) => {
      socket.once('data', () => {
        connects++
        socket.end(`HTTP/1.1 ${status} Nope\r\nContent-Length: 0\r\n\r\n`)
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxies.push(proxy)
    return {
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      connects: () => connects
    }
  }
  const proxies: ReturnType<typeof createTcpServer>[] = []
  const saved = process.env.HTTPS_PROXY
  afterEach(async () => {
    if (saved === undefined) delete process.env.HTTPS_PROXY
    else process.env.HTTPS_PROXY = saved
    for (const proxy of proxies.splice(0)) await new Promise((resolve) => proxy.close(resolve))
  })

  function waiting(waits: string[]) {
    return new Transport({
      timeoutMs: 2000,
      retries: 0,
      budgetMs: 20_000,
      backoffMs: 1,
      debug: () => undefined,
      startup: {
        loadingMs: 2500,
        unreachableMs: 2500,
        unreachableAfterSend: false,
        progress: (_waited, _limit, why) => waits.push(why)
      }
    })
  }

  it.each([
    [403, 'refused to open a tunnel to jenkins.invalid:443 (HTTP 403)'],
    [405, 'turned down the tunnel to jenkins.invalid:443 (HTTP 405)']
  ])("does not wait on the proxy's own refusal of the tunnel (%i)", async (status, message) => {
    const proxy = await proxyAnswering(status)
    process.env.HTTPS_PROXY = proxy.url
    const waits: string[] = []
    await expect(
      waiting(waits).request({ method: 'POST', url: 'https://jenkins.invalid/revoke' })
    ).rejects.toThrow(message)
    expect(waits).toEqual([])
    expect(proxy.connects()).toBe(1)
  })

  it('names the proxy whose rules forbid the tunnel (403), and does not retry', async () => {
    const proxy = await proxyAnswering(403)
    process.env.HTTPS_PROXY = proxy.url
    const unprocessed: number[] = []
    const failed = transport(2).request(
      { method: 'GET', url: 'https://jenkins.invalid:8443/crumbIssuer/api/json' },
      { unprocessed: (attempt) => unprocessed.push(attempt) }
    )
    await expect(failed).rejects.toThrow(
      `Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy ${new URL(proxy.url).host} named by HTTPS_PROXY refused to open a tunnel to jenkins.invalid:8443 (HTTP 403): its rules do not allow a CONNECT to that host and port. Have the proxy allow CONNECT to port 8443 (Squid allows only 443 by default), or add jenkins.invalid to NO_PROXY if the runner reaches Jenkins directly.`
    )
    expect(proxy.connects()).toBe(1)
    expect(unprocessed).toEqual([0])
  })

  // Any other 4xx to the CONNECT is the proxy's own answer too (405 from one that takes no
  // CONNECT, 400 from one that cannot read it): asking again meets the same proxy.
  it.each([400, 405])(
    'names the proxy that turns down the tunnel (HTTP %i), and does not retry',
    async (status) => {
      const proxy = await proxyAnswering(status)
      process.env.HTTPS_PROXY = proxy.url
      const unprocessed: number[] = []
      const failed = transport(2).request(
        { method: 'GET', url: 'https://jenkins.invalid:8443/crumbIssuer/api/json' },
        { unprocessed: (attempt) => unprocessed.push(attempt) }
      )
      await expect(failed).rejects.toThrow(
        `Could not reach Jenkins (GET /crumbIssuer/api/json): the proxy ${new URL(proxy.url).host} named by HTTPS_PROXY turned down the tunnel to jenkins.invalid:8443 (HTTP ${status}), its own answer, which asking again does not change. Check that HTTPS_PROXY names a forward proxy that allows CONNECT to that host and port, or add jenkins.invalid to NO_PROXY if the runner reaches Jenkins directly.`
      )
      expect(proxy.connects()).toBe(1)
      expect(unprocessed).toEqual([0])
    }
  )

  // 404: Privoxy's "No such domain", a resolver's failure that may pass.
  it.each([408, 429, 404])('retries a CONNECT answered %i, which may pass', async (status) => {
    const proxy = await proxyAnswering(status)
    process.env.HTTPS_PROXY = proxy.url
    await expect(
      transport(1).request({ method: 'GET', url: 'https://jenkins.invalid/crumbIssuer/api/json' })
    ).rejects.toThrow(
      `2 attempts): the proxy did not open a tunnel to the controller (HTTP ${status})`
    )
    expect(proxy.connects()).toBe(2)
  })

  it('names the proxy and what to check when it cannot open the tunnel (a 502)', async () => {
    const proxy = await proxyAnswering(502)
    process.env.HTTPS_PROXY = proxy.url
    await expect(
      transport(0).request({ method: 'GET', url: 'https://jenkins.invalid/crumbIssuer/api/json' })
    ).rejects.toThrow(
      `the proxy did not open a tunnel to the controller (HTTP 502): the proxy ${new URL(proxy.url).host} named by HTTPS_PROXY could not reach jenkins.invalid:443. Check the host and port in jenkins-url and that the proxy reaches them, or add jenkins.invalid to NO_PROXY if the runner reaches Jenkins directly`
    )
  })

  it('waits when the proxy cannot reach the controller (a 5xx to the CONNECT)', async () => {
    const proxy = await proxyAnswering(503)
    process.env.HTTPS_PROXY = proxy.url
    const waits: string[] = []
    await expect(
      waiting(waits).request({ method: 'POST', url: 'https://jenkins.invalid/revoke' })
    ).rejects.toThrow('(HTTP 503)')
    expect(waits).toEqual([
      `its connection fails: the proxy did not open a tunnel to the controller (HTTP 503): the proxy ${new URL(proxy.url).host} named by HTTPS_PROXY could not reach jenkins.invalid:443. Check the host and port in jenkins-url and that the proxy reaches them, or add jenkins.invalid to NO_PROXY if the runner reaches Jenkins directly`
    ])
    expect(proxy.connects()).toBeGreaterThanOrEqual(2)
  })
})

describe('a TLS alert from the server, as Node reports it', () => {
  it.each([
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', '', 'client certificate'],
    // OpenSSL 3.2 and later: "ssl/tls alert bad certificate" (a Java front's mutual TLS).
    ['ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE', '', 'client certificate'],
    // TLS 1.2, where Node gives EPROTO and OpenSSL's words.
    [
      'EPROTO',
      'write EPROTO 40C7:error:0A000412:SSL routines:ssl3_read_bytes:ssl/tls alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:918:SSL alert number 42',
      'client certificate'
    ],
    ['ERR_SSL_SSL/TLS_ALERT_BAD_RECORD_MAC', '', 'other'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', '', 'other'],
    // Not alerts: the client's own failure to read what came (damaged on the way in).
    ['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', '', undefined],
    ['EPROTO', 'write EPROTO wrong version number', undefined],
    ['ECONNRESET', 'read ECONNRESET', undefined]
  ] as const)('%s %s: %s', (code, message, expected) => {
    expect(tlsAlert(code, message)).toBe(expected)
  })
})

describe('a TLS server that ends the handshake with an alert', () => {
  // It speaks TLS, so the fix is never http://: here TLS 1.1 at most, which Node refuses.
  it('is named as TLS that shares no version with Node, not as a port without https', async () => {
    const pki = makeTestPki()
    const old = createTlsServer(
      {
        key: pki.serverKey,
        cert: pki.serverCert,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0'
      },
      (socket) => socket.end()
    )
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve))
    try {
      const url = `https://127.0.0.1:${(old.address() as AddressInfo).port}/x`
      const step = new Transport({
        tls: { ca: pki.caPem },
        timeoutMs: 2000,
        retries: 2,
        budgetMs: 5000,
        debug: () => undefined
      })
      const failed = step.request({ method: 'GET', url })
      await expect(failed).rejects.toThrow(
        "Could not reach Jenkins (GET /x): the controller's TLS server ended the handshake with an alert ("
      )
      await expect(failed).rejects.toThrow(': alert protocol version): the port serves https,')
      await expect(failed).rejects.not.toThrow('http://')
    } finally {
      await new Promise((resolve) => old.close(resolve))
    }
  })
})

describe("an http proxy's own page for a plain-http controller it cannot reach", () => {
  /** A proxy that answers every plain-http request with `head`, reading nothing of its body. */
  async function proxyAnswering(head: string): Promise<{ url: string; host: string }> {
    const proxy = createTcpServer((socket: Socket) => {
      socket.once('data', () => socket.end(`${head}\r\nConnection: close\r\n\r\n<html>page</html>`))
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxies.push(proxy)
    const host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`
    return { url: `http://${host}`, host }
  }
  const proxies: ReturnType<typeof createTcpServer>[] = []
  const saved = process.env.HTTP_PROXY
  afterEach(async () => {
    if (saved === undefined) delete process.env.HTTP_PROXY
    else process.env.HTTP_PROXY = saved
    for (const proxy of proxies.splice(0)) await new Promise((resolve) => proxy.close(resolve))
  })

  async function mint(head: string) {
    const proxy = await proxyAnswering(head)
    process.env.HTTP_PROXY = proxy.url
    const uncertain: number[] = []
    const unprocessed: number[] = []
    const outcome = await transport(0)
      .request(
        { method: 'POST', url: 'http://jenkins.invalid:8080/generateNewToken', form: { a: 'b' } },
        { uncertain: (n) => uncertain.push(n), unprocessed: (n) => unprocessed.push(n) }
      )
      .then(
        (response) => `HTTP ${response.status}`,
        (error: Error) => error.message
      )
    return { outcome, uncertain, unprocessed, proxy }
  }

  it.each([
    [
      'tinyproxy',
      'HTTP/1.1 500 Unable to connect\r\nServer: tinyproxy/1.11.1',
      'HTTP 500 "Unable to connect"'
    ],
    [
      'Squid',
      'HTTP/1.1 503 Service Unavailable\r\nServer: squid/6.10\r\nX-Squid-Error: ERR_DNS_FAIL 0',
      'HTTP 503, X-Squid-Error ERR_DNS_FAIL'
    ]
  ])('names %s, and counts the mint as not made', async (_, head, said) => {
    const { outcome, uncertain, unprocessed, proxy } = await mint(head)
    expect(outcome).toBe(
      `Could not reach Jenkins (POST /generateNewToken): the proxy ${proxy.host} named by HTTP_PROXY answered in Jenkins's place (${said}): it could not resolve jenkins.invalid or connect to its port 8080, so nothing reached Jenkins. Check the host and port in jenkins-url, and that the proxy can reach them, or add jenkins.invalid to NO_PROXY if the runner reaches Jenkins directly.`
    )
    expect(uncertain).toEqual([])
    expect(unprocessed).toEqual([0])
  })

  it.each([
    [
      'carries X-Jenkins',
      'HTTP/1.1 500 Unable to connect\r\nServer: tinyproxy/1.11.1\r\nX-Jenkins: 2.578'
    ],
    ['is a relayed 500', 'HTTP/1.1 500 Server Error\r\nServer: Jetty(12.0.22)'],
    [
      'is another tinyproxy page',
      'HTTP/1.1 503 Could not retrieve all the headers\r\nServer: tinyproxy/1.11.1'
    ],
    [
      'is a Squid read error',
      'HTTP/1.1 502 Bad Gateway\r\nServer: squid/6.10\r\nX-Squid-Error: ERR_READ_ERROR 104'
    ]
  ])('still counts a mint as possibly made when the answer %s', async (_, head) => {
    const { outcome, uncertain } = await mint(head)
    expect(outcome).toMatch(
      /^(HTTP 5\d\d|Could not reach Jenkins .*closed before Jenkins answered)/
    )
    expect(uncertain).toEqual([0])
  })

  // The proxy took the request and may have passed it on: its dropping the connection is no
  // failure of the proxy's own, and the mint may have made a token.
  it('still counts a mint as possibly made when the proxy drops the connection after taking it', async () => {
    const proxy = createTcpServer((socket: Socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxies.push(proxy)
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    const uncertain: number[] = []
    const failure = transport(0).request(
      { method: 'POST', url: 'http://jenkins.invalid:8080/generateNewToken', form: { a: 'b' } },
      { uncertain: (n) => uncertain.push(n) }
    )
    await expect(failure).rejects.toThrow(
      'Could not reach Jenkins (POST /generateNewToken): the connection was closed before Jenkins answered'
    )
    expect(uncertain).toEqual([0])
  })
})

describe('a restart behind a reverse proxy', () => {
  /** A proxy's view of a restarting Jenkins: its page, then 502s while the process is gone. */
  async function restarting(
    answer: (req: IncomingMessage) => number
  ): Promise<{ url: string; seen: IncomingMessage[] }> {
    const seen: IncomingMessage[] = []
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        seen.push(req)
        const status = seen.length === 1 ? 503 : answer(req)
        res.writeHead(status).end(seen.length === 1 ? 'starting' : `answer ${seen.length}`)
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, seen }
  }

  function waiting(waits: string[], loadingMs: number, retries = 3) {
    return new Transport({
      timeoutMs: 300,
      retries,
      budgetMs: 20_000,
      backoffMs: 1,
      debug: () => undefined,
      judge: (r) => (r.status === 503 && r.body === 'starting' ? 'starting' : undefined),
      startup: {
        loadingMs,
        unreachableMs: 0,
        unreachableAfterSend: false,
        progress: (_waited, _limit, why) => waits.push(why)
      }
    })
  }
  const post = (url: string) =>
    ({ method: 'POST', url, headers: { authorization: 'Basic secret' }, form: { a: 'b' } }) as const

  it('sends no POST while the proxy answers 502, only GETs without credentials', async () => {
    // The first GET meets the 502, the second a Jenkins that is up (403 to anonymous).
    let gets = 0
    const s = await restarting((req) => (req.method === 'GET' ? (++gets === 1 ? 502 : 403) : 200))
    const waits: string[] = []
    const unprocessed: number[] = []
    const uncertain: number[] = []
    const response = await waiting(waits, 2500).request(post(s.url), {
      unprocessed: (attempt) => unprocessed.push(attempt),
      uncertain: (attempt) => uncertain.push(attempt)
    })
    expect(response.status).toBe(200)
    expect(s.seen.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'POST'])
    for (const probe of s.seen.filter((r) => r.method === 'GET')) {
      expect(probe.headers.authorization).toBeUndefined()
      expect(probe.headers.cookie).toBeUndefined()
    }
    expect(unprocessed).toEqual([0])
    expect(uncertain).toEqual([])
    expect(waits).toContain('a proxy in front of it answers HTTP 502 while it restarts')
  }, 10_000)

  // Once Jenkins serves again, a 502 to the POST may follow a token made: it is a retry like
  // any other, and with none left the answer is the 502, whatever the wait still allows.
  it('sends a POST that a 502 meets once Jenkins is back no more often than its retries allow', async () => {
    const s = await restarting((req) => (req.method === 'GET' ? 403 : 502))
    const unprocessed: number[] = []
    const uncertain: number[] = []
    const response = await waiting([], 2500, 0).request(post(s.url), {
      unprocessed: (attempt) => unprocessed.push(attempt),
      uncertain: (attempt) => uncertain.push(attempt)
    })
    expect(response.status).toBe(502)
    expect(s.seen.map((r) => r.method)).toEqual(['POST', 'GET', 'POST'])
    expect(unprocessed).toEqual([0])
    expect(uncertain).toEqual([1])
  }, 10_000)

  it('says Jenkins did not come back when the 502s outlast the wait, and sends no POST', async () => {
    const s = await restarting(() => 502)
    const failed = waiting([], 2500).request(post(s.url))
    await expect(failed).rejects.toThrow(
      'Jenkins did not come back from its restart within the wait: a proxy in front of it answers HTTP 502 while it restarts. Nothing more was sent to /x. Try again once it has started.'
    )
    expect(s.seen.filter((r) => r.method === 'POST')).toHaveLength(1)
  }, 10_000)
})

describe('a controller that answered, then gone behind its reverse proxy', () => {
  /**
   * Jenkins answers the first request; after it, `answer` says what the proxy answers, at the
   * root (`/`, where the transport confirms a controller gone) as at `/x`.
   */
  let root = ''
  async function goneAfterFirst(
    answer: (req: IncomingMessage) => number | { status: number; headers: Record<string, string> }
  ): Promise<{ url: string; root: string; seen: IncomingMessage[] }> {
    const seen: IncomingMessage[] = []
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        seen.push(req)
        const given = seen.length === 1 ? 200 : answer(req)
        const { status, headers } =
          typeof given === 'number' ? { status: given, headers: {} } : given
        res.writeHead(status, headers).end(`answer ${seen.length}`)
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    return { url: `${root}x`, root, seen }
  }

  function waiting(waits: Array<[string, string]>, loadingMs: number, retries = 0) {
    return new Transport({
      root,
      timeoutMs: 300,
      retries,
      budgetMs: 20_000,
      backoffMs: 1,
      debug: () => undefined,
      startup: {
        loadingMs,
        unreachableMs: 0,
        unreachableAfterSend: false,
        progress: (_waited, _limit, why, waitingFor) => waits.push([waitingFor, why])
      }
    })
  }
  const get = (url: string) => ({ method: 'GET', url }) as const
  const post = (url: string) =>
    ({ method: 'POST', url, headers: { authorization: 'Basic secret' }, form: { a: 'b' } }) as const

  it("waits out a GET's 502s as a controller gone, whatever the retries", async () => {
    let gets = 0
    const s = await goneAfterFirst(() => (++gets <= 2 ? 502 : 200))
    const waits: Array<[string, string]> = []
    const step = waiting(waits, 5000)
    await step.request(get(s.url))
    expect((await step.request(get(s.url))).status).toBe(200)
    expect(waits).toEqual([['return', 'a proxy in front of it answers HTTP 502 in its place']])
    // The root, asked once, failed too: only then is the 502 a controller gone.
    expect(s.seen.slice(1, 3).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /x', 'GET /'])
  }, 10_000)

  it("retries a 502 with Jenkins's header as any 5xx: Jenkins answered it", async () => {
    const s = await goneAfterFirst(() => ({ status: 502, headers: { 'x-jenkins': '2.500' } }))
    const waits: Array<[string, string]> = []
    const step = waiting(waits, 5000)
    await step.request(get(s.url))
    expect((await step.request(get(s.url))).status).toBe(502)
    expect(s.seen).toHaveLength(2)
    expect(waits).toEqual([])
  }, 10_000)

  it('retries a 503 that says when to come back as it asks, with no wait for a controller gone', async () => {
    const s = await goneAfterFirst(() => ({ status: 503, headers: { 'retry-after': '0' } }))
    const waits: Array<[string, string]> = []
    const step = waiting(waits, 5000, 1)
    await step.request(get(s.url))
    expect((await step.request(get(s.url))).status).toBe(503)
    expect(s.seen).toHaveLength(3)
    expect(waits).toEqual([])
  }, 10_000)

  it('counts a POST it met as a retry that may have been taken, and sends it again only once Jenkins serves', async () => {
    let gets = 0
    const s = await goneAfterFirst((req) =>
      req.method === 'GET' ? (++gets <= 2 ? 502 : 403) : 502
    )
    const uncertain: number[] = []
    const step = waiting([], 5000, 1)
    await step.request(get(s.url))
    const response = await step.request(post(s.url), {
      uncertain: (attempt) => uncertain.push(attempt)
    })
    // Its one retry spent: the second 502 is the answer. The root, asked once, answered 502 too.
    expect(response.status).toBe(502)
    expect(s.seen.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /x',
      'GET /',
      'GET /x',
      'GET /x',
      'POST /x'
    ])
    for (const probe of s.seen.filter((r) => r.method === 'GET').slice(1)) {
      expect(probe.headers.authorization).toBeUndefined()
    }
    expect(uncertain).toEqual([0, 1])
  }, 10_000)

  it('with no retries, answers a POST with the 502 it met, and sends nothing more, not even to the root', async () => {
    const s = await goneAfterFirst(() => 502)
    const step = waiting([], 5000, 0)
    await step.request(get(s.url))
    expect((await step.request(post(s.url))).status).toBe(502)
    expect(s.seen).toHaveLength(2)
  }, 10_000)

  // A lasting 504 on one slow endpoint while Jenkins serves the rest: the retries end it, not a
  // wait of up to wait-seconds. Jenkins's header at the root says it serves, whatever its status;
  // so does an answer that is no gateway's 5xx, when a proxy strips that header.
  it.each([
    ['403 with X-Jenkins', { status: 403, headers: { 'x-jenkins': '2.500' } }],
    ['503 with X-Jenkins', { status: 503, headers: { 'x-jenkins': '2.500' } }],
    ['200 without it', { status: 200, headers: {} }]
  ])(
    'retries a 504 on one path as any 5xx when the root answers %s, asking the root once',
    async (_label, atRoot) => {
      const s = await goneAfterFirst((req) => (req.url === '/' ? atRoot : 504))
      const waits: Array<[string, string]> = []
      const step = waiting(waits, 60_000, 2)
      await step.request(get(s.url))
      const started = Date.now()
      expect((await step.request(get(s.url))).status).toBe(504)
      expect(Date.now() - started).toBeLessThan(3000)
      expect(s.seen.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /x',
        'GET /',
        'GET /x',
        'GET /x'
      ])
      expect(waits).toEqual([])
    },
    10_000
  )

  it('asks the root without credentials or cookies, and not at all when nothing fails', async () => {
    let posts = 0
    const s = await goneAfterFirst((req) =>
      req.url === '/'
        ? { status: 403, headers: { 'x-jenkins': '2.500' } }
        : ++posts === 1
          ? 502
          : 200
    )
    const step = waiting([], 5000, 1)
    await step.request(get(s.url))
    const headers = { authorization: 'Basic secret', cookie: 'JSESSIONID=abc' }
    expect((await step.request({ ...post(s.url), headers })).status).toBe(200)
    expect((await step.request({ ...post(s.url), headers })).status).toBe(200)
    expect(s.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /x',
      'POST /x',
      'GET /',
      'POST /x',
      'POST /x'
    ])
    const asked = s.seen[2]
    expect(asked?.headers.authorization).toBeUndefined()
    expect(asked?.headers.cookie).toBeUndefined()
    expect(s.seen[1]?.headers.cookie).toBe('JSESSIONID=abc')
  }, 10_000)

  it('says Jenkins stopped answering when the 502s outlast the wait, and sends no POST', async () => {
    const s = await goneAfterFirst(() => 502)
    const step = waiting([], 1500, 1)
    await step.request(get(s.url))
    await expect(step.request(post(s.url))).rejects.toThrow(
      'Jenkins answered earlier in this step, then stopped answering (it is restarting, or it crashed), and did not come back within the wait: a proxy in front of it answers HTTP 502 in its place. Nothing more was sent to /x. Try again once it answers again.'
    )
    expect(s.seen.filter((r) => r.method === 'POST')).toHaveLength(1)
  }, 10_000)

  it('once the wait ran out, retries a GET as any 5xx, without a new wait', async () => {
    const s = await goneAfterFirst(() => 502)
    const waits: Array<[string, string]> = []
    const step = waiting(waits, 1500, 2)
    await step.request(get(s.url))
    const started = Date.now()
    expect((await step.request(get(s.url))).status).toBe(502)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(waits).toHaveLength(1)
  }, 10_000)
})

describe('a refusal that asked without credentials turns out to be a starting controller', () => {
  /** Answers the credentialed POST with `refusal`, then 200; GETs: the starting page, then 403. */
  async function refusingWhileStarting(refusal: number) {
    const seen: IncomingMessage[] = []
    let gets = 0
    let posts = 0
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        seen.push(req)
        if (req.method === 'GET') {
          const starting = ++gets === 1
          res.writeHead(starting ? 503 : 403).end(starting ? 'starting' : 'anonymous')
        } else res.writeHead(++posts === 1 ? refusal : 200).end(`answer ${seen.length}`)
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, seen }
  }

  // Jenkins's error page (500) may be an exception after it acted; a 401 stopped the request
  // in a filter before it did.
  it.each([
    [500, 'uncertain'],
    [401, 'unprocessed']
  ] as const)(
    'counts a mint refused with %i as %s, and sends it again once Jenkins serves',
    async (refusal, kind) => {
      const s = await refusingWhileStarting(refusal)
      const t = new Transport({
        timeoutMs: 300,
        retries: 0,
        budgetMs: 20_000,
        backoffMs: 1,
        debug: () => undefined,
        judge: (r) => (r.status === 503 && r.body === 'starting' ? 'starting' : undefined),
        askAnonymously: (r) => (r.status === refusal ? r.url : undefined),
        startup: {
          loadingMs: 2500,
          unreachableMs: 0,
          unreachableAfterSend: false,
          progress: () => undefined
        }
      })
      const seen = { uncertain: [] as number[], unprocessed: [] as number[] }
      const response = await t.request(
        {
          method: 'POST',
          url: s.url,
          headers: { authorization: 'Basic secret' },
          form: { a: 'b' }
        },
        {
          uncertain: (attempt) => seen.uncertain.push(attempt),
          unprocessed: (attempt) => seen.unprocessed.push(attempt)
        }
      )
      expect(response.status).toBe(200)
      expect(s.seen.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'POST'])
      expect(s.seen.filter((r) => r.method === 'GET').map((r) => r.headers.authorization)).toEqual([
        undefined,
        undefined
      ])
      expect(seen[kind]).toEqual([0])
      expect(seen[kind === 'uncertain' ? 'unprocessed' : 'uncertain']).toEqual([])
    },
    10_000
  )
})

describe('a plain-http port that closes requests unanswered and does not speak TLS', () => {
  it('is asked for TLS once, not after every attempt: each asking is a connection', async () => {
    let requests = 0
    let tlsAsks = 0
    const raw = createTcpServer((socket) =>
      socket.once('data', (data: Buffer) => {
        // A TLS client hello starts with a handshake record (22); what answers it is not TLS.
        if (data[0] === 22) {
          tlsAsks++
          socket.end('nope\r\n\r\n')
        } else {
          requests++
          socket.destroy()
        }
      })
    )
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/x`
      await expect(transport(2).request({ method: 'GET', url })).rejects.toThrow(
        'Could not reach Jenkins (GET /x, 3 attempts): the connection was closed before Jenkins answered'
      )
      expect(requests).toBe(3)
      expect(tlsAsks).toBe(1)
    } finally {
      await new Promise((resolve) => raw.close(resolve))
    }
  })
})

describe('agents made before the step', () => {
  let https: ReturnType<typeof createHttpsServer> | undefined
  let agents: Agents | undefined
  afterEach(async () => {
    agents?.close()
    https?.closeAllConnections()
    await new Promise((resolve) => (https ? https.close(resolve) : resolve(undefined)))
  })

  /** A server with a self-signed certificate for 127.0.0.1 and localhost, reached as `host`. */
  async function selfSigned(host = '127.0.0.1', sni?: TlsOptions['SNICallback']) {
    const pki = makeTestPki()
    https = createHttpsServer(
      { key: pki.selfSignedKey, cert: pki.selfSignedCert, ...(sni ? { SNICallback: sni } : {}) },
      (_, res) => res.end('{}')
    )
    await new Promise<void>((resolve) => https?.listen(0, '127.0.0.1', resolve))
    return { pki, url: `https://${host}:${(https.address() as AddressInfo).port}/x` }
  }

  const stepWith = (tls: { rejectUnauthorized?: boolean; ca?: string }, given: Agents) =>
    new Transport({
      agents: given,
      tls,
      timeoutMs: 2000,
      retries: 0,
      budgetMs: 5000,
      debug: () => undefined
    })

  // The warm-up builds its agents from a hint; a step that verifies certificates must not
  // inherit agents that do not.
  it('that skip certificate checks are not used by a step that verifies', async () => {
    const { url } = await selfSigned()
    agents = new Agents({ rejectUnauthorized: false })
    await expect(stepWith({}, agents).request({ method: 'GET', url })).rejects.toThrow(
      '(DEPTH_ZERO_SELF_SIGNED_CERT)'
    )
    // The agents themselves take it: only the check kept them out.
    expect(
      (await stepWith({ rejectUnauthorized: false }, agents).request({ method: 'GET', url })).status
    ).toBe(200)
  })

  // A front that routes by TLS server name (a load balancer, nginx with several sites) needs
  // one on the warm connection too: without it, the warm-up is wasted or meets the wrong site.
  it('name the server in the TLS hello of the connection they warm', async () => {
    const names: string[] = []
    const { url } = await selfSigned('localhost', (name, callback) => {
      names.push(name)
      callback(null)
    })
    let connections = 0
    https?.on('secureConnection', () => connections++)
    // Verification is off on both sides here so that no CA becomes a root of the process.
    agents = new Agents({ rejectUnauthorized: false })
    agents.warm(new URL(url))
    const step = stepWith({ rejectUnauthorized: false }, agents)
    expect((await step.request({ method: 'GET', url })).status).toBe(200)
    expect(connections).toBe(1)
    expect(names).toEqual(['localhost'])
  })

  // Only the refusal half: agents that dial with a ca-certificate make it a default root of
  // the process (Agents.context), which would outlive this test.
  it('that trust a CA the step was not given are not used by it', async () => {
    const { pki, url } = await selfSigned()
    agents = new Agents({ ca: pki.selfSignedCert })
    await expect(stepWith({}, agents).request({ method: 'GET', url })).rejects.toThrow(
      '(DEPTH_ZERO_SELF_SIGNED_CERT)'
    )
  })
})
