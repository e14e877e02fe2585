/** Asks the emulator, as a token holder would, whether a token still authenticates. */
export async function whoAmIStatus(root: string, user: string, token: string): Promise<number> {
  const response = await fetch(`${root}whoAmI/api/json`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` }
  })
  await response.arrayBuffer()
  return response.status
}

/** Today's date in UTC plus `days`, as YYYY-MM-DD. */
export function utcDatePlus(days: number): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days))
    .toISOString()
    .slice(0, 10)
}
