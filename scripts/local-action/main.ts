/** Entry point for `npm run local-action`: @github/local-action imports this and calls run(). */
export { runMintStep as run } from '../../src/mint-step.js'
