import { holdStopSignals } from './runner/stop-signals.js'
import { loadedStep, warmUpForPost } from './runner/warm-up.js'

// A job cancelled while the step loads: the signal waits for the step's own handler, which
// names the token, instead of ending the step in silence.
const held = holdStopSignals(0)
// The connection first, then the rest of the action, loaded while the handshakes run.
const agents = await warmUpForPost()
await (await loadedStep(() => import('./runner/revoke-step.js'))).runRevokeStep(agents, held)
