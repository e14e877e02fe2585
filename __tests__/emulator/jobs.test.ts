/**
 * The emulator's jobs, as a client that triggers a build and waits for it sees them
 * (ParameterizedJobMixIn#doBuild, ParametersDefinitionProperty#buildWithParameters,
 * BuildAuthorizationToken.checkPermission, Queue items, builds).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type JenkinsEmulator, startJenkinsEmulator } from './jenkins-emulator.js'
import { basic } from './test-client.js'

describe('jobs', () => {
  let jenkins: JenkinsEmulator
  let token: string
  beforeAll(async () => {
    jenkins = await startJenkinsEmulator({
      contextPath: '/jenkins',
      jobs: [
        // Long enough that a loaded machine still finds the build running when it looks.
        { name: 'deploy', parameters: { GIT_SHA: 'main' }, queueMs: 150, buildMs: 2_000 },
        { name: 'team/nightly', result: 'FAILURE', queueMs: 50, buildMs: 50 },
        { name: 'retired', buildable: false }
      ]
    })
    token = jenkins.addToken('alice', 'jobs').value
  })
  afterAll(() => jenkins.close())

  const call = (path: string, init: RequestInit = {}, auth = basic('alice', token)) =>
    fetch(`${jenkins.url}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { authorization: auth, ...(init.headers as Record<string, string>) }
    })
  const post = (path: string, body?: string) =>
    call(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
  const json = async (url: string) => {
    const res = await call(url.slice(jenkins.url.length))
    expect(res.status).toBe(200)
    return (await res.json()) as Record<string, unknown>
  }
  const until = async (url: string, done: (j: Record<string, unknown>) => boolean) => {
    for (;;) {
      const j = await json(url)
      if (done(j)) return j
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  it('queues a parameterized build, which starts and then ends with its result', async () => {
    const res = await post('job/deploy/buildWithParameters', 'GIT_SHA=c0ffee')
    expect(res.status).toBe(201)
    const queue = res.headers.get('location') ?? ''
    expect(queue).toMatch(new RegExp(`^${jenkins.url}queue/item/\\d+/$`))

    const waiting = await json(`${queue}api/json`)
    expect(waiting).toMatchObject({ _class: 'hudson.model.Queue$WaitingItem' })
    expect(waiting.executable).toBeUndefined()
    expect(waiting.why).toMatch(/quiet period/)

    const left = await until(`${queue}api/json`, (j) => j.executable !== undefined)
    expect(left).toMatchObject({
      _class: 'hudson.model.Queue$LeftItem',
      cancelled: false,
      executable: { number: 1, url: `${jenkins.url}job/deploy/1/` }
    })
    const build = await json(`${jenkins.url}job/deploy/1/api/json`)
    expect(build).toMatchObject({ building: true, result: null, number: 1 })
    expect(JSON.stringify(build.actions)).toContain('"name":"GIT_SHA","value":"c0ffee"')
    expect(JSON.stringify(build.actions)).toContain('Started by user alice')

    const done = await until(
      `${jenkins.url}job/deploy/1/api/json?tree=result`,
      (j) => j.result !== null
    )
    expect(done).toEqual({ _class: 'hudson.model.FreeStyleBuild', result: 'SUCCESS' })
  })

  it('reuses a waiting item with the same parameters: 303 to it', async () => {
    const first = await post('job/deploy/buildWithParameters', 'GIT_SHA=again')
    const second = await post('job/deploy/buildWithParameters', 'GIT_SHA=again')
    expect([first.status, second.status]).toEqual([201, 303])
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
  })

  it('builds a job in a folder with build, and reports a failed result', async () => {
    const res = await post('job/team/job/nightly/build')
    expect(res.status).toBe(201)
    const item = await until(
      `${res.headers.get('location')}api/json`,
      (j) => j.executable !== undefined
    )
    const url = (item.executable as { url: string }).url
    expect(url).toBe(`${jenkins.url}job/team/job/nightly/1/`)
    const done = await until(`${url}api/json`, (j) => j.building === false)
    expect(done.result).toBe('FAILURE')
  })

  it('follows the reference: POST only, Item.BUILD, crumbs for passwords, 400/409/404', async () => {
    expect((await call('job/deploy/buildWithParameters')).status).toBe(405)
    expect((await post('job/team/job/nightly/buildWithParameters')).status).toBe(400)
    expect((await post('job/retired/build')).status).toBe(409)
    expect((await post('job/missing/build')).status).toBe(404)
    // a password login needs a crumb; anonymous may not build
    const password = await call('job/deploy/buildWithParameters', {
      method: 'POST',
      headers: { authorization: basic('alice', 'alice-password') }
    })
    expect(password.status).toBe(403)
    expect(await password.text()).toContain('No valid crumb')
    const anonymous = await fetch(`${jenkins.url}job/deploy/buildWithParameters`, {
      method: 'POST'
    })
    expect(anonymous.status).toBe(403)
    // queue items that never existed
    expect((await call('queue/item/999/api/json')).status).toBe(404)
  })
})
