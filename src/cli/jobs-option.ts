import { availableParallelism } from "node:os";
import { UsageError } from "./usage-error.js";

/** `--jobs N`: worker threads, 1..1024; default the machine's parallelism. */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1024) throw new UsageError(`--jobs: "${text}" is not a thread count from 1 to 1024`);
  return n;
}
