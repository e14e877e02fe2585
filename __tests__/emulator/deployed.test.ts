/**
 * Fidelity tests of the emulator's "Jenkins as deployed" switches (reference §11): user
 * resolution, /me, realm users without a record, impersonation failure, the https root URL's
 * Secure cookie, host names, a reverse proxy in front, a starting controller, gateway faults after
 * processing, and Jetty-like keep-alive. Real HTTP against the emulator on 127.0.0.1.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { makeTestPki } from '../support/certificates.js'
import { injectFaults } from './faults.js'
import { type JenkinsEmulator, startJenkinsEmulator } from './jenkins-emulator.js'
import { emulatorsPerTest, http, type Res } from './test-client.js'

const API = 'descriptorByName/jenkins.security.ApiTokenProperty'
const ALICE: [string, string] = ['alice', 'alice-password']

const start = emulatorsPerTest()

function json<T = Record<string, unknown>>(r: Res, status = 200): T {
  expect(r.status).toBe(status)
  return JSON.parse(r.body) as T
}

async function whoAmIName(e: JenkinsEmulator, auth?: [string, string]): Promise<string> {
  return json<{ name: string }>(await http(`${e.url}whoAmI/api/json`, { auth })).name
}

/** Crumb + session cookie for a password-authenticated POST. */
async function crumbHeaders(
  e: JenkinsEmulator,
  auth?: [string, string]
): Promise<Record<string, string>> {
  const r = await http(`${e.url}crumbIssuer/api/json`, { auth })
  const { crumb } = json<{ crumb: string }>(r)
  const cookie = (r.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? ''
  return { 'Jenkins-Crumb': crumb, Cookie: cookie }
}

// ---------------------------------------------------------------- 1. user resolution

describe('user resolution (User.get with create=false) and user api/json', () => {
  const users = [
    { id: 'zed', password: 'zed-pw', fullName: 'Deploy Bot' },
    { id: 'deployer', password: 'deployer-pw', fullName: 'Deploy Bot' },
    { id: 'a_b', password: 'ab-pw' },
    { id: 'ldap-bob', password: 'bob-pw', record: false },
    { id: 'carol', password: 'carol-pw', fullName: 'ldap-bob' },
    { id: 'root', password: 'root-pw', admin: true }
  ]

  test('full name resolves to the first user by id; Basic auth by that full name is 401', async () => {
    const e = await start({ users })
    const u = json(await http(`${e.url}user/Deploy%20Bot/api/json`, { auth: ['zed', 'zed-pw'] }))
    expect(u).toEqual({
      _class: 'hudson.model.User',
      absoluteUrl: `${e.url}user/deployer`,
      description: null,
      fullName: 'Deploy Bot',
      id: 'deployer',
      property: []
    })
    const { value } = e.addToken('deployer', 'seed')
    const minted = await http(`${e.url}user/Deploy%20Bot/${API}/generateNewToken`, {
      auth: ['deployer', value],
      form: { newTokenName: 'ci' }
    })
    const token = json<{ data: { tokenValue: string } }>(minted).data.tokenValue
    expect(e.tokens('deployer').map((t) => t.name)).toEqual(['seed', 'ci'])
    expect(e.tokens('zed')).toEqual([])
    expect((await http(`${e.url}whoAmI/api/json`, { auth: ['Deploy Bot', token] })).status).toBe(
      401
    )
    expect(await whoAmIName(e, ['deployer', token])).toBe('deployer')
    expect(await whoAmIName(e, ['DEPLOYER', token])).toBe('deployer')
  })

  test('exact id is case-insensitive; absoluteUrl is rawEncode(keyFor(id)); \\ / < > become _', async () => {
    const e = await start({ users: [...users, { id: 'Mixed Case', password: 'm-pw' }] })
    const auth: [string, string] = ['root', 'root-pw']
    const mixed = json(await http(`${e.url}user/mIXED%20case/api/json`, { auth }))
    expect(mixed.id).toBe('Mixed Case')
    expect(mixed.absoluteUrl).toBe(`${e.url}user/mixed%20case`)
    for (const segment of ['a%3Cb', 'a%3Eb', 'a%5Cb', 'a%2Fb']) {
      expect(json(await http(`${e.url}user/${segment}/api/json`, { auth })).id).toBe('a_b')
    }
    expect((await http(`${e.url}user/nobody/api/json`, { auth })).status).toBe(404)
  })

  test('a case-sensitive id strategy: two users that differ in case; the URL keeps the case', async () => {
    const e = await start({
      idStrategy: 'case-sensitive',
      users: [
        { id: 'ops', password: 'ops-pw', admin: true },
        { id: 'Ops', password: 'Ops-pw' }
      ]
    })
    const upper = json(await http(`${e.url}user/Ops/api/json`, { auth: ['ops', 'ops-pw'] }))
    expect([upper.id, upper.absoluteUrl]).toEqual(['Ops', `${e.url}user/Ops`])
    expect(await whoAmIName(e, ['Ops', 'Ops-pw'])).toBe('Ops')
    expect(await whoAmIName(e, ['ops', 'ops-pw'])).toBe('ops')
    expect((await http(`${e.url}whoAmI/api/json`, { auth: ['OPS', 'ops-pw'] })).status).toBe(401)
  })

  test('the realm answers before the full name: a realm user without a record is 404', async () => {
    const e = await start({ users })
    const r = await http(`${e.url}user/ldap-bob/api/json`, { auth: ['carol', 'carol-pw'] })
    expect(r.status).toBe(404)
    expect(r.headers['x-jenkins']).toBe('2.568.3')
  })

  test('property[] only for the user themselves or an admin', async () => {
    const e = await start()
    const own = json(await http(`${e.url}user/alice/api/json`, { auth: ALICE }))
    expect(own.property).toEqual([{ _class: 'jenkins.security.ApiTokenProperty' }])
    const other = json(
      await http(`${e.url}user/alice/api/json`, { auth: ['svc-deploy', 'svc-deploy-password'] })
    )
    expect(other.property).toEqual([])
    const admin = json(
      await http(`${e.url}user/alice/api/json`, { auth: ['admin', 'admin-password'] })
    )
    expect(admin.property).toEqual([{ _class: 'jenkins.security.ApiTokenProperty' }])
  })

  test('needs Overall/Read only: anonymous gets 403 without it, the JSON with it', async () => {
    const closed = await start()
    const denied = await http(`${closed.url}user/alice/api/json`)
    expect(denied.status).toBe(403)
    expect(denied.headers['x-required-permission']).toBe('hudson.model.Hudson.Read')
    const open = await start({ anonymousRead: true })
    const u = json(await http(`${open.url}user/alice/api/json`))
    expect(u.id).toBe('alice')
    expect(u.property).toEqual([])
    expect((await http(`${open.url}user/alice/api/json?jsonp=x`)).status).toBe(403)
  })
})

// ---------------------------------------------------------------- 2. /me

describe('/me (User.current())', () => {
  test('mint, use and revoke through /me; me/api/json is the caller', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 'seed')
    const minted = json<{ data: { tokenValue: string; tokenUuid: string } }>(
      await http(`${e.url}me/${API}/generateNewToken`, {
        auth: ['alice', value],
        form: { newTokenName: 'ci' }
      })
    ).data
    expect(await whoAmIName(e, ['alice', minted.tokenValue])).toBe('alice')
    const me = json(await http(`${e.url}me/api/json`, { auth: ['alice', minted.tokenValue] }))
    expect(me).toMatchObject({ _class: 'hudson.model.User', id: 'alice', fullName: 'alice' })
    const revoked = await http(`${e.url}me/${API}/revoke`, {
      auth: ['alice', value],
      form: { tokenUuid: minted.tokenUuid }
    })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toBe('')
    expect(
      (await http(`${e.url}whoAmI/api/json`, { auth: ['alice', minted.tokenValue] })).status
    ).toBe(401)
  })

  test('anonymous: 403 login page without X-Required-Permission, or the crumb 403 on POST', async () => {
    const e = await start({ anonymousRead: true })
    const r = await http(`${e.url}me/api/json`)
    expect(r.status).toBe(403)
    expect(r.body).toContain('Authentication required')
    expect(r.headers['x-jenkins']).toBe('2.568.3')
    expect(r.headers['x-required-permission']).toBeUndefined()
    const post = await http(`${e.url}me/${API}/generateNewToken`, { form: {} })
    expect(post.status).toBe(403)
    expect(post.body).toContain('No valid crumb was included in the request')
    const withCrumb = await http(`${e.url}me/${API}/generateNewToken`, {
      form: {},
      headers: await crumbHeaders(e)
    })
    expect(withCrumb.status).toBe(403)
    expect(withCrumb.body).toContain('Authentication required')
  })
})

// ---------------------------------------------------------------- 3. realm users without a record

describe('a realm user without a User record (record: false)', () => {
  test('password works; /user/<id>/ is 404 until /me/ creates the record', async () => {
    const e = await start({ users: [{ id: 'ldap-bob', password: 'bob-pw', record: false }] })
    const bob: [string, string] = ['ldap-bob', 'bob-pw']
    expect(await whoAmIName(e, bob)).toBe('ldap-bob')
    expect((await http(`${e.url}user/ldap-bob/api/json`, { auth: bob })).status).toBe(404)
    const viaUser = await http(`${e.url}user/ldap-bob/${API}/generateNewToken`, {
      auth: bob,
      form: {},
      headers: await crumbHeaders(e, bob)
    })
    expect(viaUser.status).toBe(404)
    expect(() => e.addToken('ldap-bob', 'x')).toThrow(/no such user/)
    // Basic auth alone created nothing
    expect((await http(`${e.url}user/LDAP-BOB/api/json`, { auth: bob })).status).toBe(404)

    const viaMe = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: bob,
      form: { newTokenName: 'ci' },
      headers: await crumbHeaders(e, bob)
    })
    const token = json<{ data: { tokenValue: string } }>(viaMe).data.tokenValue
    expect(await whoAmIName(e, ['ldap-bob', token])).toBe('ldap-bob')
    expect(json(await http(`${e.url}user/ldap-bob/api/json`, { auth: bob })).id).toBe('ldap-bob')
  })

  test('me/api/json alone creates the record', async () => {
    const e = await start({ users: [{ id: 'ldap-bob', password: 'bob-pw', record: false }] })
    const bob: [string, string] = ['ldap-bob', 'bob-pw']
    expect(json(await http(`${e.url}me/api/json`, { auth: bob })).id).toBe('ldap-bob')
    expect((await http(`${e.url}user/ldap-bob/api/json`, { auth: bob })).status).toBe(200)
  })
})

// ---------------------------------------------------------------- 4. impersonation failure

describe('no security set up (useSecurity: false)', () => {
  test('ignores credentials: anonymous may do all but use /me/; api/json says so', async () => {
    const e = await start({ useSecurity: false })
    const { value } = e.addToken('alice', 'seed')
    for (const auth of [
      ['alice', 'alice-password'] as [string, string],
      ['alice', value] as [string, string],
      ['alice', 'wrong'] as [string, string]
    ]) {
      const who = json(await http(`${e.url}whoAmI/api/json`, { auth }))
      expect([who.name, who.anonymous]).toEqual(['anonymous', true])
      expect(json(await http(`${e.url}api/json`, { auth })).useSecurity).toBe(false)
    }
    // The crumb is anonymous's; /me/ needs a logged-in user, whatever the crumb.
    const headers = await crumbHeaders(e, ['alice', 'alice-password'])
    const mint = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', 'alice-password'],
      form: { newTokenName: 'x' },
      headers
    })
    expect(mint.status).toBe(500)
    expect(mint.body).toContain('A problem occurred while processing the request')
    const noCrumb = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', value],
      form: { newTokenName: 'x' }
    })
    expect(noCrumb.status).toBe(403)
    expect(noCrumb.body).toContain('No valid crumb was included in the request')
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed'])
    const secured = json(
      await http(`${(await start()).url}api/json`, { auth: ['alice', 'alice-password'] })
    )
    expect(secured.useSecurity).toBe(true)
  })
})

describe('a realm that takes other login names (loginNames)', () => {
  test('a password login by another name is the user by id; a token works only with the id', async () => {
    const users = [{ id: 'jdoe', password: 'jdoe-pw', loginNames: ['CORP\\jdoe'] }]
    const e = await start({ users })
    expect(await whoAmIName(e, ['corp\\JDOE', 'jdoe-pw'])).toBe('jdoe')
    const r = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['CORP\\jdoe', 'jdoe-pw'],
      form: { newTokenName: 'ci' },
      headers: await crumbHeaders(e, ['CORP\\jdoe', 'jdoe-pw'])
    })
    const token = json<{ data: { tokenValue: string } }>(r).data.tokenValue
    expect(e.tokens('jdoe').map((t) => t.name)).toEqual(['ci'])
    expect(await whoAmIName(e, ['jdoe', token])).toBe('jdoe')
    const byOtherName = await http(`${e.url}whoAmI/api/json`, { auth: ['CORP\\jdoe', token] })
    expect(byOtherName.status).toBe(401)
  })
})

describe('a user granted nothing (read: false)', () => {
  test("authenticates, and gets Jenkins's access-denied page outside the always-readable paths", async () => {
    const e = await start({ users: [{ id: 'bare', password: 'bare-pw', read: false }] })
    const { value } = e.addToken('bare', 'ci')
    // A password's POST meets CrumbFilter first, before any permission check.
    const asked: Array<[[string, string], string]> = [
      [['bare', 'bare-pw'], 'crumbIssuer/api/json'],
      [['bare', value], 'crumbIssuer/api/json'],
      [['bare', value], `me/${API}/generateNewToken`]
    ]
    for (const [auth, path] of asked) {
      expect(await whoAmIName(e, auth)).toBe('bare')
      const r = await http(`${e.url}${path}`, {
        auth,
        ...(path.startsWith('me') ? { form: {} } : {})
      })
      expect([path, r.status]).toEqual([path, 403])
      expect(r.headers['x-you-are-authenticated-as']).toBe('bare')
      expect(r.headers['x-required-permission']).toBe('hudson.model.Hudson.Read')
      expect(r.body).toContain('Access Denied')
      expect(r.body).toContain('bare is missing the Overall/Read permission')
    }
    expect(e.tokens('bare').map((t) => t.name)).toEqual(['ci'])
  })
})

describe('a user the realm no longer knows (inRealm: false)', () => {
  const users = [{ id: 'gone', password: 'gone-pw', inRealm: false }]

  test('their token: 500 oops page, every time; their password: 401', async () => {
    const e = await start({ users })
    const { value } = e.addToken('gone', 'ci')
    for (let i = 0; i < 2; i++) {
      const r = await http(`${e.url}whoAmI/api/json`, { auth: ['gone', value] })
      expect(r.status).toBe(500)
      expect(r.headers['content-type']).toBe('text/html;charset=UTF-8')
      expect(r.headers['x-jenkins']).toBe('2.568.3')
      expect(r.body).toContain('A problem occurred while processing the request')
      // As oops.jelly prints it, under the id the controller logged the exception with.
      expect(r.body).toContain(`<p style="text-align: center">Logging ID=${e.exceptions[i]}</p>`)
      // SHOW_STACK_TRACE is off by default: the cause is only in the controller's log
      expect(r.body).not.toContain('ServletException')
    }
    const password = await http(`${e.url}whoAmI/api/json`, { auth: ['gone', 'gone-pw'] })
    expect(password.status).toBe(401)
    const minted = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['gone', value],
      form: {}
    })
    expect(minted.status).toBe(500)
    expect(e.tokens('gone')).toHaveLength(1)
  })

  test('with showStackTrace the page shows the ServletException and its cause', async () => {
    const e = await start({ users, showStackTrace: true })
    const { value } = e.addToken('gone', 'ci')
    const r = await http(`${e.url}whoAmI/api/json`, { auth: ['gone', value] })
    expect(r.status).toBe(500)
    expect(r.body).toContain(
      'jakarta.servlet.ServletException: org.springframework.security.core.userdetails.UsernameNotFoundException: Password is not set: gone'
    )
    expect(r.body).toContain('BasicHeaderApiTokenAuthenticator.authenticate2')
  })
})

// ---------------------------------------------------------------- 5. root URL and host name

describe('configured root URL and host name', () => {
  test('an https root URL makes the session cookie Secure on plain http', async () => {
    const e = await start({ rootUrl: 'https://ci.example.com' })
    const r = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })
    expect(r.headers['set-cookie']?.[0]).toMatch(
      /^JSESSIONID\.[0-9a-f]{8}=[^;]+; Path=\/; Secure; HttpOnly$/
    )
    const root = json(await http(`${e.url}api/json`, { auth: ALICE }))
    expect(root.url).toBe('https://ci.example.com/')
    expect(json(await http(`${e.url}me/api/json`, { auth: ALICE })).absoluteUrl).toBe(
      'https://ci.example.com/user/alice'
    )
  })

  test('an http root URL or none: no Secure', async () => {
    for (const rootUrl of ['http://ci.example.com/', undefined]) {
      const e = await start({ rootUrl })
      const r = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })
      expect(r.headers['set-cookie']?.[0]).not.toContain('Secure')
    }
  })

  test('hostname: the url names the host; the server answers on 127.0.0.1', async () => {
    const e = await start({ hostname: 'jenkins.test' })
    expect(e.url).toBe(`http://jenkins.test:${e.port}/`)
    expect(
      await (async () => {
        const r = await http(`${e.url}whoAmI/api/json`, { auth: ALICE, loopbackLookup: true })
        return json<{ name: string }>(r).name
      })()
    ).toBe('alice')
  })
})

// ---------------------------------------------------------------- 6. reverse proxy

describe('a reverse proxy in front', () => {
  test('stripIdentificationHeaders: no X-Jenkins, X-Hudson or X-Jenkins-Session anywhere', async () => {
    const e = await start({ reverseProxy: { stripIdentificationHeaders: true } })
    for (const path of ['login', 'whoAmI/api/json', 'crumbIssuer/api/json', 'nowhere']) {
      const r = await http(`${e.url}${path}`, { auth: ALICE })
      expect([200, 404]).toContain(r.status)
      expect(r.headers['x-jenkins']).toBeUndefined()
      expect(r.headers['x-hudson']).toBeUndefined()
      expect(r.headers['x-jenkins-session']).toBeUndefined()
    }
    // what still identifies Jenkins
    expect(json(await http(`${e.url}whoAmI/api/json`, { auth: ALICE }))._class).toBe(
      'hudson.security.WhoAmI'
    )
  })

  test('stripAuthorization: Jenkins sees anonymous', async () => {
    const e = await start({ reverseProxy: { stripAuthorization: true } })
    const { value } = e.addToken('alice', 'ci')
    const who = json(await http(`${e.url}whoAmI/api/json`, { auth: ['alice', value] }))
    expect(who).toMatchObject({ anonymous: true, name: 'anonymous' })
    // a bad credential is not even seen
    expect((await http(`${e.url}whoAmI/api/json`, { auth: ['alice', 'wrong'] })).status).toBe(200)
    const crumb = await http(`${e.url}crumbIssuer/api/json`, { auth: ['alice', value] })
    expect(crumb.status).toBe(403)
    expect(crumb.body).toContain('Authentication required')
    const post = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', value],
      form: {}
    })
    expect(post.status).toBe(403)
    expect(post.body).toContain('No valid crumb was included in the request')
    expect(e.tokens('alice')).toHaveLength(1)
    expect(e.requests[0]?.headers.authorization).toMatch(/^Basic /)
  })

  test('stripAuthorization with anonymous read: the crumb is issued to anonymous', async () => {
    const e = await start({ anonymousRead: true, reverseProxy: { stripAuthorization: true } })
    const r = await http(`${e.url}crumbIssuer/api/json`, { auth: ALICE })
    expect(r.status).toBe(200)
    const headers = { 'Jenkins-Crumb': json<{ crumb: string }>(r).crumb }
    const cookie = (r.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? ''
    const post = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ALICE,
      form: {},
      headers: { ...headers, Cookie: cookie }
    })
    expect(post.status).toBe(403)
    expect(post.body).toContain('Authentication required')
  })
})

// ---------------------------------------------------------------- 7. a starting controller

/** On a fresh connection: the global agent may hold one the server has just dropped. */
function connectError(url: string): Promise<string | null> {
  return http(url, { agent: new HttpAgent({ keepAlive: false }) }).then(
    () => null,
    (e: NodeJS.ErrnoException) => e.code ?? 'unknown'
  )
}

async function until(deadlineMs: number, probe: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + deadlineMs
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('a starting controller (startup)', () => {
  test('refused, then 503 loading page for every path without processing, then serving', async () => {
    const e = await start({ startup: { refusedMs: 400, loadingMs: 600 } })
    expect(e.port).toBeGreaterThan(0)
    expect(e.url).toBe(`http://127.0.0.1:${e.port}/`)
    expect(await connectError(`${e.url}login`)).toBe('ECONNREFUSED')
    await until(3000, async () => (await connectError(`${e.url}login`)) === null)
    const { value } = e.addToken('alice', 'seed')
    for (const path of ['', 'login', 'whoAmI/api/json', 'no/such/page']) {
      const r = await http(`${e.url}${path}`)
      expect(r.status).toBe(503)
      expect(r.headers['content-type']).toBe('text/html;charset=UTF-8')
      // The default version, 2.477 or later: index.properties words the spinner's key.
      expect(r.body).toContain('<p class="jenkins-spinner">Jenkins is getting ready to work</p>')
      expect(r.headers['retry-after']).toBeUndefined()
      expect(r.headers['x-jenkins']).toBeUndefined()
      expect(r.headers['set-cookie']).toBeUndefined()
    }
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed'])
    await e.ready()
    expect(await whoAmIName(e, ['alice', value])).toBe('alice')
  })

  /** Each status a request gets in turn while the controller loads, until it gets 200 (or 5 s). */
  async function statusesWhileLoading(
    e: JenkinsEmulator,
    send: () => Promise<{ status: number }>
  ): Promise<number[]> {
    const statuses: number[] = []
    const end = Date.now() + 5000
    while (statuses.at(-1) !== 200 && Date.now() < end) {
      const { status } = await send()
      if (statuses.at(-1) !== status) statuses.push(status)
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
    expect(e.tokens('alice').filter((t) => t.name === 'during-load')).toHaveLength(
      statuses.at(-1) === 200 ? 1 : 0
    )
    return statuses
  }

  test('while loading, a POST meets the filters in front of the page (CrumbFilter, HudsonFilter)', async () => {
    const mint = (e: JenkinsEmulator, secret: string) => () =>
      http(`${e.url}me/${API}/generateNewToken`, {
        auth: ['alice', secret],
        form: { newTokenName: 'during-load' }
      })
    // 2.376+, by default: plugins prepared at a sixth, the security filter with the global
    // configuration at a third, the users loaded at two thirds (the middle third refused).
    const current = await start({ startup: { loadingMs: 1800 } })
    const token = current.addToken('alice', 'seed').value
    // 500: CrumbFilter's getDescriptorOrDie before PLUGINS_PREPARED; 403: CrumbFilter, every
    // request anonymous; 401: no users yet; 503: the page (an API token needs no crumb).
    expect(await statusesWhileLoading(current, mint(current, token))).toEqual([
      500, 403, 401, 503, 200
    ])
    const before = await start({ version: '2.375', startup: { loadingMs: 1200 } })
    const beforeToken = before.addToken('alice', 'seed').value
    // Before 2.376 the security filter comes only when loading ends.
    expect(await statusesWhileLoading(before, mint(before, beforeToken))).toEqual([500, 403, 200])
    const early = await start({ version: '2.221', startup: { loadingMs: 1200 } })
    const earlyToken = early.addToken('alice', 'seed').value
    // Before 2.222 the crumb issuer comes with the configuration: until then nothing stops a POST.
    expect(await statusesWhileLoading(early, mint(early, earlyToken))).toEqual([503, 403, 200])
    const pages = await start({
      version: '2.375',
      startup: { loadingMs: 800, pluginsPreparingMs: 0 }
    })
    const denied = await http(`${pages.url}me/${API}/generateNewToken`, {
      auth: ['alice', 'wrong'],
      form: { newTokenName: 'during-load' }
    })
    // Credentials are not even checked: the request is anonymous, and has no crumb.
    expect(denied.status).toBe(403)
    expect(denied.body).toContain('No valid crumb was included in the request')
    // A GET meets the page, whatever its credentials.
    expect((await http(`${pages.url}whoAmI/api/json`, { auth: ['alice', 'x'] })).status).toBe(503)
    await expect(
      start({ version: '2.375', startup: { loadingMs: 600, pluginsPreparingMs: 300 } })
    ).rejects.toThrow('pluginsPreparingMs')
  })

  test("CrumbFilter's error page before the plugins are prepared shows its AssertionError only with the stack trace", async () => {
    const post = (e: JenkinsEmulator) =>
      http(`${e.url}me/${API}/generateNewToken`, {
        auth: ['alice', 'alice-password'],
        form: { newTokenName: 'during-load' }
      })
    const trace =
      'java.lang.AssertionError: class hudson.security.csrf.DefaultCrumbIssuer is missing its descriptor'
    for (const [options, shown] of [
      [{}, false],
      [{ showStackTrace: true }, true],
      // oops.jelly printed the trace always before 2.224 (c936bd1c09).
      [{ version: '2.223' }, true],
      [{ version: '2.224' }, false]
    ] as const) {
      const e = await start({
        ...options,
        startup: { loadingMs: 60_000 }
      })
      const r = await post(e)
      expect(r.status).toBe(500)
      expect(r.body).toContain('<div id="error-description"')
      expect(r.body.includes(trace)).toBe(shown)
      if (shown) expect(r.body).toContain('at hudson.security.csrf.CrumbFilter.doFilter(')
      expect(e.tokens('alice')).toEqual([])
    }
  })

  test('2.376 and later: while the users load, credentials get 401, anonymous requests the page', async () => {
    const e = await start({ startup: { loadingMs: 2000, credentialsRefusedMs: 2000 } })
    const { value } = e.addToken('alice', 'seed')
    for (const auth of [
      ['alice', value],
      ['alice', 'alice-password'],
      ['alice', 'wrong']
    ] as const) {
      const r = await http(`${e.url}whoAmI/api/json`, { auth: [...auth] })
      // The same 401 as for a wrong password (BasicHeaderProcessor): no X-Jenkins, no Stapler.
      expect(r.status).toBe(401)
      expect(r.headers['www-authenticate']).toMatch(/^Basic realm="Jenkins"/)
      expect(r.headers['x-jenkins']).toBeUndefined()
    }
    const mint = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', value],
      form: { newTokenName: 'during-load' }
    })
    expect(mint.status).toBe(401)
    const anonymous = await http(`${e.url}whoAmI/api/json`)
    expect(anonymous.status).toBe(503)
    expect(anonymous.body).toContain('<h1 class="loading">')
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed'])
    await e.ready()
    expect(await whoAmIName(e, ['alice', value])).toBe('alice')
  })

  test('by default, the middle third of the loading from 2.376; never before', async () => {
    const current = await start({ startup: { loadingMs: 1500 } })
    // The statuses a password login gets, each change once, until Jenkins serves.
    const statuses: number[] = []
    for (let i = 0; i < 100 && statuses.at(-1) !== 200; i++) {
      const r = await http(`${current.url}whoAmI/api/json`, { auth: ['alice', 'alice-password'] })
      if (statuses.at(-1) !== r.status) statuses.push(r.status)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(statuses).toEqual([503, 401, 503, 200])
    await expect(
      start({ version: '2.375', startup: { loadingMs: 300, credentialsRefusedMs: 100 } })
    ).rejects.toThrow('before 2.376 the security filter comes last')
    const older = await start({ version: '2.375', startup: { loadingMs: 600 } })
    for (let i = 0; i < 5; i++) {
      const r = await http(`${older.url}whoAmI/api/json`, { auth: ['alice', 'wrong'] })
      expect(r.status).toBe(503)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })

  test('loading only: listening at once, 503 until ready()', async () => {
    const e = await start({ startup: { loadingMs: 300 } })
    expect((await http(`${e.url}login`)).status).toBe(503)
    await e.ready()
    expect((await http(`${e.url}login`)).status).toBe(200)
  })

  test('restart(): refused, loading, then serving; tokens persist, sessions do not', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 'seed')
    const before = await http(`${e.url}login`)
    await e.restart({ refusedMs: 300, loadingMs: 300 })
    expect(await connectError(`${e.url}login`)).toBe('ECONNREFUSED')
    await until(3000, async () => (await connectError(`${e.url}login`)) === null)
    expect((await http(`${e.url}login`)).status).toBe(503)
    await e.ready()
    const after = await http(`${e.url}login`)
    expect(after.status).toBe(200)
    expect(after.headers['x-jenkins-session']).not.toBe(before.headers['x-jenkins-session'])
    expect(await whoAmIName(e, ['alice', value])).toBe('alice')
  })

  test('dockerProxy: the port accepts and resets each request unanswered, then Jenkins serves', async () => {
    const e = await start({ startup: { refusedMs: 400, dockerProxy: true } })
    const { value } = e.addToken('alice', 'seed')
    const mint = () =>
      http(`${e.url}me/${API}/generateNewToken`, {
        auth: ['alice', value],
        form: { newTokenName: 'early' },
        agent: new HttpAgent({ keepAlive: false })
      }).then(
        (r) => r.status,
        (error: NodeJS.ErrnoException) => error.code ?? 'unknown'
      )
    expect(await mint()).toBe('ECONNRESET')
    expect(e.dropped).toEqual([`POST /me/${API}/generateNewToken HTTP/1.1`])
    expect(e.requests).toEqual([])
    await until(3000, async () => (await mint()) === 200)
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed', 'early'])
    // Once Jenkins listens, nothing more goes to the proxy.
    const dropped = e.dropped.length
    expect(await mint()).toBe(200)
    expect(e.dropped).toHaveLength(dropped)
  })

  test('dockerProxy on restart(): the same port resets connections until Jenkins is back', async () => {
    const e = await start()
    const port = e.port
    await e.restart({ refusedMs: 300, dockerProxy: true })
    expect(await connectError(`${e.url}login`)).toBe('ECONNRESET')
    expect(e.dropped).toEqual(['GET /login HTTP/1.1'])
    await until(3000, async () => (await connectError(`${e.url}login`)) === null)
    expect(e.port).toBe(port)
  })

  test('close() during the refused phase never starts listening', async () => {
    const e = await startJenkinsEmulator({ startup: { refusedMs: 200 } })
    await e.close()
    await new Promise((r) => setTimeout(r, 300))
    expect(await connectError(`${e.url}login`)).toBe('ECONNREFUSED')
  })
})

// ---------------------------------------------------------------- 8. faults

describe('faults in front of Jenkins', () => {
  test('{ status: 502, after: true }: Jenkins minted the token, the client sees 502', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 'seed')
    const log = injectFaults(e, [
      { path: /generateNewToken/, times: 1, fault: { status: 502, after: true } }
    ])
    const r = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', value],
      form: { newTokenName: 'lost' }
    })
    expect(r.status).toBe(502)
    expect(r.body).not.toContain('tokenValue')
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed', 'lost'])
    expect(log.mintedValues).toHaveLength(1)
    // without `after` the request never reaches Jenkins
    injectFaults(e, [{ path: /generateNewToken/, times: 1, fault: { status: 504 } }])
    const before = await http(`${e.url}me/${API}/generateNewToken`, {
      auth: ['alice', value],
      form: { newTokenName: 'never' }
    })
    expect(before.status).toBe(504)
    expect(e.tokens('alice')).toHaveLength(2)
  })

  test('{ exception }: Jenkins answers its error page, logged under the id it shows; `after`: once it acted', async () => {
    const e = await start()
    const { value } = e.addToken('alice', 'seed')
    injectFaults(e, [
      { path: /generateNewToken/, times: 1, fault: { exception: 'IllegalStateException' } },
      { path: /generateNewToken/, times: 1, fault: { exception: 'EofException', after: true } }
    ])
    const mint = (name: string) =>
      http(`${e.url}me/${API}/generateNewToken`, {
        auth: ['alice', value],
        form: { newTokenName: name }
      })
    const before = await mint('never')
    const after = await mint('made')
    for (const [i, r] of [before, after].entries()) {
      expect(r.status).toBe(500)
      expect(r.headers['x-jenkins']).toBe('2.568.3')
      expect(r.body).toContain(`Logging ID=${e.exceptions[i]}</p>`)
      expect(r.body).not.toContain('tokenValue')
    }
    expect(e.exceptions).toHaveLength(2)
    expect(e.tokens('alice').map((t) => t.name)).toEqual(['seed', 'made'])
  })

  test('a redirect to another origin on 127.0.0.1: fetch drops Authorization there', async () => {
    const e = await start()
    const other = await start()
    injectFaults(e, [{ path: /whoAmI/, fault: { redirect: `${other.url}whoAmI/api/json` } }])
    const raw = await http(`${e.url}whoAmI/api/json`, { auth: ALICE })
    expect(raw.status).toBe(302)
    expect(raw.headers.location).toBe(`${other.url}whoAmI/api/json`)
    const followed = await fetch(`${e.url}whoAmI/api/json`, {
      headers: { Authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` }
    })
    expect(followed.status).toBe(200)
    expect(((await followed.json()) as { anonymous: boolean }).anonymous).toBe(true)
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined()
  })
})

// ---------------------------------------------------------------- 9. keep-alive

describe('keep-alive like Jetty, and the connections counter', () => {
  test('one kept-alive connection serves a whole step', async () => {
    const e = await start()
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 })
    try {
      const { value } = e.addToken('alice', 'seed')
      for (let i = 0; i < 4; i++) {
        const r = await http(`${e.url}whoAmI/api/json`, { auth: ['alice', value], agent })
        expect(r.status).toBe(200)
        expect(r.headers.connection).toBe('keep-alive')
      }
      // a 401 does not close it either
      expect((await http(`${e.url}whoAmI/api/json`, { auth: ['alice', 'x'], agent })).status).toBe(
        401
      )
      expect((await http(`${e.url}login`, { agent })).status).toBe(200)
      expect(e.connections).toBe(1)
    } finally {
      agent.destroy()
    }
    await http(`${e.url}login`, { agent: new HttpAgent({ keepAlive: false }) })
    expect(e.connections).toBe(2)
  })

  test('https counts TLS connections', async () => {
    const pki = makeTestPki()
    const e = await start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: pki.caPem })
    try {
      for (let i = 0; i < 3; i++) {
        expect((await http(`${e.url}login`, { agent })).status).toBe(200)
      }
      expect(e.connections).toBe(1)
    } finally {
      agent.destroy()
    }
  })

  test('https resumes TLS sessions, and forgets them when it restarts', async () => {
    const pki = makeTestPki()
    const e = await start({ tls: { key: pki.serverKey, cert: pki.serverCert } })
    // Node's agent offers the session of its last connection to the next one.
    const agent = new HttpsAgent({ keepAlive: false, ca: pki.caPem })
    const login = async () => expect((await http(`${e.url}login`, { agent })).status).toBe(200)
    try {
      await login()
      await login()
      expect([e.connections, e.resumedConnections]).toEqual([2, 1])
      await e.restart()
      await e.ready()
      await login()
      expect([e.connections, e.resumedConnections]).toEqual([3, 1])
      await login()
      expect([e.connections, e.resumedConnections]).toEqual([4, 2])
    } finally {
      agent.destroy()
    }
  })
})
