import type { RunResult } from "../report/result-model.js";
import { UsageError } from "./usage-error.js";
import { systemErrorText, writeAll } from "./write-all.js";

/** The JSON result document: stable key order, two-space indent, final newline. */
export function resultJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * Print `text` on stdout, every byte, or fail with exit 2: a full disk or a closed device under
 * `> FILE` is an error, not a success with a truncated table (process.stdout reports it only
 * later, as an event). A closed pipe (`nicsim … | head`) ends the command quietly, as before.
 */
export function writeStdout(text: string): void {
  try {
    writeAll(1, text);
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EPIPE") process.exit(0);
    throw new UsageError(`cannot write to stdout (${systemErrorText(error)})`);
  }
}
