import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isMap, isScalar, type Node, parseDocument, type YAMLMap } from 'yaml'
import { lineAt, type Problem, problem } from './problems.js'

/**
 * Checks an action's metadata (action.yml) the way the runner and the Marketplace read
 * it; actionlint checks workflows only. For the Marketplace: name, description, author,
 * branding; every input and output described; defaults are strings; the JavaScript entry
 * points exist.
 */

export interface ActionInput {
  description: string
  required: boolean
  default?: string
  line: number
}

export interface ActionMetadata {
  file: string
  inputs: Map<string, ActionInput>
  outputs: Map<string, { description: string; line: number }>
  runs: Record<string, unknown>
}

export interface MetadataRules {
  /** The published action: Marketplace fields, node24, and a post step that always runs. */
  marketplace: boolean
}

const TOP_LEVEL = new Set([
  'name',
  'author',
  'description',
  'inputs',
  'outputs',
  'runs',
  'branding'
])
const INPUT_KEYS = new Set(['description', 'required', 'default', 'deprecationMessage'])
const JS_RUNTIMES = new Set(['node20', 'node24'])
const COLORS = new Set([
  'white',
  'black',
  'yellow',
  'blue',
  'green',
  'orange',
  'red',
  'purple',
  'gray-dark'
])
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

export function checkActionMetadata(
  file: string,
  text: string,
  rules: MetadataRules
): { metadata: ActionMetadata; problems: Problem[] } {
  const problems: Problem[] = []
  const at = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineAt(text, node.range[0]) : undefined
  const report = (message: string, node?: Node | null) =>
    problems.push(problem(file, message, at(node)))

  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false })
  const metadata: ActionMetadata = { file, inputs: new Map(), outputs: new Map(), runs: {} }
  for (const error of doc.errors) {
    problems.push(problem(file, `YAML: ${error.message}`, lineAt(text, error.pos[0])))
  }
  if (!isMap(doc.contents)) {
    report('action metadata must be a mapping')
    return { metadata, problems }
  }
  const root = doc.contents as YAMLMap

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!TOP_LEVEL.has(key)) report(`unknown top-level key "${key}"`, pair.key as Node)
  }

  const string = (map: YAMLMap, key: string): string | undefined => {
    const value = map.get(key, true)
    if (value === undefined) return undefined
    if (!isScalar(value) || typeof value.value !== 'string') {
      report(`"${key}" must be a string`, value as Node)
      return undefined
    }
    return value.value
  }

  for (const key of rules.marketplace
    ? ['name', 'description', 'author']
    : ['name', 'description']) {
    if (!string(root, key)?.trim()) report(`"${key}" is required and must not be empty`)
  }

  if (rules.marketplace) {
    const branding = root.get('branding', true)
    if (!isMap(branding)) report('"branding" (icon and color) is required for the Marketplace')
    else {
      const icon = string(branding, 'icon')
      const color = string(branding, 'color')
      if (!icon || !/^[a-z0-9-]+$/.test(icon)) {
        report('branding.icon must be a Feather icon name', branding)
      }
      if (!color || !COLORS.has(color)) {
        report(`branding.color must be one of ${[...COLORS].join(', ')}`, branding)
      }
    }
  }

  const inputs = root.get('inputs', true)
  if (inputs !== undefined && !isMap(inputs)) report('"inputs" must be a mapping', inputs as Node)
  if (isMap(inputs)) {
    for (const pair of inputs.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : ''
      const keyNode = pair.key as Node
      if (!NAME.test(name)) report(`input "${name}": not a valid input name`, keyNode)
      if (!isMap(pair.value)) {
        report(`input "${name}" must be a mapping with a description`, keyNode)
        continue
      }
      const spec = pair.value as YAMLMap
      for (const item of spec.items) {
        const key = isScalar(item.key) ? String(item.key.value) : ''
        if (!INPUT_KEYS.has(key)) report(`input "${name}": unknown key "${key}"`, item.key as Node)
      }
      const description = string(spec, 'description')?.trim() ?? ''
      if (!description) report(`input "${name}" has no description`, keyNode)
      const requiredNode = spec.get('required', true)
      if (
        requiredNode !== undefined &&
        !(isScalar(requiredNode) && typeof requiredNode.value === 'boolean')
      ) {
        report(`input "${name}": "required" must be true or false`, requiredNode as Node)
      }
      const required = isScalar(requiredNode) && requiredNode.value === true
      const defaultNode = spec.get('default', true)
      let fallback: string | undefined
      if (defaultNode !== undefined) {
        if (!isScalar(defaultNode) || typeof defaultNode.value !== 'string') {
          report(
            `input "${name}": quote the default ("${String(isScalar(defaultNode) ? defaultNode.value : '')}"): inputs are strings`,
            defaultNode as Node
          )
        } else fallback = defaultNode.value
        if (required) report(`input "${name}" is required and has a default: choose one`, keyNode)
      }
      metadata.inputs.set(name, {
        description,
        required,
        ...(fallback === undefined ? {} : { default: fallback }),
        line: at(keyNode) ?? 0
      })
    }
  }

  const outputs = root.get('outputs', true)
  if (outputs !== undefined && !isMap(outputs))
    report('"outputs" must be a mapping', outputs as Node)
  if (isMap(outputs)) {
    for (const pair of outputs.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : ''
      const keyNode = pair.key as Node
      if (!NAME.test(name)) report(`output "${name}": not a valid output name`, keyNode)
      const description = isMap(pair.value) ? string(pair.value, 'description')?.trim() : undefined
      if (!description) report(`output "${name}" has no description`, keyNode)
      metadata.outputs.set(name, { description: description ?? '', line: at(keyNode) ?? 0 })
    }
  }

  const runs = root.get('runs', true)
  if (!isMap(runs)) {
    report('"runs" is required')
    return { metadata, problems }
  }
  metadata.runs = runs.toJSON() as Record<string, unknown>
  const using = string(runs, 'using')
  const dir = dirname(file)
  if (rules.marketplace && using !== 'node24') {
    report(`runs.using must be node24 (got ${using ?? 'nothing'})`, runs)
  }
  if (using && JS_RUNTIMES.has(using)) {
    for (const key of ['pre', 'main', 'post']) {
      const entry = string(runs, key)
      if (key === 'main' && !entry) report('runs.main is required for a JavaScript action', runs)
      if (entry && !existsSync(join(dir, entry))) {
        report(`runs.${key}: ${entry} does not exist`, runs.get(key, true) as Node)
      }
    }
    if (isMap(outputs)) {
      for (const pair of outputs.items) {
        if (isMap(pair.value) && pair.value.has('value')) {
          report(
            'outputs of a JavaScript action take no "value" (composite actions only)',
            pair.key as Node
          )
        }
      }
    }
    const post = string(runs, 'post')
    const postIf = string(runs, 'post-if')
    if (rules.marketplace && post && postIf !== 'always()') {
      report(
        'runs.post-if must be always(): the token must be revoked when the job fails too',
        runs
      )
    }
  } else if (using !== 'composite' && using !== 'docker') {
    report(`runs.using: unknown runtime "${using ?? ''}"`, runs)
  }
  return { metadata, problems }
}
