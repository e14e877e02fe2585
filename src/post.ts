import { warmUpForPost } from './runner/warm-up.js'

// The connection first, then the rest of the action, loaded while the handshakes run.
const agents = await warmUpForPost()
const { runRevokeStep } = await import('./runner/revoke-step.js')
await runRevokeStep(agents)
