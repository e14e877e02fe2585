/**
 * The action's mint script run by a real Groovy (Debian's `groovy`, 2.4 like Jenkins's own), the
 * way the script console runs it, against stub Jenkins classes that record what they receive:
 * one stub ApiTokenProperty per API generation (2.129, 2.260, 2.548). Proves that the script
 * uses the right API on each, and that hostile user ids and token names reach Jenkins as the
 * exact strings given, never as code.
 */
import { execFile } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mintScript, parseScriptOutput } from '../../src/jenkins/script-console.js'
import { newSeal } from '../../src/jenkins/seal.js'
import type { MintRequest } from '../../src/jenkins/tokens.js'
import { groovyJson } from '../emulator/script-console.js'
import { HOSTILE_TEXTS } from '../support/hostile.js'

// One key pair for the file: the script seals the token with it, the parser opens it.
const seal = newSeal()

type Variant = '2.129' | '2.260' | '2.548'

interface Case {
  script: string
  userExists?: boolean
  hasProperty?: boolean
}

interface Ran {
  calls: unknown[][]
  output: string
}

const HERE = import.meta.dirname
const VARIANTS: Variant[] = ['2.129', '2.260', '2.548']

// Groovy starts slowly, so every case is planned first and each variant runs all of its cases
// in one JVM before the tests look at the results.
const planned: Record<Variant, Case[]> = { '2.129': [], '2.260': [], '2.548': [] }
const results: Partial<Record<Variant, Ran[]>> = {}

function plan(variant: Variant, c: Case): () => Ran {
  const index = planned[variant].push(c) - 1
  return () => {
    const ran = results[variant]?.[index]
    if (!ran) throw new Error(`case ${index} of ${variant} did not run`)
    return ran
  }
}

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mint-script-'))
  for (const variant of VARIANTS) results[variant] = await runGroovy(variant, planned[variant])
}, 120_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Debian's groovy finds Java through JAVA_HOME or default-java; derive it from `java` if need be. */
function groovyEnv(): NodeJS.ProcessEnv {
  if (process.env.JAVA_HOME || existsSync('/usr/lib/jvm/default-java')) return process.env
  for (const path of (process.env.PATH ?? '').split(delimiter)) {
    const java = join(path, 'java')
    if (existsSync(java)) return { ...process.env, JAVA_HOME: dirname(dirname(realpathSync(java))) }
  }
  return process.env
}

async function runGroovy(variant: Variant, cases: Case[]): Promise<Ran[]> {
  const manifest = await Promise.all(
    cases.map(async (c, i) => {
      const script = join(dir, `${variant}-case${i}.groovy`)
      await writeFile(script, c.script, 'utf8')
      return { script, userExists: c.userExists ?? true, hasProperty: c.hasProperty ?? true }
    })
  )
  const manifestPath = join(dir, `${variant}-manifest.json`)
  const resultsPath = join(dir, `${variant}-results.json`)
  await writeFile(manifestPath, JSON.stringify(manifest), 'utf8')
  const classpath = [join(HERE, 'stubs', 'common'), join(HERE, 'stubs', variant)].join(':')
  await new Promise<void>((resolve, reject) => {
    execFile(
      'groovy',
      ['-cp', classpath, join(HERE, 'harness.groovy'), manifestPath, resultsPath],
      { env: groovyEnv(), timeout: 120_000 },
      (error, _stdout, stderr) => {
        if (!error) return resolve()
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
        reject(
          new Error(
            missing
              ? 'groovy is not installed: apt-get install groovy (.ci/run does this)'
              : `groovy failed (exit ${String(error.code)}): ${stderr}`
          )
        )
      }
    )
  })
  return JSON.parse(await readFile(resultsPath, 'utf8')) as Ran[]
}

const request: MintRequest = { user: 'svc-deploy', name: 'ci token', expiration: '2026-03-01' }
const lookup = [
  ['User.getById', 'svc-deploy', false],
  ['User.getProperty', 'jenkins.security.ApiTokenProperty']
]

describe('the mint script in a real Groovy', () => {
  describe.each<[Variant, string | null, unknown[][], string | null]>([
    [
      '2.548',
      '2026-03-01',
      [
        ['ApiTokenProperty.generateNewToken', 'ci token', '2026-03-01'],
        ['User.save', 'svc-deploy']
      ],
      '2026-03-01'
    ],
    [
      '2.548',
      null,
      [
        ['ApiTokenProperty.generateNewToken', 'ci token'],
        ['User.save', 'svc-deploy']
      ],
      null
    ],
    [
      '2.260',
      '2026-03-01',
      [
        ['ApiTokenProperty.generateNewToken', 'ci token'],
        ['User.save', 'svc-deploy']
      ],
      null
    ],
    [
      '2.129',
      '2026-03-01',
      [
        ['ApiTokenStore.generateNewToken', 'ci token'],
        ['User.save', 'svc-deploy']
      ],
      null
    ]
  ])('on the %s API, with expiration %s', (variant, expiration, calls, expiresOn) => {
    const ran = plan(variant, { script: mintScript({ ...request, expiration }, seal) })

    it('uses that API once, saves the user once and prints one result line', () => {
      expect(ran().calls).toEqual([...lookup, ...calls])
      expect(parseScriptOutput(ran().output, seal)).toEqual({
        kind: 'minted',
        user: 'svc-deploy',
        name: 'ci token',
        uuid: expect.stringMatching(/^00000000-0000-4000-8000-\d{12}$/),
        value: expect.stringMatching(/^11[0-9a-f]{32}$/),
        expiresOn
      })
      // No "Result:" line either: the script's value is null.
      expect(ran().output.split('\n')).toHaveLength(2)
    })

    it('prints the token only sealed: its value is nowhere in the output', () => {
      const outcome = parseScriptOutput(ran().output, seal)
      if (outcome.kind !== 'minted') throw new Error(`not minted: ${outcome.kind}`)
      expect(ran().output).not.toContain(outcome.value)
      expect(ran().output).not.toContain(outcome.value.slice(2, 14))
    })
  })

  describe('without the user or its ApiTokenProperty', () => {
    const noUser = plan('2.548', { script: mintScript(request, seal), userExists: false })
    const noProperty = plan('2.548', { script: mintScript(request, seal), hasProperty: false })

    it('reports a missing user and creates nothing', () => {
      expect(noUser().calls).toEqual([lookup[0]])
      expect(parseScriptOutput(noUser().output, seal)).toEqual({ kind: 'no-such-user' })
    })

    it('reports a user without ApiTokenProperty and creates nothing', () => {
      expect(noProperty().calls).toEqual(lookup)
      expect(parseScriptOutput(noProperty().output, seal)).toEqual({
        kind: 'no-api-token-property'
      })
    })
  })

  describe.each(VARIANTS)('on the %s API, hostile text', (variant) => {
    const runs = HOSTILE_TEXTS.map((text) => ({
      // Printable in a test title: JSON, with everything outside ASCII as \u escapes.
      label: JSON.stringify(text).replace(
        /[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      ),
      text,
      ran: plan(variant, { script: mintScript({ ...request, user: text, name: text }, seal) })
    }))

    it.each(runs)(
      '$label reaches Jenkins as that exact string and runs nothing',
      ({ text, ran }) => {
        expect(ran().calls[0]).toEqual(['User.getById', text, false])
        const generate = ran().calls.find((call) => String(call[0]).endsWith('.generateNewToken'))
        expect(generate?.[1]).toBe(text)
        expect(ran().calls.flat()).not.toContain('PWNED')
        expect(parseScriptOutput(ran().output, seal)).toMatchObject({
          kind: 'minted',
          user: text,
          name: text
        })
        // The emulator writes the result line as this Groovy's JsonOutput does.
        expect(ran().output).toContain(`"name":${groovyJson(text)}`)
      }
    )
  })

  describe('the harness itself', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Groovy interpolation, on purpose
    const hostile = 'x${stub.Recorder.pwn()}'
    const naive = plan('2.548', {
      script: mintScript(request, seal).replace(
        /^def tokenName = .*$/m,
        `def tokenName = "${hostile}"`
      )
    })

    it('sees text that runs: a naive double-quoted literal executes the hostile call', () => {
      expect(naive().calls.flat()).toContain('PWNED')
      expect(parseScriptOutput(naive().output, seal)).toMatchObject({ name: 'xpwned' })
    })
  })
})
