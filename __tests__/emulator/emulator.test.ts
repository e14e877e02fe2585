/**
 * Fidelity tests of the Jenkins emulator: ports of the Jenkins test cases listed in §9 of the
 * reference, plus the seed curl recipes run with the real /usr/bin/curl.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { Agent } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type JenkinsEmulator, setEmulatorHooks, startJenkinsEmulator } from './jenkins-emulator.js'
import { emulatorsPerTest, http, Jar, type Res } from './test-client.js'

// ---------------------------------------------------------------- helpers

const API = 'descriptorByName/jenkins.security.ApiTokenProperty'
const ALICE: [string, string] = ['alice', 'alice-password']
const ADMIN: [string, string] = ['admin', 'admin-password']
const SVC: [string, string] = ['svc-deploy', 'svc-deploy-password']

const start = emulatorsPerTest()

/** GET crumbIssuer/api/json into a jar; returns the crumb. */
async function crumbFor(e: JenkinsEmulator, auth: [string, string], jar: Jar): Promise<string> {
  const r = await http(`${e.url}crumbIssuer/api/json`, { auth, jar })
  expect(r.status).toBe(200)
  return (JSON.parse(r.body) as { crumb: string }).crumb
}

interface TokenData {
  tokenName: string
  tokenUuid: string
  tokenValue: string
  aboutToExpire?: boolean
  expirationDate?: string
}

async function mint(
  e: JenkinsEmulator,
  auth: [string, string],
  form: Record<string, string> = {},
  who = 'me',
  headers: Record<string, string> = {}
): Promise<Res> {
  const path = who === 'me' ? 'me' : `user/${who}`
  return http(`${e.url}${path}/${API}/generateNewToken`, { auth, form, headers })
}

function data(r: Res): TokenData {
  expect(r.status).toBe(200)
  const parsed = JSON.parse(r.body) as { status: string; data: TokenData }
  expect(parsed.status).toBe('ok')
  return parsed.data
}

async function whoAmI(e: JenkinsEmulator, auth?: [string, string] | string): Promise<Res> {
  return http(`${e.url}whoAmI/api/json`, { auth })
}

function nameOf(r: Res): string {
  expect(r.status).toBe(200)
  return (JSON.parse(r.body) as { name: string }).name
}

// ---------------------------------------------------------------- tokens and Basic auth

describe('token format, hashing and Basic authentication', () => {
  test('hash test vector: stored hash is sha256 of the 32-hex secret; prefix is not checked', async () => {
    const e = await start({ crumbIssuer: false })
    const fixed = '110123456789abcdef0123456789abcdef'
    const r = await http(`${e.url}me/${API}/addFixedToken`, {
      auth: ALICE,
      form: { newTokenName: 'fixed', newTokenPlainValue: fixed }
    })
    expect(r.status).toBe(200)
    expect(Object.keys((JSON.parse(r.body) as { data: object }).data)).toEqual([
      'tokenName',
      'tokenUuid'
    ])
    const [stored] = e.tokens('alice')
    expect(stored?.hash).toBe('3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9')
    expect(JSON.stringify(e.tokens('alice'))).not.toContain('0123456789abcdef0123456789abcdef')
    expect(nameOf(await whoAmI(e, ['alice', fixed]))).toBe('alice')
    expect(nameOf(await whoAmI(e, ['alice', `xx${fixed.slice(2)}`]))).toBe('alice')
    // hashed as sent: case matters; other lengths take the legacy path
    expect((await whoAmI(e, ['alice', fixed.toUpperCase()])).status).toBe(401)
    expect((await whoAmI(e, ['alice', fixed.slice(2)])).status).toBe(401)
    expect((await whoAmI(e, ['alice', `${fixed}0`])).status).toBe(401)
  })

  test('addFixedToken validation failures are 500 and add nothing (script_addFixedNewToken_Invalid)', async () => {
    const e = await start({ crumbIssuer: false })
    for (const value of [
      '110123456789abcdef0123456789abcdef0',
      '110123456789abcdef0123456789abcde',
      '110123456789abcdef0123456789abcdeg',
      '120123456789abcdef0123456789abcdef'
    ]) {
      const r = await http(`${e.url}me/${API}/addFixedToken`, {
        auth: ALICE,
        form: { newTokenPlainValue: value }
      })
      expect(r.status).toBe(500)
      expect(r.body).toContain('Oops!')
    }
    expect(e.tokens('alice')).toHaveLength(0)
  })

  test('generated token: 11 + 32 lowercase hex, uuid v4, only the hash is stored', async () => {
    const e = await start()
    const token = e.addToken('alice', 'setup')
    expect(token.value).toMatch(/^11[0-9a-f]{32}$/)
    const [stored] = e.tokens('ALICE')
    expect(stored?.uuid).toBe(token.uuid)
    expect(stored?.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(stored?.hash).toBe(createHash('sha256').update(token.value.slice(2)).digest('hex'))
    expect(stored?.expirationDate).toBeNull()
    expect(JSON.stringify(e.tokens('alice'))).not.toContain(token.value.slice(2))
  })

  test('BasicHeaderApiTokenAuthenticatorTest.legacyToken_regularCase', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 't')
    expect((await whoAmI(e, ['alice', 'invalid-token'])).status).toBe(401)
    expect((await whoAmI(e, ['user-not-valid', value])).status).toBe(401)
    expect(e.tokens('user-not-valid')).toEqual([])
    expect(nameOf(await whoAmI(e, ['alice', value]))).toBe('alice')
    expect(nameOf(await whoAmI(e, ['ALICE', value]))).toBe('alice')
    expect(nameOf(await whoAmI(e, ['Alice', 'alice-password']))).toBe('alice')
    // a token of another user does not authenticate this one
    expect((await whoAmI(e, ['svc-deploy', value])).status).toBe(401)
  })

  test('BasicHeaderProcessorTest.testAuthHeaderCaseInSensitive', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 't')
    for (const scheme of ['Basic', 'BASIC', 'basic', 'bASIC']) {
      const enc = (u: string, p: string) =>
        `${scheme} ${Buffer.from(`${u}:${p}`).toString('base64')}`
      expect(nameOf(await whoAmI(e, enc('alice', value)))).toBe('alice')
      expect(nameOf(await whoAmI(e, enc('alice', 'alice-password')))).toBe('alice')
      expect((await whoAmI(e, enc('alice', 'bad'))).status).toBe(401)
      expect((await whoAmI(e, enc('alice', `abcd${value}`))).status).toBe(401)
    }
  })

  test('malformed Basic headers are 401; other schemes are anonymous', async () => {
    const e = await start()
    const b64 = Buffer.from('alice:alice-password').toString('base64')
    expect((await whoAmI(e, `Basic  ${b64}`)).status).toBe(401) // two spaces
    expect((await whoAmI(e, `Basic ${b64}!`)).status).toBe(401) // not base64
    expect((await whoAmI(e, `Basic ${Buffer.from('alice').toString('base64')}`)).status).toBe(401)
    // trailing whitespace is not part of a header value (RFC 9110 OWS): "Basic " arrives as "Basic"
    expect((await whoAmI(e, 'Basic ')).status).toBe(200)
    expect((await whoAmI(e, 'Basic =')).status).toBe(401)
    expect(b64.endsWith('=') && !b64.endsWith('==')).toBe(true)
    expect((await whoAmI(e, `Basic ${b64}=`)).status).toBe(401) // one '=' too many
    // strict decoder: unpadded is fine, wrong padding is not
    expect(nameOf(await whoAmI(e, `Basic ${b64.replace(/=+$/, '')}`))).toBe('alice')
    const anon = await whoAmI(e, 'Bearer abc')
    expect(JSON.parse(anon.body)).toMatchObject({ anonymous: true, name: 'anonymous' })
    expect((await whoAmI(e, 'Basic')).status).toBe(200)
    // a password containing ':' is split at the first colon
    const e2 = await start({ users: [{ id: 'bob', password: 'p:a:ss' }] })
    expect(nameOf(await whoAmI(e2, ['bob', 'p:a:ss']))).toBe('bob')
  })

  test('401 shape: realm by version, Jetty page, remember-me cancel, no X-Jenkins, no session', async () => {
    const cases: [string, string][] = [
      ['2.568.3', 'Basic realm="Jenkins", charset="UTF-8"'],
      ['2.568.1', 'Basic realm="Jenkins", charset="UTF-8"'],
      ['2.569', 'Basic realm="Jenkins", charset="UTF-8"'],
      ['2.568', 'Basic realm="Jenkins"'],
      ['2.555.3', 'Basic realm="Jenkins"']
    ]
    for (const [version, realm] of cases) {
      const e = await start({ version })
      const r = await whoAmI(e, ['alice', 'wrong'])
      expect(r.status).toBe(401)
      expect(r.headers['www-authenticate']).toBe(realm)
      expect(r.headers['x-jenkins']).toBeUndefined()
      expect(r.headers['x-hudson']).toBeUndefined()
      expect(r.headers['content-type']).toBe('text/html;charset=iso-8859-1')
      expect(r.body).toContain('<title>Error 401 Unauthorized</title>')
      expect(r.body).not.toContain('Invalid password/token')
      expect(r.cookies).toEqual([
        'remember-me=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0'
      ])
    }
  })

  test('Jetty error pages follow the Accept header', async () => {
    const e = await start()
    const json = await http(`${e.url}whoAmI/api/json`, {
      auth: ['alice', 'x'],
      headers: { Accept: 'application/json' }
    })
    expect(json.status).toBe(401)
    expect(json.headers['content-type']).toBe('application/json')
    expect(JSON.parse(json.body)).toEqual({
      servlet: 'Stapler',
      message: 'Unauthorized',
      url: '/whoAmI/api/json',
      status: '401'
    })
    const plain = await http(`${e.url}whoAmI/api/json`, {
      auth: ['alice', 'x'],
      headers: { Accept: 'text/plain' }
    })
    expect(plain.body.startsWith('HTTP ERROR 401 Unauthorized\nURI: /whoAmI/api/json\n')).toBe(true)
    const none = await http(`${e.url}whoAmI/api/json`, {
      auth: ['alice', 'x'],
      headers: { Accept: 'application/xml' }
    })
    expect(none.status).toBe(401)
    expect(none.body).toBe('')
  })

  test('script_expiredTokenIsInvalid: valid through the expiration day, 401 from the next', async () => {
    const e = await start({ today: '2026-03-10' })
    const yesterday = e.addToken('alice', 'old', '2026-03-09')
    const today = e.addToken('alice', 'today', '2026-03-10')
    const tomorrow = e.addToken('alice', 'tomorrow', '2026-03-11')
    expect((await whoAmI(e, ['alice', yesterday.value])).status).toBe(401)
    expect(nameOf(await whoAmI(e, ['alice', today.value]))).toBe('alice')
    expect(nameOf(await whoAmI(e, ['alice', tomorrow.value]))).toBe('alice')
    e.setToday('2026-03-11')
    expect((await whoAmI(e, ['alice', today.value])).status).toBe(401)
    expect(nameOf(await whoAmI(e, ['alice', tomorrow.value]))).toBe('alice')
    expect(e.tokens('alice').map((t) => t.expirationDate)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11'
    ])
  })
})

// ---------------------------------------------------------------- generateNewToken / revoke

describe('ApiTokenProperty endpoints', () => {
  test('ApiTokenStatsTest.roundtrip (crumb issuer off, password auth)', async () => {
    const e = await start({ crumbIssuer: false })
    const r = await mint(e, ALICE, { newTokenName: 'roundtrip' }, 'alice')
    expect(r.headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)))
    expect(r.headers['x-jenkins']).toBeUndefined()
    expect(r.cookies).toEqual([])
    const d = data(r)
    expect(d.tokenName).toBe('roundtrip')
    for (let i = 0; i < 5; i++)
      expect(nameOf(await whoAmI(e, ['alice', d.tokenValue]))).toBe('alice')
    const revoked = await http(`${e.url}user/alice/${API}/revoke?tokenUuid=${d.tokenUuid}`, {
      method: 'POST',
      auth: ALICE
    })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toBe('')
    expect(revoked.headers['content-type']).toBeUndefined()
    expect((await whoAmI(e, ['alice', d.tokenValue])).status).toBe(401)
    expect(e.tokens('alice')).toEqual([])
  })

  test('success body is exactly status/data with the documented key order', async () => {
    const e = await start()
    const r = await mint(e, ['alice', e.addToken('alice', 'bootstrap').value], {
      newTokenName: 'ci'
    })
    expect(r.body).toMatch(
      /^\{"status":"ok","data":\{"aboutToExpire":false,"tokenName":"ci","tokenUuid":"[0-9a-f-]{36}","tokenValue":"11[0-9a-f]{32}","expirationDate":"never"\}\}$/
    )
  })

  test('token names: blank → default, otherwise verbatim; duplicates allowed', async () => {
    const e = await start({ crumbIssuer: false })
    expect(data(await mint(e, ALICE, {})).tokenName).toMatch(
      /^Token created on \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
    )
    expect(data(await mint(e, ALICE, { newTokenName: ' \t' })).tokenName).toMatch(
      /^Token created on /
    )
    expect(data(await mint(e, ALICE, { newTokenName: ' x ' })).tokenName).toBe(' x ')
    expect(data(await mint(e, ALICE, { newTokenName: 'a+b é' })).tokenName).toBe('a+b é')
    const q = await http(`${e.url}me/${API}/generateNewToken?newTokenName=a+b%2Bc`, {
      method: 'POST',
      auth: ALICE
    })
    expect(data(q).tokenName).toBe('a b+c')
    expect(data(await mint(e, ALICE, { newTokenName: 'dup' })).tokenName).toBe('dup')
    expect(data(await mint(e, ALICE, { newTokenName: 'dup' })).tokenName).toBe('dup')
    const r = await mint(e, ALICE, { newTokenName: '</script>"\\' })
    expect(r.body).toContain('"tokenName":"<\\/script>\\"\\\\"')
    expect(e.tokens('alice').filter((t) => t.name === 'dup')).toHaveLength(2)
  })

  test('ApiCrumbExclusionTest: token POST needs no crumb, password POST does', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 'bootstrap')
    expect(data(await mint(e, ['alice', value], { newTokenName: 'via-token' })).tokenName).toBe(
      'via-token'
    )
    const denied = await mint(e, ALICE, { newTokenName: 'via-password' })
    expect(denied.status).toBe(403)
    expect(denied.body).toContain('No valid crumb was included in the request')
    expect(denied.headers['x-jenkins']).toBeUndefined()
    expect(denied.cookies).toEqual([])
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    const ok = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ALICE,
      jar,
      form: { newTokenName: 'with-crumb' },
      headers: { 'jenkins-crumb': crumb }
    })
    expect(data(ok).tokenName).toBe('with-crumb')
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['bootstrap', 'via-token', 'with-crumb'])
    // crumb issuer off: no CSRF checks at all
    const off = await start({ crumbIssuer: false })
    expect(data(await mint(off, ALICE, { newTokenName: 'x' })).tokenName).toBe('x')
    expect((await http(`${off.url}crumbIssuer/api/json`, { auth: ALICE })).status).toBe(404)
  })

  test('the crumb check runs before 404 and permission checks', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 't')
    const pw = await mint(e, ALICE, {}, 'nobody')
    expect(pw.status).toBe(403)
    expect(pw.body).toContain('No valid crumb')
    const anon = await http(`${e.url}user/nobody/${API}/generateNewToken`, { method: 'POST' })
    expect(anon.status).toBe(403)
    expect(anon.body).toContain('No valid crumb')
    const other = await mint(e, SVC, {}, 'alice')
    expect(other.body).toContain('No valid crumb')
    const tok = await mint(e, ['alice', value], {}, 'nobody')
    expect(tok.status).toBe(404)
    expect(tok.headers['x-jenkins']).toBe('2.568.3')
    expect(tok.body).toContain('Not Found')
  })

  test('crumb as header (any case), query parameter or form field; .crumb is not accepted', async () => {
    const e = await start()
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    const url = `${e.url}me/${API}/generateNewToken`
    const viaHeader = await http(url, {
      auth: ALICE,
      jar,
      form: {},
      headers: { 'JENKINS-CRUMB': crumb }
    })
    expect(viaHeader.status).toBe(200)
    const viaForm = await http(url, { auth: ALICE, jar, form: { 'Jenkins-Crumb': crumb } })
    expect(viaForm.status).toBe(200)
    const viaQuery = await http(`${url}?Jenkins-Crumb=${crumb}`, {
      method: 'POST',
      auth: ALICE,
      jar
    })
    expect(viaQuery.status).toBe(200)
    const legacy = await http(url, { auth: ALICE, jar, form: { '.crumb': crumb } })
    expect(legacy.status).toBe(403)
    const badHeaderWins = await http(url, {
      auth: ALICE,
      jar,
      form: { 'Jenkins-Crumb': crumb },
      headers: { 'Jenkins-Crumb': 'nope' }
    })
    expect(badHeaderWins.status).toBe(403)
  })

  test('crumbRequestField renames the field; nginx (ignoreInvalidHeaders) drops it as a header', async () => {
    const e = await start({
      crumbRequestField: '.crumb',
      reverseProxy: { ignoreInvalidHeaders: true }
    })
    const jar = new Jar()
    const issued = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE, jar })
    const { crumb, crumbRequestField } = JSON.parse(issued.body)
    expect(crumbRequestField).toBe('.crumb')
    const field = await http(
      `${e.url}crumbIssuer/api/xml?xpath=concat(//crumbRequestField,'=',//crumb)`,
      { auth: ALICE, jar }
    )
    expect(field.body).toBe(`.crumb=${crumb}`)
    const url = `${e.url}me/${API}/generateNewToken`
    const header = await http(url, { auth: ALICE, jar, form: {}, headers: { '.crumb': crumb } })
    expect(header.status).toBe(403)
    expect(e.requests.at(-1)?.headers['.crumb']).toBe(crumb) // the record keeps what was sent
    const param = await http(url, { auth: ALICE, jar, form: { '.crumb': crumb } })
    expect(param.status).toBe(200)
  })

  test.each(['local-path', 'url'] as const)(
    'strictCrumbSource %s: the crumb binds the URL it came from, which the Referer must name',
    async (strictCrumbSource) => {
      // getRequestURL: what the request came in on, not the configured root URL.
      const e = await start({
        strictCrumbSource,
        contextPath: '/jenkins',
        rootUrl: 'https://ci.example.com/jenkins/'
      })
      const jar = new Jar()
      const issuer = `${e.url}crumbIssuer/api/json`
      const crumb = await crumbFor(e, ALICE, jar)
      const url = `${e.url}me/${API}/generateNewToken`
      const post = (referer?: string) =>
        http(url, {
          auth: ALICE,
          jar,
          form: {},
          headers: { 'Jenkins-Crumb': crumb, ...(referer ? { Referer: referer } : {}) }
        })
      expect((await post()).status).toBe(403)
      expect((await post(`${e.url}manage/`)).status).toBe(403)
      expect((await post(issuer)).status).toBe(200)
      const xml = await http(`${e.url}crumbIssuer/api/xml`, { auth: ALICE, jar })
      expect(xml.body).toMatch(
        /^<strictCrumbIssuer _class="org\.jenkinsci\.plugins\.strictcrumbissuer\.StrictCrumbIssuer">/
      )
    }
  )

  test.each([
    // version, POSTed without a cookie, with another session's cookie, crumb request's cookie
    ['2.150', 200, 200, false], // bound to the user and address only
    ['2.176.1', 200, 200, false],
    ['2.176.2', 200, 403, false], // the session the request has, "NO_SESSION" without one
    ['2.186', 200, 403, false],
    ['2.191', 200, 403, false],
    ['2.176.3', 403, 403, true], // a session it creates
    ['2.190.1', 403, 403, true],
    ['2.192', 403, 403, true]
  ] as const)(
    '%s: a crumb POSTed without its session → %i, in another session → %i',
    async (version, without, other, cookie) => {
      const e = await start({ version })
      const jar = new Jar()
      const crumb = await crumbFor(e, ALICE, jar)
      expect(jar.cookies.size > 0).toBe(cookie)
      const post = (withJar?: Jar) =>
        http(`${e.url}me/${API}/generateNewToken`, {
          auth: ALICE,
          ...(withJar ? { jar: withJar } : {}),
          form: { newTokenName: 'x' },
          headers: { 'Jenkins-Crumb': crumb }
        })
      expect((await post()).status).toBe(without)
      // A page in the layout creates a session: its cookie is another session's.
      const another = new Jar()
      await http(`${e.url}whoAmI/`, { auth: ALICE, jar: another })
      expect(another.cookies.size).toBe(1)
      expect((await post(another)).status).toBe(other)
    }
  )

  test('the Strict Crumb Issuer binds the session it creates, on an old Jenkins too', async () => {
    const e = await start({ version: '2.150', strictCrumbSource: 'local-path' })
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    expect(jar.cookies.size).toBe(1)
    const r = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ALICE,
      form: { newTokenName: 'x' },
      headers: { 'Jenkins-Crumb': crumb, Referer: `${e.url}crumbIssuer/api/json` }
    })
    expect(r.status).toBe(403)
  })

  test('405 for GET with Allow: POST; the retry form posts successfully', async () => {
    const e = await start()
    const jar = new Jar()
    const url = `${e.url}user/alice/${API}/generateNewToken`
    const r = await http(url, { auth: ALICE, jar })
    expect(r.status).toBe(405)
    expect(r.headers.allow).toBe('POST')
    expect(r.headers['x-jenkins']).toBe('2.568.3')
    expect(r.headers['x-hudson']).toBe('1.395')
    expect(r.body).toContain('This URL requires POST')
    expect(r.body).toContain('name="retry"')
    expect(jar.cookies.size).toBe(1)
    const crumb = /name="Jenkins-Crumb" type="hidden" value="([0-9a-f]{64})"/.exec(r.body)?.[1]
    expect(crumb).toBeDefined()
    const retry = await http(url, { auth: ALICE, jar, form: { 'Jenkins-Crumb': crumb ?? '' } })
    expect(retry.status).toBe(200)
    for (const method of ['PUT', 'DELETE', 'HEAD']) {
      expect((await http(`${e.url}me/${API}/revoke`, { method, auth: ALICE })).status).toBe(405)
    }
  })

  test('admin → other user: 403 with empty body unless adminCanGenerateNewTokens', async () => {
    const e = await start()
    const admin = e.addToken('admin', 'admin-token')
    const r = await mint(e, ['admin', admin.value], { newTokenName: 'for-alice' }, 'alice')
    expect(r.status).toBe(403)
    expect(r.body).toBe('')
    expect(r.headers['content-type']).toBeUndefined()
    expect(r.headers['x-jenkins']).toBeUndefined()
    expect(r.headers['x-required-permission']).toBeUndefined()
    // the same with password auth and a valid crumb: CSRF passes, permission (a) still fails
    const jar = new Jar()
    const crumb = await crumbFor(e, ADMIN, jar)
    const pw = await http(`${e.url}user/alice/${API}/generateNewToken`, {
      auth: ADMIN,
      jar,
      form: { newTokenName: 'for-alice' },
      headers: { 'Jenkins-Crumb': crumb }
    })
    expect(pw.status).toBe(403)
    expect(pw.body).toBe('')
    expect(e.tokens('alice')).toHaveLength(0)
    e.setAdminCanGenerateNewTokens(true)
    const d = data(await mint(e, ['admin', admin.value], { newTokenName: 'for-alice' }, 'alice'))
    expect(e.tokens('alice').map((t) => t.uuid)).toEqual([d.tokenUuid])
    expect(nameOf(await whoAmI(e, ['alice', d.tokenValue]))).toBe('alice')
    // the flag does not help non-admins
    const svc = e.addToken('svc-deploy', 's')
    expect((await mint(e, ['svc-deploy', svc.value], {}, 'alice')).status).toBe(403)
    const flagged = await start({ adminCanGenerateNewTokens: true })
    const admin2 = flagged.addToken('admin', 'a')
    expect((await mint(flagged, ['admin', admin2.value], {}, 'svc-deploy')).status).toBe(200)
  })

  test('user lookup: case-insensitive id, full name, unknown → Jenkins 404 page', async () => {
    const e = await start({
      users: [{ id: 'alice', password: 'pw', fullName: 'Alice Liddell' }]
    })
    const { value } = e.addToken('alice', 't')
    expect(data(await mint(e, ['alice', value], {}, 'ALICE')).tokenName).toMatch(/^Token created/)
    expect((await mint(e, ['alice', value], {}, 'Alice%20Liddell')).status).toBe(200)
    const missing = await mint(e, ['alice', value], {}, 'bob')
    expect(missing.status).toBe(404)
    expect(missing.headers['x-jenkins']).toBe('2.568.3')
    expect(missing.headers['x-hudson']).toBe('1.395')
    expect(missing.headers['content-type']).toBe('text/html;charset=UTF-8')
    expect(missing.cookies[0]).toMatch(/^JSESSIONID\.[0-9a-f]{8}=[^;]+; Path=\/; HttpOnly$/)
    expect(e.tokens('bob')).toEqual([])
    // short descriptor name resolves; unknown descriptor or method does not
    const short = await http(`${e.url}me/descriptorByName/ApiTokenProperty/generateNewToken`, {
      auth: ['alice', value],
      form: {}
    })
    expect(short.status).toBe(200)
    for (const path of [
      'me/descriptorByName/apitokenproperty/generateNewToken',
      `me/${API}/generatenewtoken`,
      `me/${API}/generateNewToken/extra`
    ]) {
      expect((await http(`${e.url}${path}`, { auth: ['alice', value], form: {} })).status).toBe(404)
    }
    expect(
      (await http(`${e.url}me/${API}/generateNewToken/`, { auth: ['alice', value], form: {} }))
        .status
    ).toBe(200)
  })

  test('revoke: unknown uuid 200, blank uuid 400, admins may revoke others, others may not', async () => {
    const e = await start()
    const alice = e.addToken('alice', 'a')
    const svc = e.addToken('svc-deploy', 's')
    const admin = e.addToken('admin', 'adm')
    const revoke = (auth: [string, string], who: string, uuid?: string) =>
      http(`${e.url}user/${who}/${API}/revoke`, {
        auth,
        form: uuid === undefined ? {} : { tokenUuid: uuid }
      })
    const unknown = await revoke(['alice', alice.value], 'alice', 'no-such-uuid')
    expect(unknown.status).toBe(200)
    expect(unknown.body).toBe('')
    const blank = await revoke(['alice', alice.value], 'alice', '  ')
    expect(blank.status).toBe(400)
    expect(blank.body).toContain('The tokenUuid cannot be empty')
    expect(blank.headers['x-jenkins']).toBeUndefined()
    expect((await revoke(['alice', alice.value], 'alice')).status).toBe(400)
    expect((await revoke(['alice', alice.value], 'alice', alice.uuid.toUpperCase())).status).toBe(
      200
    )
    expect(e.tokens('alice')).toHaveLength(1) // uuid match is case-sensitive
    const forbidden = await revoke(['svc-deploy', svc.value], 'alice', alice.uuid)
    expect(forbidden.status).toBe(403)
    expect(forbidden.headers['x-you-are-authenticated-as']).toBe('svc-deploy')
    expect(forbidden.headers['x-you-are-in-group-disabled']).toBe(
      'JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose'
    )
    expect(forbidden.headers['x-required-permission']).toBe('hudson.model.Hudson.Administer')
    expect(forbidden.headers['x-jenkins']).toBe('2.568.3')
    expect(forbidden.body).toContain('svc-deploy is missing the Overall/Administer permission')
    expect(e.tokens('alice')).toHaveLength(1)
    expect((await revoke(['admin', admin.value], 'alice', alice.uuid)).status).toBe(200)
    expect(e.tokens('alice')).toHaveLength(0)
    expect((await whoAmI(e, ['alice', alice.value])).status).toBe(401)
  })

  test('revokeAll, revokeAllExcept and rename', async () => {
    const e = await start({ crumbIssuer: false })
    const [a, b, c] = [e.addToken('alice', 'a'), e.addToken('alice', 'b'), e.addToken('alice', 'c')]
    const call = (method: string, form: Record<string, string>) =>
      http(`${e.url}me/${API}/${method}`, { auth: ALICE, form })
    expect(JSON.parse((await call('rename', { tokenUuid: a.uuid, newName: ' ' })).body)).toEqual({
      status: 'error',
      message: 'The name cannot be empty'
    })
    expect(JSON.parse((await call('rename', { tokenUuid: 'x', newName: 'n' })).body)).toEqual({
      status: 'error',
      message: 'No token found, try refreshing the page'
    })
    expect((await call('rename', { tokenUuid: a.uuid, newName: 'renamed' })).body).toBe(
      '{"status":"ok"}'
    )
    expect(e.tokens('alice')[0]?.name).toBe('renamed')
    expect((await call('revokeAllExcept', { tokenUuid: b.uuid })).status).toBe(200)
    expect(e.tokens('alice').map((t) => t.uuid)).toEqual([b.uuid])
    expect((await whoAmI(e, ['alice', c.value])).status).toBe(401)
    expect((await call('revokeAll', {})).status).toBe(200)
    expect(e.tokens('alice')).toEqual([])
  })
})

// ---------------------------------------------------------------- versions and expiry

describe('version gating and expiration', () => {
  test('2.107: no new token system → 404', async () => {
    const e = await start({ version: '2.107', crumbIssuer: false })
    const r = await mint(e, ALICE, { newTokenName: 'x' })
    expect(r.status).toBe(404)
    // Before 2.421 Stapler's sendError: the servlet container's page, no X-Jenkins, no session.
    expect(r.headers['x-jenkins']).toBeUndefined()
    expect(r.headers['set-cookie']).toBeUndefined()
    expect(r.body).toContain('Not Found')
    expect(e.tokens('alice')).toEqual([])
  })

  test('2.421 (JENKINS-71087): the 404 becomes a page in the layout, with X-Jenkins', async () => {
    for (const [version, advertised] of [
      ['2.420', undefined],
      ['2.421', '2.421']
    ] as const) {
      const e = await start({ version })
      const r = await http(`${e.url}user/nobody/api/json`, { auth: ALICE })
      expect([r.status, r.headers['x-jenkins']]).toEqual([404, advertised])
    }
  })

  test('2.541.3: only tokenName/tokenUuid/tokenValue; expiry parameters ignored', async () => {
    const e = await start({ version: '2.541.3', crumbIssuer: false })
    const r = await mint(e, ALICE, {
      newTokenName: 'old',
      expirationDuration: 'bogus',
      tokenExpiration: '2001-01-01'
    })
    expect(Object.keys(data(r))).toEqual(['tokenName', 'tokenUuid', 'tokenValue'])
    expect(e.tokens('alice')[0]?.expirationDate).toBeNull()
    // 2.260 methods are missing before 2.260
    const e2 = await start({ version: '2.259', crumbIssuer: false })
    expect((await http(`${e2.url}me/${API}/revokeAll`, { auth: ALICE, form: {} })).status).toBe(404)
    expect((await mint(e2, ALICE)).status).toBe(200)
  })

  test('2.548+: expirationDuration and tokenExpiration', async () => {
    const e = await start({ version: '2.548', crumbIssuer: false, today: '2026-01-20' })
    const expiry = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
      const d = data(await mint(e, ALICE, form, 'me', headers))
      return [d.expirationDate, d.aboutToExpire, e.tokens('alice').at(-1)?.expirationDate]
    }
    expect(await expiry({})).toEqual(['never', false, null])
    expect(await expiry({ expirationDuration: 'never' })).toEqual(['never', false, null])
    expect(await expiry({ expirationDuration: ' 30 ' })).toEqual(['2/19/26', false, '2026-02-19'])
    expect(await expiry({ expirationDuration: '+6' })).toEqual(['1/26/26', true, '2026-01-26'])
    expect(await expiry({ expirationDuration: '7' })).toEqual(['1/27/26', false, '2026-01-27'])
    expect(await expiry({ expirationDuration: '0' })).toEqual(['1/20/26', true, '2026-01-20'])
    expect(await expiry({ expirationDuration: '100000' })).toEqual(['11/5/99', false, '2299-11-05'])
    expect(await expiry({ expirationDuration: 'custom', tokenExpiration: '2026-01-26' })).toEqual([
      '1/26/26',
      true,
      '2026-01-26'
    ])
    expect(await expiry({ tokenExpiration: '2026-01-26' })).toEqual(['never', false, null])
    // SHORT date by request locale
    const gb = { expirationDuration: 'custom', tokenExpiration: '2026-01-26' }
    expect((await expiry(gb, { 'Accept-Language': 'en-GB,en;q=0.9' }))[0]).toBe('26/01/2026')
    expect((await expiry(gb, { 'Accept-Language': 'de-DE' }))[0]).toBe('26.01.26')
    expect((await expiry(gb, { 'Accept-Language': 'fr;q=0.5, ja' }))[0]).toBe('2026/01/26')
    expect((await expiry(gb, { 'Accept-Language': '*' }))[0]).toBe('2026-01-26')

    const past = await mint(e, ALICE, { expirationDuration: '-1' })
    expect(past.status).toBe(200)
    expect(past.body).toBe('{"status":"error","message":"Expiration date is in the past."}')
    const pastCustom = await mint(e, ALICE, {
      expirationDuration: 'custom',
      tokenExpiration: '2026-01-19'
    })
    expect(JSON.parse(pastCustom.body)).toEqual({
      status: 'error',
      message: 'Expiration date is in the past.'
    })
    const count = e.tokens('alice').length
    const bad: Record<string, string>[] = [
      { expirationDuration: 'Never' },
      { expirationDuration: '30d' },
      { expirationDuration: '2147483648' },
      { expirationDuration: 'custom' },
      { expirationDuration: 'custom', tokenExpiration: '2026-1-5' },
      { expirationDuration: 'custom', tokenExpiration: '2026-02-30' }
    ]
    for (const form of bad) {
      const r = await mint(e, ALICE, form)
      expect(r.status).toBe(500)
      expect(r.headers['x-jenkins']).toBe('2.548')
      expect(r.body).toContain('Oops!')
    }
    expect(e.tokens('alice')).toHaveLength(count)
  })

  test('an expiring token works through its last day (script_generateNewExpiringToken)', async () => {
    const e = await start({ crumbIssuer: false, today: '2026-06-01' })
    const d = data(await mint(e, ALICE, { expirationDuration: '1' }))
    expect(nameOf(await whoAmI(e, ['alice', d.tokenValue]))).toBe('alice')
    e.setToday('2026-06-02')
    expect(nameOf(await whoAmI(e, ['alice', d.tokenValue]))).toBe('alice')
    e.setToday('2026-06-03')
    expect((await whoAmI(e, ['alice', d.tokenValue])).status).toBe(401)
  })
})

// ---------------------------------------------------------------- crumbs and sessions

describe('crumb issuer and sessions', () => {
  test('crumb JSON: body, headers, session cookie; reuse keeps session and crumb', async () => {
    const e = await start()
    const jar = new Jar()
    const r = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE, jar })
    expect(r.status).toBe(200)
    expect(r.body).toMatch(
      /^\{"_class":"hudson\.security\.csrf\.DefaultCrumbIssuer","crumb":"[0-9a-f]{64}","crumbRequestField":"Jenkins-Crumb"\}$/
    )
    expect(r.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(r.headers['x-jenkins']).toBe('2.568.3')
    expect(r.headers['x-jenkins-session']).toMatch(/^[0-9a-f]{8}$/)
    expect(r.headers['x-hudson']).toBeUndefined()
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.headers['x-frame-options']).toBe('deny')
    expect(r.cookies).toHaveLength(1)
    expect(r.cookies[0]).toMatch(/^JSESSIONID\.[0-9a-f]{8}=\S+; Path=\/; HttpOnly$/)
    const again = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE, jar })
    expect(again.cookies).toEqual([])
    expect(again.body).toBe(r.body)
    expect((await http(`${e.url}crumbIssuer/api/json?jsonp=hack`, { auth: ALICE })).status).toBe(
      403
    )
  })

  test('DefaultCrumbIssuerTest.apiXml: whitelisted xpaths are text/plain, other primitives 403', async () => {
    const e = await start()
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    const get = (q: string) => http(`${e.url}crumbIssuer/api/xml${q}`, { auth: ALICE, jar })
    const colon = await get('?xpath=concat(//crumbRequestField,%22:%22,//crumb)')
    expect(colon.body).toBe(`Jenkins-Crumb:${crumb}`)
    expect(colon.headers['content-type']).toBe('text/plain;charset=UTF-8')
    expect(colon.headers['x-jenkins']).toBe('2.568.3')
    expect((await get("?xpath=concat(//crumbRequestField,'=',//crumb)")).body).toBe(
      `Jenkins-Crumb=${crumb}`
    )
    expect((await get('?xpath=/*/crumbRequestField/text()')).body).toBe('Jenkins-Crumb')
    expect((await get('?xpath=/*/crumb/text()')).body).toBe(crumb)
    expect((await get('?xpath=concat(//crumb,%22:%22,//crumbRequestField)')).status).toBe(403)
    const xml = await get('')
    expect(xml.headers['content-type']).toBe('application/xml;charset=UTF-8')
    expect(xml.body).toBe(
      `<defaultCrumbIssuer _class="hudson.security.csrf.DefaultCrumbIssuer"><crumb>${crumb}</crumb><crumbRequestField>Jenkins-Crumb</crumbRequestField></defaultCrumbIssuer>`
    )
  })

  test('crumbOnlyValidForOneSession / sessionIncludedEvenForAnonymousCall', async () => {
    const e = await start()
    const jar1 = new Jar()
    const jar2 = new Jar()
    const crumb1 = await crumbFor(e, ALICE, jar1)
    const crumb2 = await crumbFor(e, ALICE, jar2)
    expect(crumb1).not.toBe(crumb2)
    const url = `${e.url}me/${API}/generateNewToken`
    const wrongSession = await http(url, {
      auth: ALICE,
      jar: jar2,
      form: {},
      headers: { 'Jenkins-Crumb': crumb1 }
    })
    expect(wrongSession.status).toBe(403)
    expect(wrongSession.body).toContain('No valid crumb was included in the request')
    const noCookie = await http(url, {
      auth: ALICE,
      form: {},
      headers: { 'Jenkins-Crumb': crumb1 }
    })
    expect(noCookie.status).toBe(403)
    // a crumb is bound to the user too
    const svcWithAliceCrumb = await http(`${e.url}user/svc-deploy/${API}/generateNewToken`, {
      auth: SVC,
      jar: jar1,
      form: {},
      headers: { 'Jenkins-Crumb': crumb1 }
    })
    expect(svcWithAliceCrumb.status).toBe(403)
    expect(
      (await http(url, { auth: ALICE, jar: jar1, form: {}, headers: { 'Jenkins-Crumb': crumb1 } }))
        .status
    ).toBe(200)

    const excluded = await start({ excludeSessionId: true })
    const a = await crumbFor(excluded, ALICE, new Jar())
    const b = await crumbFor(excluded, ALICE, new Jar())
    expect(a).toBe(b)
    const r = await http(`${excluded.url}me/${API}/generateNewToken`, {
      auth: ALICE,
      form: {},
      headers: { 'Jenkins-Crumb': a }
    })
    expect(r.status).toBe(200)
  })

  test('twoRequestsWithoutSessionGetDifferentCrumbs', async () => {
    const e = await start()
    const r1 = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })
    const r2 = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })
    expect(r1.body).not.toBe(r2.body)
    expect(r1.cookies[0]).not.toBe(r2.cookies[0])
  })

  test('Basic auth alone never creates a session', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 't')
    expect((await whoAmI(e, ALICE)).cookies).toEqual([])
    expect((await whoAmI(e, ['alice', value])).cookies).toEqual([])
    expect((await mint(e, ['alice', value])).cookies).toEqual([])
    expect((await http(`${e.url}api/json`, { auth: ALICE })).cookies).toEqual([])
  })
})

// ---------------------------------------------------------------- discovery, whoAmI, pages

describe('whoAmI, root, pages and headers', () => {
  test('whoAmI/api/json exact bodies and headers', async () => {
    const e = await start()
    const anon = await whoAmI(e)
    expect(anon.body).toBe(
      '{"_class":"hudson.security.WhoAmI","anonymous":true,"authenticated":true,"authorities":["anonymous"],"name":"anonymous"}'
    )
    expect(anon.cookies).toEqual([])
    const alice = await whoAmI(e, ALICE)
    expect(alice.body).toBe(
      '{"_class":"hudson.security.WhoAmI","anonymous":false,"authenticated":true,"authorities":["authenticated"],"name":"alice"}'
    )
    expect(alice.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(alice.headers['x-jenkins']).toBe('2.568.3')
    expect(alice.headers['x-jenkins-session']).toMatch(/^[0-9a-f]{8}$/)
    expect(alice.headers['x-content-type-options']).toBe('nosniff')
    expect(alice.headers['x-frame-options']).toBe('deny')
    expect(alice.body).not.toContain('alice-password')
    const xml = await http(`${e.url}whoAmI/api/xml`, { auth: ALICE })
    expect(xml.body).toBe(
      '<whoAmI _class="hudson.security.WhoAmI"><anonymous>false</anonymous><authenticated>true</authenticated><authority>authenticated</authority><name>alice</name></whoAmI>'
    )
  })

  test('X-Jenkins-Session is fixed per instance and is md5(version + start)[0..8]', async () => {
    const e = await start()
    const a = await whoAmI(e)
    const b = await http(e.url, { auth: ALICE })
    expect(a.headers['x-jenkins-session']).toBe(b.headers['x-jenkins-session'])
  })

  test('root page, /login and root api/json', async () => {
    const e = await start()
    const login = await http(`${e.url}login`)
    expect(login.status).toBe(200)
    expect(login.headers['x-hudson']).toBe('1.395')
    expect(login.headers['x-jenkins']).toBe('2.568.3')
    expect(login.headers['x-jenkins-session']).toMatch(/^[0-9a-f]{8}$/)
    expect(login.cookies).toHaveLength(1)
    const root = await http(e.url, { auth: ALICE })
    expect(root.status).toBe(200)
    expect(root.headers['x-hudson']).toBe('1.395')
    expect(root.cookies).toHaveLength(1)
    const api = await http(`${e.url}api/json`, { auth: ALICE })
    expect(JSON.parse(api.body)).toMatchObject({
      _class: 'hudson.model.Hudson',
      useCrumbs: true,
      useSecurity: true
    })
    expect(api.headers['x-jenkins']).toBe('2.568.3')
    const off = await start({ crumbIssuer: false })
    expect(JSON.parse((await http(`${off.url}api/json`, { auth: ALICE })).body).useCrumbs).toBe(
      false
    )
    // layout pages create a session even without a crumb issuer
    const missing = await http(`${off.url}nothing-here`, { auth: ALICE })
    expect(missing.status).toBe(404)
    expect(missing.cookies[0]).toMatch(/^JSESSIONID\./)
  })

  test('anonymous without Overall/Read gets the 403 "Authentication required" page', async () => {
    const e = await start()
    for (const path of [
      '',
      'api/json',
      'crumbIssuer/api/json',
      `user/alice/${API}/revoke`,
      `me/${API}/revoke`
    ]) {
      const r = await http(`${e.url}${path}?a=b c`.replace(' ', '%20'))
      expect(r.status).toBe(403)
      expect(r.headers['x-hudson']).toBe('1.395')
      expect(r.headers['x-jenkins']).toBe('2.568.3')
      expect(r.headers['x-you-are-authenticated-as']).toBe('anonymous')
      expect(r.headers['x-required-permission']).toBe('hudson.model.Hudson.Read')
      expect(r.headers['x-permission-implied-by']).toBe(
        'hudson.security.Permission.GenericRead, hudson.model.Hudson.Administer'
      )
      expect(r.body).toContain('Authentication required')
      expect(r.body).toContain(`url=/login?from=%2F${path.replace(/\//g, '%2F')}%3Fa%3Db%2520c'`)
      expect(r.cookies).toHaveLength(1)
    }
    const xhr = await http(e.url, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
    expect(xhr.status).toBe(403)
    expect(xhr.headers['x-jenkins']).toBeUndefined()
    // with anonymous read, /me is a plain AccessDeniedException: no X-You-Are-* headers
    const readable = await start({ anonymousRead: true })
    const me = await http(`${readable.url}me/${API}/revoke`)
    expect(me.status).toBe(403)
    expect(me.body).toContain('Authentication required')
    expect(me.headers['x-you-are-authenticated-as']).toBeUndefined()
    expect(me.headers['x-hudson']).toBe('1.395')
    expect((await http(`${readable.url}crumbIssuer/api/json`)).status).toBe(200)
  })

  test('semicolons in the raw path are rejected; %3B is not', async () => {
    const e = await start()
    const r = await http(`${e.url}whoAmI;x/api/json`)
    expect(r.status).toBe(400)
    expect(r.body).toContain('Semicolons are not allowed in the request URI')
    expect(r.headers['x-jenkins']).toBeUndefined()
    expect((await http(`${e.url}whoAmI/api/json?x=a;b`)).status).toBe(200)
    expect((await http(`${e.url}whoAmI%3Bx/api/json`, { auth: ALICE })).status).toBe(404)
  })

  test('context path', async () => {
    const e = await start({ contextPath: '/jenkins' })
    expect(e.url).toBe(`http://127.0.0.1:${e.port}/jenkins/`)
    const outside = await http(`http://127.0.0.1:${e.port}/whoAmI/api/json`, { auth: ALICE })
    expect(outside.status).toBe(404)
    expect(outside.headers['x-jenkins']).toBeUndefined()
    const redirect = await http(`http://127.0.0.1:${e.port}/jenkins`)
    expect(redirect.status).toBe(302)
    expect(redirect.headers.location).toBe('/jenkins/')
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    const cookie = (await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })).cookies[0]
    expect(cookie).toMatch(/; Path=\/jenkins; HttpOnly$/)
    const r = await http(`${e.url}user/alice/${API}/generateNewToken`, {
      auth: ALICE,
      jar,
      form: { newTokenName: 'ctx' },
      headers: { 'Jenkins-Crumb': crumb }
    })
    expect(data(r).tokenName).toBe('ctx')
    const bad = await whoAmI(e, ['alice', 'nope'])
    expect(bad.cookies[0]).toContain('Path=/jenkins;')
    expect(bad.body).toContain('<tr><th>URI:</th><td>/jenkins/whoAmI/api/json</td></tr>')
    const anon = await http(`${e.url}api/json`)
    expect(anon.body).toContain("url=/jenkins/login?from=%2Fjenkins%2Fapi%2Fjson'")
  })
})

// ---------------------------------------------------------------- recording and robustness

describe('recording and robustness', () => {
  test('requests are recorded in order with auth kind, user, crumb and cookie flags', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 't')
    const jar = new Jar()
    const crumb = await crumbFor(e, ALICE, jar)
    await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ALICE,
      jar,
      form: { newTokenName: 'r' },
      headers: { 'Jenkins-Crumb': crumb }
    })
    await whoAmI(e, ['alice', value])
    await whoAmI(e, ['alice', 'wrong'])
    await whoAmI(e)
    expect(
      e.requests.map((r) => [
        r.method,
        r.path,
        r.status,
        r.authKind,
        r.user,
        r.crumbSent,
        r.cookieSent
      ])
    ).toEqual([
      ['GET', '/crumbIssuer/api/json', 200, 'password', 'alice', false, false],
      ['POST', `/me/${API}/generateNewToken`, 200, 'password', 'alice', true, true],
      ['GET', '/whoAmI/api/json', 200, 'token', 'alice', false, false],
      ['GET', '/whoAmI/api/json', 401, 'bad', null, false, false],
      ['GET', '/whoAmI/api/json', 200, 'none', null, false, false]
    ])
    expect(e.requests[1]?.body).toBe('newTokenName=r')
    expect(e.requests[1]?.headers['jenkins-crumb']).toBe(crumb)
  })

  test('malformed input never crashes the server', async () => {
    const e = await start()
    const odd = [
      `${e.url}user/%E0%A4%A/${API}/revoke`,
      `${e.url}..%2F..%2Fetc/passwd`,
      `http://127.0.0.1:${e.port}/../../x`,
      `${e.url}crumbIssuer/api/xml?xpath=%ZZ`,
      `${e.url}user/${'a'.repeat(5000)}/${API}/revoke`
    ]
    for (const url of odd) {
      const r = await http(url, { auth: ALICE, form: { tokenUuid: '%%%' } })
      expect(r.status).toBeGreaterThanOrEqual(200)
    }
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(e.port, '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'))
      let out = ''
      socket.on('data', (d) => {
        out += d.toString()
      })
      socket.on('close', () => resolve(out))
      socket.on('error', () => resolve(out))
    })
    expect(raw).toMatch(/^HTTP\/1\.1 400/)
    expect(nameOf(await whoAmI(e, ALICE))).toBe('alice')
  })

  test('close() finishes promptly with idle keep-alive connections open', async () => {
    const e = await startJenkinsEmulator()
    const agent = new Agent({ keepAlive: true })
    await http(`${e.url}whoAmI/api/json`, { agent })
    await http(`${e.url}whoAmI/api/json`, { agent })
    const started = Date.now()
    await e.close()
    expect(Date.now() - started).toBeLessThan(1000)
    agent.destroy()
    await expect(http(`${e.url}whoAmI/api/json`)).rejects.toThrow()
  })

  test('hooks seam: a hanging request does not block close(); a hook can answer instead', async () => {
    const e = await start()
    let calls = 0
    setEmulatorHooks(e, {
      beforeHandle: (ctx) => {
        calls++
        if (ctx.tokens[0] === 'hang') return { kind: 'hang' }
        if (ctx.tokens[0] === 'busy') {
          return { kind: 'respond', response: { status: 503, headers: [], body: 'busy' } }
        }
        return undefined
      }
    })
    const busy = await http(`${e.url}busy`)
    expect([busy.status, busy.body]).toEqual([503, 'busy'])
    expect(e.requests.at(-1)?.status).toBe(503)
    const pending = http(`${e.url}hang`)
    await new Promise((r) => setTimeout(r, 50))
    const started = Date.now()
    await e.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
    expect(calls).toBe(2)
  })
})

// ---------------------------------------------------------------- the seeds' curl recipes

const CURL = '/usr/bin/curl'

function curl(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CURL, args, { cwd, timeout: 10000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout)
    )
  })
}

describe('seed curl recipes against the emulator (real curl)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jenkins-emu-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('seed 000/002: crumb via api/xml + cookie jar, then generateNewToken for a user', async () => {
    const e = await start()
    const crumbUrl = `${e.url}crumbIssuer/api/xml?xpath=concat(//crumbRequestField,%22:%22,//crumb)`
    const CRUMB = await curl(
      [crumbUrl, '--cookie-jar', 'cookies.txt', '--user', 'alice:alice-password'],
      dir
    )
    expect(CRUMB).toMatch(/^Jenkins-Crumb:[0-9a-f]{64}$/)
    expect(await readFile(join(dir, 'cookies.txt'), 'utf8')).toMatch(
      /#HttpOnly_127\.0\.0\.1\tFALSE\t\/\tFALSE\t0\tJSESSIONID\.[0-9a-f]{8}\t/
    )
    const out = await curl(
      [
        `${e.url}user/alice/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`,
        '--user',
        'alice:alice-password',
        '--data',
        'newTokenName=kb-token',
        '--cookie',
        'cookies.txt',
        '-H',
        CRUMB
      ],
      dir
    )
    const parsed = JSON.parse(out) as { status: string; data: TokenData }
    expect(parsed.status).toBe('ok')
    expect(parsed.data.tokenName).toBe('kb-token')
    expect(nameOf(await whoAmI(e, ['alice', parsed.data.tokenValue]))).toBe('alice')
    // seed 002 as printed: -c/-b but no crumb header → rejected since 2.222
    await curl([crumbUrl, '-c', 'cookies.txt', '--user', 'admin:admin-password'], dir)
    const noCrumb = await curl(
      [
        '-w',
        '\n%{http_code}',
        `${e.url}user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`,
        '--data',
        'newTokenName=kb-token',
        '--user',
        'admin:admin-password',
        '-b',
        'cookies.txt'
      ],
      dir
    )
    expect(noCrumb).toContain('No valid crumb was included in the request')
    expect(noCrumb.endsWith('\n403')).toBe(true)
  })

  test('seed 001: crumb via api/json, then POST with ?newTokenName= on /me', async () => {
    const e = await start()
    const crumbJson = await curl(
      [
        '-s',
        '--cookie-jar',
        join(dir, 'cookies'),
        '-u',
        'alice:alice-password',
        `${e.url}crumbIssuer/api/json`
      ],
      dir
    )
    const { crumb } = JSON.parse(crumbJson) as { crumb: string }
    const out = await curl(
      [
        '-X',
        'POST',
        '-H',
        `Jenkins-Crumb:${crumb}`,
        '--cookie',
        join(dir, 'cookies'),
        `${e.url}me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken?newTokenName=your_token_name`,
        '-u',
        'alice:alice-password'
      ],
      dir
    )
    const parsed = JSON.parse(out) as { data: TokenData }
    expect(parsed.data.tokenName).toBe('your_token_name')
    expect(nameOf(await whoAmI(e, ['alice', parsed.data.tokenValue]))).toBe('alice')
  })

  test('seed 001/004: plain password POST without a crumb is 403; with an API token it mints', async () => {
    const e = await start()
    const url = `${e.url}me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken`
    const denied = await curl(
      [
        '-s',
        '-w',
        '\n%{http_code}',
        '-X',
        'POST',
        '-u',
        'admin:admin-password',
        url,
        '-d',
        'newTokenName=mytoken'
      ],
      dir
    )
    expect(denied).toContain('No valid crumb was included in the request')
    expect(denied.endsWith('\n403')).toBe(true)
    expect(e.tokens('admin')).toEqual([])
    const { value } = e.addToken('admin', 'bootstrap')
    const out = await curl(
      ['-s', '-X', 'POST', '-u', `admin:${value}`, url, '-d', 'newTokenName=mytoken'],
      dir
    )
    const parsed = JSON.parse(out) as { status: string; data: TokenData }
    expect(parsed.status).toBe('ok')
    expect(parsed.data.tokenName).toBe('mytoken')
    const api = JSON.parse(
      await curl(['-s', '-u', `admin:${parsed.data.tokenValue}`, `${e.url}api/json`], dir)
    ) as { useCrumbs: boolean }
    expect(api.useCrumbs).toBe(true)
  })
})
