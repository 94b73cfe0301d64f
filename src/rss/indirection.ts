/**
 * RSS indirection table: hash → rx queue (docs/receive-path.md, "Indirection table").
 *
 * The NIC picks `queue = table[hash mod size]`; for the usual power-of-two sizes that is the low
 * bits of the hash (128 entries: the low 7 bits). Entries are queue numbers, so a Uint16Array.
 *
 * Fills: the kernel default (`defaultIndirection`), and the `ethtool -X` forms — `equal N`,
 * `start S equal N`, `weight W0 W1 …`, an explicit list — parsed by `parseIndirSpec` and built
 * by `fillIndirection`, which refuses a table naming a queue the NIC does not have.
 */

/** Largest queue count an entry can name. */
const MAX_QUEUES = 0x10000;

/**
 * The kernel's default fill (`ethtool_rxfh_indir_default(i, n) = i % n`): round robin over the
 * `queues` active rx rings, `size` entries. Cold: validates.
 *
 * @throws RangeError when `size` or `queues` is not a positive integer, or `queues` > 65536.
 */
export function defaultIndirection(size: number, queues: number): Uint16Array {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`indirection table size must be a positive integer, got ${size}`);
  }
  if (!Number.isInteger(queues) || queues < 1 || queues > MAX_QUEUES) {
    throw new RangeError(`indirection queue count must be an integer in [1, ${MAX_QUEUES}], got ${queues}`);
  }
  const table = new Uint16Array(size);
  for (let i = 0; i < size; i++) table[i] = i % queues;
  return table;
}

/**
 * The rx queue for `hash` (taken as unsigned 32-bit): `table[hash mod table.length]`.
 * Hot: no checks; `table` must be non-empty.
 */
export function queueOf(table: Uint16Array, hash: number): number {
  return table[(hash >>> 0) % table.length];
}

// ---------------------------------------------------------------------------------------------
// `ethtool -X` table specs (ethtool's `fill_indir_table`). Cold.

/** An indirection table as `ethtool -X` sets it, or as an explicit list of queues. */
export type IndirSpec =
  | { readonly kind: "default" }
  | { readonly kind: "equal"; readonly start: number; readonly count: number }
  | { readonly kind: "weight"; readonly weights: readonly number[] }
  | { readonly kind: "list"; readonly queues: readonly number[] };

/** A table spec that does not parse, or does not fit the NIC. The message says why. */
export class IndirSpecError extends Error {
  override readonly name = "IndirSpecError";
  constructor(
    message: string,
    /** For a list: the index of the offending entry. */
    readonly entry?: number,
  ) {
    super(message);
  }
}

const SPEC_SYNTAX = '"default", "equal N", "start S equal N", "weight W0 W1 …" or a list of queues "[q0, q1, …]"';

function parseCount(word: string | undefined, what: string): number {
  if (word === undefined || !/^[0-9]+$/.test(word)) throw new IndirSpecError(`${what} must be a non-negative integer, got ${word === undefined ? "nothing" : JSON.stringify(word)}`);
  const n = Number(word);
  if (!Number.isSafeInteger(n)) throw new IndirSpecError(`${what} ${word} is too large`);
  return n;
}

/**
 * Parses the `ethtool -X` words: `default`, `equal N`, `start S equal N`, `weight W0 W1 …`, or
 * a bracketed list `[q0, q1, …]` (commas or spaces). Checks only the syntax and N ≥ 1;
 * `fillIndirection` checks against the table size and queue count.
 *
 * @throws IndirSpecError
 */
export function parseIndirSpec(text: string): IndirSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    if (!trimmed.endsWith("]")) throw new IndirSpecError(`a list must end with "]"`);
    const items = trimmed.slice(1, -1).split(/[\s,]+/).filter((item) => item !== "");
    return { kind: "list", queues: items.map((item, i) => parseCount(item, `entry ${i}`)) };
  }
  const words = trimmed.split(/\s+/);
  const [first] = words;
  if (first === "default" && words.length === 1) return { kind: "default" };
  if (first === "equal" || first === "start") {
    let start = 0;
    let at = 1;
    if (first === "start") {
      start = parseCount(words[1], "start");
      if (words[2] !== "equal") throw new IndirSpecError(`"start S" must be followed by "equal N"; write ${SPEC_SYNTAX}`);
      at = 3;
    }
    const count = parseCount(words[at], "equal");
    if (words.length > at + 1) throw new IndirSpecError(`unexpected ${JSON.stringify(words[at + 1])} after "equal ${count}"`);
    if (count < 1) throw new IndirSpecError("spreads over no queue; N must be at least 1");
    return { kind: "equal", start, count };
  }
  if (first === "weight") {
    if (words.length < 2) throw new IndirSpecError("weight needs at least one weight");
    return { kind: "weight", weights: words.slice(1).map((word, j) => parseCount(word, `weight ${j}`)) };
  }
  throw new IndirSpecError(`not a table; write ${SPEC_SYNTAX}`);
}

/** The spec in `ethtool -X` words (a list as `[q0, q1, …]`). */
export function formatIndirSpec(spec: IndirSpec): string {
  switch (spec.kind) {
    case "default":
      return "default";
    case "equal":
      return spec.start === 0 ? `equal ${spec.count}` : `start ${spec.start} equal ${spec.count}`;
    case "weight":
      return `weight ${spec.weights.join(" ")}`;
    case "list":
      return `[${spec.queues.join(", ")}]`;
  }
}

/**
 * The table of `size` entries the spec sets on a NIC with `queues` rx queues:
 *   default            entry i = i mod queues (`ethtool_rxfh_indir_default`)
 *   equal N            entry i = i mod N
 *   start S equal N    entry i = S + (i mod N)
 *   weight w0 … wk     entry i = the smallest j with i < ⌊size·(w0+…+wj)/W⌋, W = Σw, 0 < W ≤ size
 *   [q0, …]            the list itself; it must have `size` entries
 * Every entry must name a queue below `queues`, as the kernel requires of a user table.
 *
 * @throws IndirSpecError naming the rule broken (and, for a list or weights, the entry).
 */
export function fillIndirection(spec: IndirSpec, size: number, queues: number): Uint16Array {
  switch (spec.kind) {
    case "default":
      return defaultIndirection(size, queues);
    case "equal": {
      if (spec.start + spec.count > queues) {
        throw new IndirSpecError(`spreads over queues ${spec.start}..${spec.start + spec.count - 1} but the NIC has ${queueCount(queues)}`);
      }
      const table = new Uint16Array(size);
      for (let i = 0; i < size; i++) table[i] = spec.start + (i % spec.count);
      return table;
    }
    case "weight": {
      const total = spec.weights.reduce((sum, w) => sum + w, 0);
      if (total === 0) throw new IndirSpecError("the weights sum to 0; at least one queue needs a weight");
      if (total > size) throw new IndirSpecError(`the weights sum to ${total}, more than the ${size} table entries`);
      const table = new Uint16Array(size);
      let j = 0;
      let cumulative = spec.weights[0];
      for (let i = 0; i < size; i++) {
        while (i >= Math.floor((size * cumulative) / total)) cumulative += spec.weights[++j];
        if (j >= queues) throw new IndirSpecError(`weight ${j} gives entry ${i} to queue ${j} but the NIC has ${queueCount(queues)}`, i);
        table[i] = j;
      }
      return table;
    }
    case "list": {
      if (spec.queues.length !== size) {
        throw new IndirSpecError(`the list has ${spec.queues.length} entries; the table has ${size} (indirSize)`);
      }
      const table = new Uint16Array(size);
      for (let i = 0; i < size; i++) {
        const q = spec.queues[i];
        if (!Number.isInteger(q) || q < 0 || q >= queues) {
          throw new IndirSpecError(`entry ${i} is queue ${q} but the NIC has ${queueCount(queues)}`, i);
        }
        table[i] = q;
      }
      return table;
    }
  }
}

function queueCount(queues: number): string {
  return queues === 1 ? "1 queue (0)" : `${queues} queues (0..${queues - 1})`;
}
