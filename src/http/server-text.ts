/**
 * Text from a server's answer (a header: Location, WWW-Authenticate, Content-Type, Jenkins's
 * X- headers), as a message may show it. The runner masks a secret only where it appears as it
 * was registered, so text that a message cut short, decoded or normalised could show a secret
 * that a broken or hostile server echoed there in a form no mask matches. Such text is shown
 * whole and unchanged, or not at all: never when it holds one of the step's secrets in any form
 * this can recognise.
 */

const secrets = new Set<string>()

/** What a message shows in place of text it withholds. */
export const WITHHELD = '(not shown)'

/** Registers a secret of the step (the login secret, the new token): see above. */
export function withholdFromMessages(secret: string): void {
  if (secret !== '') secrets.add(secret.toLowerCase())
}

/**
 * `raw` as a message may show it: printable ASCII of at most `max` characters, holding no
 * secret of the step. Undefined otherwise.
 */
export function shownWhole(raw: string | undefined, max = 200): string | undefined {
  if (raw === undefined || raw.length > max || !/^[\x20-\x7e]*$/.test(raw)) return undefined
  return holdsSecret(raw) ? undefined : raw
}

/**
 * A part of `raw` (a media type without its parameters, a URL's host or path), if `raw` holds
 * no secret of the step: a part of an echoed secret is still a part of it.
 */
export function shownPart(raw: string, part: string): string | undefined {
  if (!raw.includes(part) || !/^[\x21-\x7e]*$/.test(part)) return undefined
  return holdsSecret(raw) ? undefined : part
}

/**
 * Where a redirect leads, as a message may show it: scheme, host and path, never userinfo or
 * query. The host and the path show only as `location` wrote them (URL lowercases a host and
 * percent-encodes a path), with no percent-encoding in them; `from`, the URL asked, gives the
 * host of a relative location.
 */
export function shownLocation(to: URL, location: string, from?: URL): string {
  const ours = from !== undefined && to.host === from.host && !location.includes('//')
  const host = ours ? to.host : shownPart(location, to.host)
  const path = to.pathname.includes('%') ? undefined : shownPart(location, to.pathname)
  return `${to.protocol}//${host ?? WITHHELD}${path ?? `/${WITHHELD}`}`
}

/**
 * A URL's path as a message may show it, or `/(not shown)` when it holds a secret of the step:
 * a same-origin redirect can lead anywhere its server likes, even to a path that echoes one.
 */
export function shownPath(url: URL | string): string {
  const path = new URL(url).pathname
  return holdsSecret(path) ? `/${WITHHELD}` : path
}

function holdsSecret(raw: string): boolean {
  if (secrets.size === 0) return false
  const forms = [raw, decoded(raw), Buffer.from(raw, 'latin1').toString('utf8')].map((form) =>
    form.toLowerCase()
  )
  for (const secret of secrets) if (forms.some((form) => form.includes(secret))) return true
  return false
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}
