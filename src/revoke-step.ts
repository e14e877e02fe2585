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
  if (state.revokedInMain) {
    core.info(
      `The main step revoked token ${label} when it failed verification: nothing to revoke.`
    )
    return
  }
  if (!state.revoke) {
    core.info(`revoke is false: leaving token ${label} valid until it expires.`)
    return
  }
  const transport = postTransport(state)
  try {
    const outcome = await revokeOwnToken(
      state.jenkinsUrl,
      state.user,
      state.token,
      state.tokenUuid,
      transport
    )
    if (outcome === 'revoked') core.info(`Revoked Jenkins API token ${label}.`)
    else
      core.warning(
        `Jenkins did not accept token ${label} to revoke it (HTTP 401): it no longer authenticates as ${inline(state.user)}, so it has expired or someone revoked it, which the action cannot confirm. If it is still listed at ${securityPage(state.jenkinsUrl, state.user)}, revoke it there (token UUID ${state.tokenUuid}).`
      )
  } catch (error) {
    core.warning(
      `Could not revoke Jenkins API token ${label}: ${errorMessage(error)} Revoke it by hand at ${securityPage(state.jenkinsUrl, state.user)} (token UUID ${state.tokenUuid}).`
    )
  } finally {
    transport.close()
  }
}
