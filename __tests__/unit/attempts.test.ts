import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { AttemptRecord } from '../../src/runner/attempts.js'

/** The last attempts record written to GITHUB_STATE, as the post step would get it. */
function lastRecord(file: string): string {
  const text = readFileSync(file, 'utf8')
  const records = [...text.matchAll(/^attempts<<(\S+)\n([\s\S]*?)\n\1$/gm)]
  return records.at(-1)?.[2] ?? ''
}

describe('the record of the mint attempts', () => {
  let stateFile = ''
  const saved = process.env.GITHUB_STATE

  beforeEach(() => {
    stateFile = join(mkdtempSync(join(tmpdir(), 'attempts-')), 'state')
    writeFileSync(stateFile, '')
    process.env.GITHUB_STATE = stateFile
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_STATE
    else process.env.GITHUB_STATE = saved
  })

  it('stops the attempts before their record outgrows what the post step can be given', () => {
    // A long token-name, and a controller whose every answer is lost: each attempt may exist.
    const record = new AttemptRecord({ jenkinsUrl: 'https://ci.example.com/', user: 'alice' })
    const base = 'n'.repeat(1000)
    let sent = 0
    let refusal: unknown
    for (; sent < 1000; sent++) {
      const name = `${base} (attempt ${sent + 1})`
      try {
        record.observer.attempting?.(name, sent)
      } catch (error) {
        refusal = error
        break
      }
      record.observer.uncertain?.(name)
    }
    expect(String(refusal)).toContain(
      `The record of ${sent + 1} mint attempts would not fit the one environment variable in which the runner hands it to the post step (at most 128 KiB)`
    )
    // Every attempt that went out is in the last record saved, and it fits in 128 KiB.
    const last = lastRecord(stateFile)
    expect(Buffer.byteLength(`STATE_attempts=${last}`)).toBeLessThan(128 * 1024)
    const attempts = (JSON.parse(last) as { attempts: Array<{ outcome: string }> }).attempts
    expect(attempts).toHaveLength(sent)
    expect(attempts.every((a) => a.outcome === 'may-exist')).toBe(true)
    expect(record.possiblyCreated()).toHaveLength(sent)
    expect(sent).toBeGreaterThan(100)
  })

  it('keeps a token in hand as created, whatever is reported of it later', () => {
    const record = new AttemptRecord({ jenkinsUrl: 'https://ci.example.com/', user: 'alice' })
    record.observer.attempting?.('ci', 0)
    record.observer.answered?.('ci', true)
    record.observer.uncertain?.('ci')
    record.observer.answered?.('ci', false)
    const attempts = (JSON.parse(lastRecord(stateFile)) as { attempts: unknown[] }).attempts
    expect(attempts).toEqual([{ name: 'ci', outcome: 'created' }])
    expect(record.possiblyCreated()).toEqual([])
  })

  it('keeps one entry for a name given again after its attempt did not reach Jenkins', () => {
    const record = new AttemptRecord({ jenkinsUrl: 'https://ci.example.com/', user: 'alice' })
    const saved = () =>
      (JSON.parse(lastRecord(stateFile)) as { attempts: Array<{ name: string }> }).attempts
    // A refused connection: the name goes to the next attempt, which is pending until answered.
    record.observer.attempting?.('ci', 0)
    record.observer.answered?.('ci', false)
    record.observer.attempting?.('ci', 0)
    expect(saved()).toEqual([{ name: 'ci', outcome: 'pending' }])
    record.observer.uncertain?.('ci')
    expect(record.possiblyCreated()).toEqual([{ name: 'ci', outcome: 'may-exist' }])
    record.observer.attempting?.('ci (attempt 2)', 1)
    record.observer.answered?.('ci (attempt 2)', true)
    expect(saved()).toEqual([
      { name: 'ci', outcome: 'may-exist' },
      { name: 'ci (attempt 2)', outcome: 'created' }
    ])
  })
})

describe('the attempts record as the post step reads it', () => {
  const key = 'STATE_attempts'
  afterEach(() => {
    delete process.env[key]
  })

  it('keeps only a UUID of the form Jenkins makes: the warning calls that token certain', async () => {
    const { loadAttempts } = await import('../../src/runner/state.js')
    const uuid = '0f0e0d0c-0b0a-4909-8807-060504030201'
    process.env[key] = JSON.stringify({
      jenkinsUrl: 'https://ci.example.com/',
      user: 'alice',
      attempts: [
        { name: 'a', outcome: 'may-exist', uuid },
        { name: 'b', outcome: 'may-exist', uuid: 'not a uuid' },
        { name: 'c', outcome: 'may-exist', uuid: 7 },
        { name: 'd', outcome: 'may-exist', uuid: `${uuid}x` }
      ]
    })
    expect(loadAttempts()?.attempts).toEqual([
      { name: 'a', outcome: 'may-exist', uuid },
      { name: 'b', outcome: 'may-exist' },
      { name: 'c', outcome: 'may-exist' },
      { name: 'd', outcome: 'may-exist' }
    ])
  })
})
