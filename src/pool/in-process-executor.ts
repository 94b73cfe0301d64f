import type { JobExecutor } from "./executor.js";
import { runJobTask, type JobTask } from "./job-task.js";

/** Yield to the event loop, so a signal handler or a progress update can run between jobs. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Jobs on the main thread, one after another — `--jobs 1`. No thread start-up; a Ctrl-C is
 * seen between jobs (a job itself cannot be interrupted: it is plain synchronous code).
 */
export function inProcessExecutor(): JobExecutor {
  let stopped = false;
  return {
    threads: 1,
    inFlight: 1,
    async run(task: JobTask): Promise<ArrayBuffer> {
      await nextTurn();
      if (stopped) throw new Error("executor destroyed");
      return runJobTask(task);
    },
    async close(): Promise<void> {},
    async destroy(): Promise<void> {
      stopped = true;
    },
  };
}
