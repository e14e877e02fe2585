/**
 * A cancelled job, or one past timeout-minutes, gets SIGINT, then SIGTERM 7.5 s later, then is
 * killed (on Windows CTRL_C, then CTRL_BREAK, which Node reports as SIGINT and SIGBREAK).
 * Node's default is to die at the first signal, printing nothing, which would leave a
 * token that may exist unnamed. On the first signal `report` gets the step's last word in (its
 * log lines first, then the job summary), and the step exits with `exitCode` before the kill;
 * a second signal exits at once, whatever the report is waiting for. Returns the undo.
 */
export function onStopSignal(
  exitCode: number,
  report: (signal: NodeJS.Signals) => Promise<void>
): () => void {
  let stopping = false
  return listen((signal) => {
    if (stopping) process.exit(exitCode)
    stopping = true
    void report(signal)
      .catch(() => undefined)
      .finally(() => process.exit(exitCode))
  })
}

/**
 * Holds a stop signal that comes while the step is still loading, before its handler listens:
 * Node's default would end the step at once and in silence. `replay` hands the held signal to
 * the step's own handler (onStopSignal) once it is in place, on a later turn of the event loop
 * as a signal would come; a second signal before then ends the step with `exitCode`, as a
 * second signal always does. It is emitted, not sent again: on Windows process.kill ends the
 * process for any of these signals, without a handler running.
 */
export function holdStopSignals(exitCode: number): { replay(): void } {
  let held: NodeJS.Signals | undefined
  const stopListening = listen((signal) => {
    if (held) process.exit(exitCode)
    held = signal
  })
  return {
    replay() {
      stopListening()
      const signal = held
      if (signal) setImmediate(() => process.emit(signal, signal))
    }
  }
}

/** Listens for the signals the runner stops a step with; returns the undo. */
function listen(handler: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] =
    process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM']
  for (const signal of signals) process.on(signal, handler)
  return () => {
    for (const signal of signals) process.off(signal, handler)
  }
}

/** The start of every message about a stop signal. */
export function stoppedBy(signal: NodeJS.Signals): string {
  return `Stopped by ${signal} (the job was cancelled or ran past timeout-minutes)`
}
