/**
 * ns per packet of the shaping stage's hot paths (src/shaping/): `TokenBucketShaper.enqueue` and
 * `Policer.check`, scalar and batch forms side by side, under light and saturating load.
 *
 * Each task call runs a block of BLOCK pre-generated packets (seeded Poisson arrivals, IMIX-like
 * frame sizes) through a shaper or policer that is `reset` first (O(1), no allocation), so every
 * call does the same work and the harness's per-call cost is amortized:
 * ns/packet = tinybench's mean task latency / BLOCK. The batch rows cut the block into batches of
 * BATCH packets, as the engine would pass its columns.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/shaping.bench.js
 *
 * Prints a table and writes results/shaping-bench.json (tmp file + rename, so a reader never sees
 * half a file).
 */
import { cpus, loadavg } from "node:os";
import { Bench } from "tinybench";
import { Policer, TokenBucketShaper, policerProfile, tbfProfile } from "../src/shaping/index.js";
import { Prng } from "../src/traffic/prng.js";
import { writeBenchResult } from "./write-result.js";

const BLOCK = 4096;
const BATCH = 256;
const SIZES = [64, 64, 64, 64, 64, 64, 64, 576, 576, 576, 576, 1500]; // IMIX 7:4:1
const MEAN_SIZE = SIZES.reduce((a, b) => a + b, 0) / SIZES.length;

interface Columns {
  readonly time: Float64Array;
  readonly len: Uint16Array;
}

/** BLOCK Poisson arrivals offering `load` × `rateBps` of frame bytes. */
function arrivals(seed: number, rateBps: number, load: number): Columns {
  const rng = new Prng(seed, 5);
  const gapNs = (8 * MEAN_SIZE * 1e9) / (rateBps * load);
  const time = new Float64Array(BLOCK);
  const len = new Uint16Array(BLOCK);
  let t = 0;
  for (let i = 0; i < BLOCK; i++) {
    time[i] = t;
    len[i] = SIZES[rng.nextBelow(SIZES.length)];
    t += rng.nextExp() * gapNs;
  }
  return { time, len };
}

const RATE = 200e6; // the ecs egress maximum
const light = arrivals(1, RATE, 0.5);
const heavy = arrivals(2, RATE, 2);

const shaperPlain = tbfProfile({ rateBps: RATE, burstBytes: 25_000, latencyNs: 20e6 });
const shaperPeak = tbfProfile({ rateBps: RATE, burstBytes: 25_000, latencyNs: 20e6, peakrateBps: 1e9, mtuBytes: 1514 });
const policer = policerProfile({ rateBps: RATE, burstBytes: 25_000, exceed: "drop" });

/** Consumed after the run so the JIT cannot drop the work as dead code. */
let sink = 0;

function shaperEnqueue(s: TokenBucketShaper, c: Columns): void {
  s.reset(0);
  const { time, len } = c;
  let acc = 0;
  for (let i = 0; i < BLOCK; i++) acc += s.enqueue(time[i], len[i]);
  sink += acc;
}

function shaperOffer(s: TokenBucketShaper, c: Columns): void {
  s.reset(0);
  const { time, len } = c;
  let acc = 0;
  for (let i = 0; i < BLOCK; i++) acc += s.offer(time[i], len[i]);
  sink += acc + s.lastDepartureNs;
}

function policerCheck(p: Policer, c: Columns): void {
  p.reset(0);
  const { time, len } = c;
  let acc = 0;
  for (let i = 0; i < BLOCK; i++) acc += p.check(time[i], len[i]);
  sink += acc;
}

/** The columns cut into batches once, as views, so the batch rows time the stage, not view creation. */
interface Batches {
  readonly time: Float64Array[];
  readonly len: Uint16Array[];
  readonly out: Float64Array[];
  readonly pass: Uint8Array[];
}

function batches(c: Columns): Batches {
  const out = new Float64Array(BLOCK);
  const pass = new Uint8Array(BLOCK);
  const r: Batches = { time: [], len: [], out: [], pass: [] };
  for (let lo = 0; lo < BLOCK; lo += BATCH) {
    r.time.push(c.time.subarray(lo, lo + BATCH));
    r.len.push(c.len.subarray(lo, lo + BATCH));
    r.out.push(out.subarray(lo, lo + BATCH));
    r.pass.push(pass.subarray(lo, lo + BATCH));
  }
  return r;
}
const lightBatches = batches(light);
const heavyBatches = batches(heavy);

function shaperBatch(s: TokenBucketShaper, v: Batches): void {
  s.reset(0);
  for (let b = 0; b < v.time.length; b++) sink += s.enqueueBatch(v.time[b], v.len[b], BATCH, v.out[b]);
}

function policerBatch(p: Policer, v: Batches): void {
  p.reset(0);
  for (let b = 0; b < v.time.length; b++) sink += p.checkBatch(v.time[b], v.len[b], BATCH, v.pass[b]);
}

const s1 = new TokenBucketShaper(shaperPlain);
const s2 = new TokenBucketShaper(shaperPeak);
const p1 = new Policer(policer);

const bench = new Bench({ name: "shaping", time: 500, warmupTime: 200 });
bench.add("shaper offer, 0.5x rate (no waits)", () => shaperOffer(s1, light));
bench.add("shaper offer, 2x rate (waits + tail drops)", () => shaperOffer(s1, heavy));
bench.add("shaper offer, 2x rate, peakrate", () => shaperOffer(s2, heavy));
bench.add("shaper enqueue, 0.5x rate", () => shaperEnqueue(s1, light));
bench.add("shaper enqueue, 2x rate", () => shaperEnqueue(s1, heavy));
bench.add(`shaper enqueueBatch ${BATCH}, 0.5x rate`, () => shaperBatch(s1, lightBatches));
bench.add(`shaper enqueueBatch ${BATCH}, 2x rate`, () => shaperBatch(s1, heavyBatches));
bench.add("policer check, 0.5x rate", () => policerCheck(p1, light));
bench.add("policer check, 2x rate", () => policerCheck(p1, heavy));
bench.add(`policer checkBatch ${BATCH}, 0.5x rate`, () => policerBatch(p1, lightBatches));
bench.add(`policer checkBatch ${BATCH}, 2x rate`, () => policerBatch(p1, heavyBatches));

await bench.run();

interface Row {
  readonly name: string;
  readonly nsPerPacket: number;
  readonly rmePercent: number;
  readonly packetsPerSecond: number;
}

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
  const nsPerPacket = (result.latency.mean * 1e6) / BLOCK; // latency is in ms per task call
  rows.push({
    name: task.name,
    nsPerPacket: round(nsPerPacket, 2),
    rmePercent: round(result.latency.rme, 2),
    packetsPerSecond: Math.round(1e9 / nsPerPacket),
  });
}

const cpu = cpus()[0]?.model ?? "unknown cpu";
const nameWidth = Math.max(...rows.map((r) => r.name.length));
console.log(`shaping bench — node ${process.version}, ${cpu}, ${BLOCK} packets per task call, rate ${RATE / 1e6} Mbit/s`);
console.log(`${"task".padEnd(nameWidth)}  ${"ns/pkt".padStart(7)}  ${"±%".padStart(6)}  ${"Mpkt/s".padStart(7)}`);
for (const r of rows) {
  const mpps = (r.packetsPerSecond / 1e6).toFixed(1);
  console.log(`${r.name.padEnd(nameWidth)}  ${r.nsPerPacket.toFixed(2).padStart(7)}  ${r.rmePercent.toFixed(2).padStart(6)}  ${mpps.padStart(7)}`);
}
console.log(`(checksum ${sink}; load average ${loadavg()[0].toFixed(2)})`);


const report = {
  generatedBy: "bench/shaping.bench.ts",
  node: process.version,
  cpu,
  packetsPerTaskCall: BLOCK,
  batchSize: BATCH,
  rateBps: RATE,
  /** 1-minute load average when the run ended: on a shared 2-vCPU VM, above ~1 inflates every row. */
  loadAverage: Math.round(loadavg()[0] * 100) / 100,
  sizes: "IMIX 64/576/1500 at 7:4:1, Poisson arrivals at 0.5x or 2x the rate",
  rows,
};
console.log(`wrote ${writeBenchResult("shaping-bench", report)}`);
