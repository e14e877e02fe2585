import { describe, expect, it } from '@jest/globals'
import { versionAtLeast } from '../../src/jenkins/version.js'
import { expirationDate } from '../../src/runner/expiry.js'

describe('expirationDate', () => {
  it('adds days to the UTC date, across month and year ends', () => {
    expect(expirationDate(1, new Date('2026-12-31T23:59:59Z'))).toBe('2027-01-01')
    expect(expirationDate(30, new Date('2026-02-10T00:00:00Z'))).toBe('2026-03-12')
    expect(expirationDate(365, new Date('2028-01-01T12:00:00Z'))).toBe('2028-12-31')
  })
})

describe('versionAtLeast', () => {
  it.each([
    ['2.548', '2.548', true],
    ['2.555.1', '2.548', true],
    ['2.541.3', '2.548', false],
    ['2.1000', '2.548', true],
    ['2.107', '2.129', false],
    ['2.129', '2.129', true],
    // A minimum with more parts than the version (an LTS line's first release).
    ['2.555', '2.555.1', false],
    ['2.555.1', '2.555.1', true]
  ])('%s >= %s is %s', (version, minimum, expected) => {
    expect(versionAtLeast(version, minimum)).toBe(expected)
  })
})
