/**
 * Text from outside (inputs, Jenkins's answers, error messages) as it may appear in a log
 * line, an annotation or the job summary. The runner reads any stdout line that starts with
 * `::` as a workflow command, and a line break in a summary cell ends the table and lets the
 * rest render as new Markdown; so no control character from outside is ever written raw.
 *
 * Control characters: C0 (with CR, LF and TAB), DEL, C1, and the Unicode line and paragraph
 * separators. Each becomes a visible escape: `\r`, `\n`, `\t`, or `\uXXXX`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const SHORT: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' }

function escapeControl(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** The text with every control character replaced by a visible escape; all else unchanged. */
export function plain(text: string): string {
  return text.replace(CONTROL, escapeControl)
}

/** Free text in double quotes, with quotes, backslashes and control characters escaped. */
export function quoted(text: string): string {
  return `"${inline(text)}"`
}

/** As `quoted`, without the surrounding quotes. Plain names come out unchanged. */
export function inline(text: string): string {
  return plain(text.replace(/["\\]/g, (c) => `\\${c}`))
}

/**
 * Free text as HTML text: control characters made visible (a line break would end the
 * table and let the rest render as Markdown), and every character that means something to
 * HTML or Markdown written as an entity.
 */
export function cell(text: string): string {
  return plain(text).replace(/[&<>"'|\\`*_[\]~]/g, (c) => `&#${c.charCodeAt(0)};`)
}
