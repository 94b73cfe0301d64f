import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** The option kinds nicsim commands use: `--name VALUE` strings (repeatable with `multiple`) and `--flag` booleans. */
export type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly multiple?: boolean; readonly short?: string }>>;

export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** parseArgs in strict mode, its errors turned into one-line usage errors. */
export function parseCommand(command: string, args: readonly string[], options: OptionSpec): ParsedCommand {
  try {
    const parsed = parseArgs({ args: [...args], options: { ...options }, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedCommand["values"], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    // `--seed -1`: parseArgs will not take a value that starts with "-"; say which value and how.
    const ambiguous = /^Option '(--[^' ]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous !== null) {
      const name = ambiguous[1];
      const value = args[args.indexOf(name) + 1] ?? "";
      throw new UsageError(`${command}: ${name} "${value}": a value that starts with "-" is written ${name}=${value}`);
    }
    throw new UsageError(`${command}: ${message} (see nicsim help)`);
  }
}

/** The value of a `--name VALUE` option, if given. */
export function stringOption(parsed: ParsedCommand, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === "string" ? v : undefined;
}

/** Every value of a repeatable `--name VALUE` option (declared with `multiple: true`), in order. */
export function stringsOption(parsed: ParsedCommand, name: string): readonly string[] {
  const v = parsed.values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** `--seed N`: an integer in [0, 2^32). */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new UsageError(`--seed: "${text}" is not an integer from 0 to 4294967295`);
  }
  return n;
}

/** Exactly one positional argument named `what`. */
export function onePositional(command: string, positionals: readonly string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${what} (see nicsim help)`);
  if (positionals.length > 1) throw new UsageError(`${command}: unexpected argument "${positionals[1]}"`);
  return positionals[0];
}
