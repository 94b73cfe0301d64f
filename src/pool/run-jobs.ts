/**
 * The scheduler: feeds jobs to an executor, keeping `executor.inFlight` of them handed to it (a
 * pool: one running and one waiting per thread, so no thread idles while the main thread handles
 * a result), and hands each
 * result to `onResult` as it arrives — in completion order; callers that need list order key
 * results by the job. The first failure or an abort stops everything: the executor is
 * destroyed (running jobs are abandoned) and the promise rejects.
 */
import { jobFailed, runInterrupted } from "./errors.js";
import type { JobExecutor } from "./executor.js";
import type { JobSpec } from "./job-list.js";
import type { JobTask } from "./job-task.js";

export interface RunJobsOptions {
  /** The task of a job (its scenario and seed). */
  readonly taskOf: (job: JobSpec) => JobTask;
  /** Called with each job's packed counters as it finishes; a throw stops the run. */
  readonly onResult: (job: JobSpec, counters: ArrayBuffer) => void;
  /** Names a job in a failure message. */
  readonly describe: (job: JobSpec) => string;
  /** Aborting it stops the run with RunInterruptedError. */
  readonly signal?: AbortSignal;
}

export function runJobs(jobs: readonly JobSpec[], executor: JobExecutor, options: RunJobsOptions): Promise<void> {
  const { taskOf, onResult, describe, signal } = options;
  const window = executor.inFlight;
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let settled = false;
    const finish = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) {
        executor.close().then(resolve, reject);
      } else {
        const fail = (): void => reject(error);
        executor.destroy().then(fail, fail);
      }
    };
    const onAbort = (): void => finish(runInterrupted());
    const launch = (): void => {
      while (!settled && running < window && next < jobs.length) {
        const job = jobs[next++];
        running++;
        executor.run(taskOf(job)).then(
          (counters) => {
            running--;
            if (settled) return;
            try {
              onResult(job, counters);
            } catch (error) {
              finish(error);
              return;
            }
            if (next === jobs.length && running === 0) finish(undefined);
            else launch();
          },
          (error: unknown) => {
            running--;
            finish(jobFailed(describe(job), error));
          },
        );
      }
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (jobs.length === 0) return finish(undefined);
    launch();
  });
}
