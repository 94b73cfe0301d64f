import type { RunResult } from "../report/result-model.js";
import { UsageError } from "./usage-error.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** The JSON result document: stable key order, two-space indent, final newline. */
export function resultJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Write the JSON result to FILE (atomically) or to stdout for "-". */
export function writeJsonResult(result: RunResult, file: string): void {
  writeTextFile("--json", file, resultJson(result));
}

/** Write `text` to FILE atomically (stdout for "-"); a failure is a usage error naming `option`. */
export function writeTextFile(option: string, file: string, text: string): void {
  if (file === "-") {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new UsageError(`${option} ${file}: cannot write the file (${reason})`);
  }
}
