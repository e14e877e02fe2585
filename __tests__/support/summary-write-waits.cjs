// Preload for a dist step (NODE_OPTIONS=--require): the step's first write to its job summary
// (GITHUB_STEP_SUMMARY) waits for a stop signal (20 s at most), as a slow disk may hold it, so
// that a test can stop the step just there: the file SUMMARY_WRITE_WAITING names is created as
// the wait begins. Later writes land at once.
const fs = require('node:fs')
const original = fs.promises.appendFile
let first = true
fs.promises.appendFile = async function (path, ...rest) {
  if (first && path === process.env.GITHUB_STEP_SUMMARY) {
    first = false
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 20_000)
      const stop = () => {
        clearTimeout(timer)
        resolve()
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      fs.writeFileSync(process.env.SUMMARY_WRITE_WAITING, '')
    })
  }
  return original.call(this, path, ...rest)
}
