/**
 * Entry point for `npm run local-action`: @github/local-action imports this and calls run().
 * It stubs @actions/core, through which the action does all its talking to the runner, so the
 * step runs as it is: inputs from .env, outputs and state (main's, handed to post) kept by it.
 */
export { runMintStep as run } from '../../src/mint-step.js'
