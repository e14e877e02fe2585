import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Host names other than localhost for a child process, e.g. `{ 'jenkins.test': '127.0.0.1' }`.
 * Loopback never goes through a proxy, and loopback by name hides the cookie `Secure` rules, so
 * such tests need a name that is not loopback. The child runs in a private mount namespace whose
 * /etc/hosts is bind-mounted from a file of ours (jenkins-api-reference.md §11 "Testing with host
 * names"); this process, its network namespace and the machine's /etc/hosts are untouched.
 */
export type HostMap = Record<string, string>

/** A command to start instead of the original one, and what to call when the child is done. */
export interface Wrapped {
  command: string
  args: string[]
  cleanup(): void
}

/** Loopback only: the tests never talk to any other address. */
function loopback(address: string): boolean {
  return (isIP(address) === 4 && address.startsWith('127.')) || address === '::1'
}

const isRoot = process.getuid?.() === 0

/**
 * The words to put in front of a command so that it runs in a namespace of its own (`flag`,
 * unshare's: -m mount, -n network), prepared as root by `script`, which gets `scriptArgs` and
 * ends in `exec "$@"`. As root: `unshare <flag> bash -c <script>`. Otherwise (GitHub's runners)
 * the same under `sudo -n -E`, dropping back to the caller's user and groups with setpriv
 * before the command runs, so that the child writes its files as the caller does.
 */
export function namespacePrefix(
  flag: '-m' | '-n',
  script: string,
  scriptArgs: string[] = []
): string[] {
  const dropPrivileges =
    isRoot || process.getuid === undefined
      ? []
      : ['setpriv', `--reuid=${process.getuid()}`, `--regid=${process.getgid?.()}`, '--init-groups']
  // bash, not sh: dash drops variables whose names are not identifiers, as INPUT_JENKINS-URL.
  const unshare = ['unshare', flag, 'bash', '-c', script, 'bash', ...scriptArgs, ...dropPrivileges]
  return isRoot ? unshare : ['sudo', '-n', '-E', ...unshare]
}

/** A private mount namespace whose /etc/hosts is `hostsFile`. */
function prefix(hostsFile: string): string[] {
  return namespacePrefix('-m', 'hosts=$1; shift; mount --bind "$hosts" /etc/hosts && exec "$@"', [
    hostsFile
  ])
}

/**
 * Writes a hosts file for `hosts` (plus localhost) and gives the command words to put in front
 * of a command so that it sees that file as /etc/hosts.
 */
export function hostNamesPrefix(hosts: HostMap): { prefix: string[]; cleanup(): void } {
  for (const [name, address] of Object.entries(hosts)) {
    if (!loopback(address)) {
      throw new Error(`host name ${name} maps to ${address}: tests use loopback addresses only`)
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'jenkins-token-action-hosts-'))
  const file = join(dir, 'hosts')
  const lines = ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback']
  for (const [name, address] of Object.entries(hosts)) lines.push(`${address} ${name}`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return { prefix: prefix(file), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** `command args`, wrapped to see `hosts` in its /etc/hosts. */
export function withHostNames(hosts: HostMap, command: string, args: string[]): Wrapped {
  const { prefix: words, cleanup } = hostNamesPrefix(hosts)
  const [first, ...rest] = words
  return { command: first as string, args: [...rest, command, ...args], cleanup }
}

let probed: string | null | undefined

/**
 * Why host names cannot be mapped here (no unshare, no mount privilege, no passwordless sudo),
 * or null when they can: tried once, for real, with `getent hosts`.
 */
export function hostNamesUnavailable(): string | null {
  if (probed !== undefined) return probed
  const name = 'probe.jenkins-token-action.test'
  const wrapped = withHostNames({ [name]: '127.0.0.1' }, 'getent', ['hosts', name])
  try {
    const out = execFileSync(wrapped.command, wrapped.args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000
    })
    probed = out.includes(name)
      ? null
      : `a private /etc/hosts did not take effect (getent printed ${JSON.stringify(out)})`
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    probed = `cannot run in a private mount namespace (${isRoot ? 'unshare -m' : 'sudo -n unshare -m'}): ${stderr || (error as Error).message}`
  } finally {
    wrapped.cleanup()
  }
  return probed
}
