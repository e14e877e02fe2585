import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as actions from '@actions/core'
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../../src/github/core.js'
import { maskedValues, parseFileCommands } from '../support/action-runner.js'

/**
 * src/github/core.ts is a port of the part of @actions/core 3.0.1 the action uses. Each
 * check runs the same call through both and expects the same bytes on stdout and in the
 * runner's files (the random delimiter aside), so the port cannot drift unnoticed.
 */

type Lib = Pick<
  typeof actions,
  | 'getInput'
  | 'getState'
  | 'setOutput'
  | 'saveState'
  | 'exportVariable'
  | 'setSecret'
  | 'debug'
  | 'info'
  | 'notice'
  | 'warning'
  | 'error'
  | 'setFailed'
>

const HOSTILE = [
  '',
  'plain',
  'per%cent %25 %0A',
  'line\nbreak\r\nand\rreturn',
  'colon: comma, ::double::',
  'trailing newline\n',
  '  spaced  ',
  'ünïcödé ✓ 🔑',
  'name<<EOF',
  'ghadelimiter_not-the-one'
]

let saved: NodeJS.ProcessEnv
let dir: string

beforeEach(async () => {
  saved = { ...process.env }
  dir = await mkdtemp(join(tmpdir(), 'core-test-'))
})

afterEach(async () => {
  process.env = saved
  process.exitCode = undefined
  jest.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

/** What `run` writes to stdout. */
function stdoutOf(run: () => void): string {
  let out = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  })
  try {
    run()
  } finally {
    jest.restoreAllMocks()
  }
  return out
}

/** Runs `call` with both libraries and expects identical stdout. */
function sameStdout(call: (lib: Lib) => void): string {
  const ours = stdoutOf(() => call(core))
  const theirs = stdoutOf(() => call(actions))
  expect(ours).toBe(theirs)
  return ours
}

const DELIMITER = /ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** Runs `call` with both libraries against fresh GITHUB_* files; expects the same files. */
async function sameFiles(call: (lib: Lib) => void): Promise<Record<string, string>> {
  const results: Array<Record<string, string>> = []
  for (const [name, lib] of [
    ['ours', core],
    ['theirs', actions]
  ] as const) {
    const files: Record<string, string> = {}
    for (const command of ['OUTPUT', 'STATE', 'ENV']) {
      const path = join(dir, `${name}-${command}`)
      await writeFile(path, '')
      process.env[`GITHUB_${command}`] = path
    }
    const stdout = stdoutOf(() => call(lib))
    for (const command of ['OUTPUT', 'STATE', 'ENV']) {
      files[command] = await readFile(join(dir, `${name}-${command}`), 'utf8')
    }
    files.stdout = stdout
    results.push(files)
  }
  const [ours, theirs] = results as [Record<string, string>, Record<string, string>]
  for (const key of Object.keys(ours)) {
    expect(ours[key]?.replace(DELIMITER, 'DELIM')).toBe(theirs[key]?.replace(DELIMITER, 'DELIM'))
  }
  return ours
}

describe('log commands, byte for byte as @actions/core', () => {
  it.each(HOSTILE)('setSecret, debug, info, notice, warning, error: %j', (message) => {
    sameStdout((lib) => {
      lib.setSecret(message)
      lib.debug(message)
      lib.info(message)
      lib.notice(message)
      lib.warning(message)
      lib.error(message)
    })
  })

  it('escapes % CR LF in data and also : , in properties', () => {
    const out = sameStdout((lib) => {
      lib.warning('50%\r\ndone', {
        title: 'a: b, c%\n',
        file: 'src/x.ts',
        startLine: 3,
        endLine: 4,
        startColumn: 1,
        endColumn: 9
      })
      lib.notice('no properties', {})
      lib.error(new Error('an Error object'), { title: '' })
    })
    expect(out).toBe(
      '::warning title=a%3A b%2C c%25%0A,file=src/x.ts,line=3,endLine=4,col=1,endColumn=9::50%25%0D%0Adone\n' +
        '::notice::no properties\n' +
        // Properties given but all empty: a space and no key, as @actions/core writes it.
        '::error ::Error: an Error object\n'
    )
  })

  it('setFailed writes an error and sets exit code 1', () => {
    const out = sameStdout((lib) => lib.setFailed('it broke:\nbadly'))
    expect(out).toBe('::error::it broke:%0Abadly\n')
    expect(process.exitCode).toBe(1)
  })

  it('masks round-trip through the harness: maskedValues undoes the escaping', () => {
    const out = stdoutOf(() => {
      for (const value of HOSTILE) core.setSecret(value)
    })
    expect(maskedValues(out)).toEqual(HOSTILE)
  })
})

describe('inputs and state', () => {
  it('reads INPUT_* (spaces to _, upper case), trims unless told not to', () => {
    process.env.INPUT_MY_INPUT = '  value \n'
    process.env['INPUT_API-TOKEN'] = ' t '
    for (const lib of [core, actions]) {
      expect(lib.getInput('my input')).toBe('value')
      expect(lib.getInput('My Input', { trimWhitespace: false })).toBe('  value \n')
      expect(lib.getInput('api-token')).toBe('t')
      expect(lib.getInput('missing')).toBe('')
    }
  })

  it('reads STATE_*', () => {
    process.env.STATE_minted = '{"a":1}'
    expect(core.getState('minted')).toBe(actions.getState('minted'))
    expect(core.getState('minted')).toBe('{"a":1}')
    expect(core.getState('none')).toBe('')
  })
})

describe('file commands, as @actions/core writes them', () => {
  it.each(HOSTILE)('setOutput, saveState, exportVariable: %j', async (value) => {
    const files = await sameFiles((lib) => {
      lib.setOutput('token', value)
      lib.saveState('minted', value)
      lib.exportVariable('JENKINS_API_TOKEN', value)
    })
    // The harness reads back exactly what was written.
    expect(parseFileCommands(files.OUTPUT ?? '')).toEqual({ token: value })
    expect(parseFileCommands(files.STATE ?? '')).toEqual({ minted: value })
    expect(parseFileCommands(files.ENV ?? '')).toEqual({ JENKINS_API_TOKEN: value })
    expect(process.env.JENKINS_API_TOKEN).toBe(value)
    expect(files.stdout).toBe('')
  })

  it('uses a fresh random delimiter for every value', async () => {
    const files = await sameFiles((lib) => {
      lib.setOutput('a', 'x')
      lib.setOutput('b', { json: true })
    })
    const delimiters = files.OUTPUT?.match(DELIMITER) ?? []
    expect(delimiters).toHaveLength(4)
    expect(new Set(delimiters).size).toBe(2)
    expect(parseFileCommands(files.OUTPUT ?? '')).toEqual({ a: 'x', b: '{"json":true}' })
  })

  it('falls back to the old stdout commands without GITHUB_* files', () => {
    delete process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_STATE
    delete process.env.GITHUB_ENV
    const out = sameStdout((lib) => {
      lib.setOutput('na,me', 'a\nb')
      lib.saveState('st:ate', 'c%')
      lib.exportVariable('VAR', 'd')
    })
    expect(out).toBe(
      '\n::set-output name=na%2Cme::a%0Ab\n::save-state name=st%3Aate::c%25\n::set-env name=VAR::d\n'
    )
  })

  it('refuses a file that does not exist, as @actions/core does', () => {
    process.env.GITHUB_OUTPUT = join(dir, 'missing')
    for (const lib of [core, actions]) {
      expect(() => lib.setOutput('a', 'b')).toThrow(`Missing file at path: ${join(dir, 'missing')}`)
    }
  })
})
