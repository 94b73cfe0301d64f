import { UsageError } from "./usage-error.js";

/** `--format NAME` checked against the formats a command writes; the first is the default. */
export function parseFormat<T extends string>(text: string | undefined, allowed: readonly [T, ...T[]]): T {
  if (text === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--format: "${text}" is not one of ${allowed.join(", ")}`);
}
