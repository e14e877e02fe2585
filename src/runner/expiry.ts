/**
 * The last day a token is valid, as YYYY-MM-DD: today in UTC plus `days`. Jenkins compares
 * against its own local date, so in any time zone the date is today or later there and
 * never rejected as past; the token lives at least `days - 1` and at most `days + 1` days.
 */
export function expirationDate(days: number, now: Date = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days))
  return date.toISOString().slice(0, 10)
}
