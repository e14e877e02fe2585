/**
 * Fault switches for the emulator, installed through its hook seam: make chosen requests
 * fail with a status, lose the connection before or after Jenkins acted, cut the answer off
 * mid-body, hang, answer late, redirect, or answer JSON that is not Jenkins's. Each rule hits `times` matching requests
 * (all, by default), then lets them by.
 */
import { OopsError } from './context.js'
import { setEmulatorHooks } from './jenkins-emulator.js'
import type { EmuResponse, HookAction, JenkinsEmulator, RequestView } from './types.js'

export type Fault =
  /**
   * A status page from something in front of Jenkins, e.g. a proxy's 503. By default answered
   * before Jenkins sees the request; with `after: true` Jenkins processed it (a token was minted)
   * and the proxy answered 502/504 instead of Jenkins's answer.
   */
  | {
      status: number
      retryAfter?: string
      body?: string
      after?: boolean
      challenge?: string
      /** Jenkins's X-Jenkins header on the page: Jenkins's own 5xx, not a gateway's. */
      version?: string
    }
  /** The connection drops: before Jenkins acts on the request, or after it did. */
  | { reset: 'before' | 'after' }
  /**
   * Jenkins acts and answers, and the answer is cut off mid-body: its status line and headers
   * (whose Content-Length promises the whole body) and half the body arrive, then the
   * connection is closed or reset, as when a proxy's time limit or a dying process ends it,
   * or stalls with the rest never sent.
   */
  | { cutBody: 'close' | 'reset' | 'stall' }
  /** No answer at all, until the client gives up or the emulator closes. */
  | { hang: true }
  /** Jenkins acts, and the answer comes this late. */
  | { delayMs: number }
  /**
   * A redirect instead of an answer, as a reverse proxy or SSO gateway sends. `redirect` is the
   * Location as is: a path, or an absolute URL such as another origin on 127.0.0.1.
   */
  | { redirect: string; status?: number }
  /**
   * A 200 with this JSON text instead of Jenkins's answer, as a broken proxy or another
   * application sends: `null`, `7`, a crumb no HTTP header can carry. With `after: true`
   * Jenkins processed the request first (a token was minted).
   */
  | { json: string; after?: boolean }
  /**
   * Jenkins makes the token, and something in front of it changes the value in the answer, e.g.
   * `(value) => `${value}\ud800``: JSON.stringify writes a lone surrogate as the text "\ud800",
   * valid JSON that no URL or UTF-8 encoder takes as is. Only generateNewToken's answer changes.
   */
  | { tokenValue: (value: string) => string }
  /** Jenkins makes the token, and its answer names it so, e.g. '' (a proxy's rewrite). */
  | { tokenName: string }
  /**
   * An exception inside Jenkins, answered with its error page (500, logged under its Logging
   * ID): thrown before the request is handled (a plugin's filter), or with `after: true` once it
   * was (a token was minted), e.g. while the answer is written.
   */
  | { exception: string; after?: boolean }

export interface FaultRule {
  /** Tested against the raw request path, context path included. */
  path: RegExp
  method?: string
  times?: number
  fault: Fault
}

export interface FaultLog {
  /** How many requests each rule hit, by rule index. */
  readonly hits: number[]
  /** Every token value generateNewToken handed out, so tests can scan logs for all of them. */
  readonly mintedValues: string[]
}

export function injectFaults(emulator: JenkinsEmulator, rules: FaultRule[]): FaultLog {
  const log: FaultLog = { hits: rules.map(() => 0), mintedValues: [] }
  const faultOf = new WeakMap<RequestView, Fault>()

  const pick = (ctx: RequestView): Fault | undefined => {
    for (const [index, rule] of rules.entries()) {
      if (rule.method && rule.method !== ctx.method) continue
      if (!rule.path.test(ctx.rawPath)) continue
      if ((log.hits[index] ?? 0) >= (rule.times ?? Number.POSITIVE_INFINITY)) continue
      log.hits[index] = (log.hits[index] ?? 0) + 1
      return rule.fault
    }
    return undefined
  }

  setEmulatorHooks(emulator, {
    beforeHandle: (ctx): HookAction | undefined => {
      const fault = pick(ctx)
      if (!fault) return undefined
      faultOf.set(ctx, fault)
      if ('redirect' in fault) {
        return {
          kind: 'respond',
          response: {
            status: fault.status ?? 302,
            headers: [['Location', fault.redirect]],
            body: ''
          }
        }
      }
      if ('status' in fault && !fault.after) {
        return { kind: 'respond', response: statusPage(fault) }
      }
      if ('json' in fault && !fault.after) return { kind: 'respond', response: jsonPage(fault) }
      if ('exception' in fault && !fault.after) throw new OopsError(fault.exception)
      if ('hang' in fault) return { kind: 'hang' }
      if ('reset' in fault && fault.reset === 'before') return { kind: 'destroy' }
      return undefined
    },
    afterHandle: async (ctx, response): Promise<HookAction | undefined> => {
      recordMinted(ctx, response, log)
      const fault = faultOf.get(ctx)
      if (fault && 'reset' in fault && fault.reset === 'after') return { kind: 'destroy' }
      if (fault && 'cutBody' in fault) return { kind: 'cut', response, end: fault.cutBody }
      if (fault && 'tokenValue' in fault) {
        return withTokenData(response, (data) => {
          if (typeof data.tokenValue === 'string')
            data.tokenValue = fault.tokenValue(data.tokenValue)
        })
      }
      if (fault && 'tokenName' in fault) {
        return withTokenData(response, (data) => {
          data.tokenName = fault.tokenName
        })
      }
      if (fault && 'exception' in fault) {
        if (fault.after) throw new OopsError(fault.exception)
      } else if (fault && 'after' in fault && fault.after) {
        const replaced = 'json' in fault ? jsonPage(fault) : statusPage(fault)
        return { kind: 'respond', response: replaced }
      }
      // Unref'd: a late answer the client stopped waiting for must not keep the test run alive.
      if (fault && 'delayMs' in fault) {
        await new Promise((r) => setTimeout(r, fault.delayMs).unref())
      }
      return undefined
    }
  })
  return log
}

function statusPage(fault: {
  status: number
  retryAfter?: string
  body?: string
  challenge?: string
  version?: string
}): EmuResponse {
  const headers: [string, string][] = [['Content-Type', 'text/html;charset=utf-8']]
  if (fault.version !== undefined) headers.push(['X-Jenkins', fault.version])
  if (fault.retryAfter !== undefined) headers.push(['Retry-After', fault.retryAfter])
  // A 401's WWW-Authenticate, e.g. nginx auth_basic's: Basic realm="Restricted".
  if (fault.challenge !== undefined) headers.push(['WWW-Authenticate', fault.challenge])
  return {
    status: fault.status,
    headers,
    body: fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`
  }
}

function jsonPage(fault: { json: string }): EmuResponse {
  return {
    status: 200,
    headers: [['Content-Type', 'application/json;charset=utf-8']],
    body: fault.json
  }
}

function withTokenData(
  response: EmuResponse,
  change: (data: Record<string, unknown>) => void
): HookAction | undefined {
  let answer: { data?: Record<string, unknown> }
  try {
    answer = JSON.parse(response.body.toString())
  } catch {
    return undefined // not a token answer: Jenkins's own page goes through
  }
  if (typeof answer.data?.tokenValue !== 'string') return undefined
  change(answer.data)
  return { kind: 'respond', response: { ...response, body: JSON.stringify(answer) } }
}

function recordMinted(ctx: RequestView, response: EmuResponse, log: FaultLog): void {
  if (!ctx.rawPath.includes('/generateNewToken') || response.status !== 200) return
  try {
    const value = JSON.parse(response.body.toString()).data?.tokenValue
    if (typeof value === 'string') log.mintedValues.push(value)
  } catch {
    // not a token answer
  }
}
