import { appendFile } from 'node:fs/promises'

export interface SummaryFacts {
  tokenName: string
  tokenUuid: string
  user: string
  jenkinsUrl: string
  jenkinsVersion: string
  expirationDate: string
}

/**
 * A job summary of the token: everything an auditor needs, never the value. Written to
 * the file the runner names at call time, as a Markdown table.
 */
export async function writeSummary(facts: SummaryFacts): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  const rows: Array<[string, string]> = [
    ['Token name', facts.tokenName],
    ['Token UUID', facts.tokenUuid],
    ['User', facts.user],
    ['Controller', facts.jenkinsUrl],
    ['Jenkins version', facts.jenkinsVersion || 'unknown'],
    ['Last valid day', facts.expirationDate]
  ]
  const table = rows.map(([name, value]) => `| ${name} | ${cell(value)} |`).join('\n')
  await appendFile(file, `### Jenkins API token\n\n| | |\n|---|---|\n${table}\n\n`)
}

/** Token names are free text: keep them from breaking the table or injecting HTML. */
function cell(text: string): string {
  return text.replace(/[&<>"'|\\`*_[\]]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, ' ')
}
