/**
 * The emulator tests' own HTTP client and emulator lifecycle: raw node:http(s) requests, so a
 * test sees exactly the status, headers and Set-Cookie the emulator sent.
 */

import { type Agent, type IncomingHttpHeaders, request } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { afterEach } from '@jest/globals'
import {
  type EmulatorOptions,
  type JenkinsEmulator,
  startJenkinsEmulator
} from './jenkins-emulator.js'

export interface Res {
  status: number
  headers: IncomingHttpHeaders
  body: string
  /** the response's Set-Cookie headers */
  cookies: string[]
}

export interface ReqOptions {
  method?: string
  /** [user, password] for Basic, or a raw Authorization header value */
  auth?: [string, string] | string
  headers?: Record<string, string>
  /** urlencoded form body */
  form?: Record<string, string>
  /** raw body, sent as is (a form wins) */
  body?: string
  /** a cookie jar: receives Set-Cookie and sends its cookies */
  jar?: Jar
  /** an http or https Agent, matching the URL's scheme */
  agent?: Agent
  /** resolve every host name to 127.0.0.1, as a test /etc/hosts would */
  loopbackLookup?: boolean
  /** the CA to trust for an https URL */
  ca?: string
}

export class Jar {
  readonly cookies = new Map<string, string>()
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  take(setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair = ''] = c.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      if (/Max-Age=0/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(eq + 1))
    }
  }
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
}

export function http(url: string, opts: ReqOptions = {}): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.auth !== undefined) {
    headers.Authorization = typeof opts.auth === 'string' ? opts.auth : basic(...opts.auth)
  }
  let body = opts.body
  if (opts.form) {
    body = new URLSearchParams(opts.form).toString()
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
  }
  const cookie = opts.jar?.header()
  if (cookie) headers.Cookie = cookie
  const send = url.startsWith('https:') ? httpsRequest : request
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        agent: opts.agent,
        ca: opts.ca,
        lookup: opts.loopbackLookup
          ? (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }])
          : undefined
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const cookies = res.headers['set-cookie'] ?? []
          opts.jar?.take(cookies)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies
          })
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Emulators that live for one test: call at a test file's top level; the returned `start`
 * starts one and every one started is closed after the test.
 */
export function emulatorsPerTest(): (options?: EmulatorOptions) => Promise<JenkinsEmulator> {
  let emulators: JenkinsEmulator[] = []
  afterEach(async () => {
    await Promise.all(emulators.map((e) => e.close()))
    emulators = []
  })
  return async (options = {}) => {
    const e = await startJenkinsEmulator(options)
    emulators.push(e)
    return e
  }
}
