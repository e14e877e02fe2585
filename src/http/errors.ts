/**
 * A failure of the carriage itself: the controller could not be reached, did not answer in
 * time, or answered in a way the action will not follow (a redirect to another origin). The
 * message names the cause and the fix, as every message the action prints does.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError'

  constructor(
    message: string,
    /** The HTTP status of the answer that caused it, if one came. */
    readonly status?: number
  ) {
    super(message)
  }
}
