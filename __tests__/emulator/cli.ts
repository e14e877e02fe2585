/**
 * Starts a Jenkins emulator for demos:
 *   node build/__tests__/emulator/cli.js [--port N] [--version V] [--context-path /jenkins]
 *        [--admin-can-generate-new-tokens] [--no-crumb-issuer]
 * Prints one JSON line {"url":…,"users":[…]} once listening; runs until SIGTERM/SIGINT.
 */
import {
  DEFAULT_USERS,
  type EmulatorOptions,
  startJenkinsEmulatorOnPort
} from './jenkins-emulator.js'

interface CliOptions {
  port: number
  options: EmulatorOptions
}

function parseArgs(argv: string[]): CliOptions {
  const options: EmulatorOptions = { users: [...DEFAULT_USERS] }
  let port = 0
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--port': {
        port = Number(value())
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('bad --port')
        break
      }
      case '--version':
        options.version = value()
        break
      case '--context-path':
        options.contextPath = value()
        break
      case '--admin-can-generate-new-tokens':
        options.adminCanGenerateNewTokens = true
        break
      case '--no-crumb-issuer':
        options.crumbIssuer = false
        break
      case '--today':
        options.today = value()
        break
      default:
        throw new Error(`unknown argument ${arg}`)
    }
  }
  return { port, options }
}

async function main(): Promise<void> {
  const { port, options } = parseArgs(process.argv.slice(2))
  const emulator = await startJenkinsEmulatorOnPort(port, options)
  process.stdout.write(`${JSON.stringify({ url: emulator.url, users: options.users })}\n`)
  const stop = async () => {
    await emulator.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('SIGINT', () => void stop())
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(2)
})
