/**
 * The emulator's script console (§7 of the reference): Jenkins's rules for POST /scriptText, and
 * the action's own mint script acted out on the emulator's store.
 */
import { describe, expect, it } from '@jest/globals'
import { mintScript, parseScriptOutput, RESULT_PREFIX } from '../../src/jenkins/script-console.js'
import { newSeal } from '../../src/jenkins/seal.js'
import type { MintRequest } from '../../src/jenkins/tokens.js'
import { HOSTILE_TEXTS } from '../support/hostile.js'
import { whoAmIStatus } from '../support/jenkins-probe.js'
import type { JenkinsEmulator } from './jenkins-emulator.js'
import { basic, emulatorsPerTest } from './test-client.js'

// One key pair for the file: the script seals the token with it, the parser opens it.
const seal = newSeal()

const start = emulatorsPerTest()

/** POST scriptText as `user` authenticated by a fresh API token of theirs (no crumb needed). */
async function run(e: JenkinsEmulator, script: string | null, user = 'admin', method = 'POST') {
  const login = e.addToken(user, 'login').value
  const form = script === null ? '' : new URLSearchParams({ script }).toString()
  const response = await fetch(`${e.url}scriptText${method === 'GET' ? `?${form}` : ''}`, {
    method,
    headers: {
      authorization: basic(user, login),
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
    },
    ...(method === 'POST' ? { body: form } : {})
  })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

const request: MintRequest = { user: 'svc-deploy', name: 'ci token', expiration: '2026-03-01' }

describe('scriptText, as Jenkins answers it', () => {
  it('prints exactly what the script printed, as text/plain, without Jenkins headers', async () => {
    const e = await start()
    const r = await run(e, "print 'hello'")
    expect(r.status).toBe(200)
    expect(r.body).toBe('hello')
    expect(r.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(r.headers.get('x-jenkins')).toBeNull()
    expect(r.headers.get('set-cookie')).toBeNull()
    expect((await run(e, "println('hello')")).body).toBe('hello\n')
  })

  it('answers an empty 200 without a script parameter', async () => {
    const e = await start()
    for (const method of ['GET', 'POST']) {
      const r = await run(e, null, 'admin', method)
      expect([r.status, r.body, r.headers.get('content-type')]).toEqual([
        200,
        '',
        'text/plain;charset=UTF-8'
      ])
    }
  })

  it('answers a GET with a script 405, rendered as the oops page', async () => {
    const e = await start()
    const r = await run(e, "print 'hello'", 'admin', 'GET')
    expect(r.status).toBe(405)
    expect(r.body).toContain('Oops!')
    expect(r.headers.get('x-jenkins')).toBe('2.568.3')
  })

  it('checks Overall/Administer before anything else (JenkinsTest.testDoScript)', async () => {
    const e = await start()
    for (const [script, method] of [
      ["print 'hello'", 'POST'],
      ["print 'hello'", 'GET'],
      [null, 'GET']
    ] as const) {
      const r = await run(e, script, 'alice', method)
      expect(r.status).toBe(403)
      expect(r.headers.get('x-required-permission')).toBe('hudson.model.Hudson.Administer')
      expect(r.headers.get('x-you-are-authenticated-as')).toBe('alice')
      expect(r.body).toContain('alice is missing the Overall/Administer permission')
    }
  })

  it('sends an anonymous caller to log in, for Overall/Read; its POST fails the crumb first', async () => {
    const e = await start()
    const r = await fetch(`${e.url}scriptText`)
    expect(r.status).toBe(403)
    expect(r.headers.get('x-required-permission')).toBe('hudson.model.Hudson.Read')
    expect(await r.text()).toContain('Authentication required')
    const post = await fetch(`${e.url}scriptText`, { method: 'POST' })
    expect(post.status).toBe(403)
    expect(await post.text()).toContain('No valid crumb')
  })

  it('needs a crumb and its session for a password login (CrumbExclusionTest.pathInfo)', async () => {
    const e = await start()
    const r = await fetch(`${e.url}scriptText`, {
      method: 'POST',
      headers: {
        authorization: basic('admin', 'admin-password'),
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: new URLSearchParams({ script: "print 'hello'" }).toString()
    })
    expect(r.status).toBe(403)
    expect(await r.text()).toContain('No valid crumb was included in the request')
  })

  it('prints a stack trace, still with status 200, for a script it cannot run', async () => {
    const e = await start()
    const r = await run(e, 'Jenkins.instance.doQuietDown()')
    expect(r.status).toBe(200)
    expect(r.body).toMatch(
      /^groovy\.lang\.MissingPropertyException: No such property: Jenkins for class: Script1\n\tat /
    )
  })

  it('answers a bare proxy 403 when the script console is blocked, and REST still works', async () => {
    const e = await start({ scriptConsoleBlocked: true })
    const r = await run(e, "print 'hello'")
    expect(r.status).toBe(403)
    expect(r.body).toContain('<center>nginx</center>')
    expect(r.headers.get('x-jenkins')).toBeNull()
    expect(r.headers.get('x-required-permission')).toBeNull()
    const admin = await fetch(`${e.url}whoAmI/api/json`, {
      headers: { authorization: basic('admin', 'admin-password') }
    })
    expect(admin.status).toBe(200)
  })
})

describe("the action's mint script in the emulator", () => {
  it('creates a token for the user, which authenticates as them', async () => {
    const e = await start()
    const r = await run(e, mintScript({ ...request, expiration: null }, seal))
    expect(r.status).toBe(200)
    const outcome = parseScriptOutput(r.body, seal)
    if (outcome.kind !== 'minted') throw new Error(`not minted: ${outcome.kind}`)
    expect(outcome).toMatchObject({ user: 'svc-deploy', name: 'ci token', expiresOn: null })
    expect(e.tokens('svc-deploy')).toEqual([
      expect.objectContaining({ uuid: outcome.uuid, name: 'ci token', expirationDate: null })
    ])
    expect(await whoAmIStatus(e.url, 'svc-deploy', outcome.value)).toBe(200)
  })

  it('prints one line, JSON escaped the way Groovy 2.4 JsonOutput escapes it', async () => {
    const e = await start()
    const r = await run(e, mintScript({ ...request, name: 'é"\\\n\u007f/✓' }, seal))
    const lines = r.body.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe('')
    expect(lines[0]).toContain('"name":"\\u00e9\\"\\\\\\n\\u007f/\\u2713"')
    expect(lines[0]?.startsWith(RESULT_PREFIX)).toBe(true)
  })

  it.each<[string, string | null, string | null]>([
    ['2.548', '2026-03-01', '2026-03-01'],
    ['2.568.3', '2026-03-01', '2026-03-01'],
    ['2.568.3', null, null],
    ['2.541.3', '2026-03-01', null],
    ['2.260', '2026-03-01', null],
    ['2.129', '2026-03-01', null]
  ])('on %s with expiration %s, applies expiry %s', async (version, expiration, applied) => {
    const e = await start({ version })
    const outcome = parseScriptOutput(
      (await run(e, mintScript({ ...request, expiration }, seal))).body,
      seal
    )
    expect(outcome).toMatchObject({ kind: 'minted', expiresOn: applied })
    expect(e.tokens('svc-deploy')[0]?.expirationDate).toBe(applied)
  })

  it('fails before 2.129, where ApiTokenProperty has no token store', async () => {
    const e = await start({ version: '2.107' })
    const r = await run(e, mintScript(request, seal))
    expect(r.status).toBe(200)
    expect(r.body).toMatch(
      /^groovy\.lang\.MissingPropertyException: No such property: tokenStore for class: jenkins\.security\.ApiTokenProperty\n/
    )
    expect(e.tokens('svc-deploy')).toHaveLength(0)
  })

  it('looks the user up by id, case-insensitively, never by full name', async () => {
    const e = await start({
      users: [
        { id: 'admin', password: 'admin-password', admin: true },
        { id: 'svc-deploy', password: 'p', fullName: 'Deploy Bot' }
      ]
    })
    expect(
      parseScriptOutput(
        (await run(e, mintScript({ ...request, user: 'SVC-Deploy' }, seal))).body,
        seal
      )
    ).toMatchObject({ kind: 'minted', user: 'svc-deploy' })
    expect(
      parseScriptOutput(
        (await run(e, mintScript({ ...request, user: 'Deploy Bot' }, seal))).body,
        seal
      )
    ).toEqual({ kind: 'no-such-user' })
  })

  it('reports a user without an API token property, until REST generateNewToken adds one', async () => {
    const e = await start({
      adminCanGenerateNewTokens: true,
      users: [
        { id: 'admin', password: 'admin-password', admin: true },
        { id: 'svc-deploy', password: 'svc-password', apiTokenProperty: false }
      ]
    })
    expect(parseScriptOutput((await run(e, mintScript(request, seal))).body, seal)).toEqual({
      kind: 'no-api-token-property'
    })
    const rest = await fetch(
      `${e.url}user/svc-deploy/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`,
      { method: 'POST', headers: { authorization: basic('admin', e.addToken('admin', 'x').value) } }
    )
    expect(rest.status).toBe(200)
    expect(parseScriptOutput((await run(e, mintScript(request, seal))).body, seal).kind).toBe(
      'minted'
    )
  })

  it('reads hostile ids and names exactly as Groovy reads their literals', async () => {
    const ids = HOSTILE_TEXTS.filter((t) => t !== '')
    const e = await start({
      users: [
        { id: 'admin', password: 'admin-password', admin: true },
        ...ids.map((id) => ({ id, password: 'p' }))
      ]
    })
    for (const text of HOSTILE_TEXTS) {
      const user = text === '' ? 'admin' : text
      const outcome = parseScriptOutput(
        (await run(e, mintScript({ ...request, user, name: text }, seal))).body,
        seal
      )
      if (outcome.kind !== 'minted') throw new Error(`not minted for ${JSON.stringify(text)}`)
      expect([outcome.user, outcome.name]).toEqual([user, text])
      const stored = e.tokens(user).find((t) => t.uuid === outcome.uuid)
      expect(stored?.name).toBe(text)
    }
  })

  it('does not take a changed script for its own', async () => {
    const e = await start()
    const script = mintScript(request, seal)
    for (const changed of [
      script.replace(/decode\('[^']*'\)/, "decode('c3Zj\\u0027')"),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Groovy interpolation, on purpose
      script.replace(/decode\('[^']*'\)/, '"${userId}"'),
      script.replace('// jenkins-token-action mint-token script v2', '// another script v2'),
      `${script}\ndef userId = decode('YWxpY2U=')`
    ]) {
      const r = await run(e, changed)
      expect(r.status).toBe(200)
      expect(r.body).toMatch(/^groovy\.lang\.MissingPropertyException: /)
    }
    expect(e.tokens('svc-deploy')).toHaveLength(0)
  })
})
