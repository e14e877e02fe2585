/**
 * Minting through the script console (POST scriptText). An administrator may create a token for
 * any user this way, without the adminCanGenerateNewTokens property, because the scripting API
 * of ApiTokenProperty checks no permission. The price: the script is arbitrary code that runs as
 * that administrator. So the action sends one fixed script in which only three literals vary,
 * the untrusted ones as inert base64 data, and it parses the script's output without ever
 * logging it, because the output holds the new token.
 */
import { shownWhole } from '../http/server-text.js'
import type { HttpResponse, Transport } from '../http/transport.js'
import type { Credentials } from './credentials.js'
import { JenkinsError } from './errors.js'
import {
  contentType,
  failedAnswer,
  failureFor,
  header,
  loginContext,
  type ResponseContext
} from './responses.js'
import { newSeal, type Seal } from './seal.js'
import type { LoginSession } from './session.js'
import {
  ADMIN_PROPERTY,
  type MintedToken,
  type MintObserver,
  type MintRequest,
  type MintSender,
  postMint,
  provenMintCause
} from './tokens.js'
import { logPath, scriptTextEndpoint } from './url.js'

/** The script's first line: names the script and its version in audit logs (and to the emulator). */
export const SCRIPT_HEADER = '// jenkins-token-action mint-token script v2'

/** Starts the single line on which the script prints its result as JSON. */
export const RESULT_PREFIX = 'jenkins-token-action-result '

/**
 * Untrusted text as a Groovy expression: the base64 of its UTF-8 in a single-quoted literal,
 * decoded at run time by the script's `decode` closure. The literal holds only [A-Za-z0-9+/=]:
 * no quote, backslash, `$` or line break that could end it or interpolate, and no `\u` escape,
 * which Groovy (like Java) turns into a character before it even parses the string.
 */
export function groovyText(value: string): string {
  return `decode('${Buffer.from(value, 'utf8').toString('base64')}')`
}

/**
 * The whole script for one mint. It picks the token API at run time rather than by version,
 * because an API-token login learns the controller's version only after the mint.
 */
export function mintScript(request: MintRequest, seal: Pick<Seal, 'publicKey'>): string {
  const { expiration } = request
  // Our own value, not input; checked anyway because it is pasted into code.
  if (expiration !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expiration)) {
    throw new Error(`The expiration date must be YYYY-MM-DD, not ${JSON.stringify(expiration)}.`)
  }
  if (!/^[A-Za-z0-9+/=]+$/.test(seal.publicKey)) throw new Error('The seal key must be base64.')
  return [
    SCRIPT_HEADER,
    '// Sent by the jenkins-token-action GitHub Action: creates one API token for one user and',
    '// prints one result line. The user id and the token name are base64 data, never code.',
    '// The token is printed sealed with a one-time public key of the action, never in plain.',
    'import groovy.json.JsonOutput',
    'import hudson.model.User',
    'import java.security.KeyFactory',
    'import java.security.spec.MGF1ParameterSpec',
    'import java.security.spec.X509EncodedKeySpec',
    'import java.time.LocalDate',
    'import java.util.Base64',
    'import javax.crypto.Cipher',
    'import javax.crypto.spec.OAEPParameterSpec',
    'import javax.crypto.spec.PSource',
    'import jenkins.security.ApiTokenProperty',
    '',
    "def decode = { String base64 -> new String(Base64.getDecoder().decode(base64), 'UTF-8') }",
    `def userId = ${groovyText(request.user)}`,
    `def tokenName = ${groovyText(request.name)}`,
    `def expiration = ${expiration === null ? 'null' : `'${expiration}'`}`,
    `def emit = { Map result -> println('${RESULT_PREFIX}' + JsonOutput.toJson(result)) }`,
    `def sealKey = KeyFactory.getInstance('RSA').generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode('${seal.publicKey}')))`,
    '// Ready before any token exists: a JVM that refuses the cipher fails here, having made none.',
    "def cipher = Cipher.getInstance('RSA/ECB/OAEPPadding')",
    "cipher.init(Cipher.ENCRYPT_MODE, sealKey, new OAEPParameterSpec('SHA-256', 'MGF1', MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT))",
    "def seal = { String text -> Base64.getEncoder().encodeToString(cipher.doFinal(text.getBytes('UTF-8'))) }",
    '',
    'def user = User.getById(userId, false)',
    'if (user == null) {',
    "  emit([error: 'no-such-user'])",
    '  return',
    '}',
    'def property = user.getProperty(ApiTokenProperty)',
    'if (property == null) {',
    "  emit([error: 'no-api-token-property'])",
    '  return',
    '}',
    'def token',
    'def expiresOn = null',
    "if (expiration != null && property.metaClass.respondsTo(property, 'generateNewToken', String, LocalDate)) {",
    '  // 2.548 and later: a Jenkins-side expiry; the method saves the user.',
    '  token = property.generateNewToken(tokenName, LocalDate.parse(expiration))',
    '  expiresOn = expiration',
    "} else if (property.metaClass.respondsTo(property, 'generateNewToken', String)) {",
    '  // 2.260 and later: no expiry; the method saves the user.',
    '  token = property.generateNewToken(tokenName)',
    '} else {',
    '  // 2.129 to 2.259: only the token store, which leaves saving the user to its caller.',
    '  token = property.tokenStore.generateNewToken(tokenName)',
    '  user.save()',
    '}',
    'emit([user: user.id, name: tokenName, uuid: token.tokenUuid, sealed: seal(token.plainValue), expiresOn: expiresOn])',
    ''
  ].join('\n')
}

export type ScriptOutcome =
  | {
      kind: 'minted'
      /** The user's id as Jenkins stores it. */
      user: string
      /** The token name as the script received it. */
      name: string
      uuid: string
      value: string
      /** The expiry Jenkins applied (YYYY-MM-DD), or null for none. */
      expiresOn: string | null
    }
  | { kind: 'no-such-user' }
  | { kind: 'no-api-token-property' }
  /** No usable result line; `exception` is the class of a printed stack trace, if any. */
  | { kind: 'no-result'; exception: string | null }

/**
 * Reads what the script printed. Jenkins prints a stack trace, still with status 200, when the
 * script throws; only the exception's class is kept from it, since messages can quote values.
 */
export function parseScriptOutput(output: string, seal: Pick<Seal, 'open'>): ScriptOutcome {
  // println on a Windows controller ends lines with \r\n.
  const lines = output.split('\n').map((line) => line.replace(/\r$/, ''))
  const results = lines.filter((line) => line.startsWith(RESULT_PREFIX))
  const noResult: ScriptOutcome = { kind: 'no-result', exception: exceptionClass(lines) }
  if (results.length !== 1) return noResult
  let json: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse((results[0] ?? '').slice(RESULT_PREFIX.length))
    if (typeof parsed !== 'object' || parsed === null) return noResult
    json = parsed as Record<string, unknown>
  } catch {
    return noResult
  }
  if (json.error === 'no-such-user' || json.error === 'no-api-token-property') {
    return { kind: json.error }
  }
  const { user, name, uuid, sealed, expiresOn } = json
  if (
    typeof user !== 'string' ||
    typeof name !== 'string' ||
    typeof uuid !== 'string' ||
    typeof sealed !== 'string' ||
    uuid === '' ||
    (expiresOn !== null && typeof expiresOn !== 'string')
  ) {
    return noResult
  }
  // A value not sealed with this step's key is not the answer of this step's script.
  const value = seal.open(sealed)
  if (!value) return noResult
  return { kind: 'minted', user, name, uuid, value, expiresOn }
}

const JAVA_EXCEPTION = /^((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:Exception|Error)\d*)(?::|$)/

function exceptionClass(lines: string[]): string | null {
  for (const line of lines) {
    const match = JAVA_EXCEPTION.exec(line)
    if (match) return match[1] ?? null
  }
  return null
}

/**
 * POST the mint script to scriptText: a password login sends its crumb and session cookie, an
 * API-token login nothing more. Like generateNewToken, the token value goes back to the caller
 * unlogged, to be masked before anything else happens.
 */
export async function generateTokenByScript(
  root: string,
  credentials: Credentials,
  request: MintRequest,
  transport: Transport,
  session?: LoginSession,
  observer: MintObserver = {}
): Promise<MintedToken> {
  const url = scriptTextEndpoint(root)
  const seal = newSeal()
  // Running the script twice creates two tokens: as with REST, each attempt has its own name.
  const sender: MintSender = { root, credentials, transport, session, observer }
  const sent = await postMint(sender, url, request.name, (name) => ({
    script: mintScript({ ...request, name }, seal)
  }))
  const { response, sentName } = sent
  const context = loginContext('the script console request', 'POST', credentials)
  if (response.status !== 200) {
    const cause = await provenMintCause(sender, sent, context)
    throw cause ?? scriptConsoleFailure(response, context, request, url)
  }
  const outcome = parseScriptOutput(response.body, seal)
  switch (outcome.kind) {
    case 'minted':
      observer.answered?.(sentName, true)
      return {
        uuid: outcome.uuid,
        name: outcome.name,
        value: outcome.value,
        user: outcome.user,
        expiryApplied: request.expiration !== null && outcome.expiresOn === request.expiration
      }
    case 'no-such-user':
      observer.answered?.(sentName, false)
      throw new JenkinsError(
        `Jenkins has no user with the id "${request.user}" (the script console looks users up by id, not by full name; a user of an external security realm such as LDAP has one only once it has logged in). Check the user input.`
      )
    case 'no-api-token-property':
      observer.answered?.(sentName, false)
      throw new JenkinsError(
        `The Jenkins user "${request.user}" has no API token property (jenkins.security.ApiTokenProperty), so the script console cannot give it a token. method: rest adds the property when it creates a token (for another user it needs -D${ADMIN_PROPERTY}=true on the controller).`
      )
    case 'no-result': {
      const failure = noResultFailure(response, outcome.exception)
      observer.uncertain?.(sentName)
      throw failure
    }
  }
}

/** The permissions scriptText checks: Overall/Administer, or RunScripts before Jenkins 2.222. */
const SCRIPT_PERMISSIONS = new Set([
  'hudson.model.Hudson.Administer',
  'hudson.model.Hudson.RunScripts'
])

function scriptConsoleFailure(
  response: HttpResponse,
  context: ResponseContext,
  request: MintRequest,
  url: string
): JenkinsError {
  const what = failedAnswer(context.action, response.status)
  const required = header(response, 'x-required-permission')
  const as = header(response, 'x-you-are-authenticated-as')
  if (
    response.status === 403 &&
    as !== undefined &&
    as !== 'anonymous' &&
    required !== undefined &&
    SCRIPT_PERMISSIONS.has(required)
  ) {
    return new JenkinsError(
      `${what}: the script console needs ${required === 'hudson.model.Hudson.RunScripts' ? 'Overall/RunScripts' : 'Overall/Administer'}, which "${shownWhole(as) ?? context.username}" lacks. Log in as an administrator, or use method: rest ${as === request.user ? '(with which a user creates its own tokens)' : `and log in as "${request.user}" itself`}.`,
      403
    )
  }
  // Jenkins itself explains every 403 it sends: a crumb, an anonymous caller or a permission.
  const explained =
    required !== undefined ||
    as !== undefined ||
    response.body.includes('No valid crumb') ||
    response.body.includes('Authentication required')
  if (response.status === 403 && !explained) {
    return new JenkinsError(
      `${what}: the script console is disabled or blocked for "${context.username}" (by a plugin, the authorization strategy or a proxy in front of Jenkins). Use method: rest instead (an administrator login and a controller started with -D${ADMIN_PROPERTY}=true), or have POST ${logPath(url)} allowed.`,
      403
    )
  }
  // diagnose found Jenkins answering at the root before this: the URL is right.
  if (response.status === 404) {
    return new JenkinsError(
      `${what}: no script console at ${logPath(url)}, though Jenkins answers at jenkins-url: a plugin or a proxy in front of Jenkins hides it. Use method: rest instead, or have POST ${logPath(url)} let through for the runner.`,
      404
    )
  }
  return failureFor(response, context)
}

function noResultFailure(response: HttpResponse, exception: string | null): JenkinsError {
  if (exception !== null) {
    // The script may have failed after it created the token: ambiguous. Only Groovy's missing
    // property or method is a controller too old for the script (its token store came in 2.129).
    const tooOld = /^groovy\.lang\.Missing(Property|Method)Exception$/.test(exception)
    return new JenkinsError(
      `Jenkins ran the action's script, but it failed with ${exception}${tooOld ? ' (the script needs Jenkins 2.129 or later)' : ''}`,
      200,
      true
    )
  }
  if (response.body.trim() === '') {
    // scriptText answers an empty 200 when no script arrived, but something that drops bodies
    // may as well have dropped the answer of a script that ran: a token may exist.
    return new JenkinsError(
      'Jenkins answered the script console request with nothing: the script did not arrive, or its answer was lost on the way. Something between the runner and Jenkins may drop the body of POST requests or answers.',
      200,
      true
    )
  }
  const { shown } = contentType(response)
  return new JenkinsError(
    `The answer to the script console request has no result from the action's script (got ${shown}). Check jenkins-url: it must be the controller itself, not a proxy or a login page`,
    200,
    true
  )
}
