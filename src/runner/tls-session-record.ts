// Kept apart from state.ts, which loads @actions/core: the post step's warm-up reads this
// record before anything else loads.
import type { ResumableSession } from '../http/warm-agents.js'

/**
 * The state key of the TLS session main hands to post (STATE_tls-session). Post's one
 * connection then resumes main's session: the controller sends no certificate and post checks
 * none, which the session's secret makes safe, since only the server main verified holds it.
 * A record post cannot use (none saved, the server forgot it, another host) means a full
 * handshake, as without it.
 */
export const TLS_SESSION_STATE = 'tls-session'

export function sessionRecord(resumable: ResumableSession): { record: string; secret: string } {
  const secret = resumable.session.toString('base64')
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
  return { host, port, session: Buffer.from(session, 'base64') }
}
