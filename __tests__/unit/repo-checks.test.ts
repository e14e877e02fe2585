import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { type ActionMetadata, checkActionMetadata } from '../../scripts/check/action-metadata.js'
import { codeSpans, headings, slug, tableRows } from '../../scripts/check/markdown.js'
import { findMessages } from '../../scripts/check/messages.js'
import type { Problem } from '../../scripts/check/problems.js'
import {
  checkContents,
  checkExamples,
  checkLength,
  checkLinks,
  checkTables,
  checkTroubleshooting,
  checkUses,
  README_MAX_LINES
} from '../../scripts/check/readme.js'
import { runScripts, shellcheck, shellcheckAvailable } from '../../scripts/check/shellcheck.js'
import { checkActionUsage, checkPermissions, checkPins } from '../../scripts/check/workflows.js'

// The checks behind `npm run lint:action`, each shown to catch what it is for.

const messagesOf = (problems: Problem[]) => problems.map((p) => p.message)

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

function actionDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'action-'))
  tempDirs.push(dir)
  writeFileSync(join(dir, 'main.js'), '')
  writeFileSync(join(dir, 'post.js'), '')
  writeFileSync(join(dir, 'action.yml'), yaml)
  return dir
}

const GOOD_ACTION = `name: Test
description: A test action.
author: someone
branding:
  icon: key
  color: red
inputs:
  url:
    description: Where.
    required: true
  days:
    description: How long.
    required: false
    default: "1"
  user:
    description: Who (default computed).
    required: false
outputs:
  token:
    description: The token.
runs:
  using: node24
  main: main.js
  post: post.js
  post-if: always()
`

function goodAction(): ActionMetadata {
  const dir = actionDir(GOOD_ACTION)
  const { metadata, problems } = checkActionMetadata(join(dir, 'action.yml'), GOOD_ACTION, {
    marketplace: true
  })
  expect(problems).toEqual([])
  return metadata
}

describe('checkActionMetadata', () => {
  it('accepts a complete action and reads its inputs and outputs', () => {
    const action = goodAction()
    expect([...action.inputs.keys()]).toEqual(['url', 'days', 'user'])
    expect(action.inputs.get('days')).toMatchObject({ default: '1', required: false })
    expect([...action.outputs.keys()]).toEqual(['token'])
  })

  it.each([
    ['author: someone\n', '', '"author" is required'],
    ['  color: red\n', '  color: pink\n', 'branding.color must be one of'],
    ['    description: How long.\n', '', 'input "days" has no description'],
    ['default: "1"', 'default: 1', 'quote the default'],
    ['    description: The token.\n', '    value: x\n', 'output "token" has no description'],
    ['using: node24', 'using: node20', 'runs.using must be node24'],
    ['  post-if: always()\n', '', 'runs.post-if must be always()'],
    ['main: main.js', 'main: missing.js', 'runs.main: missing.js does not exist'],
    ['name: Test\n', 'name: Test\nname: Again\n', 'Map keys must be unique'],
    [
      '    required: true\n',
      '    required: true\n    default: x\n',
      'is required and has a default'
    ]
  ])('flags %j replaced by %j', (from, to, expected) => {
    const yaml = GOOD_ACTION.replace(from, to)
    const dir = actionDir(yaml)
    const { problems } = checkActionMetadata(join(dir, 'action.yml'), yaml, { marketplace: true })
    expect(messagesOf(problems).join('\n')).toContain(expected)
  })
})

describe('checkPins', () => {
  it('wants third-party actions pinned by commit with the release as a comment', () => {
    const workflow = [
      'steps:',
      '  - uses: actions/checkout@v6',
      '  - uses: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38',
      '  - uses: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38 # v6.5.0',
      '  - uses: ./',
      '  - uses: ./.github/actions/helper',
      '  - uses: docker://alpine:3'
    ].join('\n')
    expect(checkPins('w.yml', workflow)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('full commit SHA') }),
      expect.objectContaining({ line: 3, message: expect.stringContaining('# vX.Y.Z') }),
      expect.objectContaining({ line: 7, message: expect.stringContaining('digest') })
    ])
  })

  it('wants top-level permissions', () => {
    expect(checkPermissions('w.yml', 'on: push\njobs: {}\n')).toHaveLength(1)
    expect(checkPermissions('w.yml', 'on: push\npermissions: {}\njobs: {}\n')).toEqual([])
  })
})

describe('checkActionUsage', () => {
  const action = goodAction()
  const resolve = (uses: string) => (uses === './' ? action : undefined)

  it('passes steps that use real inputs and outputs', () => {
    const workflow = `jobs:
  a:
    steps:
      - id: t
        uses: ./
        with: { url: x, days: "2" }
      - run: echo "$T"
        env: { T: "\${{ steps.t.outputs.token }}" }
`
    expect(checkActionUsage('w.yml', workflow, resolve)).toEqual([])
  })

  it('flags unknown inputs, missing required ones and unknown outputs', () => {
    const workflow = `jobs:
  a:
    steps:
      - id: t
        uses: ./
        with: { dayz: "2" }
      - run: echo "\${{ steps.t.outputs.tokn }}"
      - uses: someone/else@v1
        with: { anything: 1 }
`
    expect(messagesOf(checkActionUsage('w.yml', workflow, resolve))).toEqual([
      expect.stringContaining('no input "dayz"'),
      expect.stringContaining('required input "url" missing'),
      expect.stringContaining('no output "tokn"')
    ])
  })

  it('reads a list of steps (a README fragment) too', () => {
    const steps = '- uses: ./\n  with: { nope: 1, url: x }\n'
    expect(messagesOf(checkActionUsage('README.md', steps, resolve))).toEqual([
      expect.stringContaining('no input "nope"')
    ])
  })
})

describe('markdown', () => {
  it('makes GitHub anchors', () => {
    expect(slug('Proxies, certificates and when Jenkins is down')).toBe(
      'proxies-certificates-and-when-jenkins-is-down'
    )
    expect(slug('A matrix, each job with its own token')).toBe(
      'a-matrix-each-job-with-its-own-token'
    )
  })

  it('ignores headings in code blocks and splits table cells outside code spans', () => {
    const md =
      '# Title\n\n```sh\n# not a heading\n```\n\n## Real\n\n| a | b |\n| - | - |\n| `x|y` | z |\n'
    expect(headings(md).map((h) => h.text)).toEqual(['Title', 'Real'])
    const rows = tableRows(md.split('\n').map((text, i) => ({ text, line: i + 1 })))
    expect(rows.map((r) => r.cells)).toEqual([['`x|y`', 'z']])
    expect(codeSpans('`a` and `b`')).toEqual(['a', 'b'])
  })
})

const README = `# Action

## Contents

- [Inputs](#inputs)
- [Outputs](#outputs)
- [Troubleshooting](#troubleshooting)

## Inputs

| input | default | meaning |
| ----- | ------- | ------- |
| \`url\` | (required) | Where. |
| \`days\` | \`1\` | How long. |
| \`user\` | the login user | Who. |

## Outputs

| output | meaning |
| ------ | ------- |
| \`token\` | The token. |

## Troubleshooting

| message | meaning | what to do |
| ------- | ------- | ---------- |
| \`Input … is required.\` | Empty. | Set it. |
| \`could not reach\` | Down. | Wait. |
`

describe('README checks', () => {
  const action = goodAction()

  it('accepts tables that say what action.yml says', () => {
    expect(checkTables('README.md', README, action)).toEqual([])
    expect(checkContents('README.md', README)).toEqual([])
  })

  it.each([
    ['| `days` | `1` |', '| `days` | `2` |', `action.yml's default is "1"`],
    ['| `user` | the login user |', '| `user` | `login` |', 'describe a computed default in words'],
    ['| `url` | (required) |', '| `url` | |', 'must say (required)'],
    ['| `token` | The token. |\n', '', 'the Outputs table lists nothing'],
    ['| `days` | `1` | How long. |\n', '', 'the Inputs table lists url, user']
  ])('flags a table with %j replaced by %j', (from, to, expected) => {
    expect(messagesOf(checkTables('README.md', README.replace(from, to), action)).join()).toContain(
      expected
    )
  })

  it('wants the contents to reach every section, and only real ones', () => {
    const broken = README.replace('- [Outputs](#outputs)\n', '- [Gone](#gone)\n')
    expect(messagesOf(checkContents('README.md', broken))).toEqual([
      'contents link #gone leads to no heading',
      'section "Outputs" is missing from the contents'
    ])
  })

  it('wants a row for every message, and no row for a message that is gone', () => {
    const messages = [
      { file: 'src/a.ts', line: 1, text: 'Input … is required.' },
      { file: 'src/b.ts', line: 2, text: 'Could not reach Jenkins: …' },
      { file: 'src/c.ts', line: 3, text: 'A brand new failure.' },
      { file: 'src/d.ts', line: 4, text: 'Jenkins is still starting after … s' }
    ]
    const page = `# Troubleshooting

## Inputs

| message | cause | fix |
| --- | --- | --- |
| \`Input … is required.\` | Empty. | Set it. |

## Network

| message | cause | fix |
| --- | --- | --- |
| \`could not reach\` | Down. | Wait. |
| \`Jenkins is still starting\` | Starting. | Set wait-seconds. |
`
    expect(messagesOf(checkTroubleshooting('docs/t.md', page, messages))).toEqual([
      'troubleshooting quotes `could not reach`, which no message in src/ contains',
      'this message has no row in docs/t.md: "Could not reach Jenkins: …"',
      'this message has no row in docs/t.md: "A brand new failure."'
    ])
    const long = page.replace('| Starting. |', `| ${'Starting. '.repeat(40)}|`)
    expect(messagesOf(checkTroubleshooting('docs/t.md', long, messages))).toContainEqual(
      expect.stringMatching(/^a row of \d+ characters: keep it under/)
    )
  })

  it('wants uses: lines that work once OWNER is replaced, and third-party actions pinned', () => {
    const md = (uses: string) => `\`\`\`yaml\n- uses: ${uses}\n\`\`\`\n`
    expect(checkUses('R.md', md('OWNER/jenkins-token-action@main'))).toEqual([])
    expect(checkUses('R.md', md(`actions/checkout@${'a'.repeat(40)} # v6`))).toEqual([])
    expect(messagesOf(checkUses('R.md', md('your-org/jenkins-token-action@v1')))).toEqual([
      'uses: your-org/jenkins-token-action@v1: write OWNER/jenkins-token-action@main'
    ])
    expect(messagesOf(checkUses('R.md', md('actions/checkout@v6')))).toEqual([
      'uses: actions/checkout@v6: write a full commit SHA'
    ])
  })

  it('wants relative links to lead to files and headings', () => {
    const files: Record<string, string> = { 'docs/t.md': '# T\n\n## Inputs\n', 'README.md': '' }
    const read = (path: string) => files[path]
    const md = '[a](docs/t.md#inputs) [b](docs/t.md#gone) [c](docs/none.md) [d](https://x.y/z)\n'
    expect(messagesOf(checkLinks('README.md', md, read))).toEqual([
      'link to docs/t.md#gone: docs/t.md has no heading #gone',
      'link to docs/none.md: no file docs/none.md'
    ])
    expect(checkLinks('docs/t.md', '[r](../README.md)\n```sh\n[x](nowhere)\n```\n', read)).toEqual(
      []
    )
  })

  it('wants the README short', () => {
    expect(checkLength('README.md', 'line\n'.repeat(README_MAX_LINES - 1))).toEqual([])
    expect(checkLength('README.md', 'line\n'.repeat(README_MAX_LINES + 1))).toHaveLength(1)
  })

  it('lints YAML examples as workflows and checks their use of the action', async () => {
    const linted: string[] = []
    const lint = async (text: string) => {
      linted.push(text)
      return []
    }
    const readme = `## Recipes

\`\`\`yaml
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: OWNER/jenkins-token-action@main
        with: { url: x, colour: blue }
\`\`\`

\`\`\`yaml
- uses: OWNER/jenkins-token-action@main
\`\`\`

\`\`\`yaml
not: [valid
\`\`\`
`
    const problems = await checkExamples('README.md', readme, action, lint)
    expect(linted).toHaveLength(2)
    expect(linted[0]).toMatch(/^on: workflow_dispatch\n/)
    expect(linted[1]).toContain('    steps:\n      - uses: OWNER/jenkins-token-action@main')
    expect(messagesOf(problems)).toEqual([
      expect.stringContaining('no input "colour"'),
      expect.stringContaining('required input "url" missing'),
      expect.stringContaining('YAML:')
    ])
    expect(problems[0]?.line).toBe(9)
  })
})

describe('findMessages', () => {
  it('finds the messages the source prints, placeholders as …', () => {
    const dir = mkdtempSync(join(tmpdir(), 'src-'))
    tempDirs.push(dir)
    const file = join(dir, 'a.ts')
    writeFileSync(
      file,
      `import * as core from '@actions/core'
class JenkinsError extends Error {}
function hintFor(code: string): string {
  return code === 'x' ? 'use x' : \`not \${code}\`
}
export function f(user: string, code: string): void {
  const why = code === 'a' ? ': too late' : ''
  if (code) throw new JenkinsError(\`Jenkins refused \${user}\${why}.\`)
  core.warning(hintFor(code))
  core.info('not a warning')
  throw new Error(\`\${user}\`)
}
`
    )
    expect(findMessages([file], dir).map((m) => `${m.file}:${m.line}: ${m.text}`)).toEqual([
      'a.ts:8: Jenkins refused …: too late.',
      'a.ts:8: Jenkins refused ….',
      'a.ts:9: use x',
      'a.ts:9: not …'
    ])
  })

  it('follows a message awaited from a function into the error built with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'src-'))
    tempDirs.push(dir)
    const file = join(dir, 'a.ts')
    writeFileSync(
      file,
      `class JenkinsError extends Error {}
async function why(user: string): Promise<string> {
  return \`no token for \${user}\`
}
export async function f(user: string): Promise<void> {
  const failure = await why(user)
  throw new JenkinsError(\`\${failure} Revoked.\`)
}
`
    )
    expect(findMessages([file], dir).map((m) => m.text)).toEqual(['no token for … Revoked.'])
  })
})

describe('shellcheck of run: scripts', () => {
  const workflow = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo one
      - name: two
        run: |
          set -e
          echo \${{ github.sha }} $1
`

  it('finds run: scripts and where they start', () => {
    expect(runScripts('w.yml', workflow)).toEqual([
      { file: 'w.yml', line: 6, body: 'echo one' },
      { file: 'w.yml', line: 9, body: `set -e\necho \${{ github.sha }} $1\n` }
    ])
    expect(runScripts('README.md', '- run: echo\n', 40)).toEqual([
      { file: 'README.md', line: 40, body: 'echo' }
    ])
  })

  // .ci/run installs Debian's shellcheck; elsewhere this may be skipped.
  ;(shellcheckAvailable() ? it : it.skip)('reports findings at their line in the file', () => {
    expect(shellcheck(runScripts('w.yml', workflow))).toEqual([
      expect.objectContaining({
        file: 'w.yml',
        line: 10,
        message: expect.stringMatching(/^SC2086/)
      })
    ])
  })
})
