import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'

/**
 * The source reads as three parts: the HTTP carriage (src/http), the Jenkins client
 * (src/jenkins), and the runner glue (src/runner), under two entry files. Each part may use
 * only the parts below it, and no module imports itself through others.
 */
const SRC = resolve(import.meta.dirname, '..', '..', 'src')

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : []
  )
}

/**
 * Relative imports of a module, static, re-exported, dynamic or for side effects only
 * (`import './x.js'`), as paths under src/.
 */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
    ...text.matchAll(/^\s*import\s+'(\.{1,2}\/[^']+)'/gm)
  ].map((match) => match[1] ?? '')
  return specifiers.map((specifier) =>
    relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
  )
}

const graph = new Map(modules(SRC).map((file) => [relative(SRC, file), importsOf(file)]))

const LAYERS = ['http/', 'jenkins/', 'runner/']

function layer(module: string): number {
  const index = LAYERS.findIndex((prefix) => module.startsWith(prefix))
  return index === -1 ? LAYERS.length : index
}

describe('the source layout', () => {
  it('finds the modules and their imports', () => {
    expect(graph.get('main.ts')).toEqual(['runner/warm-up.ts', 'runner/mint-step.ts'])
    expect(graph.get('jenkins/tokens.ts')).toContain('http/transport.ts')
  })

  it('reads every form of import, one for side effects only included', () => {
    const text = [
      "import { a } from './a.js'",
      "export { b } from '../b.js'",
      "const c = await import('./c.js')",
      "import './d.js'"
    ].join('\n')
    expect(importsOf(join(SRC, 'http', 'x.ts'), text)).toEqual([
      'http/a.ts',
      'b.ts',
      'http/c.ts',
      'http/d.ts'
    ])
  })

  it('has no import cycles', () => {
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return
      if (state.get(module) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(module)), module].join(' → '))
        return
      }
      state.set(module, 'visiting')
      for (const next of graph.get(module) ?? []) visit(next, [...path, module])
      state.set(module, 'done')
    }
    for (const module of graph.keys()) visit(module, [])
    expect(cycles).toEqual([])
  })

  it('lets each part use only the parts below it: glue → Jenkins client → HTTP carriage', () => {
    const upward = [...graph].flatMap(([module, imports]) =>
      imports.filter((target) => layer(target) > layer(module)).map((t) => `${module} → ${t}`)
    )
    expect(upward).toEqual([])
  })

  it('has every module in one of the three parts, but the entry files', () => {
    const loose = [...graph.keys()].filter((module) => layer(module) === LAYERS.length)
    expect(loose.sort()).toEqual(['main.ts', 'post.ts'])
  })

  it('keeps the entry files thin: each warms the connection, then starts its step', () => {
    for (const entry of ['main.ts', 'post.ts']) {
      const code = readFileSync(join(SRC, entry), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))
      expect([entry, code.length <= 5]).toEqual([entry, true])
    }
  })
})
