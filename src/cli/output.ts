import type { RunResult } from "../report/result-model.js";
import { UsageError } from "./usage-error.js";
import { systemErrorText } from "./write-all.js";

/** The JSON result document: stable key order, two-space indent, final newline. */
export function resultJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

let reported = false;

/** Whether a write error on stdout was already reported by `writeStdout` (main.ts then stays quiet). */
export function stdoutErrorReported(): boolean {
  return reported;
}

/**
 * Print `text` on stdout, or fail with exit 2: a full disk or a closed device under `> FILE` is
 * an error, not a success with a lost table. process.stdout writes files synchronously and marks
 * the stream `errored` at once (the 'error' event comes later); a closed pipe (`nicsim … | head`)
 * ends the command quietly, as before.
 */
export function writeStdout(text: string): void {
  process.stdout.write(text);
  const error: unknown = process.stdout.errored;
  if (error === null || error === undefined) return;
  if (error instanceof Error && "code" in error && error.code === "EPIPE") process.exit(0);
  reported = true;
  throw new UsageError(`cannot write to stdout (${systemErrorText(error)})`);
}
