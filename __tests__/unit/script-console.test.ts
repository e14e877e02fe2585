import { describe, expect, it } from '@jest/globals'
import {
  groovyText,
  mintScript,
  parseScriptOutput,
  RESULT_PREFIX,
  SCRIPT_HEADER
} from '../../src/jenkins/script-console.js'
import { HOSTILE_TEXTS } from '../support/hostile.js'

const benign = { user: 'svc-deploy', name: 'ci token', expiration: '2026-03-01' }

describe('mintScript', () => {
  it('starts with its header and carries the arguments as base64 of their UTF-8', () => {
    const script = mintScript(benign)
    const lines = script.split('\n')
    expect(lines[0]).toBe(SCRIPT_HEADER)
    expect(lines).toContain(
      `def userId = decode('${Buffer.from('svc-deploy').toString('base64')}')`
    )
    expect(lines).toContain(
      `def tokenName = decode('${Buffer.from('ci token').toString('base64')}')`
    )
    expect(lines).toContain("def expiration = '2026-03-01'")
    expect(mintScript({ ...benign, expiration: null }).split('\n')).toContain(
      'def expiration = null'
    )
  })

  it.each(HOSTILE_TEXTS)('changes only the two argument lines for hostile text %j', (text) => {
    const reference = mintScript(benign).split('\n')
    const hostile = mintScript({ ...benign, user: text, name: text }).split('\n')
    // Same number of lines: no line break of the input reached the script.
    expect(hostile).toHaveLength(reference.length)
    const changed = hostile.flatMap((line, i) => (line === reference[i] ? [] : [i]))
    expect(changed.map((i) => reference[i]?.split(' = ')[0])).toEqual([
      'def userId',
      'def tokenName'
    ])
    for (const i of changed) {
      // The only characters of the input's encoding inside the one literal of the line.
      expect(hostile[i]).toMatch(/^def (userId|tokenName) = decode\('[A-Za-z0-9+/=]*'\)$/)
    }
  })

  it('encodes text so that decoding its literal gives the text back exactly', () => {
    for (const text of HOSTILE_TEXTS) {
      const literal = /^decode\('([^']*)'\)$/.exec(groovyText(text))?.[1]
      expect(Buffer.from(literal ?? '', 'base64').toString('utf8')).toBe(text)
    }
  })

  it('refuses an expiration that is not a plain date', () => {
    expect(() => mintScript({ ...benign, expiration: "2026-01-01'; x'" })).toThrow(
      'The expiration date must be YYYY-MM-DD'
    )
  })
})

const result = (json: Record<string, unknown>) => `${RESULT_PREFIX}${JSON.stringify(json)}\n`
const minted = {
  user: 'svc-deploy',
  name: 'ci token',
  uuid: 'b0c7f1de-8f0e-4c5e-9d39-2d1b1f6f5f10',
  value: '110123456789abcdef0123456789abcdef',
  expiresOn: null
}

describe('parseScriptOutput', () => {
  it('reads the result line', () => {
    expect(parseScriptOutput(result(minted))).toEqual({ kind: 'minted', ...minted })
  })

  it('reads it from a Windows controller, with \\r\\n', () => {
    const output = result({ ...minted, expiresOn: '2026-03-01' }).replace('\n', '\r\n')
    expect(parseScriptOutput(output)).toEqual({
      kind: 'minted',
      ...minted,
      expiresOn: '2026-03-01'
    })
  })

  it.each(['no-such-user', 'no-api-token-property'])('reads the %s error', (error) => {
    expect(parseScriptOutput(result({ error }))).toEqual({ kind: error })
  })

  it.each<[string, string]>([
    ['nothing', ''],
    ['two result lines', result(minted) + result({ ...minted, uuid: 'other' })],
    ['a result that is not JSON', `${RESULT_PREFIX}{uuid:\n`],
    ['a result without a value', result({ ...minted, value: '' })],
    ['a result without a uuid', result({ ...minted, uuid: undefined })],
    ['a result with a numeric expiry', result({ ...minted, expiresOn: 7 })],
    ['an unknown error', result({ error: 'something' })],
    ['a result line not at the start', ` ${result(minted)}`]
  ])('finds no result in %s', (_case, output) => {
    expect(parseScriptOutput(output)).toEqual({ kind: 'no-result', exception: null })
  })

  it('keeps only the class of a stack trace, not its message', () => {
    const output =
      'groovy.lang.MissingMethodException: No signature of method: emit() is applicable for argument types: (java.util.LinkedHashMap) values: [[value:110123456789abcdef0123456789abcdef]]\n' +
      '\tat org.codehaus.groovy.runtime.ScriptBytecodeAdapter.unwrap(ScriptBytecodeAdapter.java:58)\n'
    const outcome = parseScriptOutput(output)
    expect(outcome).toEqual({
      kind: 'no-result',
      exception: 'groovy.lang.MissingMethodException'
    })
    expect(JSON.stringify(outcome)).not.toContain('0123456789abcdef')
  })
})
