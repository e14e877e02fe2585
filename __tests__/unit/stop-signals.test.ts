import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { holdStopSignals } from '../../src/runner/stop-signals.js'

const handlers: Array<[NodeJS.Signals, (signal: NodeJS.Signals) => void]> = []

afterEach(() => {
  for (const [signal, handler] of handlers.splice(0)) process.off(signal, handler)
  jest.restoreAllMocks()
})

function handler(signal: NodeJS.Signals): jest.Mock<(signal: NodeJS.Signals) => void> {
  const handle = jest.fn<(signal: NodeJS.Signals) => void>()
  process.on(signal, handle)
  handlers.push([signal, handle])
  return handle
}

describe('holdStopSignals', () => {
  it("hands a signal held during the load to the step's handler, without sending it again", async () => {
    // On Windows process.kill ends the process for SIGINT or SIGTERM; no handler would run.
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true)
    const held = holdStopSignals(0)
    process.emit('SIGTERM', 'SIGTERM')
    const stepHandler = handler('SIGTERM')
    held.replay()
    expect(stepHandler).not.toHaveBeenCalled() // on a later turn, as a signal comes
    await new Promise((resolve) => setImmediate(resolve))
    expect(stepHandler).toHaveBeenCalledWith('SIGTERM')
    expect(kill).not.toHaveBeenCalled()
  })

  it('replays nothing when no signal came', async () => {
    const held = holdStopSignals(0)
    const stepHandler = handler('SIGINT')
    held.replay()
    await new Promise((resolve) => setImmediate(resolve))
    expect(stepHandler).not.toHaveBeenCalled()
  })
})
