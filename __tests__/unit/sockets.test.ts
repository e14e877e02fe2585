import { describe, expect, it } from '@jest/globals'
import { dialTarget } from '../../src/http/sockets.js'

describe('dialTarget', () => {
  it.each([
    ['https://ci.example.com/jenkins/', { host: 'ci.example.com', port: 443, ipAddress: false }],
    ['http://ci.example.com/', { host: 'ci.example.com', port: 80, ipAddress: false }],
    ['http://ci.example.com:8080/', { host: 'ci.example.com', port: 8080, ipAddress: false }],
    // An IPv4 address, even written otherwise: the URL parser writes it as four numbers.
    ['https://127.1:8443/', { host: '127.0.0.1', port: 8443, ipAddress: true }],
    // An IPv6 address: dialed without its brackets, and never sent as a TLS server name.
    ['https://[::1]:8443/', { host: '::1', port: 8443, ipAddress: true }],
    ['http://[2001:db8::1]/', { host: '2001:db8::1', port: 80, ipAddress: true }]
  ])('%s', (url, expected) => {
    expect(dialTarget(new URL(url))).toEqual(expected)
  })
})
