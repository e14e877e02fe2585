/**
 * Free text from inputs or from Jenkins (token names, user ids) as it appears in a log line.
 * The runner reads any line that starts with `::` as a workflow command, so a line break in
 * such text must never reach stdout raw: JSON escaping turns it into `\n`. Plain names come
 * out unchanged.
 */
export function quoted(text: string): string {
  return JSON.stringify(text)
}

/** As `quoted`, without the quotes. */
export function inline(text: string): string {
  return quoted(text).slice(1, -1)
}
