import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'

/**
 * The source reads as three parts: the HTTP carriage (src/http), the Jenkins client
 * (src/jenkins), and the runner glue (the rest). Each part may use only the parts below it,
 * and no module imports itself through others.
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

/** Relative imports of a module, static, re-exported or dynamic, as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)
  ].map((match) => match[1] ?? '')
  return specifiers.map((specifier) =>
    relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
  )
}

const graph = new Map(modules(SRC).map((file) => [relative(SRC, file), importsOf(file)]))

function layer(module: string): number {
  if (module.startsWith('http/')) return 0
  if (module.startsWith('jenkins/')) return 1
  return 2
}

describe('the source layout', () => {
  it('finds the modules and their imports', () => {
    expect(graph.get('main.ts')).toEqual(['mint-step.ts'])
    expect(graph.get('jenkins/tokens.ts')).toContain('http/transport.ts')
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

  it('keeps the entry files thin: each only starts its step', () => {
    for (const entry of ['main.ts', 'post.ts']) {
      const lines = readFileSync(join(SRC, entry), 'utf8').trim().split('\n').filter(Boolean)
      expect([entry, lines.length]).toEqual([entry, 2])
    }
  })
})
