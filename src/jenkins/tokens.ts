import { authorization, type Credentials, postHeaders } from './credentials.js'
import { JenkinsError } from './errors.js'
import {
  failureFor,
  jenkinsVersion,
  loginContext,
  parseJson,
  type ResponseContext,
  redirectedPostFailure,
  versionAtLeast
} from './responses.js'
import type { LoginSession } from './session.js'
import type { HttpRequest, HttpResponse, Transport } from './transport.js'
import { tokenEndpoint, whoAmIEndpoint } from './url.js'

export interface MintRequest {
  /** The user the token is for; may differ from the login user (administrator path). */
  user: string
  name: string
  /** Last valid day, YYYY-MM-DD, or null for a token that never expires. */
  expiration: string | null
}

export interface MintedToken {
  uuid: string
  name: string
  value: string
  /** False when the controller ignored the expiry (before 2.548): the token never expires. */
  expiryApplied: boolean
}

interface TokenJson {
  status?: unknown
  message?: unknown
  data?: {
    tokenName?: unknown
    tokenUuid?: unknown
    tokenValue?: unknown
    expirationDate?: unknown
  }
}

export const ADMIN_PROPERTY = 'jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens'

/**
 * Lets the caller record each attempt's token name before it is sent, and its outcome once
 * known. An attempt that gets neither `uncertain` nor `answered` must be taken as possibly
 * created: the step may have stopped while it was under way.
 */
export interface MintObserver {
  /** Before attempt `attempt` is sent under `name`. */
  attempting?(name: string, attempt: number): void
  /** Attempt `name` got no clear answer: Jenkins may hold a token of that name. */
  uncertain?(name: string): void
  /** Attempt `name` got a definite answer: Jenkins made the token, or for certain did not. */
  answered?(name: string, created: boolean): void
}

/** The name of each attempt: a retry never reuses a name, so every token is traceable. */
export function attemptName(name: string, attempt: number): string {
  return attempt === 0 ? name : `${name} (attempt ${attempt + 1})`
}

/**
 * Sends a mint, retried as the transport sees fit, each attempt under its own name and
 * reported to the observer before it is sent. Returns the answer and the name it answers.
 */
export async function sendMintAttempts(
  transport: Transport,
  name: string,
  observer: MintObserver,
  build: (name: string) => HttpRequest
): Promise<{ response: HttpResponse; sentName: string }> {
  let sentName = name
  // The transport reports an uncertain attempt before it tries again or gives up, so an
  // attempt it moved on from without that report was never acted on (not sent, or a 503/429).
  let lastUncertain = -1
  let last = -1
  const settle = (attempt: number) => {
    if (attempt >= 0 && attempt !== lastUncertain) {
      observer.answered?.(attemptName(name, attempt), false)
    }
  }
  let response: HttpResponse
  try {
    response = await transport.request(
      (attempt) => {
        settle(attempt - 1)
        last = attempt
        sentName = attemptName(name, attempt)
        observer.attempting?.(sentName, attempt)
        return build(sentName)
      },
      (attempt) => {
        lastUncertain = attempt
        observer.uncertain?.(attemptName(name, attempt))
      }
    )
  } catch (error) {
    if (error instanceof JenkinsError) settle(last)
    throw error
  }
  // A refusal made nothing; a 5xx other than 503 that outlived the retries may follow work done.
  if (response.status >= 500 && response.status !== 503) observer.uncertain?.(sentName)
  else if (response.status !== 200) observer.answered?.(sentName, false)
  return { response, sentName }
}

/**
 * POST generateNewToken. A password login passes its session (crumb and cookie); an
 * API-token login passes none. The token value is returned to the caller, which must mask
 * it before anything else happens.
 */
export async function generateNewToken(
  root: string,
  credentials: Credentials,
  request: MintRequest,
  transport: Transport,
  session?: LoginSession,
  observer: MintObserver = {}
): Promise<MintedToken> {
  const expiry: Record<string, string> = request.expiration
    ? // `custom` with an explicit date, so the action knows the exact last day instead of
      // parsing the locale-formatted date Jenkins echoes back. Before 2.548 both are ignored.
      { expirationDuration: 'custom', tokenExpiration: request.expiration }
    : {}
  const url = tokenEndpoint(root, request.user, 'generateNewToken')
  const headers = await postHeaders(credentials, url, session)
  const { response, sentName } = await sendMintAttempts(
    transport,
    request.name,
    observer,
    (name) => ({
      method: 'POST',
      url,
      headers,
      form: { newTokenName: name, ...expiry }
    })
  )
  const context = loginContext(`to create a token for "${request.user}"`, credentials)
  if (response.status !== 200) throw mintFailure(response, context, credentials, request)
  const json = parseJson(response, context) as TokenJson
  if (json.status === 'error') {
    const message = String(json.message)
    const hint = message.includes('in the past')
      ? " The controller's date is ahead of the runner's: check its clock, or raise expiration-days."
      : ''
    observer.answered?.(sentName, false)
    throw new JenkinsError(`Jenkins refused to create the token: ${message}${hint}`)
  }
  const data = json.data
  if (
    json.status !== 'ok' ||
    typeof data?.tokenValue !== 'string' ||
    typeof data.tokenUuid !== 'string' ||
    data.tokenValue === ''
  ) {
    throw new JenkinsError(
      'Jenkins answered generateNewToken without a token (unexpected JSON). Check jenkins-url: it must be the controller itself, not a proxy or mirror.'
    )
  }
  observer.answered?.(sentName, true)
  return {
    uuid: data.tokenUuid,
    name: typeof data.tokenName === 'string' ? data.tokenName : sentName,
    value: data.tokenValue,
    expiryApplied: request.expiration !== null && data.expirationDate !== undefined
  }
}

function mintFailure(
  response: Parameters<typeof failureFor>[0],
  context: ResponseContext,
  credentials: Credentials,
  request: MintRequest
): JenkinsError {
  const forOther = request.user.toLowerCase() !== credentials.username.toLowerCase()
  // hasCurrentUserRightToGenerateNewToken fails with a bare 403 and an empty body.
  if (response.status === 403 && response.body.trim() === '') {
    return new JenkinsError(
      forOther
        ? `Jenkins refused to let "${credentials.username}" create a token for "${request.user}" (HTTP 403). Creating tokens for another user over REST needs an administrator login AND a controller started with -D${ADMIN_PROPERTY}=true. To set it, add it to the controller's Java options and restart Jenkins: JAVA_OPTS="-D${ADMIN_PROPERTY}=true" for the Docker image or the Linux service (systemctl edit jenkins), or before -jar on a java command line. Without the property, use method: script-console (an administrator login, no property needed), or log in as "${request.user}" itself.`
        : `Jenkins refused to let "${credentials.username}" create a token for itself (HTTP 403).`,
      403
    )
  }
  if (response.status === 404) {
    const version = jenkinsVersion(response)
    if (version && !versionAtLeast(version, '2.129')) {
      return new JenkinsError(
        `Jenkins ${version} cannot create API tokens through its API: generateNewToken needs Jenkins 2.129 or later. Upgrade the controller.`,
        404
      )
    }
    if (version) {
      return new JenkinsError(
        `Jenkins ${version} answered 404 for the user "${request.user}": no such user (the id, not the full name), or a controller older than 2.129 (tokens need 2.129+). Check the user input.`,
        404
      )
    }
  }
  if (response.status === 405) return redirectedPostFailure(context)
  return failureFor(response, context)
}

export interface Identity {
  name: string
  version?: string
}

/** GET whoAmI/api/json as the given credentials: proves who they authenticate as. */
export async function whoAmI(
  root: string,
  username: string,
  secret: string,
  transport: Transport
): Promise<Identity> {
  const response = await transport.request({
    method: 'GET',
    url: whoAmIEndpoint(root),
    headers: { ...authorization(username, secret), accept: 'application/json' }
  })
  const context: ResponseContext = { action: 'the whoAmI check', username, credential: 'new token' }
  if (response.status !== 200) throw failureFor(response, context)
  const json = parseJson(response, context) as { anonymous?: unknown; name?: unknown }
  if (typeof json.name !== 'string' || json.anonymous !== false) {
    throw new JenkinsError(
      `Jenkins's whoAmI says the new token authenticates as ${typeof json.name === 'string' ? `"${json.name}"` : 'nobody'}${json.anonymous === true ? ' (anonymous)' : ''}, not as "${username}". A proxy in front of Jenkins may strip the Authorization header.`
    )
  }
  return { name: json.name, version: jenkinsVersion(response) }
}

export type RevokeOutcome = 'revoked' | 'already-gone'

/**
 * POST revoke, authenticated by the token itself: an API-token request needs no crumb, and
 * a user may always revoke their own tokens. Jenkins answers 200 for an unknown uuid, and a
 * token that no longer authenticates (revoked or expired) gets 401: both mean it is gone.
 */
export async function revokeOwnToken(
  root: string,
  user: string,
  token: string,
  uuid: string,
  transport: Transport
): Promise<RevokeOutcome> {
  const response = await transport.request({
    method: 'POST',
    url: tokenEndpoint(root, user, 'revoke'),
    headers: authorization(user, token),
    form: { tokenUuid: uuid }
  })
  if (response.status === 200) return 'revoked'
  if (response.status === 401) return 'already-gone'
  throw failureFor(response, {
    action: 'to revoke the token',
    username: user,
    credential: 'new token'
  })
}
