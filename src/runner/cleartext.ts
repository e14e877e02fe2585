import { proxyFor } from '../http/proxy.js'

/**
 * Loopback: the only place an http:// controller's traffic cannot be read on the way.
 * `hostname` as a URL gives it, so an IPv4-mapped 127.x.y.z is in hex (`[::ffff:7f00:1]`).
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
  )
}

/**
 * The warning for secrets about to travel in clear text, or null when the controller is
 * reached over https or on loopback. `secretsTravel` names them, with the verb: e.g.
 * `the password of "alice" and the new API token travel`.
 */
export function cleartextWarning(jenkinsUrl: string, secretsTravel: string): string | null {
  const url = new URL(jenkinsUrl)
  if (url.protocol !== 'http:' || (isLoopback(url.hostname) && !throughProxy(url))) return null
  return `jenkins-url ${url.origin} is plain http and not on this machine: ${secretsTravel} unencrypted: anyone on the network path can read and use what is sent. Give the controller's https:// URL (http:// is safe only on loopback: localhost, 127.0.0.0/8, ::1).`
}

/**
 * Whether requests to `url` go through a proxy. The runner's rules never proxy localhost,
 * 127.x or ::1, but they do proxy an IPv4-mapped 127.x ([::ffff:7f00:1]): the secrets then
 * reach the proxy in clear. A proxy variable the transport refuses sends nothing at all.
 */
function throughProxy(url: URL): boolean {
  try {
    return proxyFor(url) !== undefined
  } catch {
    return false
  }
}
