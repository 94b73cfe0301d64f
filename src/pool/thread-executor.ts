/**
 * Jobs on `threads` worker threads of our own (node:worker_threads), each running worker.ts: a
 * fixed pool, every thread started at once (a sweep keeps them all busy), one job per thread at
 * a time, the others waiting here in order of arrival and handed to the first thread that
 * answers. A job's counters come back copied, not transferred (thread-loop.ts says why).
 *
 * Why not a pool library: piscina, used before, cost a 1-worker pool ~0.04 CPU-s on the main
 * thread to load before the first thread could start, and ~0.025 CPU-s more in every thread,
 * on the path to the first job (bench/pool.bench.ts measures the pool against in-process runs);
 * what nicsim needs of a pool — a fixed set of threads, a queue, a message each way per job —
 * is this file.
 *
 * A thread that fails outside a job (its module does not load, it exits) fails the job it holds
 * and takes no more; once no thread is left, every waiting job fails. The scheduler (run-jobs.ts)
 * stops the run at the first failure.
 */
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { JobExecutor } from "./executor.js";
import type { JobTask } from "./job-task.js";
import type { JobMessage, JobReply } from "./thread-loop.js";

/** The worker module next to this one (dist/src/pool/worker.js once built; dist/bin/worker.js in the bundled CLI). */
export const DEFAULT_WORKER_FILE = new URL("./worker.js", import.meta.url).href;

interface Waiting {
  readonly task: JobTask;
  readonly resolve: (counters: ArrayBuffer) => void;
  readonly reject: (error: unknown) => void;
}

interface Thread {
  readonly worker: Worker;
  /** The job it runs, with its id; null when idle. */
  job: (Waiting & { readonly id: number }) | null;
  /** Why it can take no more jobs, once it has failed outside a job. */
  failure: Error | null;
}

/**
 * `workerFile` is the thread's module (a path or file: URL; tests running from TypeScript sources
 * pass the built one, or a module of their own that calls `serveJobs`).
 */
export function threadExecutor(threads: number, workerFile: string | URL = DEFAULT_WORKER_FILE): JobExecutor {
  const queue: Waiting[] = [];
  let nextId = 0;
  let stopped = false;

  const pool: Thread[] = Array.from({ length: threads }, () => start());

  function start(): Thread {
    const thread: Thread = { worker: new Worker(toUrl(workerFile)), job: null, failure: null };
    thread.worker.on("message", (reply: JobReply) => {
      const job = thread.job;
      if (job === null || job.id !== reply.id) return;
      thread.job = null;
      if ("error" in reply) job.reject(reply.error);
      else job.resolve(reply.counters);
      feed(thread);
    });
    thread.worker.on("error", (error) => fail(thread, error));
    thread.worker.on("exit", (code) => fail(thread, new Error(`a pool thread exited (code ${code})`)));
    return thread;
  }

  /** The thread can run nothing more: its job, or the next one it would take, fails. */
  function fail(thread: Thread, error: Error): void {
    if (stopped || thread.failure !== null) return;
    thread.failure = error;
    const job = thread.job;
    thread.job = null;
    job?.reject(error);
    if (pool.every((t) => t.failure !== null)) queue.splice(0).forEach((w) => w.reject(error));
  }

  /** Hands the next waiting job to `thread` if it is free. */
  function feed(thread: Thread): void {
    if (stopped || thread.job !== null || thread.failure !== null) return;
    const waiting = queue.shift();
    if (waiting === undefined) return;
    const job = { ...waiting, id: nextId++ };
    try {
      thread.worker.postMessage({ id: job.id, task: job.task } satisfies JobMessage);
    } catch (error) {
      // A task that cannot be cloned fails alone; the thread takes the next one.
      job.reject(error);
      feed(thread);
      return;
    }
    thread.job = job;
  }

  const stop = async (): Promise<void> => {
    stopped = true;
    await Promise.all(pool.map((t) => t.worker.terminate()));
  };

  return {
    threads,
    inFlight: 2 * threads,
    run: (task) =>
      new Promise<ArrayBuffer>((done, reject) => {
        if (stopped) return reject(new Error("executor destroyed"));
        const live = pool.find((t) => t.failure === null);
        if (live === undefined) return reject(pool[0].failure);
        queue.push({ task, resolve: done, reject });
        const free = pool.find((t) => t.job === null && t.failure === null);
        if (free !== undefined) feed(free);
      }),
    close: stop,
    destroy: stop,
  };
}

/** A file: URL as it is; a path resolved against the working directory. */
function toUrl(file: string | URL): URL | string {
  if (file instanceof URL) return file;
  return file.startsWith("file:") ? new URL(file) : resolve(file);
}
