import { describe, expect, it } from '@jest/globals'
import { cleartextWarning, isLoopback } from '../../src/runner/cleartext.js'
import { cell, inline, plain, quoted } from '../../src/runner/log-text.js'

const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u2028',
  '\u2029'
]
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

describe('text from outside', () => {
  it('plain makes every control character visible and leaves the rest alone', () => {
    for (const c of CONTROLS) {
      const out = plain(`a${c}b`)
      expect(out).not.toMatch(ANY_CONTROL)
      expect(out.length).toBeGreaterThan(3)
    }
    expect(plain('a\rb\nc\td')).toBe('a\\rb\\nc\\td')
    expect(plain('x\u0085y\u2028z\u007f')).toBe('x\\u0085y\\u2028z\\u007f')
    expect(plain('Zoë "deploy" – ✓')).toBe('Zoë "deploy" – ✓')
  })

  it('quoted and inline escape quotes, backslashes and control characters', () => {
    expect(quoted('a"b\\c\rd')).toBe('"a\\"b\\\\c\\rd"')
    expect(inline('deploy\u2029bot')).toBe('deploy\\u2029bot')
  })

  it('a summary cell holds no control character and no markup', () => {
    const out = cell('a\rb|c\n<script>*x*`y`\u2028')
    expect(out).not.toMatch(ANY_CONTROL)
    expect(out).not.toMatch(/[<>|*`]/)
  })
})

describe('cleartext', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true)
    expect(cleartextWarning(`http://${host}:8080/`, 'the password travels')).toBeNull()
  })

  it.each(['ci.example.com', '10.0.0.1', '128.0.0.1', '[::2]', 'localhost.example.com'])(
    '%s is not',
    (host) => {
      expect(isLoopback(host)).toBe(false)
      expect(cleartextWarning(`http://${host}/jenkins/`, 'the password travels')).toBe(
        `jenkins-url http://${host} is plain http and not on this machine: the password travels unencrypted: anyone on the network path can read and use what is sent. Give the controller's https:// URL (http:// is safe only on loopback: localhost, 127.0.0.0/8, ::1).`
      )
    }
  )

  it.each(['[::ffff:127.0.0.1]', '[::ffff:127.1.2.3]'])(
    '%s, an IPv4-mapped loopback address, is loopback',
    (host) => {
      const { hostname } = new URL(`http://${host}:8080/`)
      expect(isLoopback(hostname)).toBe(true)
      expect(cleartextWarning(`http://${host}:8080/`, 'the password travels')).toBeNull()
    }
  )

  it('warns for an IPv4-mapped loopback address when a proxy carries it, as the runner does', () => {
    // @actions/http-client never proxies localhost, 127.x or ::1, but it does proxy
    // [::ffff:127.0.0.1]: the secrets would reach the proxy in clear.
    const saved = process.env.HTTP_PROXY
    process.env.HTTP_PROXY = 'http://proxy.example.com:3128'
    try {
      expect(cleartextWarning('http://[::ffff:127.0.0.1]:8080/', 'the password travels')).toMatch(
        /^jenkins-url http:\/\/\[::ffff:7f00:1\]:8080 is plain http/
      )
      expect(cleartextWarning('http://127.0.0.1:8080/', 'the password travels')).toBeNull()
      expect(cleartextWarning('http://localhost:8080/', 'the password travels')).toBeNull()
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY
      else process.env.HTTP_PROXY = saved
    }
  })

  it.each(['[::ffff:10.0.0.1]', '[::ffff:128.0.0.1]', '[::127.0.0.1]'])(
    '%s, mapped or embedded outside 127.0.0.0/8, is not',
    (host) => {
      expect(isLoopback(new URL(`http://${host}/`).hostname)).toBe(false)
      expect(cleartextWarning(`http://${host}/`, 'the password travels')).not.toBeNull()
    }
  )

  it('https gets no warning', () => {
    expect(cleartextWarning('https://ci.example.com/', 'the password travels')).toBeNull()
  })
})
