/** A bad input: the message names the input and says what is expected. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

export function normaliseJenkinsUrl(value: string): string {
  // On the text, before it is parsed: a password with a '/' in it, typed into the URL, turns
  // the rest into a path, and the host before it would get the request (and the message
  // would print it). That cannot be told from an '@' in a context path, which is refused too.
  if (value.includes('@')) {
    throw new InputError(
      'Input jenkins-url must not contain credentials (it has an "@", which a context path may not have either): pass them in the username and password or api-token inputs.'
    )
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input jenkins-url is not a URL: "${value}". Give the controller's root URL, e.g. https://ci.example.com/ or https://ci.example.com/jenkins/.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // `ci.example.com:8443` parses with the host name as its scheme.
    throw new InputError(
      value.includes('://')
        ? `Input jenkins-url must use http or https, not ${url.protocol.slice(0, -1)}.`
        : `Input jenkins-url has no scheme: write https:// (or http://) before it, as in https://${value}.`
    )
  }
  if (url.port === '0') {
    throw new InputError(
      "Input jenkins-url has port 0, on which nothing can listen: give the controller's port, or none for the scheme's default."
    )
  }
  // The href, not search and hash: a bare '?' or '#' leaves those empty, but stays in the URL
  // every endpoint is built on, and each request would then go to the root page.
  if (/[?#]/.test(url.href)) {
    throw new InputError(
      "Input jenkins-url must not have a query or fragment: give the controller's root URL, e.g. https://ci.example.com/jenkins/."
    )
  }
  // One trailing slash: `/jenkins//` would put `//` in every endpoint's path.
  url.pathname = url.pathname.replace(/\/*$/, '/')
  // A fully qualified name's dot would go into the TLS server name, which Java's TLS (a
  // controller's own https) refuses as illegal; tough-cookie never sends back a cookie set for
  // such a host, so a password login loses its session; and NO_PROXY entries do not match it.
  // Every trailing dot, so that the URL normalises to itself (post checks main's URL so).
  const undotted = url.hostname.replace(/\.+$/, '')
  if (undotted !== '' && undotted !== url.hostname) url.hostname = undotted
  return url.toString()
}
