/**
 * The words after `ip route get`, read as iproute2 6.1 `iproute_get` reads them:
 * `[fibmatch] [to] ADDR [from A] [iif D] [oif|dev D] [mark M] [tos T] [uid U] [ipproto P]
 * [sport N] [dport N]`, keywords abbreviable where iproute2 allows. The family comes from the
 * addresses (IPv4 when they say nothing).
 */
import { BatchSyntaxError, invalidArgument, matches, readPrefix, splitWords } from "../batch/words.js";
import { familyBits } from "../inet.js";
import { dsfieldId, ipProtocolId, parseUnsigned } from "../names.js";
import type { Family } from "../types.js";

export interface RouteQuery {
  readonly family: Family;
  readonly fibmatch: boolean;
  readonly dst: bigint;
  /** `from`, undefined when not given. */
  readonly from: bigint | undefined;
  readonly iif: string | undefined;
  readonly oif: string | undefined;
  readonly mark: number;
  readonly tos: number;
  /** `uid`, undefined when not given (the caller's uid, 0, for output lookups). */
  readonly uid: number | undefined;
  readonly ipproto: number;
  readonly sport: number;
  readonly dport: number;
}

/** A `route get` the words do not describe (iproute2 would refuse it before asking the kernel). */
export class QueryError extends Error {
  override readonly name = "QueryError";
}

/** Reads one query from its words (or a line of text). */
export function parseRouteQuery(input: string | readonly string[], defaultFamily?: Family): RouteQuery {
  try {
    // Splitting is inside: an unmatched quote is this query's error like any other word's.
    return readQuery(typeof input === "string" ? splitWords(input) : [...input], defaultFamily);
  } catch (error) {
    // iproute2's messages end with a newline (`invalid UID\n`); a query's error is one line.
    if (error instanceof BatchSyntaxError) throw new QueryError(error.message.trimEnd());
    throw error;
  }
}

function readQuery(words: readonly string[], defaultFamily: Family | undefined): RouteQuery {
  let family: Family | undefined = defaultFamily;
  let fibmatch = false;
  let dst: bigint | undefined;
  let from: bigint | undefined;
  let iif: string | undefined;
  let oif: string | undefined;
  let mark = 0;
  let tos = 0;
  let uid: number | undefined;
  let ipproto = 0;
  let sport = 0;
  let dport = 0;
  let i = 0;
  const next = (): string => {
    if (i >= words.length) throw new BatchSyntaxError(`Command line is not complete. Try option "help"`);
    return words[i++];
  };
  const u = (word: string, max: number, why: string): number => {
    const n = parseUnsigned(word, max);
    if (n === undefined) throw invalidArgument(why, word);
    return n;
  };
  if (words[0] === "ip") i++;
  if (words[i] === "route" || words[i] === "r" || words[i] === "ro") i++;
  if (words[i] === "get" || words[i] === "g") i++;
  while (i < words.length) {
    const w = next();
    if (w === "tos" || matches(w, "dsfield")) {
      const word = next();
      const v = dsfieldId(word);
      if (v === undefined) throw invalidArgument('"tos" value is invalid\n', word);
      tos = v;
    } else if (matches(w, "from")) {
      const p = readPrefix(next(), family);
      family ??= p.family;
      from = p.addr;
    } else if (matches(w, "iif")) {
      iif = next();
    } else if (matches(w, "mark")) {
      mark = u(next(), 0xffffffff, "invalid mark value");
    } else if (matches(w, "oif") || w === "dev") {
      oif = next();
    } else if (matches(w, "uid")) {
      uid = u(next(), 0xffffffff, "invalid UID\n");
    } else if (matches(w, "fibmatch")) {
      fibmatch = true;
    } else if (matches(w, "sport")) {
      sport = u(next(), 0xffff, "invalid sport\n");
    } else if (matches(w, "dport")) {
      dport = u(next(), 0xffff, "invalid dport\n");
    } else if (matches(w, "ipproto")) {
      const word = next();
      const p = ipProtocolId(word);
      if (p === undefined) throw invalidArgument('Invalid "ipproto" value\n', word);
      ipproto = p;
    } else {
      const word = w === "to" ? next() : w;
      const p = readPrefix(word, family);
      family ??= p.family;
      if (p.family !== undefined && p.len !== familyBits(p.family) && p.lengthGiven) {
        throw new BatchSyntaxError(`an address is expected, not the prefix "${word}"`);
      }
      dst = p.addr;
    }
  }
  if (dst === undefined) throw new BatchSyntaxError("need at least a destination address");
  return { family: family ?? 4, fibmatch, dst, from, iif, oif, mark, tos, uid, ipproto, sport, dport };
}
