/**
 * The Groovy side of `POST /scriptText` (§7): what RemotingDiagnostics.executeGroovy prints for a
 * script. The emulator runs no Groovy. It recognises the action's mint script by its header and
 * its argument lines, reads the argument literals the way Groovy reads the literals the action
 * writes (single-quoted base64 text, decoded by java.util.Base64 and new String(…, 'UTF-8')), and
 * does on its store what that script does through ApiTokenProperty. That the script really does
 * so is proven by running it in a real Groovy (__tests__/groovy/); here it only has to be
 * answered like Jenkins would. `print`/`println` of a plain literal prints it; any other script
 * fails the way Groovy fails on a name it cannot resolve: a stack trace, still with status 200.
 */
import { constants, createPublicKey, publicEncrypt } from 'node:crypto'
import type { Core } from './context.js'
import { strictBase64 } from './security.js'
import { compareVersions, type LocalDate, parseIsoLocalDate } from './util.js'

const HEADER = '// jenkins-token-action mint-token script v2'
const RESULT_PREFIX = 'jenkins-token-action-result '

/** ApiTokenProperty#getTokenStore (2.129) and generateNewToken(String, LocalDate) (2.548). */
const TOKEN_STORE_SINCE = '2.129'
const EXPIRY_SINCE = '2.548'

interface MintArguments {
  /** The base64 literals, as Groovy reads them: the text between the quotes. */
  userId: string
  tokenName: string
  /** The date literal, or null for `def expiration = null`. */
  expiration: string | null
  /** The base64 of the public key the script seals the token with (DER SubjectPublicKeyInfo). */
  sealKey: string
}

/** The text the script console answers with for `script`. */
export function runScript(core: Core, script: string): string {
  const mint = mintArguments(script)
  if (mint) return runMintScript(core, mint)
  if (script.trim() === '') return ''
  const printed = /^\s*(print|println)\s*\(?\s*'([^'\\\n]*)'\s*\)?\s*$/.exec(script)
  if (printed) return printed[1] === 'println' ? `${printed[2]}\n` : (printed[2] ?? '')
  return stackTrace(
    'groovy.lang.MissingPropertyException',
    `No such property: ${firstName(script)} for class: Script1`,
    [
      'org.codehaus.groovy.runtime.ScriptBytecodeAdapter.unwrap(ScriptBytecodeAdapter.java:66)',
      'org.codehaus.groovy.runtime.callsite.PogoGetPropertySite.getProperty(PogoGetPropertySite.java:51)',
      'Script1.run(Script1.groovy:1)'
    ]
  )
}

/** The argument literals of the action's script, or null when this is not that script. */
function mintArguments(script: string): MintArguments | null {
  const lines = script.split('\n')
  if (lines[0] !== HEADER) return null
  // Only the alphabet the action writes between the quotes: anything else Groovy would read
  // differently (escapes, interpolation), and then this is not the action's script.
  const one = (pattern: RegExp): RegExpExecArray | null => {
    const found = lines.map((line) => pattern.exec(line)).filter((m) => m !== null)
    return found.length === 1 ? (found[0] ?? null) : null
  }
  const userId = one(/^def userId = decode\('([A-Za-z0-9+/=]*)'\)$/)
  const tokenName = one(/^def tokenName = decode\('([A-Za-z0-9+/=]*)'\)$/)
  const expiration = one(/^def expiration = (?:null|'([0-9-]*)')$/)
  const sealKey = one(
    /^def sealKey = KeyFactory\.getInstance\('RSA'\)\.generatePublic\(new X509EncodedKeySpec\(Base64\.getDecoder\(\)\.decode\('([A-Za-z0-9+/=]+)'\)\)\)$/
  )
  if (!userId || !tokenName || !expiration || !sealKey) return null
  return {
    userId: userId[1] ?? '',
    tokenName: tokenName[1] ?? '',
    expiration: expiration[1] ?? null,
    sealKey: sealKey[1] ?? ''
  }
}

function runMintScript(core: Core, args: MintArguments): string {
  const userId = decode(args.userId)
  if (userId === null) return base64Failure(args.userId)
  const tokenName = decode(args.tokenName)
  if (tokenName === null) return base64Failure(args.tokenName)

  // User.getById(userId, false): the id only, under the case-insensitive id strategy.
  const user = core.users.getById(userId)
  if (!user) return result([['error', 'no-such-user']])
  if (!user.apiTokenProperty) return result([['error', 'no-api-token-property']])
  if (compareVersions(core.version, TOKEN_STORE_SINCE) < 0) {
    return stackTrace(
      'groovy.lang.MissingPropertyException',
      'No such property: tokenStore for class: jenkins.security.ApiTokenProperty',
      ['Script1.run(Script1.groovy:38)']
    )
  }
  // The script's expiresOn: its expiration literal, on the branch with the two-argument
  // generateNewToken only, which is also the only one that runs LocalDate.parse.
  const expiresOn =
    args.expiration !== null && compareVersions(core.version, EXPIRY_SINCE) >= 0
      ? args.expiration
      : null
  let expiry: LocalDate | null = null
  if (expiresOn !== null) {
    expiry = parseIsoLocalDate(expiresOn)
    if (!expiry) {
      return stackTrace(
        'java.time.format.DateTimeParseException',
        `Text '${expiresOn}' could not be parsed at index 0`,
        [
          'java.base/java.time.LocalDate.parse(LocalDate.java:430)',
          'Script1.run(Script1.groovy:30)'
        ]
      )
    }
  }
  // The scripting API checks no permission and no past date.
  const { token, value } = core.users.generate(user, tokenName, expiry)
  // The script's seal closure: RSA/ECB/OAEPPadding with SHA-256 and MGF1 over SHA-256.
  const key = createPublicKey({
    key: Buffer.from(args.sealKey, 'base64'),
    format: 'der',
    type: 'spki'
  })
  const sealed = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(value, 'utf8')
  ).toString('base64')
  return result([
    ['user', user.id],
    ['name', tokenName],
    ['uuid', token.uuid],
    ['sealed', sealed],
    ['expiresOn', expiresOn]
  ])
}

/** new String(Base64.getDecoder().decode(text), 'UTF-8'); null where Java throws. */
function decode(text: string): string | null {
  // Buffer keeps a leading BOM and replaces malformed UTF-8 with U+FFFD, as Java's String does.
  return strictBase64(text)?.toString('utf8') ?? null
}

function base64Failure(text: string): string {
  const bad = [...text].find((c) => !/[A-Za-z0-9+/=]/.test(c)) ?? '='
  return stackTrace(
    'java.lang.IllegalArgumentException',
    `Illegal base64 character ${bad.charCodeAt(0).toString(16)}`,
    [
      'java.base/java.util.Base64$Decoder.decode0(Base64.java:847)',
      'Script1.run(Script1.groovy:10)'
    ]
  )
}

/** emit(): println(prefix + JsonOutput.toJson(map)) on a Linux controller. */
function result(fields: [string, string | null][]): string {
  const json = fields.map(([k, v]) => `${groovyJson(k)}:${v === null ? 'null' : groovyJson(v)}`)
  return `${RESULT_PREFIX}{${json.join(',')}}\n`
}

/** Groovy 2.4 JsonOutput string: named escapes, and \u00xx for every other char outside ' '..'~'. */
export function groovyJson(text: string): string {
  const named: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\f': '\\f',
    '\r': '\\r'
  }
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i)
    const code = text.charCodeAt(i)
    out += named[c] ?? (code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : c)
  }
  return `${out}"`
}

/** Functions.printStackTrace into the console's writer, as _doScript shows any Throwable. */
function stackTrace(exception: string, message: string, frames: string[]): string {
  const shell = [
    'groovy.lang.GroovyShell.evaluate(GroovyShell.java:574)',
    'groovy.lang.GroovyShell.evaluate(GroovyShell.java:612)',
    'groovy.lang.GroovyShell.evaluate(GroovyShell.java:583)',
    'hudson.util.RemotingDiagnostics$Script.call(RemotingDiagnostics.java:142)',
    'hudson.util.RemotingDiagnostics$Script.call(RemotingDiagnostics.java:114)',
    'hudson.remoting.LocalChannel.call(LocalChannel.java:45)',
    'hudson.util.RemotingDiagnostics.executeGroovy(RemotingDiagnostics.java:111)',
    'jenkins.model.Jenkins._doScript(Jenkins.java:4744)'
  ]
  return `${exception}: ${message}\n${[...frames, ...shell].map((f) => `\tat ${f}\n`).join('')}`
}

/** The first name a script uses, which is what Groovy fails to resolve. */
function firstName(script: string): string {
  for (const line of script.split('\n')) {
    const code = line.trim()
    if (code === '' || code.startsWith('//') || code.startsWith('import ')) continue
    const names = code.match(/[A-Za-z_$][\w$]*/g) ?? []
    const name = names.find((n) => n !== 'def')
    if (name) return name
  }
  return 'script'
}
