import { checkBypass, getProxyUrl } from '@actions/http-client/lib/proxy'
import { HttpError } from './errors.js'
import { dialTarget } from './sockets.js'

/** The proxy a request goes through, as the runner and @actions/http-client decide it. */
export interface ProxyChoice {
  url: URL
  /** The environment variable it came from, for messages. */
  variable: string
}

/**
 * Whether a request to `target` goes through a proxy and which: @actions/http-client's rules
 * (HTTPS_PROXY or HTTP_PROXY by the target's scheme, NO_PROXY, loopback never proxied), so
 * the action agrees with the runner and with every other action on the job.
 */
export function proxyFor(target: URL): ProxyChoice | undefined {
  // jenkins-url loses a host name's trailing dot: a NO_PROXY entry written with it (the
  // runner matches entries as written) still names the host.
  if (!dialTarget(target).ipAddress) {
    const written = new URL(target.href)
    written.hostname = `${target.hostname}.`
    if (checkBypass(written)) return undefined
  }
  const variable = proxyVariable(target)
  let url: URL | undefined
  const raw = process.env[variable] ?? ''
  try {
    url = getProxyUrl(target)
  } catch {
    throw malformed(variable, raw)
  }
  if (!url) {
    // getProxyUrl also answers "no proxy" for a value it cannot decode (a % in the user or
    // password that starts no escape): going direct would quietly bypass the proxy the
    // runner was given.
    if (raw !== '' && !checkBypass(target)) throw unusable(variable)
    return undefined
  }
  // A bare host:port, as many set it, parses as a URL whose scheme is the host name. Either
  // way a plain URL, credentials percent-encoded as written: getProxyUrl's own URL hands them
  // out decoded, and Node's agent decodes them once more. Bare is told by the scheme parsed,
  // not by the text: `http:/proxy:3128` (one slash) is an http URL to the host proxy, as
  // getProxyUrl reads it, and prefixed it would name a proxy at the host "http".
  const bare = !raw.includes('://') && url.protocol !== 'http:' && url.protocol !== 'https:'
  try {
    url = new URL(bare ? `http://${raw}` : url.href)
  } catch {
    throw malformed(variable, raw)
  }
  // Node's agent decodes the credentials as it is built: the bare form has not been through
  // getProxyUrl's check, and a failure there would say only "URI malformed".
  if (!decodable(url.username) || !decodable(url.password)) throw unusable(variable)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError(
      `${variable} names a ${url.protocol.slice(0, -1)}:// proxy (${url.host}): the action can use only http:// and https:// proxies. Set ${variable} to an http(s) proxy, or add the controller's host to NO_PROXY.`
    )
  }
  if (!supportsProxyAgent(process.versions.node)) {
    throw new HttpError(
      `${variable} is set, and the action goes through a proxy with Node.js's own proxy support, which needs Node.js 24.5 or later; this runner runs it on Node.js ${process.versions.node}. Update the runner to version 2.328.0 or later (GitHub's hosted runners have it), or add the controller's host to NO_PROXY if it can be reached directly.`
    )
  }
  // The agent is told the proxy in an environment of its own, so that it never applies a
  // NO_PROXY of its own reading: the decision above is the only one.
  return { url, variable }
}

/**
 * A value that does not parse. With credentials in it, the likely fault is theirs (a % in the
 * user name): say how to write them, rather than a form without them.
 */
function malformed(variable: string, raw: string): HttpError {
  if (raw.includes('@')) return unusable(variable)
  return new HttpError(`${variable} is not a URL: give the proxy as http://host:port.`)
}

function unusable(variable: string): HttpError {
  return new HttpError(
    `${variable} is set but is not a proxy URL the action can use. Write it as http://user:password@host:port, with any special character in the user or password percent-encoded (% as %25, @ as %40).`
  )
}

function decodable(text: string): boolean {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

/** Which variable getProxyUrl read: the lowercase one wins, as in curl and the runner. */
function proxyVariable(target: URL): string {
  const name = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy'
  return process.env[name] ? name : name.toUpperCase()
}

/** http.Agent's proxyEnv option came in Node.js 24.5.0. */
export function supportsProxyAgent(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10))
  return major > 24 || (major === 24 && minor >= 5)
}
