/**
 * Micro-benchmark of the RSS hash (src/rss/toeplitz.ts): scalar and batch forms side by side.
 *
 * Each task hashes a prebuilt set of INPUTS tuples, so one task call is thousands of hashes and
 * the per-call overhead of the harness does not dominate; ns per hash = tinybench's mean task
 * latency / hashes per task. Prints a table and writes results/rss-bench.json (atomically: a
 * .tmp file renamed into place).
 *
 * Why two input sets: if a task always used the same module-level table and arrays, V8 would
 * fold them in as constants (known length and address) and drop most bounds-check work — a
 * speed no caller gets, since real callers pass the table in. Tasks alternate between two
 * identical sets so the numbers are those of a table and columns passed as arguments. One
 * extra row shows the constant-folded case for comparison.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/rss.bench.js
 */
import { cpus } from "node:os";
import { Bench } from "tinybench";
import {
  MICROSOFT_RSS_KEY,
  hashIpv4Ports,
  hashIpv4PortsBatch,
  hashIpv6Ports,
  hashIpv6PortsAt,
  toeplitzHash,
  toeplitzTable,
} from "../src/rss/index.js";
import { hashWordFormsWasm } from "../src/rss/toeplitz-wasm.js";
import { Prng } from "../src/traffic/prng.js";
import { writeBenchResult } from "./write-result.js";

/** Hashes per task call. */
const INPUTS = 4096;
const BATCH_SIZES = [64, 1024] as const;

interface Row {
  readonly name: string;
  readonly nsPerHash: number;
  readonly hashesPerSecond: number;
}

/** One batch of columns, as a stage would hold them: arrays of exactly `size` rows. */
interface Columns {
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
  readonly out: Uint32Array;
}

interface InputSet {
  readonly table: Uint32Array;
  readonly src4: Uint32Array;
  readonly dst4: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
  /** IPv6: 8 words per tuple, source then destination. */
  readonly words6: Uint32Array;
  /** The same IPv6 addresses as columns of 4 words per tuple. */
  readonly srcWords6: Uint32Array;
  readonly dstWords6: Uint32Array;
  /** The same IPv6 addresses as separate 4-word arrays. */
  readonly src6: readonly Uint32Array[];
  readonly dst6: readonly Uint32Array[];
  /** The IPv4 4-tuples as 12-byte wire-order inputs. */
  readonly bytes12: readonly Uint8Array[];
  /** The IPv4 4-tuples cut into batches, by batch size. */
  readonly batches: ReadonlyMap<number, readonly Columns[]>;
}

/** Deterministic 32-bit values from the project's seeded PRNG, so every run hashes the same inputs. */
function seededU32(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.nextU32();
}

function makeInputSet(seed: number): InputSet {
  const next = seededU32(seed);
  const src4 = new Uint32Array(INPUTS);
  const dst4 = new Uint32Array(INPUTS);
  const sport = new Uint16Array(INPUTS);
  const dport = new Uint16Array(INPUTS);
  const words6 = new Uint32Array(INPUTS * 8);
  const src6: Uint32Array[] = [];
  const dst6: Uint32Array[] = [];
  const bytes12: Uint8Array[] = [];
  for (let i = 0; i < INPUTS; i++) {
    src4[i] = next();
    dst4[i] = next();
    sport[i] = next() & 0xffff;
    dport[i] = next() & 0xffff;
    for (let w = 0; w < 8; w++) words6[i * 8 + w] = next();
    src6.push(words6.slice(i * 8, i * 8 + 4));
    dst6.push(words6.slice(i * 8 + 4, i * 8 + 8));
    const b = new Uint8Array(12);
    for (let k = 0; k < 4; k++) {
      b[k] = src4[i] >>> (24 - 8 * k);
      b[4 + k] = dst4[i] >>> (24 - 8 * k);
    }
    b[8] = sport[i] >>> 8;
    b[9] = sport[i];
    b[10] = dport[i] >>> 8;
    b[11] = dport[i];
    bytes12.push(b);
  }
  const batches = new Map<number, Columns[]>();
  for (const size of BATCH_SIZES) {
    const list: Columns[] = [];
    for (let lo = 0; lo < INPUTS; lo += size) {
      const hi = lo + size;
      list.push({
        src: src4.slice(lo, hi),
        dst: dst4.slice(lo, hi),
        sport: sport.slice(lo, hi),
        dport: dport.slice(lo, hi),
        out: new Uint32Array(size),
      });
    }
    batches.set(size, list);
  }
  const srcWords6 = new Uint32Array(INPUTS * 4);
  const dstWords6 = new Uint32Array(INPUTS * 4);
  for (let i = 0; i < INPUTS; i++) {
    srcWords6.set(words6.subarray(i * 8, i * 8 + 4), i * 4);
    dstWords6.set(words6.subarray(i * 8 + 4, i * 8 + 8), i * 4);
  }
  return {
    table: toeplitzTable(MICROSOFT_RSS_KEY),
    srcWords6,
    dstWords6,
    src4,
    dst4,
    sport,
    dport,
    words6,
    src6,
    dst6,
    bytes12,
    batches,
  };
}

const sets = [makeInputSet(0x5eed), makeInputSet(0x5eed)] as const;
let flip = 0;
/** The input set for this task call: alternates, so nothing is a compile-time constant. */
function nextSet(): InputSet {
  flip ^= 1;
  return sets[flip];
}

/** Consumed after the run so the JIT cannot drop the hashing as dead code. */
let sink = 0;

const bench = new Bench({ name: "rss", time: 500, warmupTime: 200 });

bench.add("ipv4 4-tuple scalar", () => {
  const { table, src4, dst4, sport, dport } = nextSet();
  let acc = 0;
  for (let i = 0; i < INPUTS; i++) acc ^= hashIpv4Ports(table, src4[i], dst4[i], sport[i], dport[i]);
  sink ^= acc;
});

for (const size of BATCH_SIZES) {
  bench.add(`ipv4 4-tuple batch ${size}`, () => {
    const { table, batches } = nextSet();
    const list = batches.get(size) ?? [];
    for (let c = 0; c < list.length; c++) {
      const b = list[c];
      hashIpv4PortsBatch(table, b.src, b.dst, b.sport, b.dport, b.out, size);
      sink ^= b.out[0];
    }
  });
}

// The WebAssembly kernels (src/rss/toeplitz-wasm.ts, what hashFlowColumns runs for sets of 64
// flows or more): the table lives in the module's memory, copied in when a different table object
// comes, so these rows pass one table (the columns still alternate between the two sets).
const wasmTable = sets[0].table;
for (const size of BATCH_SIZES) {
  bench.add(`ipv4 4-tuple wasm batch ${size}`, () => {
    const { batches } = nextSet();
    const list = batches.get(size) ?? [];
    for (let c = 0; c < list.length; c++) {
      const b = list[c];
      hashWordFormsWasm("ipv4-sdfn", wasmTable, b.src, b.dst, b.sport, b.dport, b.out, size);
      sink ^= b.out[0];
    }
  });
}
const out6 = new Uint32Array(INPUTS);
/** A set's IPv6 columns cut into batches of `size` flows (views, made once before the run). */
function ipv6Batches(set: InputSet, size: number): Columns[] {
  const list: Columns[] = [];
  for (let at = 0; at < INPUTS; at += size) {
    list.push({
      src: set.srcWords6.subarray(at * 4, (at + size) * 4),
      dst: set.dstWords6.subarray(at * 4, (at + size) * 4),
      sport: set.sport.subarray(at, at + size),
      dport: set.dport.subarray(at, at + size),
      out: out6.subarray(at, at + size),
    });
  }
  return list;
}
for (const size of BATCH_SIZES) {
  const perSet = [ipv6Batches(sets[0], size), ipv6Batches(sets[1], size)] as const;
  bench.add(`ipv6 4-tuple wasm batch ${size}`, () => {
    const list = perSet[nextSet() === sets[0] ? 0 : 1];
    for (let c = 0; c < list.length; c++) {
      const b = list[c];
      hashWordFormsWasm("ipv6-sdfn", wasmTable, b.src, b.dst, b.sport, b.dport, b.out, size);
      sink ^= b.out[0];
    }
  });
}
bench.add(`ipv6 4-tuple wasm batch ${INPUTS}`, () => {
  const { srcWords6, dstWords6, sport, dport } = nextSet();
  hashWordFormsWasm("ipv6-sdfn", wasmTable, srcWords6, dstWords6, sport, dport, out6, INPUTS);
  sink ^= out6[0];
});

bench.add("ipv4 4-tuple bytes (toeplitzHash)", () => {
  const { table, bytes12 } = nextSet();
  let acc = 0;
  for (let i = 0; i < INPUTS; i++) acc ^= toeplitzHash(table, bytes12[i]);
  sink ^= acc;
});

bench.add("ipv6 4-tuple scalar", () => {
  const { table, src6, dst6, sport, dport } = nextSet();
  let acc = 0;
  for (let i = 0; i < INPUTS; i++) acc ^= hashIpv6Ports(table, src6[i], dst6[i], sport[i], dport[i]);
  sink ^= acc;
});

bench.add("ipv6 4-tuple scalar, flat words (At)", () => {
  const { table, words6, sport, dport } = nextSet();
  let acc = 0;
  for (let i = 0; i < INPUTS; i++) acc ^= hashIpv6PortsAt(table, words6, i * 8, i * 8 + 4, sport[i], dport[i]);
  sink ^= acc;
});

// Comparison only: the same loop with one fixed table and input set that V8 folds as constants.
const fixed = sets[0];
bench.add("ipv4 4-tuple scalar, constant-folded table", () => {
  const t = fixed.table;
  const { src4, dst4, sport, dport } = fixed;
  let acc = 0;
  for (let i = 0; i < INPUTS; i++) acc ^= hashIpv4Ports(t, src4[i], dst4[i], sport[i], dport[i]);
  sink ^= acc;
});

await bench.run();

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const rows: Row[] = [];
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== "completed") {
    const why = result.state === "errored" ? `: ${result.error.message}` : "";
    throw new Error(`bench task "${task.name}" did not complete (${result.state})${why}`);
  }
  const nsPerHash = (result.latency.mean * 1e6) / INPUTS; // latency is in ms per task call
  rows.push({ name: task.name, nsPerHash: round(nsPerHash, 2), hashesPerSecond: Math.round(1e9 / nsPerHash) });
}

const cpu = cpus()[0]?.model ?? "unknown cpu";
const nameWidth = Math.max(...rows.map((r) => r.name.length));
console.log(`rss bench — node ${process.version}, ${cpu}, ${INPUTS} hashes per task call`);
console.log(`${"task".padEnd(nameWidth)}  ${"ns/hash".padStart(8)}  ${"Mhash/s".padStart(8)}`);
for (const r of rows) {
  const mhps = (r.hashesPerSecond / 1e6).toFixed(1);
  console.log(`${r.name.padEnd(nameWidth)}  ${r.nsPerHash.toFixed(2).padStart(8)}  ${mhps.padStart(8)}`);
}
console.log(`(checksum ${sink >>> 0})`);


const report = {
  generatedBy: "bench/rss.bench.ts",
  node: process.version,
  cpu,
  hashesPerTaskCall: INPUTS,
  rows,
};
console.log(`wrote ${writeBenchResult("rss-bench", report)}`);
