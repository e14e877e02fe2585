// Starts the list empty; later steps append to it, and post.js checks it when the job ends.
import { writeFileSync } from 'node:fs'

const file = process.env.INPUT_FILE ?? ''
if (file === '') {
  console.log('::error::Input file is required.')
  process.exit(1)
}
writeFileSync(file, '')
console.log(`Tokens listed in ${file} are checked when the job ends.`)
