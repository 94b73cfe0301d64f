/**
 * A whole `ip -batch` text → one request per command line. A line may start with `ip` and the
 * options `-4`, `-6`, `-f inet|inet6`, `-family …` (as people paste them); otherwise the family
 * is the batch's (`ip -6 -batch`), or inferred from the addresses like plain `ip -batch`.
 * Objects and commands may be abbreviated as iproute2 allows (`ro a`, `ru del`, `a add`).
 *
 * A line iproute2 could not read is, by default, refused on its own with iproute2's message
 * (`-force` semantics: the rest of the batch still applies). iproute2 itself exits on such a
 * line (`invarg`), so with `unreadable: "throw"` it throws `BatchLineError` naming the line
 * instead — what scenario validation wants, where a typo must be fixed before a run.
 */
import type { Family } from "../types.js";
import { parseAddr } from "./parse-addr.js";
import { parseRoute } from "./parse-route.js";
import { parseRule } from "./parse-rule.js";
import type { BatchLine, Request, RouteOp } from "./requests.js";
import { BatchSyntaxError, Words, matches, splitWords } from "./words.js";

/** A line iproute2 cannot read: the batch would stop there. */
export class BatchLineError extends Error {
  override readonly name = "BatchLineError";

  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`batch line ${line}: ${detail}`);
  }
}

export interface BatchOptions {
  /** Family of lines without `-4`/`-6`: 4 reads like plain `ip -batch` (inferred, IPv4 by default), 6 like `ip -6 -batch`. */
  readonly family: Family;
  readonly hasDevice: (name: string) => boolean;
  /** A line iproute2 cannot read: refused on its own (default) or thrown as `BatchLineError`. */
  readonly unreadable?: "refuse" | "throw";
}

/** Parses every line; blank and comment-only lines are skipped. */
export function parseBatch(text: string, options: BatchOptions): BatchLine[] {
  const out: BatchLine[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    let words: string[];
    try {
      words = splitWords(raw);
      if (words.length === 0) continue;
      out.push({ line: i + 1, text: raw.trim(), request: parseCommand(words, options) });
    } catch (error) {
      if (!(error instanceof BatchSyntaxError)) throw error;
      if (options.unreadable === "throw") throw new BatchLineError(i + 1, error.message);
      out.push({ line: i + 1, text: raw.trim(), request: { kind: "refused", message: error.message } });
    }
  }
  return out;
}

/** One command's words (without `ip`, or with it) → its request. */
export function parseCommand(all: readonly string[], options: BatchOptions): Request {
  let i = 0;
  let family: Family | undefined = options.family === 6 ? 6 : undefined;
  if (all[i] === "ip") i++;
  while (i < all.length && all[i].startsWith("-")) {
    const opt = all[i++];
    if (opt === "-4") family = 4;
    else if (opt === "-6") family = 6;
    else if (opt === "-f" || matches(opt, "-family")) {
      const name = all[i++];
      if (name === "inet") family = 4;
      else if (name === "inet6") family = 6;
      else throw new BatchSyntaxError(`Error: nicsim models the inet and inet6 families only, not "${name ?? ""}"`);
    } else throw new BatchSyntaxError(`Option "${opt}" is unknown, try "ip -help".`);
  }
  const object = all[i++];
  const command = all[i++];
  if (object === undefined) throw new BatchSyntaxError("missing object");
  if (command === undefined) throw new BatchSyntaxError(`missing command after "${object}"`);
  const words = new Words(all.slice(i));
  if (matches(object, "address")) return parseAddr(addrOp(command), words, family, options.hasDevice);
  if (matches(object, "route")) return parseRoute(routeOp(command), words, family, options.hasDevice);
  if (matches(object, "rule")) return parseRule(ruleOp(command), words, family);
  throw new BatchSyntaxError(`nicsim reads "addr", "route" and "rule" commands, not "${object}"`);
}

function addrOp(command: string): "add" | "del" {
  if (matches(command, "add")) return "add";
  if (matches(command, "delete")) return "del";
  throw new BatchSyntaxError(`nicsim reads "addr add" and "addr del", not "addr ${command}"`);
}

function ruleOp(command: string): "add" | "del" {
  if (matches(command, "add")) return "add";
  if (matches(command, "delete")) return "del";
  throw new BatchSyntaxError(`nicsim reads "rule add" and "rule del", not "rule ${command}"`);
}

function routeOp(command: string): RouteOp {
  if (matches(command, "add")) return "add";
  if (matches(command, "change") || command === "chg") return "change";
  if (matches(command, "replace")) return "replace";
  if (matches(command, "prepend")) return "prepend";
  if (matches(command, "append")) return "append";
  if (matches(command, "delete")) return "del";
  throw new BatchSyntaxError(`nicsim reads route add/append/prepend/replace/change/del, not "route ${command}"`);
}
