// Kept apart from state.ts, which loads @actions/core: the post step's warm-up reads this
// record before anything else loads.
import { resumesAt } from '../http/sockets.js'
import type { ResumableSession } from '../http/transport.js'

/**
 * The state key of the TLS session main hands to post (STATE_tls-session). Post's one
 * connection then resumes main's session: the controller sends no certificate and post checks
 * none, which the session's secret makes safe, since only the server main verified holds it.
 * A record post cannot use (none saved, the server forgot it, another host) means a full
 * handshake, as without it.
 */
export const TLS_SESSION_STATE = 'tls-session'

/**
 * Whether post, which dials the token's `jenkinsUrl`, would offer the session there (not, say,
 * at an http URL main was redirected from to https, which post follows afresh).
 */
export function offeredAt(resumable: ResumableSession, jenkinsUrl: string): boolean {
  try {
    return resumesAt(resumable, new URL(jenkinsUrl))
  } catch {
    return false
  }
}

export function sessionRecord(resumable: ResumableSession): { record: string; secret: string } {
  const secret = resumable.data.toString('base64')
  return {
    record: JSON.stringify({ host: resumable.host, port: resumable.port, session: secret }),
    secret
  }
}

/** The session in a saved record, or undefined for anything that is not such a record. */
export function readSessionRecord(text: string | undefined): ResumableSession | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text ?? '')
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { host, port, session } = parsed as Record<string, unknown>
  if (typeof host !== 'string' || typeof port !== 'number' || typeof session !== 'string') {
    return undefined
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(session)) return undefined
  return { host, port, data: Buffer.from(session, 'base64') }
}
