// Guards the size of the committed dist/ against growth (a size check, not a timing). Each
// step bundles @actions/core, whose OIDC client and undici make up most of its ~1.1 MB: a
// cost accepted for talking to the runner through the runner's own library (issue 9).
// `npm run bench` measures start-up and wall time (docs/benchmarks.md). The limit sits a few
// per cent above main's size, so that growth is a decision, not a drift: 1.50 MB once the
// fixes for stalled connections, unrecordable tokens and restarting controllers landed; 1.56
// MB with those for damaged records, unusable mint answers, outputs that cannot be written, a
// restart met in main, and proxies' and reverse proxies' own refusals (messages, mostly); 1.6
// MB for more such messages; 1.65 MB with the messages for answers cut off or stalled and for
// statuses no message explained, the wait for a controller that went away mid-step, and the
// load split in two chunks (1.7 KB of it).
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const LIMIT = 1_650_000
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
for (const failure of failures) console.error(failure)
process.exit(failures.length ? 1 : 0)
