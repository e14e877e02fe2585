/**
 * The ranges of the numeric inputs: what readInputs accepts, and so all that main's record
 * for the post step can hold. Kept apart from inputs.ts, which loads node:crypto.
 */
export interface Range {
  min: number
  max: number
}

export const TIMEOUT_SECONDS: Range = { min: 1, max: 600 }
export const RETRIES: Range = { min: 0, max: 10 }
export const WAIT_SECONDS: Range = { min: 0, max: 3600 }
export const EXPIRATION_DAYS: Range = { min: 1, max: 365 }

export function isWholeIn(value: unknown, range: Range): value is number {
  return Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max
}
