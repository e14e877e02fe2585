import type { Socket } from 'node:net'
import { atMost } from '../http/sockets.js'
import { Agents, type ResumableSession } from '../http/transport.js'
import { caCertificate } from './inputs.js'

export interface WarmHint {
  url: URL
  ca: string
  insecure: boolean
}

/**
 * How long the warm-up waits for the TCP handshake before the step's code loads. Loading
 * blocks the event loop for tens of milliseconds; started after the handshake, it overlaps the
 * TLS round trip, where started before it would hold back the TLS client hello until it
 * ends. Past this bound (a host that drops packets) the step goes on, and its first request
 * meets the problem within its own time limit.
 */
const CONNECT_WAIT_MS = 1000

/**
 * The TLS half of the warm-up: the step's agents, with TLS put over the early TCP connection
 * (or, through a proxy, the CONNECT and TLS started), and the client hello sent. The agents
 * serve the step only when its inputs ask for the same certificates (Transport).
 */
export async function openWarmConnection(
  hint: WarmHint,
  socket: Socket | undefined,
  /** A TLS session an earlier step had with the controller, offered for resumption. */
  session?: ResumableSession
): Promise<Agents | undefined> {
  let agents: Agents
  try {
    const pem = caCertificate(hint.ca)
    agents = new Agents({
      ...(pem ? { ca: pem } : {}),
      ...(hint.insecure ? { rejectUnauthorized: false } : {})
    })
  } catch {
    socket?.destroy()
    return undefined // a ca-certificate that the inputs will refuse, with a clear message
  }
  const warmed = agents.warm(hint.url, socket, session)
  if (!warmed.tookSocket) socket?.destroy()
  await atMost(CONNECT_WAIT_MS, warmed.helloCanGo)
  // A turn of the event loop, so the client hello goes out before the long load begins.
  await new Promise((resolve) => setImmediate(resolve))
  return agents
}
