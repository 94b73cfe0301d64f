import type { RunResult } from "../report/result-model.js";
import { UsageError } from "./usage-error.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** The JSON result document: stable key order, two-space indent, final newline. */
export function resultJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Write the JSON result to FILE (atomically) or to stdout for "-". */
export function writeJsonResult(result: RunResult, file: string): void {
  const text = resultJson(result);
  if (file === "-") {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new UsageError(`--json ${file}: cannot write the file (${reason})`);
  }
}
