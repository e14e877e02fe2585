import { runMintStep } from './runner/mint-step.js'

await runMintStep()
