/**
 * One interface, two implementations (test/pool-executors-agree.test.ts holds both to it):
 * `inProcessExecutor` runs jobs one at a time on the main thread, `threadExecutor` on a pool of
 * worker threads.
 */
import type { JobTask } from "./job-task.js";

export interface JobExecutor {
  /** Jobs that can run at the same time. */
  readonly threads: number;
  /**
   * Jobs the scheduler keeps handed to it at once. A pool takes two per thread, one running and
   * one waiting, so no worker idles while the main thread handles a result — a pool of one
   * worker too; the in-process executor takes one, so a Ctrl-C is seen between any two jobs.
   */
  readonly inFlight: number;
  /** Run one job; resolves with its packed counters, rejects with what the job threw. */
  run(task: JobTask): Promise<ArrayBuffer>;
  /** Release the threads once every job has finished. */
  close(): Promise<void>;
  /** Stop now: running jobs are abandoned, their threads terminated. */
  destroy(): Promise<void>;
}
