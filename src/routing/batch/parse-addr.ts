/**
 * `addr add|del ADDR[/LEN] dev D …` as iproute2 6.1 `ipaddr_modify` reads it. The default scope
 * is host for 127/8 and global otherwise; `brd +`/`brd -` are resolved by the model.
 */
import { parseUnsigned, scopeId } from "../names.js";
import type { Family } from "../types.js";
import type { AddrRequest, RefusedRequest } from "./requests.js";
import { BatchSyntaxError, invalidArgument, matches, readAddress, readPrefix } from "./words.js";
import type { Words } from "./words.js";

/** Keywords iproute2 accepts that do not change routing; they take one argument. */
const IGNORED_WITH_ARG = new Set(["label", "valid_lft", "preferred_lft", "peer", "remote"]);
const IGNORED_FLAGS = new Set(["nodad", "optimistic", "home", "mngtmpaddr", "autojoin", "anycast"]);

export function parseAddr(
  op: "add" | "del",
  words: Words,
  family: Family | undefined,
  hasDevice: (name: string) => boolean,
): AddrRequest | RefusedRequest {
  let fam = family;
  let local: { addr: bigint; len: number; lengthGiven: boolean } | undefined;
  let dev: string | undefined;
  let scope: number | undefined;
  let noprefixroute = false;
  let broadcast: bigint | "+" | "-" | undefined;
  let metric: number | undefined;
  while (!words.done) {
    const w = words.take();
    if (matches(w, "broadcast") || w === "brd") {
      const word = words.next();
      if (broadcast !== undefined) throw new BatchSyntaxError(`Error: duplicate "broadcast": "${word}" is the second value.`);
      if (word === "+" || word === "-") broadcast = word;
      else {
        const a = readAddress(word, fam);
        fam ??= a.family;
        broadcast = a.addr;
      }
    } else if (w === "scope") {
      const word = words.next();
      scope = scopeId(word);
      if (scope === undefined) throw invalidArgument("invalid scope value.", word);
    } else if (w === "dev") {
      dev = words.next();
    } else if (matches(w, "metric") || matches(w, "priority") || matches(w, "preference")) {
      const word = words.next();
      metric = parseUnsigned(word);
      if (metric === undefined) throw invalidArgument('"metric" value is invalid\n', word);
    } else if (w === "noprefixroute") {
      noprefixroute = true;
    } else if (IGNORED_WITH_ARG.has(w)) {
      words.next();
    } else if (IGNORED_FLAGS.has(w)) {
      // accepted, no routing effect
    } else {
      const word = w === "local" ? words.next() : w;
      if (local !== undefined) throw new BatchSyntaxError(`Error: either "local" is duplicate, or "${word}" is a garbage.`);
      const p = readPrefix(word, fam);
      if (p.family === undefined) throw new BatchSyntaxError(`Error: ${fam === 6 ? "inet6" : "any valid"} address is expected rather than "${word}".`);
      fam ??= p.family;
      local = { addr: p.addr, len: p.len, lengthGiven: p.lengthGiven };
    }
  }
  if (dev === undefined) return { kind: "refused", message: 'Not enough information: "dev" argument is required.' };
  if (local === undefined) throw new BatchSyntaxError("Error: local address is required.");
  if (!hasDevice(dev)) return { kind: "refused", message: `Cannot find device "${dev}"` };
  const f: Family = fam ?? 4;
  const defaultScope = f === 4 && local.addr >> 24n === 127n ? 254 : 0;
  return {
    kind: "addr",
    op,
    family: f,
    local: local.addr,
    prefixLen: local.len,
    lengthGiven: local.lengthGiven,
    dev,
    scope: scope ?? (op === "add" ? defaultScope : undefined),
    noprefixroute,
    broadcast,
    metric,
  };
}
