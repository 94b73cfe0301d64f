/**
 * Ctrl-C (SIGINT) and SIGTERM during a command.
 *
 * While a command simulates, nicsim installs no handler: the signals keep their default action
 * and end the process at once, whatever it is doing. That is the only way to stop within a
 * second: a single sweep point runs in-process as one synchronous loop (for `--jobs 1` and for
 * any one-job run), so a JavaScript handler would not run until the loop ended — minutes later,
 * or never. Nothing needs cleaning up then: output files are written only after the simulation.
 * The process dies *by* the signal, as cp, sort or make do, so the shell reports 130 (SIGINT) or
 * 143 (SIGTERM) and a script looping over runs stops too (a shell that sees a child exit
 * normally after SIGINT carries on: https://www.cons.org/cracauer/sigint.html).
 *
 * Only while output files are written (milliseconds) are the signals held: a temporary file
 * must not be left behind, and the renames that publish the files should all happen or none.
 * `holdStopSignals` records a signal instead of dying; the writer asks `arrived()` before and
 * after installing the files, and `dieBy` re-raises it with the default action restored.
 */
import { constants } from "node:os";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export interface HeldSignals {
  /** The first stop signal received since holding began, after letting pending ones be handled. */
  arrived(): Promise<StopSignal | undefined>;
  /** Restore the default action (a signal that arrives afterwards ends the process). */
  release(): void;
}

/** Record SIGINT and SIGTERM instead of dying, until `release()`. */
export function holdStopSignals(): HeldSignals {
  let received: StopSignal | undefined;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = (): void => {
      received ??= signal;
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  return {
    async arrived() {
      // A signal that came during synchronous work waits in libuv's signal pipe, read in a poll
      // phase; the first turn may run before its watcher is polled (seen: a signal raised right
      // after `process.on` needed two turns), so give the loop three turns — microseconds.
      for (let turn = 0; turn < 3 && received === undefined; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
      return received;
    },
    release() {
      for (const { signal, handler } of handlers) process.off(signal, handler);
    },
  };
}

/** End the process by `signal` with its default action (after the held signals are released). */
export function dieBy(signal: StopSignal): never {
  process.kill(process.pid, signal);
  // The signal may be delivered to another of the process's threads: give it a moment to land.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  process.exit(128 + constants.signals[signal]);
}
