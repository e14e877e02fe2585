import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { ActionMetadata } from './action-metadata.js'
import { type Problem, problem } from './problems.js'

/** The files a published action carries besides its code, and what each must say. */
export function checkRepoFiles(root: string, action: ActionMetadata, version: string): Problem[] {
  const problems: Problem[] = []
  const read = (file: string): string | undefined => {
    const path = join(root, file)
    if (!existsSync(path)) {
      problems.push(problem(file, 'missing'))
      return undefined
    }
    return readFileSync(path, 'utf8')
  }

  const license = read('LICENSE')
  if (license !== undefined && !license.startsWith('MIT License')) {
    problems.push(problem('LICENSE', 'expected the MIT License text'))
  }

  const security = read('SECURITY.md')
  if (security !== undefined && !/report/i.test(security)) {
    problems.push(problem('SECURITY.md', 'say how to report a vulnerability'))
  }

  const changelog = read('CHANGELOG.md')
  if (
    changelog !== undefined &&
    !changelog.includes('## [Unreleased]') &&
    !changelog.includes(`## [${version}]`)
  ) {
    problems.push(problem('CHANGELOG.md', `needs "## [Unreleased]" or "## [${version}]"`))
  }

  const attributes = read('.gitattributes')
  if (attributes !== undefined) {
    const lines = attributes.split('\n').map((l) => l.trim())
    if (!lines.some((l) => /^dist\/\*\*\s.*linguist-generated(=true)?(\s|$)/.test(l))) {
      problems.push(problem('.gitattributes', 'mark dist/** linguist-generated=true'))
    }
    if (lines.some((l) => l.startsWith('dist') && /(^|\s)-diff(\s|$)/.test(l))) {
      problems.push(
        problem('.gitattributes', 'do not hide dist/ diffs (-diff): reviewers must see them')
      )
    }
  }

  const dependabot = read('.github/dependabot.yml')
  if (dependabot !== undefined) {
    const config: unknown = parse(dependabot)
    const updates = isRecord(config) && Array.isArray(config.updates) ? config.updates : []
    const ecosystems = new Set(
      updates.map((u: unknown) => (isRecord(u) ? String(u['package-ecosystem']) : ''))
    )
    for (const needed of ['npm', 'github-actions']) {
      if (!ecosystems.has(needed)) {
        problems.push(problem('.github/dependabot.yml', `no updates for ${needed}`))
      }
    }
  }

  const env = read('.env.example')
  if (env !== undefined) {
    env.split('\n').forEach((line, index) => {
      const name = /^#?\s*INPUT_([A-Z0-9_-]+)=/.exec(line)?.[1]
      if (!name) return
      const known = [...action.inputs.keys()].some((input) => input.toUpperCase() === name)
      if (!known) {
        problems.push(
          problem('.env.example', `INPUT_${name}: action.yml has no such input`, index + 1)
        )
      }
    })
  }
  return problems
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
