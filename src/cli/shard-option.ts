import type { Shard } from "../pool/shard.js";
import { UsageError } from "./usage-error.js";

/** The environment variable that gives N when the shard index comes from JOB_COMPLETION_INDEX. */
export const SHARD_COUNT_ENV = "NICSIM_SHARD_COUNT";

function parseCount(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 100_000) throw new UsageError(`${what}: "${text}" is not a shard count from 1 to 100000`);
  return n;
}

/**
 * The shard to run:
 * - `--shard K/N` (1 ≤ K ≤ N) wins;
 * - else, in a Kubernetes Indexed Job, `JOB_COMPLETION_INDEX` (0-based) gives K = index + 1 and
 *   `NICSIM_SHARD_COUNT` gives N (`--shard N` is accepted for N too: `--shard 4` there means
 *   "this pod's shard of 4");
 * - else the whole run.
 */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv): Shard | undefined {
  const indexText = env.JOB_COMPLETION_INDEX;
  if (text !== undefined && text.includes("/")) {
    const match = /^(\d+)\/(\d+)$/.exec(text);
    if (match === null) throw new UsageError(`--shard: "${text}" is not K/N (e.g. 2/4)`);
    const count = parseCount(match[2], "--shard");
    const index = Number(match[1]);
    if (index < 1 || index > count) throw new UsageError(`--shard: "${text}": K must be from 1 to ${count}`);
    return { index, count };
  }
  if (indexText === undefined || indexText === "") {
    if (text !== undefined) throw new UsageError(`--shard: "${text}" is not K/N (e.g. 2/4); a bare N needs JOB_COMPLETION_INDEX`);
    return undefined;
  }
  const countText = text ?? env[SHARD_COUNT_ENV];
  if (countText === undefined) {
    throw new UsageError(`JOB_COMPLETION_INDEX=${indexText} is set but the shard count is not: set ${SHARD_COUNT_ENV} (the Job's completions) or pass --shard K/N`);
  }
  const count = parseCount(countText, text === undefined ? SHARD_COUNT_ENV : "--shard");
  const index = Number(indexText) + 1;
  if (!/^\d+$/.test(indexText) || index > count) throw new UsageError(`JOB_COMPLETION_INDEX: "${indexText}" is not an index from 0 to ${count - 1}`);
  return { index, count };
}
