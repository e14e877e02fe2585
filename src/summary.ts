import * as core from '@actions/core'

export interface SummaryFacts {
  tokenName: string
  tokenUuid: string
  user: string
  jenkinsUrl: string
  jenkinsVersion: string
  expirationDate: string
}

/** A job summary of the token: everything an auditor needs, never the value. */
export async function writeSummary(facts: SummaryFacts): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary
    .addHeading('Jenkins API token', 3)
    .addTable([
      [
        { data: 'Token name', header: true },
        { data: 'UUID', header: true },
        { data: 'User', header: true },
        { data: 'Controller', header: true },
        { data: 'Version', header: true },
        { data: 'Expires after', header: true }
      ],
      [
        escapeHtml(facts.tokenName),
        escapeHtml(facts.tokenUuid),
        escapeHtml(facts.user),
        escapeHtml(facts.jenkinsUrl),
        escapeHtml(facts.jenkinsVersion || 'unknown'),
        escapeHtml(facts.expirationDate)
      ]
    ])
    .write()
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
