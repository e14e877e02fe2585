/** Just enough Markdown for the README checks: headings, sections, tables, code blocks. */

export interface Heading {
  level: number
  text: string
  /** The anchor GitHub gives the heading. */
  slug: string
  /** 1-based line of the heading. */
  line: number
}

export interface CodeBlock {
  lang: string
  body: string
  /** 1-based line of the first line of the body. */
  line: number
}

export interface TableRow {
  cells: string[]
  line: number
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = []
  let fence: string | null = null
  markdown.split('\n').forEach((text, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1]
    if (fence === null && marker) fence = marker
    else if (fence !== null && marker?.startsWith(fence)) fence = null
    else if (fence === null) out.push({ text, line: index + 1 })
  })
  return out
}

export function headings(markdown: string): Heading[] {
  const out: Heading[] = []
  for (const { text, line } of proseLines(markdown)) {
    const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(text)
    if (!match) continue
    const title = (match[2] ?? '').replace(/`/g, '')
    out.push({ level: match[1]?.length ?? 0, text: title, slug: slug(title), line })
  }
  return out
}

/**
 * The lines of the section under the heading `title` (any level), up to the next heading
 * of the same or a higher level. Empty if there is no such heading.
 */
export function section(markdown: string, title: string): { text: string; line: number }[] {
  const lines = markdown.split('\n')
  const all = headings(markdown)
  const start = all.find((h) => h.text === title)
  if (!start) return []
  const end = all.find((h) => h.line > start.line && h.level <= start.level)
  const last = end ? end.line - 1 : lines.length
  return lines.slice(start.line, last).map((text, i) => ({ text, line: start.line + 1 + i }))
}

/** Rows of the first table in some lines, header and separator left out. */
export function tableRows(lines: { text: string; line: number }[]): TableRow[] {
  const rows: TableRow[] = []
  let inTable = false
  for (const { text, line } of lines) {
    if (!text.trim().startsWith('|')) {
      if (inTable) break
      continue
    }
    inTable = true
    rows.push({ cells: splitRow(text), line })
  }
  // Header, then the |---| separator.
  return rows.slice(2)
}

function splitRow(text: string): string[] {
  const cells: string[] = []
  let current = ''
  let inCode = false
  const body = text.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\\' && body[i + 1] === '|') {
      current += '|'
      i++
    } else if (c === '`') {
      inCode = !inCode
      current += c
    } else if (c === '|' && !inCode) {
      cells.push(current.trim())
      current = ''
    } else current += c
  }
  cells.push(current.trim())
  return cells
}

/** The `code spans` in a piece of Markdown. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] ?? '')
    if (!open) continue
    const indent = open[1]?.length ?? 0
    const fence = open[2] ?? '```'
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length && !(lines[j] ?? '').trim().startsWith(fence); j++) {
      body.push((lines[j] ?? '').slice(indent))
    }
    blocks.push({ lang: open[3] ?? '', body: body.join('\n'), line: i + 2 })
    i = j
  }
  return blocks
}

/** `[text](#anchor)` links in some lines. */
export function anchorLinks(
  lines: { text: string; line: number }[]
): { text: string; anchor: string; line: number }[] {
  const out: { text: string; anchor: string; line: number }[] = []
  for (const { text, line } of lines) {
    for (const m of text.matchAll(/\[([^\]]+)\]\(#([^)]+)\)/g)) {
      out.push({ text: m[1] ?? '', anchor: m[2] ?? '', line })
    }
  }
  return out
}
