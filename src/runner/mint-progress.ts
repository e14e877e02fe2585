import { errorMessage } from '../jenkins/errors.js'
import type { AttemptRecord } from './attempts.js'
import { log } from './log.js'
import { quoted } from './log-text.js'
import { mayExistWarning, revokePageFor, whyItMayExist } from './may-exist.js'
import { validUntil } from './minted-record.js'
import type { MintedState } from './state.js'
import { onStopSignal, stoppedBy } from './stop-signals.js'
import { type TokenFacts, type TokenToCheck, writeSummary } from './summary.js'

/** What the main step has done so far: what an error or a stop signal must account for. */
export class Progress {
  attempts: AttemptRecord | undefined
  minted: MintedState | undefined
  /** A token Jenkins made that the step could not record for the post step. */
  unrecorded: MintedState | undefined
  /** A recorded token the step could not write to its outputs or the job's environment. */
  notHandedOut: { token: MintedState; write: string } | undefined
  token: TokenFacts | undefined
  stopping = false
  private readonly warned = new Set<string>()

  /** One warning per token Jenkins may hold, each printed once; returns them for the summary. */
  warnPossiblyCreated(): TokenToCheck[] {
    const record = this.attempts
    if (!record) return []
    const lost = record.possiblyCreated().filter((a) => a.name !== this.minted?.tokenName)
    for (const attempt of lost) {
      if (this.warned.has(attempt.name)) continue
      this.warned.add(attempt.name)
      log.warning(mayExistWarning(attempt, record.where))
    }
    return lost.map((attempt) => ({
      name: attempt.name,
      ...(attempt.uuid ? { uuid: attempt.uuid } : {}),
      why: whyItMayExist(attempt)
    }))
  }

  async summarise(notes: string[] = []): Promise<void> {
    const tokens = this.warnPossiblyCreated()
    // Stopped while revoking a token it could not record: a created attempt, so not among the
    // possibly created, but just as much one to check.
    if (this.unrecorded) {
      tokens.push({
        name: this.unrecorded.tokenName,
        uuid: this.unrecorded.tokenUuid,
        why: 'the step could not record it for the post step, and stopped while revoking it'
      })
    }
    const lines = [...notes]
    const left = this.notHandedOut
    if (left) {
      const { tokenName, tokenUuid, user, revoke } = left.token
      const failed = `writing ${left.write} failed, so no later step was sure to get it`
      if (this.minted?.revokedInMain) {
        lines.push(
          `The step created token ${quoted(tokenName)} (${tokenUuid}) of ${quoted(user)}, but ${failed}: the action revoked it.`
        )
      } else {
        const post = revoke ? '; the post step tries again' : ''
        tokens.push({ name: tokenName, uuid: tokenUuid, why: `${failed}${post}` })
      }
    }
    await writeSummary({
      ...(this.token ? { token: this.token } : {}),
      notes: lines,
      ...(this.attempts ? { checkByHand: { tokens, where: this.attempts.where } } : {})
    }).catch((error: unknown) => log.debug(`No job summary: ${errorMessage(error)}`))
  }
}

/**
 * The attempts are already saved; on a stop signal the step names every token Jenkins may
 * hold, and fails.
 */
export function handleStopSignals(progress: Progress): () => void {
  return onStopSignal(1, (signal) => {
    progress.stopping = true
    const lost = progress.warnPossiblyCreated()
    const message = stopMessage(signal, progress, lost.length > 0)
    log.fail(message)
    return progress.summarise([message])
  })
}

function stopMessage(signal: NodeJS.Signals, progress: Progress, lost: boolean): string {
  const stopped = stoppedBy(signal)
  const unrecorded = progress.unrecorded
  if (unrecorded) {
    return `${stopped} while revoking token ${quoted(unrecorded.tokenName)} (${unrecorded.tokenUuid}), which the step could not record for the post step: it may still be valid; revoke it by hand at ${revokePageFor(unrecorded)}.`
  }
  const minted = progress.minted
  const left = progress.notHandedOut
  if (left && !minted?.revokedInMain) {
    // Stopped while revoking a token no step was given: with revoke false, post leaves it.
    const { tokenName, tokenUuid, revoke } = left.token
    const next = revoke
      ? 'the post step tries to revoke it'
      : `revoke it by hand at ${revokePageFor(left.token)}`
    return `${stopped} while revoking token ${quoted(tokenName)} (${tokenUuid}), which no later step was sure to get (writing ${left.write} failed): it may still be valid; ${next}.`
  }
  if (minted?.revokedInMain) {
    return `${stopped} after the action had revoked token ${quoted(minted.tokenName)} (${minted.tokenUuid}).`
  }
  if (minted) {
    // With revoke false this line is the only error-level mention of a token left valid.
    return `${stopped} after token ${quoted(minted.tokenName)} (${minted.tokenUuid}) was created: ${minted.revoke ? 'the post step revokes it' : `revoke is false, so it stays ${validUntil(minted)}`}.`
  }
  if (lost) {
    return `${stopped} before Jenkins confirmed a token: it may have created one; the warnings above name each token to check and the page to revoke it on.`
  }
  return `${stopped} before any token was created.`
}
