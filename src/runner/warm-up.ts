import { attemptStarted, dialEarly } from '../http/early-dial.js'
import type { Agents, ResumableSession } from '../http/transport.js'
import { normaliseJenkinsUrl } from './jenkins-url-input.js'
import { MINTED_STATE, type MintedState } from './minted-record.js'
import { readSessionRecord, TLS_SESSION_STATE } from './tls-session-record.js'
import type { WarmHint } from './warm-connection.js'

/**
 * Starts the step's connection to the controller before the rest of the action loads: TCP
 * first, with nothing but node:net loaded, then TLS (warm-connection.ts), and only then
 * @actions/core and the step's code. Loading those (undici above all) takes about as long as
 * the handshakes to a controller tens of milliseconds away, so the two overlap instead of
 * adding up. What it reads, the variables in which the runner passes the inputs (or main's
 * state to post), is only a hint: every input is still read, checked and masked through
 * @actions/core before any request, and a hint it cannot use means no warm-up. Only the
 * handshakes happen here; no byte of HTTP, and so no secret, is sent.
 *
 * This module stays light (no TLS, no crypto, no @actions/core): its cost comes before the dial.
 */
export function warmUpForMain(env: NodeJS.ProcessEnv = process.env): Promise<Agents | undefined> {
  return warmUp(
    hint(
      env['INPUT_JENKINS-URL'],
      env['INPUT_CA-CERTIFICATE'],
      env['INPUT_INSECURE-SKIP-TLS-VERIFY']
    )
  )
}

/** The same for the post step, from the state main saved, when there is a token to revoke. */
export function warmUpForPost(env: NodeJS.ProcessEnv = process.env): Promise<Agents | undefined> {
  let parsed: unknown
  try {
    parsed = JSON.parse(env[`STATE_${MINTED_STATE}`] ?? '')
  } catch {
    return Promise.resolve(undefined)
  }
  // Whatever the file holds; a record the post step cannot read gets its warning there.
  if (typeof parsed !== 'object' || parsed === null) return Promise.resolve(undefined)
  const state: Partial<Record<keyof MintedState, unknown>> = parsed
  if (state.revoke !== true || state.revokedInMain === true) return Promise.resolve(undefined)
  return warmUp(
    hint(
      typeof state.jenkinsUrl === 'string' ? state.jenkinsUrl : undefined,
      typeof state.caCertificate === 'string' ? state.caCertificate : undefined,
      state.insecureSkipTlsVerify === true ? 'true' : undefined
    ),
    readSessionRecord(env[`STATE_${TLS_SESSION_STATE}`])
  )
}

/**
 * The step's module once loaded, the event loop let to poll for I/O between the parts of the
 * load. Through a proxy, the proxy answers the CONNECT while the action loads, and Node's agent
 * reads that answer (and sends the TLS client hello) only when the loop polls. So the load comes
 * in two parts with a poll after each: @actions/http-client with undici first (most of the
 * load, and what @actions/core loads first), then @actions/core and the step's code. An answer
 * that came during the first part has the hello sent before the second, so the hello waits
 * for neither the rest of the load nor the step's own start (reading inputs, the cookie jar's
 * chunk, up to its first request). On a slower runner the load outlasts the proxy's round
 * trip, and every millisecond the hello waits past it is paid. Direct, the hello has long gone
 * and the polls cost nothing.
 */
export async function loadedStep<T>(load: () => Promise<T>): Promise<T> {
  await import('@actions/http-client')
  await polled()
  const step = await load()
  await polled()
  return step
}

/**
 * Two immediates: an immediate set while the loop handles I/O runs before it polls again; the
 * second comes after a poll whatever phase the load ended in.
 */
async function polled(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
}

async function warmUp(
  given: WarmHint | undefined,
  session?: ResumableSession
): Promise<Agents | undefined> {
  if (!given) return undefined
  const socket = dialEarly(given.url)
  if (socket) await attemptStarted(socket)
  const { openWarmConnection } = await import('./warm-connection.js')
  return openWarmConnection(given, socket, session)
}

function hint(
  url: string | undefined,
  ca: string | undefined,
  insecure: string | undefined
): WarmHint | undefined {
  try {
    return {
      url: new URL(normaliseJenkinsUrl((url ?? '').trim())),
      ca: (ca ?? '').trim(),
      // The spellings core.getBooleanInput takes as true.
      insecure: ['true', 'True', 'TRUE'].includes((insecure ?? '').trim())
    }
  } catch {
    return undefined
  }
}
