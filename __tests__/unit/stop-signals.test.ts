import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { holdStopSignals, onStopSignal } from '../../src/runner/stop-signals.js'

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGBREAK']
const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]))
const platform = Object.getOwnPropertyDescriptor(process, 'platform')

afterEach(() => {
  // Every listener a test added, the hold's own included when no replay removed them.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener)
    }
  }
  if (platform) Object.defineProperty(process, 'platform', platform)
  jest.restoreAllMocks()
})

/** process.exit, which would end Jest itself (with the code given: 0 would look green). */
function noExit() {
  return jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
}

function handler(signal: NodeJS.Signals): jest.Mock<(signal: NodeJS.Signals) => void> {
  const handle = jest.fn<(signal: NodeJS.Signals) => void>()
  process.on(signal, handle)
  return handle
}

describe('holdStopSignals', () => {
  it("hands a signal held during the load to the step's handler, without sending it again", async () => {
    // On Windows process.kill ends the process for SIGINT or SIGTERM; no handler would run.
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true)
    const exit = noExit()
    const held = holdStopSignals(7)
    process.emit('SIGTERM', 'SIGTERM')
    const stepHandler = handler('SIGTERM')
    held.replay()
    expect(stepHandler).not.toHaveBeenCalled() // on a later turn, as a signal comes
    await new Promise((resolve) => setImmediate(resolve))
    expect(stepHandler).toHaveBeenCalledWith('SIGTERM')
    expect(stepHandler).toHaveBeenCalledTimes(1)
    expect(kill).not.toHaveBeenCalled()
    expect(exit).not.toHaveBeenCalled() // the hold no longer listens: no second signal
  })

  it('replays nothing when no signal came', async () => {
    const held = holdStopSignals(7)
    const stepHandler = handler('SIGINT')
    held.replay()
    await new Promise((resolve) => setImmediate(resolve))
    expect(stepHandler).not.toHaveBeenCalled()
  })

  it('ends the step with its exit code on a second signal before the replay', () => {
    const exit = noExit()
    holdStopSignals(7)
    process.emit('SIGINT', 'SIGINT')
    expect(exit).not.toHaveBeenCalled()
    process.emit('SIGTERM', 'SIGTERM')
    expect(exit).toHaveBeenCalledWith(7)
  })

  it("holds Windows's CTRL_BREAK (SIGBREAK) too", async () => {
    Object.defineProperty(process, 'platform', { value: 'win32' })
    const exit = noExit()
    const held = holdStopSignals(7)
    process.emit('SIGBREAK', 'SIGBREAK')
    const stepHandler = handler('SIGBREAK')
    held.replay()
    await new Promise((resolve) => setImmediate(resolve))
    expect(stepHandler).toHaveBeenCalledWith('SIGBREAK')
    expect(exit).not.toHaveBeenCalled()
  })
})

describe('onStopSignal', () => {
  it('ends the step with its exit code on a second signal, while the report still waits', () => {
    const exit = noExit()
    // A report held up (a slow disk under the job summary): the runner kills the step soon.
    const report = jest.fn((_: NodeJS.Signals) => new Promise<void>(() => undefined))
    onStopSignal(1, report)
    process.emit('SIGINT', 'SIGINT')
    expect(report).toHaveBeenCalledWith('SIGINT')
    expect(exit).not.toHaveBeenCalled()
    process.emit('SIGTERM', 'SIGTERM')
    expect(exit).toHaveBeenCalledWith(1)
  })
})
