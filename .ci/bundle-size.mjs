// Guards the sizes issue 6 set, on the committed dist/ (a size check, not a timing):
// each entry with its chunks stays under the smallest comparable action's bundle
// (google-github-actions/auth, about 634 KB), and post stays under half of main.
// `npm run bench` measures and explains them (docs/benchmarks.md).
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const LIMIT = 634_000
const root = join(import.meta.dirname, '..', 'dist')
const size = (step) =>
  readdirSync(join(root, step))
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + statSync(join(root, step, name)).size, 0)

const sizes = { main: size('main'), post: size('post') }
const failures = []
for (const [step, bytes] of Object.entries(sizes)) {
  console.log(`dist/${step}: ${bytes} bytes (limit ${LIMIT})`)
  if (bytes >= LIMIT) failures.push(`dist/${step} is ${bytes} bytes, not under ${LIMIT}`)
}
if (sizes.post * 2 > sizes.main) {
  failures.push(`dist/post (${sizes.post} bytes) is not under half of dist/main (${sizes.main})`)
}
for (const failure of failures) console.error(failure)
process.exit(failures.length ? 1 : 0)
