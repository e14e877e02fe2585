import { describe, expect, it } from '@jest/globals'
import { redirectTarget } from '../../src/http/redirects.js'

const from = new URL('http://ci.example.com/jenkins/crumbIssuer/api/json')

describe('redirectTarget', () => {
  it('follows an upgrade to https on the same host', () => {
    expect(
      redirectTarget(from, 'https://ci.example.com/jenkins/crumbIssuer/api/json', 301).href
    ).toBe('https://ci.example.com/jenkins/crumbIssuer/api/json')
  })

  it('follows an upgrade to https that keeps a port of its own, as HSTS does', () => {
    const onPort = new URL('http://ci.example.com:8080/jenkins/')
    expect(redirectTarget(onPort, 'https://ci.example.com:8080/jenkins/', 301).port).toBe('8080')
  })

  it.each([
    ['from the default port', from, 'https://ci.example.com:8443/jenkins/'],
    ['to the default port', new URL('http://ci.example.com:8080/'), 'https://ci.example.com/'],
    ['between two ports', new URL('http://ci.example.com:8080/'), 'https://ci.example.com:8443/']
  ])('refuses an upgrade to https on another port, %s: another origin', (_, origin, location) => {
    expect(() => redirectTarget(origin, location, 307)).toThrow('redirected to another origin')
  })

  it('refuses another port over https, a different origin', () => {
    const secure = new URL('https://ci.example.com/jenkins/')
    expect(() => redirectTarget(secure, 'https://ci.example.com:8443/jenkins/', 307)).toThrow(
      'redirected to another origin'
    )
  })

  it('resolves a relative location', () => {
    expect(redirectTarget(from, 'json/', 302).pathname).toBe('/jenkins/crumbIssuer/api/json/')
  })

  it.each([
    [
      'https://other.example.com/jenkins/',
      'redirected to another origin (https://other.example.com/jenkins/)'
    ],
    [
      'http://ci.example.com:8081/jenkins/crumbIssuer/api/json',
      'redirected to another origin (http://ci.example.com:8081/jenkins/crumbIssuer/api/json)'
    ],
    ['https://ci.example.org/', 'redirected to another origin (https://ci.example.org/)'],
    [
      'https://idp.example.com/saml2/sso?x=1',
      'redirected to a login page (https://idp.example.com/saml2/sso)'
    ],
    ['/jenkins/login?from=%2F', 'redirected to a login page (http://ci.example.com/jenkins/login)'],
    [undefined, 'without a Location header']
  ])('refuses %s', (location, message) => {
    expect(() => redirectTarget(from, location, 302)).toThrow(message)
  })

  it('refuses a downgrade from https to http', () => {
    const secure = new URL('https://ci.example.com/')
    expect(() => redirectTarget(secure, 'http://ci.example.com/', 301)).toThrow(
      'from https to http'
    )
  })

  it('never puts a query string (which may hold a secret) in its message', () => {
    expect(() => redirectTarget(from, 'https://evil.example.com/?token=abc', 302)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('abc') })
    )
  })
})
