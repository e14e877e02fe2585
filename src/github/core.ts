/**
 * The part of @actions/core 3.0.1 this action uses, ported line for line: same names, same
 * workflow-command escaping, same file-command format (random `ghadelimiter_<uuid>`, and the
 * same refusal when the name or value contains it). @actions/core itself imports its OIDC
 * client and @actions/exec at load, which bundle undici: about 1 MB of the dist/ entries
 * and 80 ms of every step's start, for functions this action never calls. See
 * docs/benchmarks.md; __tests__/unit/core.test.ts checks this module against @actions/core.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

export interface InputOptions {
  /** Trim leading and trailing whitespace (default true). */
  trimWhitespace?: boolean
}

/** Where an annotation points (error, warning, notice). */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

type CommandProperties = Record<string, unknown>

/** The code to exit an action. */
export enum ExitCode {
  Success = 0,
  Failure = 1
}

// ---------------------------------------------------------------- inputs and state

/** The input `name` from INPUT_<NAME> (spaces become `_`), trimmed unless told not to. */
export function getInput(name: string, options?: InputOptions): string {
  const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
  if (options && options.trimWhitespace === false) {
    return val
  }
  return val.trim()
}

/** A value the main step saved with saveState, as the runner passes it to post (STATE_<name>). */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] || ''
}

// ---------------------------------------------------------------- file commands

export function setOutput(name: string, value: unknown): void {
  const filePath = process.env.GITHUB_OUTPUT || ''
  if (filePath) {
    issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

export function saveState(name: string, value: unknown): void {
  const filePath = process.env.GITHUB_STATE || ''
  if (filePath) {
    issueFileCommand('STATE', prepareKeyValueMessage(name, value))
    return
  }
  issueCommand('save-state', { name }, toCommandValue(value))
}

/** Sets the variable for this step and, through GITHUB_ENV, for the rest of the job. */
export function exportVariable(name: string, val: unknown): void {
  const convertedVal = toCommandValue(val)
  process.env[name] = convertedVal
  const filePath = process.env.GITHUB_ENV || ''
  if (filePath) {
    issueFileCommand('ENV', prepareKeyValueMessage(name, val))
    return
  }
  issueCommand('set-env', { name }, convertedVal)
}

export function issueFileCommand(command: string, message: unknown): void {
  const filePath = process.env[`GITHUB_${command}`]
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`)
  }
  if (!existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`)
  }
  appendFileSync(filePath, `${toCommandValue(message)}${EOL}`, { encoding: 'utf8' })
}

/** `name<<ghadelimiter_<uuid>` EOL value EOL delimiter: a value may hold any line but that. */
export function prepareKeyValueMessage(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${randomUUID()}`
  const convertedValue = toCommandValue(value)
  // These should realistically never happen, but just in case someone finds a way to
  // exploit uuid generation let's not allow keys or values that contain the delimiter.
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${key}<<${delimiter}${EOL}${convertedValue}${EOL}${delimiter}`
}

// ---------------------------------------------------------------- log commands

/** Registers a secret: the runner masks it in every later line of the log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

/** Shown only when debug logging is on (the runner filters it). */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand(
    'notice',
    toCommandProperties(properties),
    message instanceof Error ? message.toString() : message
  )
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand(
    'warning',
    toCommandProperties(properties),
    message instanceof Error ? message.toString() : message
  )
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand(
    'error',
    toCommandProperties(properties),
    message instanceof Error ? message.toString() : message
  )
}

/** An error annotation, and exit code 1 when the step ends. */
export function setFailed(message: string | Error): void {
  process.exitCode = ExitCode.Failure
  error(message)
}

/** `::command key=value,key=value::message`, written to stdout on one line. */
export function issueCommand(
  command: string,
  properties: CommandProperties,
  message: unknown
): void {
  process.stdout.write(commandString(command, properties, message) + EOL)
}

export function commandString(
  command: string,
  properties: CommandProperties,
  message: unknown
): string {
  let cmdStr = `::${command || 'missing.command'}`
  if (properties && Object.keys(properties).length > 0) {
    cmdStr += ' '
    let first = true
    for (const key in properties) {
      if (Object.hasOwn(properties, key)) {
        const val = properties[key]
        if (val) {
          if (first) {
            first = false
          } else {
            cmdStr += ','
          }
          cmdStr += `${key}=${escapeProperty(val)}`
        }
      }
    }
  }
  cmdStr += `::${escapeData(message)}`
  return cmdStr
}

function escapeData(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: unknown): string {
  return toCommandValue(s)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')
}

/** Strings as they are, null and undefined as '', anything else as JSON. */
export function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) {
    return ''
  }
  if (typeof input === 'string' || input instanceof String) {
    return String(input)
  }
  return JSON.stringify(input)
}

function toCommandProperties(annotationProperties: AnnotationProperties): CommandProperties {
  if (!Object.keys(annotationProperties).length) {
    return {}
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  }
}
