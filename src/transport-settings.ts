import * as core from '@actions/core'
import { Transport } from './jenkins/transport.js'

export interface TransportSettings {
  timeoutSeconds: number
  retries: number
  caCertificate: string | null
  insecureSkipTlsVerify: boolean
}

/** The Jenkins transport for the action's settings, logging through core.debug. */
export function transportFor(settings: TransportSettings): Transport {
  return new Transport({
    timeoutMs: settings.timeoutSeconds * 1000,
    retries: settings.retries,
    debug: (message) => core.debug(message),
    tls: {
      ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
      ...(settings.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {})
    }
  })
}
