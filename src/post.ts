import { runRevokeStep } from './runner/revoke-step.js'

await runRevokeStep()
