import { describe, expect, it } from '@jest/globals'
import {
  shownLocation,
  shownPart,
  shownWhole,
  WITHHELD,
  withholdFromMessages
} from '../../src/http/server-text.js'

// The registry is the process's: these secrets stay registered for the rest of this file.
withholdFromMessages('Zebra p@ss"wörd')
withholdFromMessages('QxZebraKq')

describe('text from a server, as a message shows it', () => {
  it('shows printable text whole and unchanged', () => {
    expect(shownWhole('Bearer realm="corp", error="invalid_token"')).toBe(
      'Bearer realm="corp", error="invalid_token"'
    )
  })

  it('withholds text it would have to cut or change to show', () => {
    expect(shownWhole(`Bearer realm="${'x'.repeat(200)}"`)).toBeUndefined()
    expect(shownWhole('x'.repeat(200))).toBe('x'.repeat(200))
    expect(shownWhole('x'.repeat(201))).toBeUndefined()
    expect(shownWhole('p\u00e4ss')).toBeUndefined()
    expect(shownWhole('line\nbreak')).toBeUndefined()
  })

  it.each([
    ['as it is', 'x Zebra p@ss"wörd y'],
    ['in another case', 'ZEBRA P@SS"WÖRD'],
    ['percent-encoded', 'a/Zebra%20p%40ss%22w%C3%B6rd'],
    ['form-encoded', 'Zebra+p%40ss%22w%C3%B6rd'],
    ['as UTF-8 read as latin1', Buffer.from('Zebra p@ss"wörd', 'utf8').toString('latin1')]
  ])('withholds text that holds a secret %s, and every part of it', (_, raw) => {
    expect(shownWhole(raw)).toBeUndefined()
    expect(shownPart(raw, raw.slice(0, 5))).toBeUndefined()
  })

  it('shows a part only as the raw text has it', () => {
    expect(shownPart('text/html; charset=utf-8', 'text/html')).toBe('text/html')
    expect(shownPart('qxzebrakq;x', 'qxzebrakq')).toBeUndefined()
    expect(shownPart('text/html', 'text/xml')).toBeUndefined()
  })

  it('shows a redirect target as the Location wrote it', () => {
    const from = new URL('https://ci.example.com/jenkins/crumbIssuer/api/json')
    const at = (location: string) => shownLocation(new URL(location, from), location, from)
    expect(at('https://other.example.com/jenkins/?q=secret')).toBe(
      'https://other.example.com/jenkins/'
    )
    expect(at('/jenkins/login')).toBe('https://ci.example.com/jenkins/login')
    // URL lowercases a host and percent-encodes a path: neither is what the server sent.
    expect(at('https://Other.example.com/a')).toBe(`https://${WITHHELD}/a`)
    expect(at('https://other.example.com/a b')).toBe(`https://other.example.com/${WITHHELD}`)
    expect(at('https://other.example.com/%61')).toBe(`https://other.example.com/${WITHHELD}`)
    // A Location that holds a secret shows nothing of itself.
    expect(at('//qxzebrakq.example.com/')).toBe(`https://${WITHHELD}/${WITHHELD}`)
    // Nor when it names another host without slashes, which URL reads as absolute.
    expect(at('http:qxzebrakq.example.com/')).toBe(`http://${WITHHELD}/${WITHHELD}`)
  })
})

describe('an empty secret', () => {
  it('withholds nothing: every text holds the empty string', () => {
    withholdFromMessages('')
    expect(shownWhole('text/html')).toBe('text/html')
    expect(shownPart('text/html; charset=utf-8', 'text/html')).toBe('text/html')
  })
})
