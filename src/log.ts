import * as core from '@actions/core'
import { plain } from './log-text.js'

/**
 * The only way the action writes to the job log and annotations. Every message, whole, goes
 * through `plain`: whatever part of it came from outside, no control character reaches the
 * runner, so no line break can start a `::command::` line or split an annotation.
 */
export const log = {
  debug: (message: string): void => core.debug(plain(message)),
  info: (message: string): void => core.info(plain(message)),
  notice: (message: string): void => core.notice(plain(message)),
  warning: (message: string): void => core.warning(plain(message)),
  error: (message: string): void => core.error(plain(message)),
  /** An error annotation, and the step fails (exit code 1). */
  fail: (message: string): void => core.setFailed(plain(message))
}
