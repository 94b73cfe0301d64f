/**
 * Routing lookups per second (src/routing/fast): (a) the elastic-NIC host of
 * examples/routing-two-enis.yaml — replies from either address to random destinations, through
 * its policy rules — and (b) a generated table of ~900,000 IPv4 prefixes (a full internet
 * table's size and length mix) with random destinations, scalar and batch. Also the table's
 * build time and memory, and the cold paths for scale (`route get` with answer objects, the
 * linear reference on the small host).
 *
 * Each task call runs LOOKUPS lookups over prebuilt inputs; two identical input sets alternate
 * so V8 cannot fold them as constants (as in bench/rss.bench.ts). Writes
 * results/routing-bench.json atomically (temporary file, then rename).
 *
 *   npx tsc -p tsconfig.json && node --expose-gc dist/bench/routing.bench.js
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parse } from "yaml";
import { Bench } from "tinybench";
import { compileRouting, CompiledTable4 } from "../src/routing/index.js";
import type { RoutingConfig, TableColumns } from "../src/routing/index.js";
import { TABLE } from "../src/routing/kernel.js";
import { Prng } from "../src/traffic/prng.js";
import { writeBenchResult } from "./write-result.js";

const LOOKUPS = 4096;
const PREFIXES = 900_000;

/** Share of prefixes per length in a recent full IPv4 table (rounded; /24 dominates). */
const LENGTH_MIX: readonly (readonly [number, number])[] = [
  [8, 0.00002],
  [12, 0.0003],
  [13, 0.0006],
  [14, 0.0012],
  [15, 0.002],
  [16, 0.014],
  [17, 0.009],
  [18, 0.015],
  [19, 0.027],
  [20, 0.045],
  [21, 0.05],
  [22, 0.11],
  [23, 0.1],
  [24, 0.6],
  [25, 0.006],
  [26, 0.006],
  [27, 0.004],
  [28, 0.003],
  [29, 0.003],
  [30, 0.001],
  [32, 0.001],
];

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) g();
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** ~900k distinct prefixes in 1.0.0.0–223.255.255.255, one unicast route each over 4 devices. */
function generateTable(rng: Prng): TableColumns {
  const addr = new Uint32Array(PREFIXES);
  const len = new Uint8Array(PREFIXES);
  const seen = new Set<number>();
  const cumulative: number[] = [];
  let total = 0;
  for (const [, share] of LENGTH_MIX) cumulative.push((total += share));
  let n = 0;
  while (n < PREFIXES) {
    const r = rng.nextFloat() * total;
    const l = LENGTH_MIX[cumulative.findIndex((c) => r < c)]?.[0] ?? 24;
    const a = (((1 + rng.nextBelow(223)) << 24) | (rng.nextU32() & 0xffffff)) >>> 0;
    const masked = l === 0 ? 0 : (a & ((0xffffffff << (32 - l)) >>> 0)) >>> 0;
    const key = masked * 64 + l;
    if (seen.has(key)) continue;
    seen.add(key);
    addr[n] = masked;
    len[n] = l;
    n++;
  }
  const leafSlotEnd = new Int32Array(n);
  const slotNhEnd = new Int32Array(n);
  const nhDev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    leafSlotEnd[i] = i + 1;
    slotNhEnd[i] = i + 1;
    nhDev[i] = 2 + (i & 3);
  }
  return {
    leafCount: n,
    addr,
    len,
    leafSlotEnd,
    slotRef: Int32Array.from({ length: n }, (_, i) => i),
    slotTos: new Uint8Array(n),
    slotScope: new Uint8Array(n),
    slotError: new Uint8Array(n),
    slotGroup0: new Int32Array(n),
    slotNhEnd,
    nhDev,
    nhSkipLinkdown: new Uint8Array(n),
  };
}

function randomAddresses(seed: number): Uint32Array {
  const rng = new Prng(seed, 7);
  return Uint32Array.from({ length: LOOKUPS }, () => rng.nextU32());
}

// (a) the elastic-NIC host, from the example scenario
const example = parse(readFileSync(new URL("../../examples/routing-two-enis.yaml", import.meta.url), "utf8")) as { routing: { batch: string } };
const eniConfig: RoutingConfig = {
  family: 4,
  devices: [
    { name: "eth1", state: "up" },
    { name: "eth2", state: "up" },
  ],
  sysctls: {},
  batch: example.routing.batch,
};
const eni = compileRouting(eniConfig);
const eniFib = eni.fast;
const sources = [0x0a000014, 0x0a000015];
const eniSets = [randomAddresses(1), randomAddresses(1)];

// (b) the full-table host: default rules, main replaced by the generated table
const rng = new Prng(0x900000, 1);
const columns = generateTable(rng);
gc();
const before = memory();
const started = process.hrtime.bigint();
const big = new CompiledTable4(TABLE.MAIN, columns);
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
gc();
const tableBytes = memory() - before;
const fullHost = compileRouting({ family: 4, devices: [{ name: "eth0", state: "up" }], sysctls: {}, batch: "" });
fullHost.fast.replaceTable4(TABLE.MAIN, big);
const fullFib = fullHost.fast;
const bigSets = [randomAddresses(2), randomAddresses(2)];
const out = new Int32Array(LOOKUPS);

let flip = 0;
let sink = 0;
const bench = new Bench({ name: "routing", time: 600, warmupTime: 200 });

bench.add("(b) 900k prefixes: lookup4, compiled, scalar", () => {
  flip ^= 1;
  const dsts = bigSets[flip];
  let acc = 0;
  for (let i = 0; i < LOOKUPS; i++) acc ^= fullFib.lookup4(dsts[i], 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  sink ^= acc;
});

bench.add("(b) 900k prefixes: lookupPlain4 (plain flow), compiled, scalar", () => {
  flip ^= 1;
  const dsts = bigSets[flip];
  let acc = 0;
  for (let i = 0; i < LOOKUPS; i++) acc ^= fullFib.lookupPlain4(dsts[i]);
  sink ^= acc;
});

bench.add("(b) 900k prefixes: lookupPlainBatch4, compiled, batch of 4096", () => {
  flip ^= 1;
  fullFib.lookupPlainBatch4(bigSets[flip], out, LOOKUPS);
  sink ^= out[0];
});

bench.add("(b) 900k prefixes: table lookup, scalar", () => {
  flip ^= 1;
  const dsts = bigSets[flip];
  let acc = 0;
  for (let i = 0; i < LOOKUPS; i++) acc ^= big.lookupPlain(dsts[i]);
  sink ^= acc;
});

bench.add("(b) 900k prefixes: table lookup, batch of 4096", () => {
  flip ^= 1;
  big.lookupPlainBatch(bigSets[flip], out, LOOKUPS);
  sink ^= out[0];
});

bench.add("(a) elastic NICs: reply lookup, compiled (rules + tries)", () => {
  flip ^= 1;
  const dsts = eniSets[flip];
  let acc = 0;
  for (let i = 0; i < LOOKUPS; i++) acc ^= eniFib.lookup4(dsts[i], sources[i & 1], 1, 0, 0, 0, 0, 6, 443, 40000, 0, 0);
  sink ^= acc;
});

bench.add("(a) elastic NICs: route get with answer, compiled", () => {
  flip ^= 1;
  const dsts = eniSets[flip];
  for (let i = 0; i < 64; i++) {
    const r = eni.get({ family: 4, fibmatch: false, dst: BigInt(dsts[i]), from: BigInt(sources[i & 1]), iif: undefined, oif: undefined, mark: 0, tos: 0, uid: undefined, ipproto: 0, sport: 0, dport: 0 });
    sink ^= r.ok ? 1 : 0;
  }
});

bench.add("(a) elastic NICs: reference policy lookup (linear)", () => {
  flip ^= 1;
  const dsts = eniSets[flip];
  for (let i = 0; i < 64; i++) {
    const a = eni.reference.lookup(4, { daddr: BigInt(dsts[i]), saddr: BigInt(sources[i & 1]), iif: 1, oif: 0, mark: 0, tos: 0, scope: 0, uid: 0, proto: 6, sport: 443, dport: 40000 }, 0);
    sink ^= a.rulesEvaluated;
  }
});

await bench.run();

interface Row {
  readonly name: string;
  readonly nsPerLookup: number;
  readonly lookupsPerSecond: number;
}

const rows: Row[] = [];
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== "completed") {
    const why = result.state === "errored" ? `: ${result.error.message}` : "";
    throw new Error(`bench task "${task.name}" did not complete (${result.state})${why}`);
  }
  const perCall = task.name.includes("route get") || task.name.includes("reference") ? 64 : LOOKUPS;
  const ns = (result.latency.mean * 1e6) / perCall;
  rows.push({ name: task.name, nsPerLookup: Math.round(ns * 100) / 100, lookupsPerSecond: Math.round(1e9 / ns) });
}

const cpu = cpus()[0]?.model ?? "unknown cpu";
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`routing bench — node ${process.version}, ${cpu}`);
console.log(
  `(b) table: ${columns.leafCount} prefixes, build ${buildMs.toFixed(0)} ms, ${(tableBytes / 2 ** 20).toFixed(1)} MiB ` +
    `(trie ${(big.trie.byteLength / 2 ** 20).toFixed(1)} MiB, ${big.trie.nodeCount} nodes)${(globalThis as { gc?: unknown }).gc === undefined ? " [run with --expose-gc for a cleaner memory figure]" : ""}`,
);
console.log(`${"task".padEnd(width)}  ${"ns/lookup".padStart(9)}  ${"M lookups/s".padStart(11)}`);
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.nsPerLookup.toFixed(2).padStart(9)}  ${(r.lookupsPerSecond / 1e6).toFixed(2).padStart(11)}`);
console.log(`(checksum ${sink >>> 0})`);

const report = {
  generatedBy: "bench/routing.bench.ts",
  node: process.version,
  cpu,
  table: {
    prefixes: columns.leafCount,
    buildMs: Math.round(buildMs),
    bytes: tableBytes,
    trieBytes: big.trie.byteLength,
    trieNodes: big.trie.nodeCount,
    gcExposed: (globalThis as { gc?: unknown }).gc !== undefined,
  },
  targets: { lookupsPerSecond: 20_000_000, buildMs: 2000, bytes: 150 * 2 ** 20 },
  rows,
};
console.log(`wrote ${writeBenchResult("routing-bench", report)}`);
