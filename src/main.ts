import { runMintStep } from './mint-step.js'

await runMintStep()
