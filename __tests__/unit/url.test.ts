import { describe, expect, it } from '@jest/globals'
import { rawEncode, revokePage, tokenEndpoint } from '../../src/jenkins/url.js'

describe('rawEncode', () => {
  // The vectors of Jenkins's UtilTest.testRawEncode.
  it.each([
    [' "#%/:;<>?', '%20%22%23%25%2F%3A%3B%3C%3E%3F'],
    ['[\\]^`{|}~', '%5B%5C%5D%5E%60%7B%7C%7D%7E'],
    ['d\u00E9velopp\u00E9s', 'd%C3%A9velopp%C3%A9s'],
    ['Foo \uD800\uDF98 Foo', 'Foo%20%F0%90%8E%98%20Foo'],
    ["01234567890!@$&*()-_=+',.", "01234567890!@$&*()-_=+',."],
    // Letters up to z are kept: only what lies above it is encoded.
    ['AZaz_quiz', 'AZaz_quiz']
  ])('encodes %j as Jenkins does', (input, expected) => {
    expect(rawEncode(input)).toBe(expected)
  })
})

describe('tokenEndpoint', () => {
  it('builds the descriptor URL under a context path', () => {
    expect(
      tokenEndpoint('https://ci.example.com/jenkins/', { me: false, id: 'svc deploy' }, 'revoke')
    ).toBe(
      'https://ci.example.com/jenkins/user/svc%20deploy/descriptorByName/jenkins.security.ApiTokenProperty/revoke'
    )
  })

  it("builds the login user's own descriptor URL under /me/", () => {
    expect(tokenEndpoint('https://ci.example.com/jenkins/', { me: true }, 'generateNewToken')).toBe(
      'https://ci.example.com/jenkins/me/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'
    )
  })
})

describe('revokePage', () => {
  const root = 'https://ci.example.com/jenkins/'

  it.each([
    ['2.467', `${root}user/alice/configure`],
    ['2.462.3', `${root}user/alice/configure`],
    ['2.468', `${root}user/alice/security/`],
    ['2.479.1', `${root}user/alice/security/`]
  ])('names the page of Jenkins %s', (version, page) => {
    expect(revokePage(root, 'alice', version)).toBe(page)
  })

  it('names both pages when the version is not known', () => {
    expect(revokePage(root, 'svc deploy')).toBe(
      `${root}user/svc%20deploy/security/ (before Jenkins 2.468: ${root}user/svc%20deploy/configure)`
    )
  })
})
