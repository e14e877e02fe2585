import * as core from '@actions/core'
import { errorMessage } from './jenkins/errors.js'
import { revokeOwnToken } from './jenkins/tokens.js'
import { securityPage } from './jenkins/url.js'
import { inline, quoted } from './log-text.js'
import { maskSecret } from './masking.js'
import { mayExist } from './may-exist.js'
import { loadAttempts, loadMinted } from './state.js'
import { postTransport } from './transport-settings.js'

/**
 * The post step: revoke exactly the token the main step minted. It never fails the job: a
 * token it cannot revoke is a warning that names it, so a person can revoke it by hand.
 */
export async function runRevokeStep(): Promise<void> {
  const state = loadMinted()
  const attempts = loadAttempts()
  const lost = attempts?.uncertain.filter((name) => name !== state?.tokenName) ?? []
  if (attempts && lost.length > 0) core.warning(mayExist(lost, attempts))
  if (!state) {
    core.info('No Jenkins token was created in this job: nothing to revoke.')
    return
  }
  maskSecret(state.token, state.user)
  const label = `${quoted(state.tokenName)} (${inline(state.tokenUuid)}) of ${inline(state.user)} on ${state.jenkinsUrl}`
  if (!state.revoke) {
    core.info(`revoke is false: leaving token ${label} valid until it expires.`)
    return
  }
  try {
    const outcome = await revokeOwnToken(
      state.jenkinsUrl,
      state.user,
      state.token,
      state.tokenUuid,
      postTransport(state)
    )
    core.info(
      outcome === 'revoked'
        ? `Revoked Jenkins API token ${label}.`
        : `Jenkins API token ${label} no longer authenticates (already revoked or expired): nothing to revoke.`
    )
  } catch (error) {
    core.warning(
      `Could not revoke Jenkins API token ${label}: ${errorMessage(error)} Revoke it by hand at ${securityPage(state.jenkinsUrl, state.user)} (token UUID ${state.tokenUuid}).`
    )
  }
}
