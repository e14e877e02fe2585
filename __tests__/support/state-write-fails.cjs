// Preload for a dist step (NODE_OPTIONS=--require): appends to GITHUB_STATE fail with ENOSPC
// when the text being written matches FAIL_STATE_WRITES (a regular expression), as on a runner
// whose disk fills up during the step; FAIL_STATE_WRITES_TIMES fails only that many of them.
// Other writes land normally.
const fs = require('node:fs')
const original = fs.appendFileSync
const pattern = process.env.FAIL_STATE_WRITES ? new RegExp(process.env.FAIL_STATE_WRITES) : null
let left = Number(process.env.FAIL_STATE_WRITES_TIMES || Number.POSITIVE_INFINITY)
fs.appendFileSync = function (path, data, ...rest) {
  if (pattern && left > 0 && path === process.env.GITHUB_STATE && pattern.test(String(data))) {
    left--
    const error = new Error('ENOSPC: no space left on device, write')
    error.code = 'ENOSPC'
    throw error
  }
  return original.call(this, path, data, ...rest)
}
