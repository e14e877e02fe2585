import { describe, expect, it } from '@jest/globals'
import { bypassesProxy, proxyFor } from '../../src/jenkins/proxy.js'

describe('proxyFor', () => {
  const https = new URL('https://ci.example.com/jenkins/')
  const http = new URL('http://ci.example.com:8080/')

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lowercase first', () => {
    const env = {
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      HTTP_PROXY: 'plain:8080'
    }
    expect(proxyFor(https, env)?.host).toBe('lower:3128')
    expect(proxyFor(http, env)?.href).toBe('http://plain:8080/')
  })

  it('uses no proxy when none is set', () => {
    expect(proxyFor(https, { HTTP_PROXY: 'http://p:1' })).toBeUndefined()
  })

  it('does not exempt loopback unless NO_PROXY says so, as curl', () => {
    expect(proxyFor(new URL('http://127.0.0.1:8080/'), { HTTP_PROXY: 'http://p:1' })?.host).toBe(
      'p:1'
    )
  })

  it('explains a proxy variable that is not a URL', () => {
    expect(() => proxyFor(https, { HTTPS_PROXY: 'http://[bad' })).toThrow(
      'the proxy variable for https is not a URL'
    )
  })
})

describe('bypassesProxy', () => {
  it.each([
    ['*', 'https://ci.example.com/', true],
    ['example.com', 'https://ci.example.com/', true],
    ['.example.com', 'https://ci.example.com/', true],
    ['*.example.com', 'https://ci.example.com/', true],
    ['ci.example.com', 'https://ci.example.com/', true],
    ['CI.EXAMPLE.COM', 'https://ci.example.com/', true],
    ['xample.com', 'https://ci.example.com/', false],
    ['other.com, example.com', 'https://ci.example.com/', true],
    ['example.com:443', 'https://ci.example.com/', true],
    ['example.com:8443', 'https://ci.example.com/', false],
    ['127.0.0.1', 'http://127.0.0.1:8080/', true],
    ['[::1]', 'http://[::1]:8080/', true],
    ['', 'https://ci.example.com/', false]
  ])('NO_PROXY=%j for %s: %s', (noProxy, url, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected)
  })
})
