import { isMap, isSeq, parseDocument } from 'yaml'
import type { ActionMetadata } from './action-metadata.js'
import { anchorLinks, codeBlocks, codeSpans, headings, section, tableRows } from './markdown.js'
import type { MessageSite } from './messages.js'
import { type Problem, problem } from './problems.js'
import { checkActionUsage } from './workflows.js'

/**
 * The README is what users run: its tables must say what action.yml says, its table of
 * contents must reach every section, its YAML must be valid workflows that use the action
 * as it is, and its troubleshooting table must explain every message the action prints.
 */

export const CONTENTS = 'Contents'
export const INPUTS = 'Inputs'
export const OUTPUTS = 'Outputs'
export const TROUBLESHOOTING = 'Troubleshooting'

/**
 * How README examples refer to the published action: one placeholder, OWNER, to replace; `main`
 * works before a release exists (the README says how to pin a commit SHA instead).
 */
export const PUBLISHED_ACTION = /^OWNER\/jenkins-token-action@main$/

/** The README should fit a first read; the rest belongs in docs/. */
export const README_MAX_LINES = 260

/** A troubleshooting row is scanned, not read: message, cause, fix, each short. */
export const TROUBLESHOOTING_MAX_ROW = 320

export type Actionlint = (text: string, path: string) => Promise<Problem[]>

export function checkTables(file: string, readme: string, action: ActionMetadata): Problem[] {
  const problems: Problem[] = []
  const inputRows = tableRows(section(readme, INPUTS))
  if (inputRows.length === 0) problems.push(problem(file, `no table under "## ${INPUTS}"`))
  const documented = inputRows.map((row) => ({
    ...row,
    name: codeSpans(row.cells[0] ?? '')[0] ?? ''
  }))
  const names = [...action.inputs.keys()]
  if (inputRows.length > 0 && documented.map((d) => d.name).join() !== names.join()) {
    problems.push(
      problem(
        file,
        `the Inputs table lists ${documented.map((d) => d.name).join(', ')}; action.yml has ${names.join(', ')} (same names, same order)`,
        inputRows[0]?.line
      )
    )
  }
  for (const row of documented) {
    const input = action.inputs.get(row.name)
    if (!input) continue
    const cell = (row.cells[1] ?? '').trim()
    if (input.required) {
      if (cell !== '(required)') {
        problems.push(
          problem(
            file,
            `input ${row.name} is required: its default cell must say (required)`,
            row.line
          )
        )
      }
    } else if (input.default !== undefined) {
      if (cell !== `\`${input.default}\``) {
        problems.push(
          problem(
            file,
            `input ${row.name}: action.yml's default is "${input.default}", the README says ${cell || 'nothing'}`,
            row.line
          )
        )
      }
    } else if (/^`[^`]*`$/.test(cell)) {
      problems.push(
        problem(
          file,
          `input ${row.name} has no default in action.yml, but the README shows one (${cell}): describe a computed default in words`,
          row.line
        )
      )
    }
  }

  const outputRows = tableRows(section(readme, OUTPUTS))
  const outputs = outputRows.map((row) => codeSpans(row.cells[0] ?? '')[0] ?? '')
  if (outputs.join() !== [...action.outputs.keys()].join()) {
    problems.push(
      problem(
        file,
        `the Outputs table lists ${outputs.join(', ') || 'nothing'}; action.yml has ${[...action.outputs.keys()].join(', ')}`,
        outputRows[0]?.line
      )
    )
  }
  return problems
}

export function checkContents(file: string, readme: string): Problem[] {
  const problems: Problem[] = []
  const all = headings(readme)
  const contents = section(readme, CONTENTS)
  if (contents.length === 0) return [problem(file, `no "## ${CONTENTS}" section`)]
  const links = anchorLinks(contents)
  const slugs = new Set(all.map((h) => h.slug))
  for (const link of links) {
    if (!slugs.has(link.anchor)) {
      problems.push(problem(file, `contents link #${link.anchor} leads to no heading`, link.line))
    }
  }
  const linked = new Set(links.map((link) => link.anchor))
  for (const heading of all) {
    if (heading.level === 2 && heading.text !== CONTENTS && !linked.has(heading.slug)) {
      problems.push(
        problem(file, `section "${heading.text}" is missing from the contents`, heading.line)
      )
    }
  }
  return problems
}

/**
 * YAML blocks: a mapping with `jobs` is a workflow, a list is the steps of a job; both are
 * linted with actionlint and checked against action.yml. Anything else must parse.
 */
export async function checkExamples(
  file: string,
  readme: string,
  action: ActionMetadata,
  actionlint: Actionlint
): Promise<Problem[]> {
  const problems: Problem[] = []
  const resolve = (uses: string) => (PUBLISHED_ACTION.test(uses) ? action : undefined)
  for (const block of codeBlocks(readme)) {
    if (block.lang !== 'yaml' && block.lang !== 'yml') continue
    const doc = parseDocument(block.body)
    if (doc.errors.length > 0) {
      for (const error of doc.errors)
        problems.push(problem(file, `YAML: ${error.message}`, block.line))
      continue
    }
    let workflow: string
    let offset: number
    if (isMap(doc.contents) && doc.contents.has('jobs')) {
      // A recipe may show only `jobs:`, to paste into a workflow that has its trigger.
      const complete = doc.contents.has('on')
      workflow = complete ? block.body : `on: workflow_dispatch\n${block.body}`
      offset = complete ? 0 : 1
    } else if (isSeq(doc.contents)) {
      const steps = block.body
        .split('\n')
        .map((line) => `      ${line}`)
        .join('\n')
      workflow = `on: push\npermissions: {}\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`
      offset = 6
    } else continue
    for (const found of await actionlint(workflow, 'README.md')) {
      problems.push(
        problem(file, `${found.message} (actionlint)`, block.line + (found.line ?? 1) - 1 - offset)
      )
    }
    problems.push(...checkActionUsage(file, block.body, resolve, block.line))
  }
  return problems
}

/**
 * The troubleshooting page's tables (one per `##` section) quote messages in their first
 * column as `code spans` (`…` where the action fills something in). Every message the source
 * can print must contain one of them, every quote must still be in the source, and every row
 * must stay short enough to scan.
 */
export function checkTroubleshooting(
  file: string,
  page: string,
  messages: MessageSite[]
): Problem[] {
  const problems: Problem[] = []
  const rows = headings(page)
    .filter((h) => h.level === 2)
    .flatMap((h) => tableRows(section(page, h.text)))
  if (rows.length === 0) return [problem(file, 'no troubleshooting table under a "##" heading')]
  for (const row of rows) {
    const length = row.cells.map((c) => c.trim()).join(' | ').length
    if (length > TROUBLESHOOTING_MAX_ROW) {
      problems.push(
        problem(
          file,
          `a row of ${length} characters: keep it under ${TROUBLESHOOTING_MAX_ROW}`,
          row.line
        )
      )
    }
  }
  const quotes = rows.flatMap((row) =>
    codeSpans(row.cells[0] ?? '').map((quote) => ({ quote, line: row.line }))
  )
  for (const { quote, line } of quotes) {
    if (!messages.some((m) => m.text.includes(quote))) {
      problems.push(
        problem(
          file,
          `troubleshooting quotes \`${quote}\`, which no message in src/ contains`,
          line
        )
      )
    }
  }
  for (const message of messages) {
    if (!quotes.some(({ quote }) => message.text.includes(quote))) {
      problems.push(
        problem(message.file, `this message has no row in ${file}: "${message.text}"`, message.line)
      )
    }
  }
  return problems
}

/**
 * Every `uses:` in the examples works once OWNER is replaced: this action as
 * PUBLISHED_ACTION says, anything else pinned by a full commit SHA.
 */
export function checkUses(file: string, markdown: string): Problem[] {
  const problems: Problem[] = []
  for (const block of codeBlocks(markdown)) {
    if (block.lang !== 'yaml' && block.lang !== 'yml') continue
    block.body.split('\n').forEach((text, i) => {
      const uses = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/.exec(text)?.[1]
      if (!uses || uses.startsWith('./') || uses.startsWith('docker://')) return
      const ok = uses.includes('jenkins-token-action')
        ? PUBLISHED_ACTION.test(uses)
        : /@[0-9a-f]{40}$/.test(uses)
      if (!ok) {
        const want = uses.includes('jenkins-token-action')
          ? 'OWNER/jenkins-token-action@main'
          : 'a full commit SHA'
        problems.push(problem(file, `uses: ${uses}: write ${want}`, block.line + i + 1))
      }
    })
  }
  return problems
}

/** Relative links lead to files that exist, and anchors into Markdown files to headings. */
export function checkLinks(
  file: string,
  markdown: string,
  read: (path: string) => string | undefined
): Problem[] {
  const problems: Problem[] = []
  const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
  const inCode = new Set<number>()
  for (const block of codeBlocks(markdown)) {
    const count = block.body.split('\n').length
    for (let i = 0; i <= count + 1; i++) inCode.add(block.line - 1 + i)
  }
  markdown.split('\n').forEach((text, i) => {
    if (inCode.has(i + 1)) return
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] ?? ''
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue
      const [path = '', anchor] = target.split('#', 2)
      const resolved = normalize(base + path)
      const text = read(resolved)
      if (text === undefined) {
        problems.push(problem(file, `link to ${target}: no file ${resolved}`, i + 1))
      } else if (
        anchor &&
        resolved.endsWith('.md') &&
        !headings(text).some((h) => h.slug === anchor)
      ) {
        problems.push(
          problem(file, `link to ${target}: ${resolved} has no heading #${anchor}`, i + 1)
        )
      }
    }
  })
  return problems
}

function normalize(path: string): string {
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '..') out.pop()
    else if (part !== '.' && part !== '') out.push(part)
  }
  return out.join('/')
}

export function checkLength(file: string, markdown: string): Problem[] {
  const lines = markdown.split('\n').length
  return lines > README_MAX_LINES
    ? [
        problem(
          file,
          `${lines} lines: keep the README under ${README_MAX_LINES}; move details to docs/`
        )
      ]
    : []
}
