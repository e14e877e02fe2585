import * as core from '@actions/core'
import { Transport } from './jenkins/transport.js'

export interface TransportSettings {
  timeoutSeconds: number
  retries: number
  caCertificate: string | null
  insecureSkipTlsVerify: boolean
}

// The post step runs while the job is finishing: a hung Jenkins must not hold it up.
const POST_TIMEOUT_MS = 10_000
const POST_RETRIES = 2
const POST_BUDGET_MS = 20_000

/** The main step's transport: the step as a whole waits at most (retries + 1) × timeout. */
export function mainTransport(settings: TransportSettings): Transport {
  const timeoutMs = settings.timeoutSeconds * 1000
  return transport(settings, timeoutMs, settings.retries, (settings.retries + 1) * timeoutMs)
}

/** The post step's transport: the same settings within a short budget of its own. */
export function postTransport(settings: TransportSettings): Transport {
  const timeoutMs = Math.min(settings.timeoutSeconds * 1000, POST_TIMEOUT_MS)
  const retries = Math.min(settings.retries, POST_RETRIES)
  return transport(
    settings,
    timeoutMs,
    retries,
    Math.min((retries + 1) * timeoutMs, POST_BUDGET_MS)
  )
}

function transport(
  settings: TransportSettings,
  timeoutMs: number,
  retries: number,
  budgetMs: number
): Transport {
  return new Transport({
    timeoutMs,
    retries,
    budgetMs,
    debug: (message) => core.debug(message),
    tls: {
      ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
      ...(settings.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {})
    }
  })
}
