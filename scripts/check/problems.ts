/** One thing a check found wrong: where, and what to do about it. */
export interface Problem {
  file: string
  line?: number
  message: string
}

export function problem(file: string, message: string, line?: number): Problem {
  return line === undefined ? { file, message } : { file, line, message }
}

export function format(p: Problem): string {
  return `${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`
}

/** The 1-based line of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
