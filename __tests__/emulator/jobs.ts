/**
 * Jobs as a client that triggers a build and waits for it sees them: `build` and
 * `buildWithParameters` (ParameterizedJobMixIn, ParametersDefinitionProperty), the queue item
 * (Queue.WaitingItem, then Queue.LeftItem with `executable`), and the build (`building`,
 * `result`). Not a build system: a build is a timer, its result is configured.
 *
 * Time is read, not scheduled: each state follows from the wall clock when asked, so there
 * is nothing to cancel when the emulator closes.
 */
import type { RequestContext } from './context.js'
import { OopsError } from './context.js'
import { apiJson, type MissingPermission, requirePostPage } from './pages.js'
import type { EmulatorJob, EmuResponse } from './types.js'

export type BuildResult = 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'ABORTED'

/** Item.BUILD, and what implies it, as AccessDeniedException3 names them. */
const BUILD: MissingPermission = {
  id: 'hudson.model.Item.Build',
  impliedBy: ['hudson.model.Hudson.Administer']
}

/** Jenkins keeps a left queue item for five minutes (Queue.LeftItem, Queue#maintain). */
const LEFT_ITEM_MS = 5 * 60 * 1000

interface Job {
  name: string
  parameters: Record<string, string> | null
  result: BuildResult
  queueMs: number
  buildMs: number
  buildable: boolean
  nextBuildNumber: number
}

interface QueueItem {
  id: number
  job: Job
  parameters: [string, string][] | null
  user: string
  queuedAt: number
  /** the build number, assigned when the item was created (it starts at queuedAt + queueMs) */
  number: number
}

export interface JobResponder {
  /** Responses for `job/…` and `queue/…` paths, or null when the path is not one of them. */
  dispatch(ctx: RequestContext, denied: (m: MissingPermission) => EmuResponse): EmuResponse | null
}

export class JobBoard implements JobResponder {
  private readonly jobs = new Map<string, Job>()
  private readonly items: QueueItem[] = []
  private nextQueueId = 1

  constructor(
    jobs: readonly EmulatorJob[],
    private readonly now: () => number = Date.now
  ) {
    for (const job of jobs) {
      this.jobs.set(job.name, {
        name: job.name,
        parameters: job.parameters ?? null,
        result: job.result ?? 'SUCCESS',
        queueMs: job.queueMs ?? 500,
        buildMs: job.buildMs ?? 1500,
        buildable: job.buildable ?? true,
        nextBuildNumber: 1
      })
    }
  }

  dispatch(ctx: RequestContext, denied: (m: MissingPermission) => EmuResponse): EmuResponse | null {
    const tokens = ctx.tokens
    if (tokens[0] === 'queue') return this.queueRoute(ctx, tokens.slice(1))
    if (tokens[0] !== 'job') return null
    // job/a/job/b/… : folders, then the rest
    const names: string[] = []
    let i = 0
    while (tokens[i] === 'job' && tokens[i + 1] !== undefined) {
      names.push(tokens[i + 1] ?? '')
      i += 2
    }
    const job = this.jobs.get(names.join('/'))
    if (!job) return null
    const rest = tokens.slice(i)
    const [first, second, third] = rest
    if (rest.length === 1 && (first === 'build' || first === 'buildWithParameters')) {
      return this.trigger(ctx, job, first, denied)
    }
    if (rest.length === 2 && first === 'api' && second === 'json') {
      return this.json(ctx, this.jobJson(ctx, job))
    }
    if (rest.length === 3 && second === 'api' && third === 'json') {
      const item = this.buildItem(job, first ?? '')
      return item ? this.json(ctx, this.buildJson(ctx, item)) : null
    }
    return null
  }

  // ------------------------------------------------------------ triggering

  private trigger(
    ctx: RequestContext,
    job: Job,
    method: 'build' | 'buildWithParameters',
    denied: (m: MissingPermission) => EmuResponse
  ): EmuResponse {
    const gate = (): EmuResponse | null => {
      // BuildAuthorizationToken.checkPermission: Item.BUILD, then POST (or 405 + requirePOST).
      if (ctx.anonymous) return denied(BUILD)
      if (ctx.method === 'POST') return null
      const page = requirePostPage(ctx.pageCommon(), `${ctx.rootUrl()}${ctx.tokens.join('/')}`)
      return { ...page, status: 405, headers: [...page.headers, ['Allow', 'POST']] }
    }
    if (method === 'buildWithParameters') {
      const refused = gate()
      if (refused) return refused
      if (!job.buildable) return ctx.jetty(409, `${job.name} is not buildable`)
      if (!job.parameters) return ctx.jetty(400, `${job.name} is not parameterized`)
      return this.schedule(ctx, job, this.parameterValues(ctx, job.parameters), 303)
    }
    if (!job.buildable) return ctx.jetty(409, `${job.name} is not buildable`)
    if (job.parameters && ctx.method !== 'POST') {
      // the parameters form; a client that triggers builds does not read it
      return requirePostPage(ctx.pageCommon(), `${ctx.rootUrl()}${ctx.tokens.join('/')}`)
    }
    const refused = gate()
    if (refused) return refused
    if (job.parameters) {
      // ParametersDefinitionProperty#_doBuild reads the form's `json` field
      if (ctx.param('json') === null) {
        throw new OopsError('ServletException: This page expects a form submission')
      }
      return this.schedule(ctx, job, this.parameterValues(ctx, job.parameters), 303)
    }
    // ParameterizedJobMixIn#doBuild answers 201 even for an existing item (JENKINS-66105)
    return this.schedule(ctx, job, null, 201)
  }

  private parameterValues(
    ctx: RequestContext,
    defaults: Record<string, string>
  ): [string, string][] {
    return Object.entries(defaults).map(([name, value]) => [name, ctx.param(name) ?? value])
  }

  /** Queue#schedule2: an equal waiting item is reused (statusIfExisting), else a new one. */
  private schedule(
    ctx: RequestContext,
    job: Job,
    parameters: [string, string][] | null,
    statusIfExisting: number
  ): EmuResponse {
    const now = this.now()
    const same = this.items.find(
      (item) =>
        item.job === job &&
        now < item.queuedAt + job.queueMs &&
        JSON.stringify(item.parameters) === JSON.stringify(parameters)
    )
    const item = same ?? {
      id: this.nextQueueId++,
      job,
      parameters,
      user: ctx.auth.name,
      queuedAt: now,
      number: job.nextBuildNumber++
    }
    if (!same) this.items.push(item)
    const location = `${ctx.rootUrl()}queue/item/${item.id}/`
    return { status: same ? statusIfExisting : 201, headers: [['Location', location]], body: '' }
  }

  // ------------------------------------------------------------ reading

  private queueRoute(ctx: RequestContext, rest: string[]): EmuResponse | null {
    // queue/item/<id>/api/json
    if (rest.length !== 4 || rest[0] !== 'item' || rest[2] !== 'api' || rest[3] !== 'json') {
      return null
    }
    const id = Number(rest[1])
    const now = this.now()
    const item = this.items.find((i) => i.id === id)
    if (!item) return null
    const startsAt = item.queuedAt + item.job.queueMs
    if (now >= startsAt + LEFT_ITEM_MS) return null
    const common = {
      actions: this.actions(item),
      blocked: false,
      buildable: false,
      id: item.id,
      inQueueSince: item.queuedAt,
      params: (item.parameters ?? []).map(([n, v]) => `\n${n}=${v}`).join(''),
      stuck: false,
      task: this.taskJson(ctx, item.job),
      url: `queue/item/${item.id}/`
    }
    if (now < startsAt) {
      const seconds = ((startsAt - now) / 1000).toFixed(1)
      return this.json(ctx, {
        _class: 'hudson.model.Queue$WaitingItem',
        ...common,
        why: `In the quiet period. Expires in ${seconds} sec`,
        timestamp: startsAt
      })
    }
    return this.json(ctx, {
      _class: 'hudson.model.Queue$LeftItem',
      ...common,
      why: null,
      cancelled: false,
      executable: {
        _class: 'hudson.model.FreeStyleBuild',
        number: item.number,
        url: `${this.jobUrl(ctx, item.job)}${item.number}/`
      }
    })
  }

  private buildItem(job: Job, number: string): QueueItem | undefined {
    const now = this.now()
    return this.items.find(
      (i) => i.job === job && String(i.number) === number && now >= i.queuedAt + job.queueMs
    )
  }

  private buildJson(ctx: RequestContext, item: QueueItem): Record<string, unknown> {
    const startedAt = item.queuedAt + item.job.queueMs
    const building = this.now() < startedAt + item.job.buildMs
    return {
      _class: 'hudson.model.FreeStyleBuild',
      actions: this.actions(item),
      building,
      displayName: `#${item.number}`,
      duration: building ? 0 : item.job.buildMs,
      fullDisplayName: `${item.job.name.split('/').join(' » ')} #${item.number}`,
      id: String(item.number),
      number: item.number,
      queueId: item.id,
      result: building ? null : item.job.result,
      timestamp: startedAt,
      url: `${this.jobUrl(ctx, item.job)}${item.number}/`
    }
  }

  private jobJson(ctx: RequestContext, job: Job): Record<string, unknown> {
    const started = this.items.filter(
      (i) => i.job === job && this.now() >= i.queuedAt + job.queueMs
    )
    const last = started.at(-1)
    return {
      ...this.taskJson(ctx, job),
      buildable: job.buildable,
      inQueue: this.items.some((i) => i.job === job && this.now() < i.queuedAt + job.queueMs),
      lastBuild: last
        ? {
            _class: 'hudson.model.FreeStyleBuild',
            number: last.number,
            url: `${this.jobUrl(ctx, job)}${last.number}/`
          }
        : null,
      nextBuildNumber: job.nextBuildNumber,
      property: job.parameters
        ? [
            {
              _class: 'hudson.model.ParametersDefinitionProperty',
              parameterDefinitions: Object.entries(job.parameters).map(([name, value]) => ({
                _class: 'hudson.model.StringParameterDefinition',
                defaultParameterValue: { _class: 'hudson.model.StringParameterValue', name, value },
                name,
                type: 'StringParameterDefinition'
              }))
            }
          ]
        : []
    }
  }

  private taskJson(ctx: RequestContext, job: Job): Record<string, unknown> {
    return {
      _class: 'hudson.model.FreeStyleProject',
      name: job.name.split('/').at(-1),
      fullName: job.name,
      url: this.jobUrl(ctx, job),
      color: job.buildable ? 'blue' : 'disabled'
    }
  }

  private actions(item: QueueItem): Record<string, unknown>[] {
    const actions: Record<string, unknown>[] = []
    if (item.parameters) {
      actions.push({
        _class: 'hudson.model.ParametersAction',
        parameters: item.parameters.map(([name, value]) => ({
          _class: 'hudson.model.StringParameterValue',
          name,
          value
        }))
      })
    }
    actions.push({
      _class: 'hudson.model.CauseAction',
      causes: [
        {
          _class: 'hudson.model.Cause$UserIdCause',
          shortDescription: `Started by user ${item.user}`,
          userId: item.user,
          userName: item.user
        }
      ]
    })
    return actions
  }

  private jobUrl(ctx: RequestContext, job: Job): string {
    const path = job.name
      .split('/')
      .map((n) => `job/${encodeURIComponent(n)}/`)
      .join('')
    return `${ctx.rootUrl()}${path}`
  }

  /** Api#doJson with `tree`: top-level fields only (nested selections keep the whole value). */
  private json(ctx: RequestContext, value: Record<string, unknown>): EmuResponse {
    const tree = ctx.param('tree')
    if (tree === null) return apiJson(ctx.core.env, value)
    const wanted = new Set(topLevelFields(tree))
    const picked: Record<string, unknown> = { _class: value._class }
    for (const [key, v] of Object.entries(value)) if (wanted.has(key)) picked[key] = v
    return apiJson(ctx.core.env, picked)
  }
}

function topLevelFields(tree: string): string[] {
  const fields: string[] = []
  let depth = 0
  let current = ''
  for (const ch of tree) {
    if (ch === '[' || ch === '{') depth++
    if (ch === ']' || ch === '}') depth--
    if (ch === ',' && depth === 0) {
      fields.push(current)
      current = ''
    } else current += ch
  }
  fields.push(current)
  return fields.map((f) => f.replace(/[[{].*$/s, '').trim()).filter((f) => f !== '')
}
