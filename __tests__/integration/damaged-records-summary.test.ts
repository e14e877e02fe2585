/**
 * The post step's job summary when main's records are damaged: whatever the warnings tell a
 * person to check (each token name and UUID a damaged record still holds, and where to look, or
 * that a token named after the run may exist), the summary says too, and never a secret. Main
 * runs for real against the emulator; its saved records are then cut short or altered.
 */
import { describe, expect, it } from '@jest/globals'
import { runStep, type StepResult } from '../support/action-runner.js'
import { emulatorPerTest, expectNoLeaks } from '../support/emulator-fixture.js'

const fixture = emulatorPerTest()

const alice = { username: 'alice', password: 'alice-password' }
const NAME = 'github-actions acme/widgets#9876543210.1 deploy/jenkins'
const OTHER = `${NAME} (attempt 2)`
const ON_THE_CONTROLLER = 'Check the user&#39;s API tokens on the controller'
const NOT_KNOWN = 'not known: the one named after this run'
const MAYBE_LISTED = `${NOT_KNOWN}, perhaps one of those listed here`

interface Minted {
  tokenName: string
  tokenUuid: string
  token: string
  jenkinsUrl: string
  user: string
}

/** Main's records of a real mint, to damage, and the token's value, which must not leak. */
async function mainRecords() {
  const j = await fixture.start({ users: [{ id: 'alice', password: alice.password }] })
  const main = await runStep('main', {
    entry: 'src',
    inputs: { 'jenkins-url': j.url, ...alice }
  })
  expect(main.exitCode).toBe(0)
  const minted = JSON.parse(main.state.minted ?? '') as Minted
  const attempts = JSON.parse(main.state.attempts ?? '') as Record<string, unknown>
  // Two names Jenkins may hold, as after a lost answer and a retry.
  const unsettled = JSON.stringify({
    ...attempts,
    attempts: [
      { name: NAME, outcome: 'pending' },
      { name: OTHER, outcome: 'may-exist' }
    ]
  })
  return {
    j,
    main,
    minted,
    raw: main.state.minted ?? '',
    attempts: main.state.attempts ?? '',
    unsettled
  }
}

type Records = Awaited<ReturnType<typeof mainRecords>>

function warnings(post: StepResult): string[] {
  return post.stdout.match(/^::warning::.*$/gm) ?? []
}

/** The summary's rows of tokens to check: [name, UUID or undefined]. */
function rows(post: StepResult): string[][] {
  return [...post.summary.matchAll(/<tr>(<td>.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((cell) => cell[1] ?? '')
  )
}

const page = (r: Records) => `${r.j.url}user/alice/security/`

/** Cut just before a field: the record main was writing when the runner's disk filled up. */
function cutBefore(raw: string, field: string): string {
  return raw.slice(0, raw.indexOf(`"${field}"`))
}

describe('the summary of a post step whose records are damaged', () => {
  // Each: the damaged records; then the rows (name, then UUID when some row has one) and
  // whether the summary links the user's page, as the warnings do.
  it.each<[string, (r: Records) => Record<string, string>, (r: Records) => string[][], boolean]>([
    [
      'attempts cut short, no token record',
      (r) => ({ attempts: r.unsettled.slice(0, -3) }),
      () => [[NAME], [OTHER]],
      true
    ],
    [
      'attempts without their user, no token record',
      (r) => ({ attempts: r.unsettled.replace('"user":"alice",', '') }),
      () => [[NAME], [OTHER]],
      false
    ],
    [
      'attempts cut short before any name, no token record',
      (r) => ({ attempts: cutBefore(r.unsettled, 'attempts') }),
      () => [[NOT_KNOWN]],
      true
    ],
    ['attempts that are JSON null', () => ({ attempts: 'null' }), () => [[NOT_KNOWN]], false],
    [
      'a token record cut short, no attempts',
      (r) => ({ minted: cutBefore(r.raw, 'revoke') }),
      (r) => [[NAME, r.minted.tokenUuid]],
      true
    ],
    [
      'a token record without its value, no attempts',
      (r) => ({ minted: JSON.stringify({ ...r.minted, token: undefined }) }),
      (r) => [[NAME, r.minted.tokenUuid]],
      true
    ],
    [
      'a token record cut short before its name, no attempts',
      (r) => ({ minted: cutBefore(r.raw, 'tokenName') }),
      () => [[NOT_KNOWN]],
      true
    ],
    ['a token record that is JSON null', () => ({ minted: 'null' }), () => [[NOT_KNOWN]], false],
    [
      'both cut short',
      (r) => ({ minted: cutBefore(r.raw, 'revoke'), attempts: r.unsettled.slice(0, -3) }),
      (r) => [
        [NAME, r.minted.tokenUuid],
        [OTHER, 'not known']
      ],
      true
    ],
    // Main saves the attempt Jenkins created before the token's record: the token is that one.
    [
      "a token record cut short before its name, main's attempts cut short",
      (r) => ({ minted: cutBefore(r.raw, 'tokenName'), attempts: r.attempts.slice(0, -3) }),
      () => [[NAME]],
      true
    ],
    [
      "a token record without its name, main's attempts without their user",
      (r) => ({
        minted: JSON.stringify({ ...r.minted, tokenName: undefined }),
        attempts: r.attempts.replace('"user":"alice",', '')
      }),
      (r) => [[NAME, r.minted.tokenUuid]],
      true
    ],
    // No attempt reads as created: the token may be one named, or one whose entry was lost.
    [
      'a token record cut short before its name, attempts cut short',
      (r) => ({ minted: cutBefore(r.raw, 'tokenName'), attempts: r.unsettled.slice(0, -3) }),
      () => [[MAYBE_LISTED], [NAME], [OTHER]],
      true
    ],
    [
      'a token record cut short before its name, attempts whole but none created',
      (r) => ({ minted: cutBefore(r.raw, 'tokenName'), attempts: r.unsettled }),
      () => [[NAME], [OTHER], [MAYBE_LISTED]],
      true
    ],
    [
      'both beyond reading',
      () => ({ minted: '{"jenkinsUrl": "', attempts: '{"jenkinsUrl":' }),
      () => [[NOT_KNOWN]],
      false
    ]
  ])('%s: lists what the warnings name', async (_, damage, expected, linked) => {
    const r = await mainRecords()
    const post = await runStep('post', { entry: 'src', state: damage(r) })
    expect(post.exitCode).toBe(0)
    expect(warnings(post).length).toBeGreaterThan(0)
    expect(post.summary).toContain('<strong>Check by hand:</strong>')
    expect(rows(post).map((row) => row.slice(0, -1))).toEqual(expected(r))
    // Every name and page a warning gives, the summary gives.
    for (const warning of warnings(post)) {
      for (const [, name] of warning.matchAll(/"([^"]*(?:github-actions)[^"]*)"/g)) {
        expect(rows(post).map((row) => row[0])).toContain(name)
      }
    }
    if (linked) {
      expect(warnings(post).join('\n')).toContain(page(r))
      expect(post.summary).toContain(`<a href="${page(r)}">`)
    } else {
      expect(warnings(post).join('\n')).toContain("check the user's API tokens on the controller")
      expect(post.summary).toContain(`${ON_THE_CONTROLLER} and revoke any that is listed.`)
    }
    expectNoLeaks(
      [post],
      [
        [r.minted.token, 'alice'],
        [alice.password, 'alice']
      ]
    )
  })

  it('words a token it cannot name beside named attempts alike in the log and the summary', async () => {
    const r = await mainRecords()
    const state = { minted: 'null', attempts: r.unsettled.replace('"user":"alice",', '') }
    const post = await runStep('post', { entry: 'src', state })
    expect(post.exitCode).toBe(0)
    expect(warnings(post)[0]).toBe(
      `::warning::The main step saved a record of a Jenkins API token that this step cannot read, so it cannot revoke it: check the user's API tokens on the controller and revoke the one named after this run, perhaps "${NAME}" or "${OTHER}", perhaps another.`
    )
    expect(post.summary).toContain(
      'Jenkins may hold these tokens, and the action could not revoke them.'
    )
    expect(rows(post)[0]).toEqual([
      MAYBE_LISTED,
      'Jenkins created it, but the record the main step saved of it cannot be read'
    ])
    expectNoLeaks([post], [[r.minted.token, 'alice']])
  })

  it('gives a pending attempt the UUID the damaged token record holds, in one row', async () => {
    const r = await mainRecords()
    const post = await runStep('post', {
      entry: 'src',
      state: { minted: JSON.stringify({ ...r.minted, token: 5 }), attempts: r.unsettled }
    })
    expect(post.exitCode).toBe(0)
    expect(warnings(post).join('\n')).toContain(`(token UUID ${r.minted.tokenUuid})`)
    expect(rows(post).map((row) => row.slice(0, 2))).toEqual([
      [NAME, r.minted.tokenUuid],
      [OTHER, 'not known']
    ])
  })
})

// Values of the right shape that main never writes: read as they stood, they made post say the
// main step never asked for a token, or send a person to a page built from a URL with a
// password in it. Such a record is damaged, and what it still holds is named.
describe('a record of attempts that main never writes', () => {
  it.each<[string, (a: Record<string, unknown>) => Record<string, unknown>, string[][]]>([
    ['attempts that are no list', (a) => ({ ...a, attempts: 'pending' }), [[NOT_KNOWN]]],
    [
      'an attempt whose name is no string',
      (a) => ({ ...a, attempts: [{ name: 7, outcome: 'pending' }] }),
      [[NOT_KNOWN]]
    ],
    [
      'an attempt that is null, beside a named one',
      (a) => ({ ...a, attempts: [null, { name: OTHER, outcome: 'may-exist' }] }),
      [[OTHER]]
    ],
    ['an empty user', (a) => ({ ...a, user: '' }), [[NAME], [OTHER]]]
  ])('with %s is damaged: warned about and listed', async (_, damage, expected) => {
    const r = await mainRecords()
    const attempts = JSON.stringify(damage(JSON.parse(r.unsettled) as Record<string, unknown>))
    const post = await runStep('post', { entry: 'src', state: { attempts } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('never asked for one')
    expect(warnings(post)).toHaveLength(1)
    expect(warnings(post)[0]).toContain(
      'requests to create a Jenkins API token that this step cannot read'
    )
    expect(rows(post).map((row) => row.slice(0, -1))).toEqual(expected)
  })

  it.each([
    ['a password in it', 'http://alice:s3cret@127.0.0.1:1/'],
    ['no URL at all', 'not a url']
  ])('with a controller URL with %s names no page from it', async (_, jenkinsUrl) => {
    const r = await mainRecords()
    const attempts = JSON.stringify({ ...JSON.parse(r.unsettled), jenkinsUrl })
    const post = await runStep('post', { entry: 'src', state: { attempts } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout + post.summary).not.toContain(jenkinsUrl)
    expect(warnings(post)).toEqual([
      `::warning::The main step saved a record of its requests to create a Jenkins API token that this step cannot read, so it cannot tell whether Jenkins made one: check the user's API tokens on the controller and revoke any named "${NAME}" or "${OTHER}".`
    ])
    expect(post.summary).toContain(
      `of the user alice, and the action could not revoke them. ${ON_THE_CONTROLLER}`
    )
    expect(rows(post).map((row) => row[0])).toEqual([NAME, OTHER])
  })
})
