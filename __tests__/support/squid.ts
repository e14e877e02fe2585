import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, listening } from './free-port.js'
import { type HostMap, withHostNames } from './host-names.js'

/** Debian's squid, in /usr/sbin (not on every user's PATH). */
export const SQUID = '/usr/sbin/squid'

/** One line of Squid's access.log (native format). */
export interface SquidRequest {
  /** e.g. `TCP_TUNNEL/200`, `TCP_DENIED/403`, `TCP_MISS/200` */
  result: string
  method: string
  /** `host:port` for a CONNECT, the absolute URI for a forwarded request. */
  url: string
  /** The proxy user who authenticated, or `-`. */
  user: string
}

export interface Squid {
  url: string
  port: number
  /** What Squid logged so far, a line per transaction (a CONNECT's once its tunnel closed). */
  requests(): Promise<SquidRequest[]>
  close(): Promise<void>
}

export interface SquidOptions {
  /** Host names Squid resolves (loopback only), e.g. the controller's test name. */
  hosts?: HostMap
  /** Ports added to Squid's default `acl SSL_ports port 443`: CONNECT to any other is a 403. */
  sslPorts?: number[]
  /** Proxy credentials Squid demands (basic_ncsa_auth; 407 without them or with wrong ones). */
  basicAuth?: { user: string; password: string }
}

/**
 * A real Squid on 127.0.0.1 with Debian's default access rules for CONNECT (port 443 alone),
 * no cache, and its files in a temp dir of its own. Run as root, Squid drops to the `proxy`
 * user, which is given that dir.
 */
export async function startSquid(options: SquidOptions = {}): Promise<Squid> {
  const dir = await mkdtemp(join(tmpdir(), 'jenkins-token-action-squid-'))
  const port = await freePort()
  const config = join(dir, 'squid.conf')
  await writeFile(config, squidConfig(dir, port, options))
  if (options.basicAuth) {
    const { user, password } = options.basicAuth
    // basic_ncsa_auth reads htpasswd's formats; Apache's MD5 (apr1) is the one openssl makes.
    const hash = execFileSync('openssl', ['passwd', '-apr1', '-stdin'], {
      input: password,
      encoding: 'utf8'
    }).trim()
    await writeFile(join(dir, 'passwords'), `${user}:${hash}\n`)
  }
  if (process.getuid?.() === 0) {
    const proxy = Number(execFileSync('id', ['-u', 'proxy'], { encoding: 'utf8' }))
    await chown(dir, proxy, -1)
    await chmod(dir, 0o755)
  }
  const args = ['-N', '-f', config]
  const wrapped = options.hosts
    ? withHostNames(options.hosts, SQUID, args)
    : { command: SQUID, args, cleanup() {} }
  const child: ChildProcess = spawn(wrapped.command, wrapped.args, { stdio: 'ignore' })
  child.once('exit', () => wrapped.cleanup())
  const log = join(dir, 'access.log')
  try {
    await listening(port, child, 'squid', 10)
  } catch (error) {
    const cacheLog = await readFile(join(dir, 'cache.log'), 'utf8').catch(() => '')
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw new Error(`${(error as Error).message}\n${cacheLog}`)
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async requests() {
      const text = await readFile(log, 'utf8').catch(() => '')
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => {
          // time elapsed client result bytes method url user hierarchy type
          const [, , , result = '', , method = '', url = '', user = ''] = line.trim().split(/\s+/)
          return { result, method, url, user }
        })
    },
    async close() {
      // SIGTERM: a clean shutdown (shutdown_lifetime 0), about 2 s of Squid's own steps.
      child.kill('SIGTERM')
      await new Promise((resolve) =>
        child.exitCode === null && child.signalCode === null
          ? child.once('exit', resolve)
          : resolve(null)
      )
      await rm(dir, { recursive: true, force: true })
    }
  }
}

function squidConfig(dir: string, port: number, options: SquidOptions): string {
  const ports = [443, ...(options.sslPorts ?? [])].join(' ')
  const auth = options.basicAuth
    ? [
        `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${join(dir, 'passwords')}`,
        'auth_param basic realm jenkins-token-action test',
        'acl authenticated proxy_auth REQUIRED',
        'http_access deny !authenticated'
      ]
    : []
  return [
    `http_port 127.0.0.1:${port}`,
    'visible_hostname squid.jenkins-token-action.test',
    ...(process.getuid?.() === 0 ? ['cache_effective_user proxy'] : []),
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${join(dir, 'access.log')}`,
    'cache deny all',
    'shutdown_lifetime 0 seconds',
    // Loopback only: names come from the private /etc/hosts, any DNS query would go nowhere,
    // and no ICMP pinger.
    'dns_nameservers 127.0.0.1',
    'pinger_enable off',
    // Debian's squid.conf, as shipped: CONNECT to SSL_ports alone.
    `acl SSL_ports port ${ports}`,
    'acl Safe_ports port 80 21 443 70 210 1025-65535 280 488 591 777',
    'acl CONNECT method CONNECT',
    'http_access deny !Safe_ports',
    'http_access deny CONNECT !SSL_ports',
    ...auth,
    'http_access allow localhost',
    'http_access deny all',
    ''
  ].join('\n')
}
