/**
 * The loop of a pool thread: it answers each job message on `port` with the job's packed
 * counters, one job at a time in order of arrival; a job that throws is answered with what it
 * threw (structured-cloned: an Error keeps its message and stack, and its name if it is a built-in
 * kind such as RangeError).
 *
 * The counters are *copied* back (structured clone, a few KB: 2.6–53 KB on the bench's points,
 * 2–130 µs), never transferred. A transfer detaches the sender's ArrayBuffer, and the first
 * ArrayBuffer detached in an isolate invalidates V8's isolate-wide "array buffer detaching"
 * protector (v8/src/execution/protectors.h, `ArrayBufferDetaching`): from then on, optimised code
 * checks on each typed-array access that its buffer is still attached, and the code already
 * optimised without the check is thrown away. The engine is typed-array loops, so a thread that
 * had transferred its first job's counters ran every later job slower: on the pool bench's sweep
 * (bench/pool.bench.ts, 8 jobs, 96 M packets) the thread spent 3.66–3.92 CPU-s on its jobs
 * against 3.33–3.45 when nothing was detached (min of 4–5 interleaved runs each, 2-vCPU EPYC),
 * about 10% — most of a 1-worker pool's overhead over an in-process run. Nothing else in a pool
 * thread detaches a buffer; test/pool-executors-agree.test.ts checks the loop leaves its buffer
 * attached.
 *
 * Kept apart from worker.ts, which starts it on the real job: a test's worker starts it on a job
 * of its own (test/fixtures/pool/throwing-worker.mjs).
 */
import type { MessagePort } from "node:worker_threads";
import type { JobTask } from "./job-task.js";

/** Main thread → pool thread: run `task`, answer with `id`. */
export interface JobMessage {
  readonly id: number;
  readonly task: JobTask;
}

/** Pool thread → main thread: the job's counters, or what it threw. */
export type JobReply = { readonly id: number; readonly counters: ArrayBuffer } | { readonly id: number; readonly error: unknown };

export function serveJobs(port: MessagePort, run: (task: JobTask) => ArrayBuffer): void {
  port.on("message", ({ id, task }: JobMessage) => {
    let counters: ArrayBuffer;
    try {
      counters = run(task);
    } catch (error) {
      reply(port, { id, error });
      return;
    }
    // Copied, not transferred: see the header (a transfer would slow every later job by ~10%).
    port.postMessage({ id, counters } satisfies JobReply);
  });
}

/** Posts a failure; a thrown value that cannot be cloned (a function, a symbol…) goes as text. */
function reply(port: MessagePort, failure: { readonly id: number; readonly error: unknown }): void {
  try {
    port.postMessage(failure satisfies JobReply);
  } catch {
    port.postMessage({ id: failure.id, error: String(failure.error) } satisfies JobReply);
  }
}
