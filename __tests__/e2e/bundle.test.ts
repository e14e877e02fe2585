import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'

/**
 * What the committed bundles contain: structure, not size or speed (those are measured by
 * `npm run bench` and guarded by .ci/bundle-size.mjs). Each marker is a line of code only
 * the named package has.
 */
const DIST = join(import.meta.dirname, '..', '..', 'dist')
const MARKERS = {
  'tough-cookie': 'class _CookieJar',
  'tldts (public-suffix list)': 'function getPublicSuffix('
}
const CORE_MARKER = 'getIDToken'

function scripts(step: 'main' | 'post'): string[] {
  return readdirSync(join(DIST, step)).filter((name) => name.endsWith('.js'))
}

function read(step: 'main' | 'post', name: string): string {
  return readFileSync(join(DIST, step, name), 'utf8')
}

/** The scripts of a step that hold a marker. */
function holding(step: 'main' | 'post', marker: string): string[] {
  return scripts(step).filter((name) => read(step, name).includes(marker))
}

describe('dist bundles', () => {
  it('each entry script is small and holds neither @actions/core nor the cookie jar', () => {
    for (const step of ['main', 'post'] as const) {
      const entry = read(step, 'index.js')
      expect([step, entry.includes(CORE_MARKER)]).toEqual([step, false])
      for (const [name, marker] of Object.entries(MARKERS)) {
        expect([step, name, entry.includes(marker)]).toEqual([step, name, false])
      }
      // It dials the controller first, then loads the rest from chunks beside it.
      expect(entry).toContain('import("./" + __nccwpck_require__.u(chunkId))')
    }
  })

  it('both steps talk to the runner through @actions/core itself, from one chunk each', () => {
    for (const step of ['main', 'post'] as const) {
      expect([step, holding(step, CORE_MARKER).length]).toEqual([step, 1])
    }
  })

  it('main loads tough-cookie from a chunk of its own, only on the password path', () => {
    const chunks = holding('main', MARKERS['tough-cookie'])
    expect(chunks).toHaveLength(1)
    const chunk = read('main', chunks[0] as string)
    expect(chunk).toContain(MARKERS['tldts (public-suffix list)'])
    expect(chunk).not.toContain(CORE_MARKER)
  })

  it('post has no cookie jar at all: it needs none', () => {
    for (const marker of Object.values(MARKERS)) expect(holding('post', marker)).toEqual([])
  })
})
