import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'
import { isJenkinsClass, isStarting } from './answers.js'
import { authorization, type Credentials } from './credentials.js'
import { diagnose, noSecurity, type Probe, securityOff } from './diagnose.js'
import { JenkinsError } from './errors.js'
import {
  failureFor,
  isJsonObject,
  type JsonObject,
  jenkinsVersion,
  loginContext,
  type ResponseContext,
  readJsonObject
} from './responses.js'
import { confirmRevoke } from './revoke.js'
import { inLiveSession, type LoginSession, loginPost } from './session.js'
import { TOKEN_UUID } from './token-form.js'
import { logPath, type TokenOwner, tokenEndpoint, userApiEndpoint, whoAmIEndpoint } from './url.js'
import { versionAtLeast } from './version.js'

export interface MintRequest {
  /** The id of the user the token is for; may differ from the login user (administrator path). */
  user: string
  name: string
  /** Last valid day, YYYY-MM-DD, or null for a token that never expires. */
  expiration: string | null
  /** Whether a later last day may be asked for (expiration-days below its maximum). */
  laterAllowed?: boolean
}

export interface RestMintRequest extends MintRequest {
  /** Where the mint goes: /me/ for the login user itself, else /user/<id>/. */
  owner: TokenOwner
  /** Jenkins had just answered the look-up of the user (GET /user/<id>/api/json) with it. */
  found?: boolean
}

export interface MintedToken {
  uuid: string
  name: string
  value: string
  /** The user's id as Jenkins stores it, where the answer says (the script console's does). */
  user?: string
  /** False when the controller ignored the expiry (before 2.548): the token never expires. */
  expiryApplied: boolean
}

export const ADMIN_PROPERTY = 'jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens'

/**
 * Lets the caller record each attempt's token name before it is sent, and its outcome once
 * known. An attempt that gets neither `uncertain` nor `answered` must be taken as possibly
 * created: the step may have stopped while it was under way.
 */
export interface MintObserver {
  /**
   * Before an attempt is sent under `name`, numbered (from 0) by the mints before it that may
   * have reached Jenkins: the name of one that did not is given again to the next.
   */
  attempting?(name: string, number: number): void
  /**
   * Attempt `name` got no clear answer: Jenkins may hold a token of that name; `uuid` when the
   * answer gave one (a token Jenkins made, whose value the action could not use).
   */
  uncertain?(name: string, uuid?: string): void
  /** Attempt `name` got a definite answer: Jenkins made the token, or for certain did not. */
  answered?(name: string, created: boolean): void
}

/**
 * The name of each attempt: a mint that may have reached Jenkins never shares its name with
 * another, so every token is traceable. `number` counts from 0 the mints before this one that
 * may have reached Jenkins; one that did not (a refused connection, a TLS record refused unread)
 * leaves its name to the next.
 */
function attemptName(name: string, number: number): string {
  return number === 0 ? name : `${name} (attempt ${number + 1})`
}

export interface SentMint {
  response: HttpResponse
  /** The name of the attempt that got `response`. */
  sentName: string
  /** The number of the next name, for a mint sent again after these. */
  next: number
}

/**
 * Sends a mint, retried as the transport sees fit, each attempt reported to the observer under
 * its name before it is sent. Names are numbered from `first` by the mints that may have
 * reached Jenkins, not by the transport's attempts: one that did not (the transport's
 * `unsent`) leaves its name to the next, so a restart's refused connections do not count. A
 * mint sent again after a refusal (a new session) goes on from the names before it, so no two
 * share a name.
 */
async function sendMintAttempts(
  transport: Transport,
  name: string,
  observer: MintObserver,
  build: (name: string) => HttpRequest,
  first = 0
): Promise<SentMint> {
  let sentName = name
  // The number of the next attempt's name, and the number each attempt was sent under.
  let next = first
  const numbers: number[] = []
  const nameOf = (attempt: number) => attemptName(name, numbers[attempt] ?? next)
  const response = await transport.request(
    (attempt) => {
      numbers[attempt] = next
      sentName = attemptName(name, next)
      observer.attempting?.(sentName, next)
      next++
      return build(sentName)
    },
    {
      uncertain: (attempt) => observer.uncertain?.(nameOf(attempt)),
      unprocessed: (attempt) => observer.answered?.(nameOf(attempt), false),
      unsent: (attempt) => {
        observer.answered?.(nameOf(attempt), false)
        // Reported before the next attempt is built: that one takes this name.
        next = numbers[attempt] ?? next
      }
    }
  )
  // The transport reported 5xx and 429 answers itself; any other refusal made nothing.
  if (response.status !== 200 && response.status < 500 && response.status !== 429) {
    observer.answered?.(sentName, false)
  }
  return { response, sentName, next }
}

/** Who sends a mint, and to whom its attempts are reported. */
export interface MintSender {
  root: string
  credentials: Credentials
  transport: Transport
  /** A password login's session; an API-token login has none. */
  session: LoginSession | undefined
  observer: MintObserver
}

/**
 * POSTs a mint to `url` as the login user, its form built for each attempt's name: sent as
 * sendMintAttempts sends it, and again in a new session when Jenkins refuses the crumb.
 */
export function postMint(
  sender: MintSender,
  url: string,
  name: string,
  form: (name: string) => Record<string, string>
): Promise<SentMint> {
  const { root, credentials, transport, session, observer } = sender
  return inLiveSession<SentMint>(root, credentials, transport, session, (refused) =>
    sendMintAttempts(
      transport,
      name,
      observer,
      (sent) => ({
        method: 'POST',
        url,
        ...loginPost(credentials, session, form(sent))
      }),
      refused?.next
    )
  )
}

/**
 * The cause a second look proves of a mint's failed answer (diagnose), with the attempt
 * settled as one that made nothing: every such cause stopped the request before Jenkins acted
 * on it. But the getting-ready page may stand for an answer that may follow work
 * (Transport), which the transport has already reported.
 */
export async function provenMintCause(
  sender: MintSender,
  sent: SentMint,
  context: ResponseContext
): Promise<JenkinsError | undefined> {
  const { root, credentials, transport, session, observer } = sender
  const cause = await diagnose(sent.response, context, {
    root,
    credentials,
    transport,
    known: session?.known
  })
  if (cause && !isStarting(sent.response)) observer.answered?.(sent.sentName, false)
  return cause
}

/**
 * POST generateNewToken. A password login passes its session (crumb and cookie); an
 * API-token login passes none. The token value is returned to the caller, which must mask
 * it before anything else happens.
 */
export async function generateNewToken(
  root: string,
  credentials: Credentials,
  request: RestMintRequest,
  transport: Transport,
  session?: LoginSession,
  observer: MintObserver = {}
): Promise<MintedToken> {
  const expiry: Record<string, string> = request.expiration
    ? // `custom` with an explicit date, so the action knows the exact last day instead of
      // parsing the locale-formatted date Jenkins echoes back. Before 2.548 both are ignored.
      { expirationDuration: 'custom', tokenExpiration: request.expiration }
    : {}
  const url = tokenEndpoint(root, request.owner, 'generateNewToken')
  const sender: MintSender = { root, credentials, transport, session, observer }
  const sent = await postMint(sender, url, request.name, (name) => ({
    newTokenName: name,
    ...expiry
  }))
  const { response, sentName } = sent
  const context: ResponseContext = {
    ...loginContext(`to create a token for "${request.user}"`, 'POST', credentials),
    ...(session && Object.keys(session.crumb).length === 0 ? { noCrumbIssuer: true } : {})
  }
  if (response.status !== 200) {
    const cause = await provenMintCause(sender, sent, context)
    throw cause ?? mintFailure(response, context, credentials, request, session?.version)
  }
  const answer = readMintAnswer(response, context, url, request.laterAllowed === true, sentName)
  if (answer.kind === 'refused') observer.answered?.(sentName, false)
  // An answer the action cannot read does not prove Jenkins made nothing.
  if (answer.kind === 'unreadable') observer.uncertain?.(sentName, answer.uuid)
  if (answer.kind !== 'token') throw answer.error
  const { token } = answer
  observer.answered?.(sentName, true)
  return {
    uuid: token.tokenUuid,
    // The name Jenkins stored, unless its answer gives none to show or record.
    name:
      typeof token.tokenName === 'string' && token.tokenName !== '' ? token.tokenName : sentName,
    value: token.tokenValue,
    expiryApplied: request.expiration !== null && token.expirationDate !== undefined
  }
}

interface TokenData extends JsonObject {
  tokenUuid: string
  tokenValue: string
}

/**
 * What a 200 to generateNewToken says: the new token; Jenkins's refusal (`status: error`),
 * which made nothing; or something unreadable, after which a token may exist.
 */
type MintAnswer =
  | { kind: 'token'; token: TokenData }
  | { kind: 'refused'; error: JenkinsError }
  | { kind: 'unreadable'; error: JenkinsError; uuid?: string }

/**
 * Jenkins's answer gave the new token's UUID, but no value the action can use: the token
 * exists, and the login can still revoke it by that UUID.
 */
export class UnusableTokenError extends JenkinsError {
  constructor(
    message: string,
    readonly tokenName: string,
    readonly tokenUuid: string
  ) {
    super(message)
  }
}

function readMintAnswer(
  response: HttpResponse,
  context: ResponseContext,
  url: string,
  laterAllowed: boolean,
  sentName: string
): MintAnswer {
  let json: JsonObject
  try {
    json = readJsonObject(response, context, { method: 'POST', url })
  } catch (error) {
    if (!(error instanceof JenkinsError)) throw error
    return { kind: 'unreadable', error }
  }
  if (json.status === 'error') {
    return { kind: 'refused', error: refusal(json.message, url, laterAllowed) }
  }
  const data = isJsonObject(json.data) ? json.data : {}
  if (
    json.status !== 'ok' ||
    typeof data.tokenValue !== 'string' ||
    typeof data.tokenUuid !== 'string' ||
    data.tokenValue === '' ||
    data.tokenUuid === ''
  ) {
    // Only Jenkins's answer for a token it made carries a tokenUuid, beside the name it was
    // sent, verbatim. An answer altered on the way may have altered the UUID too: trusted
    // only with that name, since a revoke by another UUID would hit another token (Jenkins
    // answers a revoke of any UUID alike) and leave this one unnamed.
    if (
      typeof data.tokenUuid === 'string' &&
      TOKEN_UUID.test(data.tokenUuid) &&
      data.tokenName === sentName
    ) {
      return {
        kind: 'unreadable',
        error: new UnusableTokenError(
          `Jenkins created the token (token UUID ${data.tokenUuid}), but its answer to generateNewToken holds no token value the action can use (unexpected JSON): something between the runner and Jenkins may have altered it.`,
          sentName,
          data.tokenUuid
        ),
        uuid: data.tokenUuid
      }
    }
    return {
      kind: 'unreadable',
      error: new JenkinsError(
        'Jenkins answered generateNewToken without a token (unexpected JSON). Check jenkins-url: it must be the controller itself, not a proxy or mirror.'
      )
    }
  }
  return { kind: 'token', token: data as TokenData }
}

/** Jenkins's refusal in its own words, which its answer has only as text. */
function refusal(message: unknown, url: string, laterAllowed: boolean): JenkinsError {
  if (typeof message !== 'string' || message.trim() === '') {
    return new JenkinsError(
      `Jenkins refused to create the token, and its answer (POST ${logPath(url)}) gives no reason as text. Check jenkins-url: it must be the controller itself, not a proxy or mirror.`
    )
  }
  const hint = message.includes('in the past')
    ? ` The controller's date is ahead of the runner's: check its clock${laterAllowed ? ', or raise expiration-days' : ''}.`
    : ''
  return new JenkinsError(`Jenkins refused to create the token: ${message}${hint}`)
}

/** Why a mint that Jenkins has an endpoint for is answered 404: something keeps it from there. */
const MINT_HIDDEN =
  'something in front of Jenkins (a proxy or firewall rule) or a plugin hides POST …/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken'

/** `knownVersion`: the version the login session saw, for an answer without X-Jenkins. */
function mintFailure(
  response: Parameters<typeof failureFor>[0],
  context: ResponseContext,
  credentials: Credentials,
  request: RestMintRequest,
  knownVersion?: string
): JenkinsError {
  const forOther = request.user !== credentials.username
  // hasCurrentUserRightToGenerateNewToken fails with a bare 403 and an empty body.
  if (response.status === 403 && response.body.trim() === '') {
    return new JenkinsError(
      forOther
        ? `Jenkins refused to let "${credentials.username}" create a token for "${request.user}" (HTTP 403). Creating tokens for another user over REST needs an administrator login AND a controller started with -D${ADMIN_PROPERTY}=true. To set it, add it to the controller's Java options and restart Jenkins: JAVA_OPTS="-D${ADMIN_PROPERTY}=true" for the Docker image or the Linux service (systemctl edit jenkins), or before -jar on a java command line. Without the property, use method: script-console (an administrator login, no property needed), or log in as "${request.user}" itself.`
        : // At /me/ the user is the token's owner, which Jenkins's own check always lets by.
          `The request for "${credentials.username}" to create a token for itself was refused (HTTP 403, with no text), though Jenkins lets every user create its own tokens: something in front of Jenkins (a proxy or firewall rule) or a plugin blocks POST requests to generateNewToken. Have them let through for the runner.`,
      403
    )
  }
  if (response.status === 404) {
    // Before 2.421 Jenkins's 404 is the servlet container's page, without X-Jenkins.
    const version = jenkinsVersion(response) ?? knownVersion
    if (version && !versionAtLeast(version, '2.129')) {
      return new JenkinsError(
        `Jenkins ${version} cannot create API tokens through its API: generateNewToken needs Jenkins 2.129 or later. Upgrade the controller.`,
        404
      )
    }
    // Jenkins answers at the root (diagnose asked it before this), /me/ is there for any user it
    // authenticates, and a user the look-up found is there: with a version that has the
    // endpoint, something hides it.
    if (version && (request.owner.me || request.found)) {
      const who = request.owner.me
        ? 'the login user itself,'
        : `"${request.user}", whom it had just found,`
      return new JenkinsError(
        `Jenkins ${version} answered 404 to generateNewToken for ${who} though it has generateNewToken (from 2.129): ${MINT_HIDDEN}. Have it let through for the runner.`,
        404
      )
    }
    if (request.found && !request.owner.me) {
      return new JenkinsError(
        `Jenkins answered 404 to generateNewToken for "${request.user}", whom it had just found: a controller older than 2.129 (tokens need 2.129+; upgrade it), or ${MINT_HIDDEN}.`,
        404
      )
    }
    if (request.owner.me) {
      return new JenkinsError(
        `Jenkins answered 404 to generateNewToken for the login user itself: its API has no generateNewToken, which needs Jenkins 2.129 or later. Upgrade the controller.`,
        404
      )
    }
    // The user, or the version.
    const jenkins = version ? `Jenkins ${version}` : 'Jenkins'
    return new JenkinsError(
      `${jenkins} answered 404 for the user "${request.user}": no such user (the id, not the full name), or a controller older than 2.129 (tokens need 2.129+). Check the user input.`,
      404
    )
  }
  return failureFor(response, context)
}

/** Jenkins answers for the root but has no user by that id or full name. */
export class NoSuchUserError extends JenkinsError {
  constructor(message: string) {
    super(message, 404)
  }
}

/**
 * The id of the user a token is for, as Jenkins knows it. Jenkins resolves /user/<x>/ by id,
 * then by full name, but Basic authentication looks users up by id only: a token minted
 * through a full name would belong to someone the action cannot authenticate as. So the
 * action learns the id first and uses only that. `session`: a password login's, which may
 * already know what whoAmI at the root answered the login.
 */
export async function resolveUserId(
  root: string,
  user: string,
  credentials: Credentials,
  transport: Transport,
  session?: LoginSession
): Promise<{ id: string; version?: string }> {
  const url = userApiEndpoint(root, user)
  const response = await transport.request({
    method: 'GET',
    url,
    headers: {
      ...authorization(credentials.username, credentials.secret),
      accept: 'application/json'
    }
  })
  const context = loginContext(`to look up the user "${user}"`, 'GET', credentials)
  const probe: Probe = {
    root,
    credentials,
    transport,
    known: session?.known
  }
  if (response.status === 404) {
    const cause = await diagnose(response, context, probe)
    throw (
      cause ??
      new NoSuchUserError(
        `Jenkins has no user "${user}" (HTTP 404 for its id or full name). Check the user input; a user of an external security realm (LDAP, Active Directory) has a Jenkins user record only once it has logged in to Jenkins, so log in as that user once, or mint with that user's own login.`
      )
    )
  }
  if (response.status !== 200) {
    throw (await diagnose(response, context, probe)) ?? failureFor(response, context)
  }
  const json = readJsonObject(response, context, { method: 'GET', url })
  if (typeof json.id !== 'string' || json.id === '' || !isJenkinsClass(json, /User$/)) {
    throw new JenkinsError(
      `The answer to the user look-up of "${user}" is not Jenkins's user JSON. Check jenkins-url: it must be the controller's root URL, including any context path.`
    )
  }
  const version = jenkinsVersion(response)
  return version ? { id: json.id, version } : { id: json.id }
}

export interface Identity {
  name: string
  version?: string
}

/**
 * GET whoAmI/api/json as the given credentials: proves who they authenticate as. `credential`:
 * whose secret it is, the new token's or the login's API token, for the messages.
 */
export async function whoAmI(
  root: string,
  username: string,
  secret: string,
  transport: Transport,
  credential: 'new token' | 'API token' = 'new token'
): Promise<Identity> {
  const url = whoAmIEndpoint(root)
  const response = await transport.request({
    method: 'GET',
    url,
    headers: { ...authorization(username, secret), accept: 'application/json' }
  })
  const context: ResponseContext = {
    action: 'the whoAmI check',
    method: 'GET',
    username,
    credential
  }
  const probe: Probe = {
    root,
    credentials: { username, secret, kind: 'api-token' },
    transport
  }
  if (response.status !== 200) {
    throw (await diagnose(response, context, probe)) ?? failureFor(response, context)
  }
  const json = readJsonObject(response, context, { method: 'GET', url })
  if (typeof json.name !== 'string' || json.anonymous !== false) {
    const said = `Jenkins's whoAmI says the ${credential === 'new token' ? 'new token' : `API token of "${username}"`} authenticates as ${typeof json.name === 'string' ? `"${json.name}"` : 'nobody'}${json.anonymous === true ? ' (anonymous)' : ''}, not as "${username}"`
    if (json.anonymous === true && (await securityOff(probe))) throw noSecurity(said, root)
    throw new JenkinsError(
      `${said}. A proxy in front of Jenkins may strip the Authorization header.`
    )
  }
  const version = jenkinsVersion(response)
  return version ? { name: json.name, version } : { name: json.name }
}

/**
 * POST revoke as the login user, for a token the action must not leave behind (one that
 * failed verification, or that no step could be given): the login credential is still at
 * hand in the main step.
 */
export async function revokeAsLogin(
  root: string,
  credentials: Credentials,
  owner: TokenOwner,
  uuid: string,
  transport: Transport,
  session?: LoginSession
): Promise<void> {
  const url = tokenEndpoint(root, owner, 'revoke')
  const { response } = await inLiveSession(root, credentials, transport, session, async () => ({
    response: await transport.request({
      method: 'POST',
      url,
      ...loginPost(credentials, session, { tokenUuid: uuid })
    })
  }))
  if (response.status !== 200) {
    throw failureFor(response, {
      ...loginContext('to revoke the new token', 'POST', credentials),
      afterMint: true
    })
  }
  confirmRevoke(response, url, root)
}
