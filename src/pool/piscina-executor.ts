import { createRequire } from "node:module";
import type * as PiscinaLibrary from "piscina";
import type { JobExecutor } from "./executor.js";
import type { JobTask } from "./job-task.js";

/** The worker module next to this one (dist/src/pool/worker.js once built). */
export const DEFAULT_WORKER_FILE = new URL("./worker.js", import.meta.url).href;

/**
 * piscina, loaded when a pool is made: `--jobs 1` runs in-process and never needs it. A CommonJS
 * package (its `import` export only wraps the CommonJS build), so a synchronous require serves.
 */
function piscinaLibrary(): typeof PiscinaLibrary {
  return createRequire(import.meta.url)("piscina") as typeof PiscinaLibrary;
}

/**
 * Jobs on a piscina pool of `threads` worker threads. The pool is fixed-size and its workers
 * never idle out (piscina's default idleTimeout of 0 would stop and restart threads between
 * tasks); every thread starts at once, since a sweep keeps them all busy.
 *
 * `workerFile` is the worker module (a path or file: URL); tests running from TypeScript sources
 * pass the built one.
 */
export function piscinaExecutor(threads: number, workerFile: string | URL = DEFAULT_WORKER_FILE): JobExecutor {
  const { Piscina } = piscinaLibrary();
  const pool = new Piscina<JobTask, ArrayBuffer>({
    filename: String(workerFile),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    recordTiming: false,
  });
  return {
    threads,
    inFlight: 2 * threads,
    run: (task) => pool.run(task),
    close: () => pool.close(),
    destroy: () => {
      // A job that finishes while the pool is being torn down reports to a task that no longer
      // exists, and piscina emits that as an 'error' event; nothing is waiting for it any more.
      pool.on("error", () => {});
      return pool.destroy();
    },
  };
}
