/** Post entry point for `npm run local-action:post`: @github/local-action calls run(). */
import { runRevokeStep } from '../../src/revoke-step.js'
import { runAsRunner } from './runner-files.js'

export const run = () => runAsRunner('post', runRevokeStep)
