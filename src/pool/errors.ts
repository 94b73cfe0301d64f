/**
 * The two ways a run ends early. Made by named factories so each message is written once.
 */

/** A job threw: the run stops; the message names the point, the replication and the cause. */
export class JobFailedError extends Error {
  override readonly name = "JobFailedError";
}

/** The run was stopped through its AbortSignal (library callers; the CLI lets SIGINT end the process instead, src/cli/interrupt.ts). */
export class RunInterruptedError extends Error {
  override readonly name = "RunInterruptedError";
}

/** `what` names the job, e.g. `sweep point 3 (queues=4), replication 0 (seed 522739671)`. */
export function jobFailed(what: string, cause: unknown): JobFailedError {
  const reason = cause instanceof Error ? `${cause.name === "Error" ? "" : `${cause.name}: `}${cause.message}` : String(cause);
  return new JobFailedError(`${what} failed: ${reason}`, { cause });
}

export function runInterrupted(): RunInterruptedError {
  return new RunInterruptedError("interrupted");
}
