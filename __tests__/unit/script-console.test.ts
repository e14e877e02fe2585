import { constants, createPublicKey, publicEncrypt } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import {
  groovyText,
  mintScript,
  parseScriptOutput,
  RESULT_PREFIX,
  SCRIPT_HEADER
} from '../../src/jenkins/script-console.js'
import { newSeal } from '../../src/jenkins/seal.js'
import { HOSTILE_TEXTS } from '../support/hostile.js'

// One key pair for the file: the script seals the token with it, the parser opens it.
const seal = newSeal()

const benign = { user: 'svc-deploy', name: 'ci token', expiration: '2026-03-01' }

describe('mintScript', () => {
  it('starts with its header and carries the arguments as base64 of their UTF-8', () => {
    const script = mintScript(benign, seal)
    const lines = script.split('\n')
    expect(lines[0]).toBe(SCRIPT_HEADER)
    expect(lines).toContain(
      `def userId = decode('${Buffer.from('svc-deploy').toString('base64')}')`
    )
    expect(lines).toContain(
      `def tokenName = decode('${Buffer.from('ci token').toString('base64')}')`
    )
    expect(lines).toContain("def expiration = '2026-03-01'")
    expect(mintScript({ ...benign, expiration: null }, seal).split('\n')).toContain(
      'def expiration = null'
    )
  })

  it.each(HOSTILE_TEXTS)('changes only the two argument lines for hostile text %j', (text) => {
    const reference = mintScript(benign, seal).split('\n')
    const hostile = mintScript({ ...benign, user: text, name: text }, seal).split('\n')
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

  it('sets up the cipher that seals the token before it looks the user up or makes a token', () => {
    // A JVM that refuses the cipher (a restricted provider list) must fail with nothing made.
    const script = mintScript(benign, seal)
    const init = script.indexOf('cipher.init(Cipher.ENCRYPT_MODE')
    expect(init).toBeGreaterThan(0)
    expect(init).toBeLessThan(script.indexOf('User.getById('))
    expect(init).toBeLessThan(script.indexOf('generateNewToken('))
  })

  it.each(["2026-01-01'; x'", "x'; 2026-01-01", '2026-01-01\n2026-01-01'])(
    'refuses an expiration that is not a plain date: %j',
    (expiration) => {
      expect(() => mintScript({ ...benign, expiration }, seal)).toThrow(
        'The expiration date must be YYYY-MM-DD'
      )
    }
  )

  it.each(["')); System.exit(3); decode('QUJD", 'QUJD\nSystem.exit(3)', ''])(
    'refuses a seal key that is not base64: %j',
    (publicKey) => {
      expect(() => mintScript(benign, { publicKey })).toThrow('The seal key must be base64.')
    }
  )
})

const result = (json: Record<string, unknown>) => `${RESULT_PREFIX}${JSON.stringify(json)}\n`
/** What the script's seal closure prints for `value` (RSA-OAEP with SHA-256), for a public key. */
const sealedFor = (value: string, publicKey = seal.publicKey) =>
  publicEncrypt(
    {
      key: createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }),
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256'
    },
    Buffer.from(value)
  ).toString('base64')
const minted = {
  user: 'svc-deploy',
  name: 'ci token',
  uuid: 'b0c7f1de-8f0e-4c5e-9d39-2d1b1f6f5f10',
  value: '110123456789abcdef0123456789abcdef',
  expiresOn: null
}
/** The script's result line for a token, its value sealed as the script seals it. */
const printed = ({ value, ...rest }: Record<string, unknown>, publicKey = seal.publicKey) =>
  result({ ...rest, sealed: typeof value === 'string' ? sealedFor(value, publicKey) : value })

describe('parseScriptOutput', () => {
  it('reads the result line', () => {
    expect(parseScriptOutput(printed(minted), seal)).toEqual({ kind: 'minted', ...minted })
  })

  it('reads it from a Windows controller, with \\r\\n', () => {
    const output = printed({ ...minted, expiresOn: '2026-03-01' }).replace('\n', '\r\n')
    expect(parseScriptOutput(output, seal)).toEqual({
      kind: 'minted',
      ...minted,
      expiresOn: '2026-03-01'
    })
  })

  it.each(['no-such-user', 'no-api-token-property'])('reads the %s error', (error) => {
    expect(parseScriptOutput(result({ error }), seal)).toEqual({ kind: error })
  })

  it.each<[string, string]>([
    ['nothing', ''],
    ['two result lines', printed(minted) + printed({ ...minted, uuid: 'other' })],
    ['a result that is not JSON', `${RESULT_PREFIX}{uuid:\n`],
    ['a result that is JSON null', `${RESULT_PREFIX}null\n`],
    ['a result without a value', printed({ ...minted, value: undefined })],
    ['a result with an empty value', printed({ ...minted, value: '' })],
    ['a result with the value in plain, not sealed', result(minted)],
    ['a result sealed with another key', printed(minted, newSeal().publicKey)],
    ['a result without a uuid', printed({ ...minted, uuid: undefined })],
    ['a result with an empty uuid', printed({ ...minted, uuid: '' })],
    ['a result with a numeric expiry', printed({ ...minted, expiresOn: 7 })],
    ['an unknown error', result({ error: 'something' })],
    ['a result line not at the start', ` ${printed(minted)}`]
  ])('finds no result in %s', (_case, output) => {
    expect(parseScriptOutput(output, seal)).toEqual({ kind: 'no-result', exception: null })
  })

  it('keeps only the class of a stack trace, not its message', () => {
    const output =
      'groovy.lang.MissingMethodException: No signature of method: emit() is applicable for argument types: (java.util.LinkedHashMap) values: [[value:110123456789abcdef0123456789abcdef]]\n' +
      '\tat org.codehaus.groovy.runtime.ScriptBytecodeAdapter.unwrap(ScriptBytecodeAdapter.java:58)\n'
    const outcome = parseScriptOutput(output, seal)
    expect(outcome).toEqual({
      kind: 'no-result',
      exception: 'groovy.lang.MissingMethodException'
    })
    expect(JSON.stringify(outcome)).not.toContain('0123456789abcdef')
  })

  it.each([
    // Jenkins's own refusals are numbered classes: AccessDeniedException2 and 3.
    [
      'a numbered exception, as Jenkins names its refusals',
      'hudson.security.AccessDeniedException3: alice is missing the Overall/Administer permission\n\tat hudson.security.ACL.checkPermission(ACL.java:80)\n',
      'hudson.security.AccessDeniedException3'
    ],
    [
      'a stack trace from a Windows controller, with \\r\\n, even without a message',
      'java.lang.NullPointerException\r\n\tat hudson.model.User.save(User.java:812)\r\n',
      'java.lang.NullPointerException'
    ]
  ])('keeps the class of %s', (_, output, exception) => {
    expect(parseScriptOutput(output, seal)).toEqual({ kind: 'no-result', exception })
  })
})
