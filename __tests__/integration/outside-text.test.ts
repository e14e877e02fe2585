import { createServer as createHttpServer, type OutgoingHttpHeaders } from 'node:http'
import { createServer } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import { cell, inline, plain } from '../../src/runner/log-text.js'
import { injectFaults } from '../emulator/faults.js'
import { setEmulatorHooks } from '../emulator/jenkins-emulator.js'
import { maskedValues, runJob, runStep } from '../support/action-runner.js'
import { emulatorPerTest } from '../support/emulator-fixture.js'

const entry = 'src' as const
const fixture = emulatorPerTest()
const alice = { username: 'alice', password: 'alice-password' }

/**
 * A step's log (without its add-mask commands) and summary as the runner shows them: every
 * value the step registered, longest first, becomes ***.
 */
function asTheRunnerShows(
  step: { stdout: string; summary: string },
  /** The logs of the job's earlier steps: what they registered is masked for the rest of it. */
  ...earlier: string[]
) {
  const masks = [...earlier, step.stdout].flatMap(maskedValues).sort((a, b) => b.length - a.length)
  const masked = (text: string) => masks.reduce((t, mask) => t.split(mask).join('***'), text)
  const log = step.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return { log: masked(log), summary: masked(step.summary) }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const ANY_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/

/** A loopback port nothing listens on: a proxy there refuses every request. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('control characters from outside', () => {
  it('never reach the log, the annotations or the job summary raw', async () => {
    const j = await fixture.start()
    const name = 'deploy\r| injected | cell |\n\n# heading\u2028\u0085\u001b[31m'
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, ...alice, 'token-name': name }
    })
    expect(main.exitCode).toBe(0)
    for (const step of [main, post]) {
      expect(step.stdout).not.toMatch(ANY_CONTROL)
      expect(step.summary).not.toMatch(ANY_CONTROL)
    }
    expect(main.stdout).toContain(
      'Created Jenkins API token "deploy\\r| injected | cell |\\n\\n# heading\\u2028\\u0085\\u001b[31m"'
    )
    // The summary is the runner's HTML table, one line, with the name's characters inert.
    const row = main.summary.split('\n').find((line) => line.startsWith('<table>')) ?? ''
    expect(row).toContain(
      '<td>deploy&#92;r&#124; injected &#124; cell &#124;&#92;n&#92;n# heading&#92;u2028&#92;u0085&#92;u001b&#91;31m</td>'
    )
    expect(main.summary.split('\n').filter((line) => line.startsWith('#'))).toEqual([])
  })

  it('make a failure message inert too', async () => {
    const j = await fixture.start()
    const main = await runStep('main', {
      entry,
      // No ':' (an input error of its own): the runner's older command syntax instead.
      inputs: { 'jenkins-url': j.url, ...alice, user: 'ghost\n##[error]forged' }
    })
    expect(main.exitCode).toBe(1)
    const lines = main.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringContaining('"ghost\\n##[error]forged"')
    ])
    expect(lines.filter((line) => line.startsWith('##['))).toEqual([])
  })

  it('an answer that echoes a secret back finds it masked in the form the log writes', async () => {
    // The runner masks the values registered, as they are; the log writes this password with
    // its control characters, quote and backslash escaped, and the summary with entities.
    const password = 'Tr0ub4dor\u007f\t"&\\3'
    const j = await fixture.start({ users: [{ id: 'alice', password }] })
    const message = `bad request: alice:${password}`
    injectFaults(j, [
      { path: /\/generateNewToken$/, fault: { json: JSON.stringify({ status: 'error', message }) } }
    ])
    const main = await runStep('main', {
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', password }
    })
    expect(main.exitCode).toBe(1)
    // The echo reached the log, escaped: the case this test is about.
    expect(main.stdout).toContain('Tr0ub4dor\\u007f\\t')
    const shown = asTheRunnerShows(main)
    for (const form of [password, plain(password), inline(password), cell(password)]) {
      expect(shown.log).not.toContain(form)
    }
    expect(shown.log).not.toContain('Tr0ub4dor')
    expect(shown.summary).not.toContain('Tr0ub4dor')
  })

  it('a secret inside the token name is masked in the quoted log form and the summary cell', async () => {
    // The name is printed quoted (quotes and backslashes escaped) and written to the summary
    // as HTML text (entities): each form of the password is registered, or it would show.
    // Post's summary writes its log sentence, the name quoted in it, as HTML text: both at once.
    const password = 'Tr0ub4dor"&\\3'
    const j = await fixture.start({ users: [{ id: 'alice', password }] })
    const { main, post } = await runJob({
      entry,
      inputs: { 'jenkins-url': j.url, username: 'alice', password, 'token-name': `ci ${password}` }
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain(`Created Jenkins API token "ci ${inline(password)}"`)
    expect(main.summary).toContain(cell(password))
    expect(post.summary).toContain(cell(`Revoked Jenkins API token "ci ${inline(password)}"`))
    for (const [step, earlier] of [
      [main, []],
      [post, [main.stdout]]
    ] as const) {
      const shown = asTheRunnerShows(step, ...earlier)
      expect(shown.log).not.toContain('Tr0ub4dor')
      expect(shown.summary).not.toContain('Tr0ub4dor')
    }
  })

  // X-Jenkins becomes an output, the summary's version and part of messages: only a value of a
  // version's shape holding no secret is taken; here one in plain ASCII, one in UTF-8 read as
  // latin1 (as Node reads header bytes).
  it.each(['zebra-plain-Qx', 'zebrä-wört-geheim'])(
    'a version header that echoes a secret (%s) is neither handed out nor shown',
    async (password) => {
      const j = await fixture.start({ users: [{ id: 'alice', password }] })
      setEmulatorHooks(j, {
        afterHandle: (_, response) => {
          const headers = response.headers.filter(([name]) => name.toLowerCase() !== 'x-jenkins')
          const echo = Buffer.from(password, 'utf8').toString('latin1')
          return {
            kind: 'respond',
            response: { ...response, headers: [...headers, ['X-Jenkins', `2.568.3 ${echo}`]] }
          }
        }
      })
      const { main, post } = await runJob({
        entry,
        env: { RUNNER_DEBUG: '1' },
        inputs: { 'jenkins-url': j.url, username: 'alice', password }
      })
      expect(main.exitCode).toBe(0)
      expect(main.outputs['jenkins-version']).toBe('')
      for (const [step, earlier] of [
        [main, []],
        [post, [main.stdout]]
      ] as const) {
        const shown = asTheRunnerShows(step, ...earlier)
        expect(shown.log).not.toMatch(/zebr/i)
        expect(shown.summary).not.toMatch(/zebr/i)
      }
      expect(`${main.files.output}${main.files.state}`).not.toMatch(/zebr/i)
    }
  )
})

/**
 * A server at jenkins-url that answers the first request with these headers: a hostile or
 * broken one that echoes the password where a message quotes the answer.
 */
async function echoingServer(status: number, headers: OutgoingHttpHeaders) {
  const server = createHttpServer((_, res) => {
    res.writeHead(status, headers)
    res.end('<html>not Jenkins</html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() }
}

describe('a secret echoed in a header', () => {
  // Each message below once showed the echo changed (URL-normalised, cut short, decoded as
  // latin1), in a form no mask matched. Every password holds "zebra", in some case.
  it.each<[string, string, number, (password: string) => OutgoingHttpHeaders]>([
    ['a redirect path', 'Qx7 zebra"Kq', 302, (p) => ({ location: `http://evil.example/${p}` })],
    ['a redirect host', 'QxZebraKq', 302, (p) => ({ location: `http://${p}.evil.example/` })],
    [
      'a redirect not followed',
      'Qx7 zebra"Kq',
      300,
      (p) => ({ location: `http://e.example/${p}` })
    ],
    [
      'a challenge past 80 characters',
      'zebra-is-my-password-QxKq',
      401,
      (p) => ({ 'www-authenticate': `Bearer realm="${'x'.repeat(75)}${p}"` })
    ],
    ['a content type', 'zebra2;is-my-password', 200, (p) => ({ 'content-type': p })],
    [
      'a permission, in UTF-8',
      'zebrä-wört-geheim',
      403,
      (p) => ({ 'x-required-permission': Buffer.from(p, 'utf8').toString('latin1') })
    ]
  ])('is not shown through %s', async (_, password, status, headers) => {
    const server = await echoingServer(status, headers(password))
    try {
      const main = await runStep('main', {
        entry,
        inputs: { 'jenkins-url': server.url, username: 'alice', password, retries: '0' },
        env: { RUNNER_DEBUG: '1' }
      })
      expect(main.exitCode).toBe(1)
      // The message still names what it could, and says what it left out.
      expect(main.stdout).toMatch(/::error::.*\(not shown\)/)
      const shown = asTheRunnerShows(main)
      expect(shown.log).not.toMatch(/zebr/i)
      expect(shown.summary).not.toMatch(/zebr/i)
    } finally {
      server.close()
    }
  })
})

/** The password a Basic header carries. */
function basicSecret(authorization: string | undefined): string {
  const decoded = Buffer.from(String(authorization).slice('Basic '.length), 'base64').toString()
  return decoded.slice(decoded.indexOf(':') + 1)
}

describe('a same-origin redirect to a path that echoes a secret', () => {
  // A path is shown as URL writes it: "@" as it is, a space and a quote percent-encoded, a
  // form that no registered one matches; so the path is withheld, not just masked.
  const password = 'p@ss word"zebra'
  const echoed = (secret: string) => `/moved/${secret.replace(/ /g, '%20').replace(/"/g, '%22')}/`

  it('is not shown by the debug lines of the requests that follow it', async () => {
    const server = createHttpServer((req, res) => {
      req.resume()
      if (req.url?.startsWith('/crumbIssuer/')) {
        res.writeHead(307, { location: echoed(basicSecret(req.headers.authorization)) })
      } else res.writeHead(401, { 'www-authenticate': 'Basic realm="Jenkins"' })
      res.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    try {
      const main = await runStep('main', {
        entry,
        env: { RUNNER_DEBUG: '1' },
        inputs: {
          'jenkins-url': `http://127.0.0.1:${port}/`,
          username: 'alice',
          password,
          retries: '0'
        }
      })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toContain('::debug::GET /(not shown) -> 401 (without credentials)')
      expect(asTheRunnerShows(main).log).not.toMatch(/zebra/)
    } finally {
      server.close()
    }
  })

  it("is not shown when main's revoke with the login is answered there", async () => {
    const j = await fixture.start({ users: [{ id: 'alice', password }] })
    setEmulatorHooks(j, {
      beforeHandle: (ctx) => {
        const secret = basicSecret(ctx.req.headers.authorization)
        // The new token fails its check, so main revokes it with the login.
        if (ctx.rawPath.endsWith('/whoAmI/api/json') && secret !== password) {
          const headers: Array<[string, string]> = [['WWW-Authenticate', 'Basic realm="Jenkins"']]
          return { kind: 'respond', response: { status: 401, headers, body: '' } }
        }
        if (ctx.rawPath.endsWith('/revoke')) {
          const headers: Array<[string, string]> = [['Location', echoed(secret)]]
          return { kind: 'respond', response: { status: 307, headers, body: '' } }
        }
        if (ctx.rawPath.startsWith('/moved/')) {
          return { kind: 'respond', response: { status: 200, headers: [], body: '' } }
        }
        return undefined
      }
    })
    const main = await runStep('main', {
      entry,
      env: { RUNNER_DEBUG: '1' },
      inputs: { 'jenkins-url': j.url, username: 'alice', password, retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toContain(
      'the request was redirected to /(not shown), whose page answered HTTP 200'
    )
    expect(asTheRunnerShows(main).log).not.toMatch(/zebra/)
  })
})

describe('cleartext http', () => {
  it.each([
    ['password', { password: 'alice-password' }, 'the password of "alice"'],
    ['API token', { 'api-token': `11${'0'.repeat(32)}` }, 'the API token of "alice"']
  ])('warns before the first request that the %s travels unencrypted', async (_, secret, which) => {
    const port = await closedPort()
    const main = await runStep('main', {
      entry,
      inputs: {
        'jenkins-url': 'http://jenkins.example.com/',
        username: 'alice',
        ...secret,
        retries: '0'
      },
      // Every request goes to a closed loopback port: nothing leaves this machine.
      env: { HTTP_PROXY: `http://127.0.0.1:${port}` }
    })
    const lines = main.stdout.split('\n')
    const warning = lines.findIndex((line) =>
      line.startsWith(
        `::warning::jenkins-url http://jenkins.example.com is plain http and not on this machine: ${which} (in every request) and the new API token (in Jenkins's answer) travel unencrypted`
      )
    )
    expect(warning).toBeGreaterThanOrEqual(0)
    const failure = lines.findIndex((line) => line.startsWith('::error::'))
    expect(failure).toBeGreaterThan(warning)
    const firstRequest = lines.findIndex((line) => line.startsWith('::debug::'))
    expect(firstRequest).toBeGreaterThan(warning)
  })

  it('warns in post too, before its revoke, that the new token travels unencrypted', async () => {
    const j = await fixture.start()
    const main = await runStep('main', { entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    // The same record, for a controller that is not on this machine.
    const minted = {
      ...JSON.parse(main.state.minted ?? '{}'),
      jenkinsUrl: 'http://jenkins.example.com/'
    }
    const port = await closedPort()
    const post = await runStep('post', {
      entry,
      state: { ...main.state, minted: JSON.stringify(minted) },
      // The revoke goes to a closed loopback port: nothing leaves this machine.
      env: { HTTP_PROXY: `http://127.0.0.1:${port}` }
    })
    const lines = post.stdout.split('\n')
    const warning = lines.findIndex((line) =>
      line.startsWith(
        '::warning::jenkins-url http://jenkins.example.com is plain http and not on this machine: the new API token of "alice", which authenticates its own revocation, travels unencrypted'
      )
    )
    expect(warning).toBeGreaterThanOrEqual(0)
    const firstRequest = lines.findIndex((line) => line.startsWith('::debug::'))
    expect(firstRequest).toBeGreaterThan(warning)
  })

  it('says nothing for a controller on loopback', async () => {
    const j = await fixture.start()
    expect(j.url).toMatch(/^http:\/\/(127\.0\.0\.1|localhost)/)
    const { main, post } = await runJob({ entry, inputs: { 'jenkins-url': j.url, ...alice } })
    expect(main.exitCode).toBe(0)
    expect(main.stdout + post.stdout).not.toContain('::warning::')
  })
})
