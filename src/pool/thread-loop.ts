/**
 * The loop of a pool thread: it answers each job message on `port` with the job's packed
 * counters, one job at a time in order of arrival. The buffer is *transferred* (the main thread
 * receives the same memory, nothing is copied); a job that throws is answered with what it threw
 * (structured-cloned: an Error keeps its message and stack, and its name if it is a built-in kind
 * such as RangeError).
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
    port.postMessage({ id, counters } satisfies JobReply, [counters]);
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
