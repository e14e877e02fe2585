import type { MintObserver } from '../jenkins/tokens.js'
import type { Where } from './may-exist.js'
import {
  type Attempt,
  type AttemptOutcome,
  type AttemptsState,
  possiblyCreated as possiblyCreatedIn,
  saveAttempts
} from './state.js'

/**
 * The main step's record of its mint attempts, saved for the post step at every change, so
 * whatever stops the step (an error, a cancelled job, a killed process) leaves the truth.
 */
export class AttemptRecord {
  private readonly state: AttemptsState

  constructor(where: Where) {
    this.state = { ...where, attempts: [] }
  }

  /** The observer the mint reports to. */
  readonly observer: MintObserver = {
    attempting: (name) => {
      const attempt: Attempt = { name, outcome: 'pending' }
      // A name given again: its attempt did not reach Jenkins (tokens.ts), and the record keeps
      // one entry a name, the one whose outcome is still to come.
      const before = this.state.attempts.findIndex(
        (a) => a.name === name && a.outcome === 'not-created'
      )
      const earlier = before >= 0 ? this.state.attempts.splice(before, 1)[0] : undefined
      this.state.attempts.push(attempt)
      try {
        this.save()
      } catch (error) {
        // Nothing goes out unrecorded: the request is not sent, so no token can follow it.
        this.state.attempts.splice(this.state.attempts.indexOf(attempt), 1)
        if (earlier) this.state.attempts.splice(before, 0, earlier)
        throw error
      }
    },
    uncertain: (name, uuid) => this.settle(name, 'may-exist', uuid),
    answered: (name, created) => this.settle(name, created ? 'created' : 'not-created')
  }

  settle(name: string, outcome: AttemptOutcome, uuid?: string): void {
    const attempt = this.state.attempts.find((a) => a.name === name)
    // A token in hand is a fact no later report can undo.
    if (!attempt || attempt.outcome === 'created') return
    attempt.outcome = outcome
    if (uuid) attempt.uuid = uuid
    // Once a request is sent, a failed write (a full disk) must not throw away what the step
    // holds in hand: the record in memory stays the step's truth. The post step reads the last
    // record saved, whose attempt is still pending, which it names as a token to check.
    try {
      this.save()
    } catch {
      // The save before the request (attempting) throws instead: nothing goes out unrecorded.
    }
  }

  /**
   * Attempts Jenkins may hold a token for: sent, and settled neither way. A `pending` one
   * stays `pending` in the state when the step stops; the post step reads it the same way.
   */
  possiblyCreated(): Attempt[] {
    return possiblyCreatedIn(this.state)
  }

  get where(): Where {
    const { attempts: _, ...where } = this.state
    return where
  }

  /**
   * Saved without the attempts Jenkins certainly did not act on, but the last: a controller
   * that starts slowly answers a new attempt every few seconds, and the post step gets the
   * record in one environment variable (at most 128 KiB). It needs only the names Jenkins may
   * hold, and whether any request was answered at all.
   */
  private save(): void {
    const last = this.state.attempts.filter((a) => a.outcome === 'not-created').at(-1)
    saveAttempts({
      ...this.state,
      attempts: this.state.attempts.filter((a) => a.outcome !== 'not-created' || a === last)
    })
  }
}
