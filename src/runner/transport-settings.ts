import { type Agents, type LimitWords, Transport, type WaitingFor } from '../http/transport.js'
import { askIfStarting, isLoadingCrumbFailure, judgeJenkinsAnswer } from '../jenkins/answers.js'
import { log } from './log.js'

export interface TransportSettings {
  /** The controller's root, where a GET tells a controller gone from one path failing. */
  jenkinsUrl: string
  timeoutSeconds: number
  retries: number
  caCertificate: string | null
  insecureSkipTlsVerify: boolean
  /** wait-seconds, or null when not given. */
  waitSeconds?: number | null
}

// A controller showing its getting-ready page is worth waiting for even unasked.
const DEFAULT_LOADING_WAIT_MS = 120_000
// The post step runs while the job is finishing: a hung Jenkins must not hold it up.
const POST_TIMEOUT_MS = 10_000
const POST_RETRIES = 2
const POST_BUDGET_MS = 20_000

const MAIN_LIMITS: LimitWords = {
  request: 'timeout-seconds',
  step: 'Each request is tried at most retries + 1 times, for timeout-seconds each, and the step waits at most wait-seconds (120 s when it is not set) for a starting controller.',
  starting: 'Set wait-seconds to wait longer for it (for a service container, 180 or more).',
  gone: 'Set wait-seconds to wait longer for it to come back, or re-run the job once Jenkins answers again.'
}

/**
 * The main step's transport: (retries + 1) × timeout, plus the wait for a starting controller,
 * as one budget: a step that spent none of it waiting may spend it on slow answers instead.
 * Each request may still make all its attempts, whatever the ones before it spent.
 * Refused and dropped connections before Jenkins has answered are waited for only when
 * wait-seconds asks for it, so a wrong URL still fails within seconds; after an answer they
 * are a controller gone (restarting, or crashed), waited for as long as its pages are.
 */
export function mainTransport(settings: TransportSettings, agents?: Agents): Transport {
  const timeoutMs = settings.timeoutSeconds * 1000
  const waitMs =
    settings.waitSeconds === null || settings.waitSeconds === undefined
      ? null
      : settings.waitSeconds * 1000
  const loadingMs = waitMs ?? DEFAULT_LOADING_WAIT_MS
  return new Transport({
    ...common(settings, agents),
    timeoutMs,
    retries: settings.retries,
    budgetMs: (settings.retries + 1) * timeoutMs + loadingMs,
    triesPerRequest: true,
    startup: {
      loadingMs,
      unreachableMs: waitMs ?? 0,
      unreachableAfterSend: true,
      progress: waitingLine
    },
    limits: MAIN_LIMITS
  })
}

/**
 * The post step's transport: main's settings within limits of its own, 20 s in all, since
 * wait-seconds is main's alone. A controller restarting as the job ends is waited for within
 * those 20 s, whatever retries says, as long as one more request still fits: while it refuses
 * connections as well as while it shows its getting-ready page. Main reached it at this URL,
 * so a refused connection here, or a gateway's 5xx the root confirms, is a controller that went
 * away, not a wrong URL to fail fast on nor a 5xx to retry blindly (answeredEarlier). The revoke
 * then goes again only once GETs without credentials find Jenkins serving: the token travels
 * only to a Jenkins that can act on it, and post's few retries are not spent on a proxy's 502s.
 */
export function postTransport(settings: TransportSettings, agents?: Agents): Transport {
  const timeoutMs = Math.min(settings.timeoutSeconds * 1000, POST_TIMEOUT_MS)
  const retries = Math.min(settings.retries, POST_RETRIES)
  const loadingMs = POST_BUDGET_MS - timeoutMs
  return new Transport({
    ...common(settings, agents),
    timeoutMs,
    retries,
    budgetMs: POST_BUDGET_MS,
    // Post runs only for a token main minted: Jenkins answered main at this very URL.
    answeredEarlier: "in this job's main step",
    // Refused connections, not requests Jenkins took and left unanswered: a hung controller
    // must not hold the job up for all 20 s.
    startup: {
      loadingMs,
      unreachableMs: loadingMs,
      unreachableAfterSend: false,
      progress: waitingLine
    },
    limits: {
      request:
        timeoutMs < settings.timeoutSeconds * 1000
          ? `the post step's limit per request, ${POST_TIMEOUT_MS / 1000} s at most`
          : 'timeout-seconds',
      step: `The post step tries for at most ${POST_BUDGET_MS / 1000} s, with at most ${POST_TIMEOUT_MS / 1000} s per request and ${POST_RETRIES} retries, whatever the inputs say.`,
      starting: `The post step waits at most ${Math.round(loadingMs / 1000)} s for a starting controller.`,
      gone: `The post step waits at most ${Math.round(loadingMs / 1000)} s for it to come back.`
    }
  })
}

/** The progress line of both waits; one that went away is not said to be starting. */
function waitingLine(
  waitedMs: number,
  limitMs: number,
  why: string,
  waitingFor: WaitingFor,
  answered: string
): void {
  const [goal, reason] =
    waitingFor === 'return'
      ? ['come back', `it answered ${answered}, and now ${why}`]
      : ['start', why]
  log.info(
    `Waiting for Jenkins to ${goal} (${Math.round(waitedMs / 1000)} s of up to ${Math.round(limitMs / 1000)} s): ${reason.replace(/\.$/, '')}.`
  )
}

function common(settings: TransportSettings, agents: Agents | undefined) {
  return {
    ...(agents ? { agents } : {}),
    debug: (message: string) => log.debug(message),
    judge: judgeJenkinsAnswer,
    askAnonymously: askIfStarting,
    actedOnNothing: isLoadingCrumbFailure,
    root: settings.jenkinsUrl,
    tls: {
      ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
      ...(settings.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {})
    }
  }
}
