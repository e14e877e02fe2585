// Runs after the post steps of the steps that follow this one: checks each listed token.
import { readFileSync } from 'node:fs'

const file = process.env.INPUT_FILE ?? ''
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
if (lines.length === 0) {
  console.log(`::error::${file} lists no token: the end-to-end job checked nothing.`)
  process.exit(1)
}
let failed = 0
for (const [index, line] of lines.entries()) {
  const [expected, url, user, token] = line.split('\t')
  const response = await fetch(`${url}whoAmI/api/json`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` }
  })
  const ok = String(response.status) === expected
  const what = expected === '200' ? 'still valid' : 'revoked'
  const text = `token ${index + 1} of ${user}: expected ${what} (${expected}), got HTTP ${response.status}`
  console.log(ok ? `ok: ${text}` : `::error::${text}`)
  if (!ok) failed++
}
if (failed > 0) process.exit(1)
