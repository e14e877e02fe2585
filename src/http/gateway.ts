/**
 * The statuses only a gateway sends for an upstream it could not reach or that failed it:
 * nginx's and Apache's 502 for a refused or reset connection, a 504, and a CDN's 520-527
 * (521 "web server is down", 522 "connection timed out", …). Jenkins sends none of them
 * itself. Not 503: Jenkins's own loading page is a 503, and so is an ingress's with no endpoint.
 */
export function isGatewayStatus(status: number): boolean {
  return status === 502 || status === 504 || (status >= 520 && status <= 527)
}
