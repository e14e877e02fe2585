/** Post entry point for `npm run local-action:post`: @github/local-action calls run(). */
export { runRevokeStep as run } from '../../src/revoke-step.js'
