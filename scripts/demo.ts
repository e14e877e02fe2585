/**
 * `npm run demo`: the hand-off the action exists for, on this machine, in a few seconds.
 * Starts the bundled Jenkins emulator, runs the committed dist/ main step as the runner
 * would, triggers a Jenkins job with the new token and waits for its result (as a later
 * workflow step would), runs the post step, and shows that Jenkins now refuses the token.
 * Log lines are masked as the runner masks them; the job summary is shown as GitHub shows it.
 */
import { startJenkinsEmulator } from '../__tests__/emulator/jenkins-emulator.js'
import { maskedValues, runStep, type StepResult } from '../__tests__/support/action-runner.js'

const HELP = `Usage: npm run demo [-- options]

Shows the whole life of a token against a Jenkins emulator on 127.0.0.1:
mint it (the action's main step), trigger the job "deploy" with it and wait for the
result, revoke it (the post step), and check that Jenkins refuses it afterwards.

Options:
  --api-token   log in with an existing API token instead of a password
  --debug       also show the action's debug lines (as with debug logging on)
  --help        this text`

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP)
  process.exit(0)
}
const unknown = args.filter((a) => !['--api-token', '--debug'].includes(a))
if (unknown.length > 0) {
  console.error(`demo: unknown option ${unknown.join(' ')} (see --help)`)
  process.exit(2)
}
const login = args.includes('--api-token') ? 'api-token' : 'password'
const debug = args.includes('--debug')

// Colour only for a person at a terminal, never in a log file or a pipe.
const colour = process.stdout.isTTY === true && !process.env.NO_COLOR
const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s)
const dim = (s: string) => (colour ? `\x1b[2m${s}\x1b[0m` : s)
const green = (s: string) => (colour ? `\x1b[32m${s}\x1b[0m` : s)
const red = (s: string) => (colour ? `\x1b[31m${s}\x1b[0m` : s)

const masks: string[] = []
function mask(text: string): string {
  let out = text
  for (const value of [...masks].sort((a, b) => b.length - a.length)) {
    if (value) out = out.split(value).join('***')
  }
  return out
}

let chapter = 0
function title(text: string): void {
  chapter++
  console.log(`\n${bold(`${chapter}. ${text}`)}`)
}

function say(text: string): void {
  console.log(`   ${text}`)
}

/** The step's log as the runner shows it: masks applied, commands hidden or rendered. */
function showLog(result: StepResult): void {
  masks.push(...maskedValues(result.stdout))
  for (const line of result.stdout.split('\n')) {
    if (line === '' || line.startsWith('::add-mask::')) continue
    if (line.startsWith('::debug::')) {
      if (debug) say(dim(mask(`Debug: ${line.slice('::debug::'.length)}`)))
      continue
    }
    const command = /^::(warning|error|notice)[^:]*::(.*)$/.exec(line)
    if (command) {
      const [, kind = '', text = ''] = command
      const label = `${kind[0]?.toUpperCase()}${kind.slice(1)}: `
      say(mask(kind === 'error' ? red(label + text) : label + text))
    } else say(dim('│ ') + mask(line))
  }
}

/**
 * The step summary, rendered roughly as GitHub renders it: @actions/core writes it as HTML
 * (a heading, tables, paragraphs), shown here as text with aligned table columns.
 */
function showSummary(html: string): void {
  const text = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .trim()
  for (const block of html.match(
    /<h\d>[\s\S]*?<\/h\d>|<table>[\s\S]*?<\/table>|<p>[\s\S]*?<\/p>/g
  ) ?? []) {
    if (block.startsWith('<h')) say(bold(text(block)))
    else if (block.startsWith('<p>')) say(mask(text(block)))
    else {
      const rows = (block.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) =>
        (row.match(/<t[hd]>[\s\S]*?<\/t[hd]>/g) ?? []).map(text)
      )
      const width = Math.max(0, ...rows.map((r) => (r[0] ?? '').length))
      for (const r of rows) say(`  ${(r[0] ?? '').padEnd(width)}   ${mask(r.slice(1).join('   '))}`)
    }
  }
}

async function get(url: string, auth: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { headers: { authorization: auth } })
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, json }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

const jenkins = await startJenkinsEmulator({
  contextPath: '/jenkins',
  jobs: [{ name: 'deploy', parameters: { GIT_SHA: '' }, queueMs: 400, buildMs: 1200 }]
})
let failed = false
try {
  console.log(bold('The Jenkins API token action, from mint to revoke'))
  say(`Jenkins (a local emulator): ${jenkins.url}`)
  say('Users: alice (password alice-password), admin (admin-password). Job: deploy.')

  const inputs: Record<string, string> = { 'jenkins-url': jenkins.url, username: 'alice' }
  if (login === 'api-token') {
    inputs['api-token'] = jenkins.addToken('alice', 'long-lived login token').value
  } else inputs.password = 'alice-password'
  masks.push(inputs.password ?? inputs['api-token'] ?? '')

  title(`The action's main step logs in as alice (${login}) and mints a token for this job`)
  const main = await runStep('main', { inputs, entry: 'dist' })
  showLog(main)
  if (main.exitCode !== 0) throw new Error('the main step failed')
  say('Its outputs, for later steps (the token is masked in every log):')
  for (const [name, value] of Object.entries(main.outputs)) say(`  ${name}: ${mask(value)}`)
  say('The job summary, as GitHub shows it on the run page:')
  showSummary(main.summary)

  const token = main.outputs.token ?? ''
  const user = main.outputs.user ?? 'alice'
  const auth = `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`

  title('A later step triggers the Jenkins job "deploy" with the new token')
  say(
    dim(
      `$ curl -X POST -u "$JENKINS_USER:$JENKINS_TOKEN" ${jenkins.url}job/deploy/buildWithParameters -d GIT_SHA=…`
    )
  )
  const trigger = await fetch(`${jenkins.url}job/deploy/buildWithParameters`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'GIT_SHA=c0ffee',
    redirect: 'manual'
  })
  const queue = trigger.headers.get('location') ?? ''
  if (trigger.status !== 201 || !queue) throw new Error(`Jenkins answered ${trigger.status}`)
  say(`Jenkins queued the build (HTTP 201): ${queue}`)

  title('It waits for the build to start, then for its result')
  let build = ''
  while (!build) {
    const item = (await get(`${queue}api/json`, auth)).json as { executable?: { url: string } }
    build = item.executable?.url ?? ''
    if (!build) await pause(200)
  }
  say(`The build started: ${build}`)
  let result: string | null = null
  while (!result) {
    const b = (await get(`${build}api/json?tree=result`, auth)).json as { result: string | null }
    result = b.result
    if (!result) await pause(200)
  }
  say(`The build finished: ${result === 'SUCCESS' ? green(result) : red(result)}`)

  title("When the job ends, the action's post step revokes the token")
  const post = await runStep('post', { state: main.state, entry: 'dist' })
  showLog(post)
  if (post.exitCode !== 0) throw new Error('the post step failed')

  title('Afterwards, the token is worthless')
  const after = await get(`${jenkins.url}whoAmI/api/json`, auth)
  if (after.status === 401) {
    say(`Jenkins refuses it: HTTP 401 Unauthorized. ${green('The token no longer works.')}`)
  } else {
    failed = true
    say(red(`Jenkins still answers the token with HTTP ${after.status}: it was not revoked.`))
  }
  const left = jenkins.tokens('alice').filter((t) => t.name !== 'long-lived login token')
  say(`Tokens this job left behind in Jenkins: ${left.length}.`)
  if (left.length > 0) failed = true
} catch (error) {
  failed = true
  console.error(red(`demo: ${error instanceof Error ? error.message : String(error)}`))
} finally {
  await jenkins.close()
}
process.exitCode = failed ? 1 : 0
