import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, jest } from '@jest/globals'

// A fixed UUID in both libraries, so a name or value can contain the delimiter.
const UUID = '00000000-0000-4000-8000-000000000000'
jest.unstable_mockModule('node:crypto', () => ({ randomUUID: () => UUID }))
jest.unstable_mockModule('crypto', () => ({ randomUUID: () => UUID }))
const ours = await import('../../src/github/core.js')
const theirs = await import('@actions/core')
const DELIMITER = `ghadelimiter_${UUID}`

let dir: string
let saved: string | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'core-test-'))
  saved = process.env.GITHUB_OUTPUT
  process.env.GITHUB_OUTPUT = join(dir, 'output')
})
afterEach(async () => {
  if (saved === undefined) delete process.env.GITHUB_OUTPUT
  else process.env.GITHUB_OUTPUT = saved
  await rm(dir, { recursive: true, force: true })
})

it.each([
  ['src/github/core.ts', ours],
  ['@actions/core', theirs]
])('%s refuses a name or value that contains the delimiter, and writes nothing', async (_, lib) => {
  const output = process.env.GITHUB_OUTPUT as string
  await writeFile(output, '')
  expect(() => lib.setOutput(`x${DELIMITER}`, 'value')).toThrow(
    `Unexpected input: name should not contain the delimiter "${DELIMITER}"`
  )
  expect(() => lib.setOutput('name', `a\n${DELIMITER}\nb`)).toThrow(
    `Unexpected input: value should not contain the delimiter "${DELIMITER}"`
  )
  expect(await readFile(output, 'utf8')).toBe('')
  lib.setOutput('name', 'value')
  expect(await readFile(output, 'utf8')).toBe(`name<<${DELIMITER}\nvalue\n${DELIMITER}\n`)
})
