/** Entry point for `npm run local-action`: @github/local-action imports this and calls run(). */
import { runMintStep } from '../../src/mint-step.js'
import { runAsRunner } from './runner-files.js'

export const run = () => runAsRunner('main', runMintStep)
