/**
 * The proxy for a request, from the variables runners behind corporate proxies set:
 * HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs (either case; lowercase wins, as in
 * curl), and NO_PROXY. As in curl, loopback is not exempt unless NO_PROXY says so.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const value =
    target.protocol === 'https:'
      ? env.https_proxy || env.HTTPS_PROXY
      : env.http_proxy || env.HTTP_PROXY
  if (!value || bypassesProxy(target, env.no_proxy || env.NO_PROXY || '')) return undefined
  try {
    return new URL(value.includes('://') ? value : `http://${value}`)
  } catch {
    throw new Error(`the proxy variable for ${target.protocol.slice(0, -1)} is not a URL`)
  }
}

/**
 * NO_PROXY entries: `*`, a host name (which also covers its subdomains), `.domain`, an IP
 * address, each optionally with `:port`.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return true
    const { name, port: entryPort } = splitHostPort(entry)
    if (entryPort && entryPort !== port) continue
    const bare = name.replace(/^\*?\./, '')
    if (host === bare || host.endsWith(`.${bare}`)) return true
  }
  return false
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (no port). */
function splitHostPort(entry: string): { name: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1] ?? '', port: bracketed[2] }
  if ((entry.match(/:/g) ?? []).length > 1) return { name: entry }
  const [name = '', port] = entry.split(':')
  return { name, port }
}
