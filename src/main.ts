import { loadedStep, warmUpForMain } from './runner/warm-up.js'

// The connection first, then the rest of the action, loaded while the handshakes run.
const agents = await warmUpForMain()
const { runMintStep } = await loadedStep(() => import('./runner/mint-step.js'))
await runMintStep(agents)
