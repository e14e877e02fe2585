/** A bad input: the message names the input and says what is expected. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

export function normaliseJenkinsUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input jenkins-url is not a URL: "${withoutUserinfo(value)}". Give the controller's root URL, e.g. https://ci.example.com/ or https://ci.example.com/jenkins/.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input jenkins-url must use http or https, not ${url.protocol.slice(0, -1)}.`
    )
  }
  if (url.port === '0') {
    throw new InputError(
      "Input jenkins-url has port 0, on which nothing can listen: give the controller's port, or none for the scheme's default."
    )
  }
  if (url.username || url.password) {
    throw new InputError(
      'Input jenkins-url must not contain credentials: pass them in the username and password or api-token inputs.'
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
  return url.toString()
}

/**
 * The value as it may be echoed: a URL that does not parse can still hold a password before
 * its host, which no mask covers. Up to the last '@', so a password with an '@' goes too.
 */
function withoutUserinfo(value: string): string {
  const at = value.lastIndexOf('@')
  if (at < 0) return value
  // The scheme as typed, if any, and its slashes: whatever else precedes the last '@' goes,
  // with or without '//' (https:user:pw@…, https:\\user:pw@…, or no scheme at all).
  const scheme = /^(?:https?:)?[\\/]*/i.exec(value)?.[0] ?? ''
  return `${scheme}***${value.slice(at)}`
}
