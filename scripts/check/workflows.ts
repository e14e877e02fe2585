import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml'
import type { ActionMetadata } from './action-metadata.js'
import { lineAt, type Problem, problem } from './problems.js'

/**
 * What actionlint cannot see: that third-party actions are pinned to a commit, and that a
 * step using one of this repository's own actions (or, in the README, the published one)
 * passes only inputs the action has, all the required ones, and reads only outputs it sets.
 */

const SHA = /^[0-9a-f]{40}$/
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/

/** Every `uses:` of a remote action is `owner/repo@<40-hex commit>  # vX.Y.Z`. */
export function checkPins(file: string, text: string): Problem[] {
  const problems: Problem[] = []
  text.split('\n').forEach((raw, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(?:#\s*(.*?))?\s*$/.exec(raw)
    if (!match) return
    const target = match[2] ?? ''
    const comment = match[3] ?? ''
    const line = index + 1
    if (target.startsWith('./')) return
    if (target.startsWith('docker://')) {
      if (!target.includes('@sha256:')) {
        problems.push(problem(file, `${target}: pin the image by digest (@sha256:…)`, line))
      }
      return
    }
    const [action, ref = ''] = target.split('@')
    if (!SHA.test(ref)) {
      problems.push(
        problem(file, `${action}@${ref}: pin third-party actions to a full commit SHA`, line)
      )
    } else if (!VERSION_COMMENT.test(comment)) {
      problems.push(
        problem(file, `${action}@${ref}: add the release it is, as a "# vX.Y.Z" comment`, line)
      )
    }
  })
  return problems
}

/** Workflows state their token permissions instead of taking the repository default. */
export function checkPermissions(file: string, text: string): Problem[] {
  const doc = parseDocument(text)
  if (!isMap(doc.contents) || doc.contents.has('permissions')) return []
  return [problem(file, 'set top-level "permissions:" (least privilege, e.g. contents: read)')]
}

/**
 * Steps that use an action whose metadata `resolve` knows: inputs passed exist, required
 * ones are given, and `steps.<id>.outputs.<name>` in the same job names a real output.
 * `text` is a workflow, or a list of steps (a README fragment).
 */
export function checkActionUsage(
  file: string,
  text: string,
  resolve: (uses: string) => ActionMetadata | undefined,
  firstLine = 1
): Problem[] {
  const problems: Problem[] = []
  const doc = parseDocument(text)
  const line = (node: Node | null | undefined) =>
    node?.range ? lineAt(text, node.range[0]) + firstLine - 1 : undefined
  const jobs: { steps: Node; range: [number, number] }[] = []
  if (isSeq(doc.contents)) {
    jobs.push({ steps: doc.contents, range: [0, text.length] })
  } else if (isMap(doc.contents)) {
    const all = doc.contents.get('jobs', true)
    for (const pair of isMap(all) ? all.items : []) {
      const job = pair.value
      if (!isMap(job)) continue
      const steps = job.get('steps', true)
      if (isSeq(steps) && job.range) {
        jobs.push({ steps, range: [job.range[0], job.range[1]] })
      }
    }
  }
  for (const job of jobs) {
    const ids = new Map<string, ActionMetadata>()
    if (!isSeq(job.steps)) continue
    for (const step of job.steps.items) {
      if (!isMap(step)) continue
      const uses = step.get('uses')
      if (typeof uses !== 'string') continue
      const action = resolve(uses)
      if (!action) continue
      const id = step.get('id')
      if (typeof id === 'string') ids.set(id, action)
      const withNode = step.get('with', true)
      const given = new Set<string>()
      if (isMap(withNode)) {
        for (const pair of withNode.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : ''
          given.add(name)
          if (!action.inputs.has(name)) {
            problems.push(
              problem(
                file,
                `${uses}: no input "${name}" (inputs: ${[...action.inputs.keys()].join(', ')})`,
                line(pair.key as Node)
              )
            )
          }
        }
      }
      for (const [name, input] of action.inputs) {
        if (input.required && !given.has(name)) {
          problems.push(problem(file, `${uses}: required input "${name}" missing`, line(step)))
        }
      }
    }
    const body = text.slice(job.range[0], job.range[1])
    for (const m of body.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const action = ids.get(m[1] ?? '')
      if (action && !action.outputs.has(m[2] ?? '')) {
        problems.push(
          problem(
            file,
            `steps.${m[1]}.outputs.${m[2]}: the action has no output "${m[2]}" (outputs: ${[...action.outputs.keys()].join(', ')})`,
            lineAt(text, job.range[0] + (m.index ?? 0)) + firstLine - 1
          )
        )
      }
    }
  }
  return problems
}
