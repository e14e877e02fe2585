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

describe('dist bundles', () => {
  it('post is one script with none of the dependencies: it needs no cookie jar', () => {
    expect(scripts('post')).toEqual(['index.js'])
    const post = read('post', 'index.js')
    for (const [name, marker] of Object.entries(MARKERS)) {
      expect([name, post.includes(marker)]).toEqual([name, false])
    }
  })

  it('main loads tough-cookie from a chunk of its own, only on the password path', () => {
    const main = read('main', 'index.js')
    for (const [name, marker] of Object.entries(MARKERS)) {
      expect([name, main.includes(marker)]).toEqual([name, false])
    }
    const chunks = scripts('main').filter((name) => name !== 'index.js')
    expect(chunks).toHaveLength(1)
    const chunk = read('main', chunks[0] as string)
    expect(chunk).toContain(MARKERS['tough-cookie'])
    expect(chunk).toContain(MARKERS['tldts (public-suffix list)'])
    // The entry imports it relative to itself, so it loads from dist/main wherever that is.
    expect(main).toContain('import("./" + __nccwpck_require__.u(chunkId))')
  })

  it('both steps talk to the runner through @actions/core itself, not a copy of part of it', () => {
    for (const step of ['main', 'post'] as const) {
      expect([step, read(step, 'index.js').includes(CORE_MARKER)]).toEqual([step, true])
    }
  })
})
