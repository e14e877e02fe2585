import * as https from 'node:https'
import * as httpClientProxy from '@actions/http-client/lib/proxy'
import { afterEach, describe, expect, it } from '@jest/globals'
import { Agents } from '../../src/http/agents.js'
import { proxyFor, supportsProxyAgent } from '../../src/http/proxy.js'

const VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))

function environment(values: Record<string, string>): void {
  for (const name of VARIABLES) delete process.env[name]
  Object.assign(process.env, values)
}

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

describe('proxyFor (the runner rules of @actions/http-client)', () => {
  const https = new URL('https://ci.example.com/jenkins/')
  const http = new URL('http://ci.example.com:8080/')

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lowercase first, and names it', () => {
    environment({
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      HTTP_PROXY: 'plain:8080'
    })
    expect(proxyFor(https)).toMatchObject({ variable: 'https_proxy' })
    expect(proxyFor(https)?.url.host).toBe('lower:3128')
    expect(proxyFor(http)).toMatchObject({ variable: 'HTTP_PROXY' })
    expect(proxyFor(http)?.url.href).toBe('http://plain:8080/')
  })

  it.each([
    ['http:/proxy.corp:3128', 'http://proxy.corp:3128/'],
    ['HTTP:/proxy.corp:3128', 'http://proxy.corp:3128/'],
    ['http:\\\\proxy.corp:3128', 'http://proxy.corp:3128/'],
    ['https:/user:pw@proxy.corp', 'https://user:pw@proxy.corp/']
  ])('takes %s for the proxy @actions/http-client reads in it, not a host "http"', (raw, href) => {
    environment({ HTTPS_PROXY: raw })
    expect(httpClientProxy.getProxyUrl(https)?.host).toBe(new URL(href).host)
    expect(proxyFor(https)?.url.href).toBe(href)
  })

  it('keeps an https:// proxy https, so it is spoken to over TLS', () => {
    environment({ HTTPS_PROXY: 'https://user:p%40ss@proxy.corp' })
    const proxy = proxyFor(https)
    expect(proxy?.url.protocol).toBe('https:')
    expect(proxy?.url.port).toBe('')
    expect(proxy?.url.password).toBe('p%40ss')
  })

  it('takes a % written as %25 in the password, in a full URL as in the bare form', () => {
    // Decoded once by getProxyUrl, a second decoding of "p%ss" failed.
    environment({ HTTPS_PROXY: 'http://puser:p%25ss@proxy.corp:3128' })
    const proxy = proxyFor(https)
    expect(proxy?.url.password).toBe('p%25ss')
    expect(decodeURIComponent(proxy?.url.password ?? '')).toBe('p%ss')
  })

  it('uses no proxy when none is set for the scheme', () => {
    environment({ HTTP_PROXY: 'http://p:1' })
    expect(proxyFor(https)).toBeUndefined()
  })

  it.each([
    'http://localhost:8080/',
    'http://127.0.0.1:8080/',
    'http://127.1.2.3/',
    'https://[::1]:8443/'
  ])('never proxies loopback: %s', (target) => {
    environment({ HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:1' })
    expect(proxyFor(new URL(target))).toBeUndefined()
  })

  it.each([
    ['*', https],
    ['ci.example.com', https],
    ['example.com', https],
    ['.example.com', https],
    ['other.org, ci.example.com:8080', http],
    // jenkins-url drops a host's trailing dot; an entry written with it still names the host.
    ['ci.example.com.', https],
    ['ci.example.com.:8080', http]
  ])('goes direct for NO_PROXY=%s', (noProxy, target) => {
    environment({ HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:1', no_proxy: noProxy })
    expect(proxyFor(target)).toBeUndefined()
  })

  it('still proxies a NO_PROXY entry for another port', () => {
    environment({ HTTP_PROXY: 'http://p:1', NO_PROXY: 'ci.example.com:9090' })
    expect(proxyFor(http)?.url.host).toBe('p:1')
  })

  it('refuses a proxy URL that getProxyUrl cannot decode, rather than going direct', () => {
    environment({ HTTPS_PROXY: 'http://user:50%zz-secret@proxy.corp:3128' })
    expect(() => proxyFor(https)).toThrow(
      'HTTPS_PROXY is set but is not a proxy URL the action can use.'
    )
    expect(() => proxyFor(https)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') })
    )
    // Where NO_PROXY or loopback sends the request direct anyway, the value does not matter.
    environment({ HTTPS_PROXY: 'http://user:50%zz-secret@proxy.corp:3128', NO_PROXY: '*' })
    expect(proxyFor(https)).toBeUndefined()
  })

  it('refuses a bare host:port value whose credentials do not decode, as the http:// form', () => {
    // getProxyUrl decodes nothing here (the value parses as a URL of scheme "user"), and
    // Node's agent would fail on it with only "URI malformed".
    environment({ HTTPS_PROXY: 'user:50%zz-secret@proxy.corp:3128' })
    expect(() => proxyFor(https)).toThrow(
      'HTTPS_PROXY is set but is not a proxy URL the action can use.'
    )
    expect(() => proxyFor(https)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') })
    )
    environment({ HTTPS_PROXY: 'user:50%25-secret@proxy.corp:3128' })
    expect(proxyFor(https)?.url.password).toBe('50%25-secret')
  })

  it.each([
    ['a port out of range', 'proxy.corp:99999', 'HTTPS_PROXY is not a URL'],
    ['a % in the user name', 'us%er:pw-secret@proxy.corp:3128', 'HTTPS_PROXY is set but is not'],
    [
      'a % in the user name, http://',
      'http://us%er:pw-secret@proxy.corp:3128',
      'HTTPS_PROXY is set but is not'
    ]
  ])('names the variable for %s', (_what, value, message) => {
    environment({ HTTPS_PROXY: value })
    expect(() => proxyFor(https)).toThrow(message)
    expect(() => proxyFor(https)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') })
    )
  })

  it('refuses a socks proxy, naming the variable and never its credentials', () => {
    environment({ HTTPS_PROXY: 'socks5://user:secret@proxy.corp:1080' })
    expect(() => proxyFor(https)).toThrow(
      'HTTPS_PROXY names a socks5:// proxy (proxy.corp:1080): the action can use only http:// and https:// proxies.'
    )
    expect(() => proxyFor(https)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') })
    )
  })
})

describe('supportsProxyAgent', () => {
  it.each([
    ['24.4.1', false],
    ['24.5.0', true],
    ['24.21.0', true],
    ['25.0.0', true],
    ['22.20.0', false]
  ])('Node.js %s: %s', (version, expected) => {
    expect(supportsProxyAgent(version)).toBe(expected)
  })
})

describe('the agents through an https:// proxy without a port', () => {
  // Nothing listens on 127.0.0.2:443 (loopback): the refused connection says where the agent
  // dialled. The controller's name is never looked up: the proxy would resolve it.
  it.each([
    ['a request', false],
    ['the warm-up', true]
  ])('dial it on 443, the default port of https, for %s', async (_what, warm) => {
    environment({ HTTPS_PROXY: 'https://127.0.0.2' })
    const agents = new Agents()
    const target = new URL('https://jenkins.example/')
    try {
      const refused = warm
        ? await new Promise<unknown>((resolve) => {
            agents.warm(target)
            const { agent } = agents.for(target)
            https.get(target, { agent }).on('error', resolve)
          })
        : await new Promise<unknown>((resolve) => {
            https.get(target, { agent: agents.for(target).agent }).on('error', resolve)
          })
      expect(refused).toMatchObject({ code: 'ECONNREFUSED', address: '127.0.0.2', port: 443 })
    } finally {
      agents.close()
    }
  })
})
