import type { JobExecutor } from "./executor.js";
import { runJobTask, type JobTask } from "./job-task.js";
import type { JobProgress } from "../engine/simulation.js";

/** Yield to the event loop, so a signal handler or a progress update can run between jobs. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Jobs on the main thread, one after another — `--jobs 1`. No thread start-up. A job is plain
 * synchronous code: signals keep their default action while it runs (src/cli/main.ts), so a
 * Ctrl-C ends the process at once. `progress`, when given, hears how far the running job is.
 */
export function inProcessExecutor(progress?: JobProgress): JobExecutor {
  let stopped = false;
  return {
    threads: 1,
    inFlight: 1,
    async run(task: JobTask): Promise<ArrayBuffer> {
      await nextTurn();
      if (stopped) throw new Error("executor destroyed");
      return runJobTask(task, progress);
    },
    async close(): Promise<void> {},
    async destroy(): Promise<void> {
      stopped = true;
    },
  };
}
