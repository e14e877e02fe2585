import { runRevokeStep } from './revoke-step.js'

await runRevokeStep()
