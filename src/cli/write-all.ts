/**
 * write(2) may write less than it was given — on a full disk the first call writes what fits and
 * only the next one fails with ENOSPC — and Node's `writeSync` returns that count without
 * retrying. `writeAll` loops until every byte is written or the kernel reports an error.
 */
import { writeSync } from "node:fs";

/** Sleeps the thread for `ms` (a blocking wait; used only while a non-blocking fd is full). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Write all of `data` to `fd` at its current offset; throws the system error (ENOSPC, EIO, EPIPE…). */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      // A descriptor someone else left non-blocking (a pipe to a slow reader): wait and retry.
      if (error instanceof Error && "code" in error && error.code === "EAGAIN") {
        pause(1);
        continue;
      }
      throw error;
    }
  }
}

/** `ENOSPC: no space left on device` from a Node system error, or the error as text. */
export function systemErrorText(error: unknown): string {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    const m = /^[A-Z0-9]+: ([^,]*)/.exec(error.message);
    return m === null ? error.code : `${error.code}: ${m[1]}`;
  }
  return error instanceof Error ? error.message : String(error);
}
