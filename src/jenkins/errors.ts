import { types } from 'node:util'

/**
 * Every failure the action reports is a JenkinsError or an InputError: a short message a
 * person can act on. Anything else reaching the entry points is a bug, reported without a
 * stack trace all the same.
 */
export class JenkinsError extends Error {
  override readonly name = 'JenkinsError'

  constructor(
    message: string,
    /** The HTTP status, when Jenkins (or something in front of it) answered. */
    readonly status?: number,
    /**
     * True when the request may have reached Jenkins and been processed although no usable
     * answer came back: a mint that fails this way may have created a token.
     */
    readonly ambiguous = false
  ) {
    super(message)
  }
}

/** An error's message; an error made in another realm (a vm context) counts as one too. */
export function errorMessage(error: unknown): string {
  return error instanceof Error || types.isNativeError(error) ? error.message : String(error)
}
