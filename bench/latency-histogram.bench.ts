/**
 * ns per `LatencyHistogram.record()`, beside hdr-histogram-js's own `recordValue` on the same data.
 *
 * Each task records a block of BLOCK pre-generated latencies (seeded, log-uniform), so the timer
 * cost is amortized; ns/record = mean task latency / BLOCK.
 *
 *   npm run build && node dist/bench/latency-histogram.bench.js
 *
 * Prints a table and writes results/latency-histogram-bench.json (tmp file + rename, so a reader
 * never sees half a file).
 */
import { build } from "hdr-histogram-js";
import { Bench } from "tinybench";
import { LatencyHistogram } from "../src/stats/index.js";
import { Prng } from "../src/traffic/prng.js";
import { writeBenchResult } from "./write-result.js";

const BLOCK = 4096;

/** Deterministic doubles in [0, 1) from the project's seeded PRNG, so every run uses the same values. */
function seededRandom(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.nextFloat();
}

/** BLOCK fractional latencies, log-uniform over [1 ns, maxNs]. */
function latencies(seed: number, maxNs: number): Float64Array {
  const rnd = seededRandom(seed);
  const span = Math.log(maxNs);
  const out = new Float64Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = Math.exp(rnd() * span);
  return out;
}

function rounded(values: Float64Array): Float64Array {
  return values.map((v) => Math.floor(v + 0.5));
}


const packetLike = latencies(1, 1e6); // 1 ns … 1 ms: every value on the 32-bit fast path
const wide = latencies(2, 1e10); // 1 ns … 10 s: ~4 % above 2^32 ns take the slow path
const packetLikeInt = rounded(packetLike);
const wideInt = rounded(wide);

const ours = new LatencyHistogram();
const hdr = build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 2 ** 40,
  numberOfSignificantValueDigits: 3,
  bitBucketSize: 64,
  useWebAssembly: false,
});

function recordBlock(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) ours.record(values[i]);
}

function hdrBlock(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) hdr.recordValue(values[i]);
}

const bench = new Bench({ name: "latency-histogram", time: 1000, warmupTime: 200 });
bench
  .add("LatencyHistogram.record, 1 ns..1 ms", () => recordBlock(packetLike))
  .add("LatencyHistogram.record, 1 ns..10 s", () => recordBlock(wide))
  .add("hdr-histogram-js recordValue (Float64, JS), 1 ns..1 ms", () => hdrBlock(packetLikeInt))
  .add("hdr-histogram-js recordValue (Float64, JS), 1 ns..10 s", () => hdrBlock(wideInt));

await bench.run();

interface Row {
  readonly task: string;
  readonly nsPerRecord: number;
  readonly rmePercent: number;
  readonly samples: number;
}

const rows: Row[] = [];
for (const task of bench.tasks) {
  const r = task.result;
  if (r.state !== "completed") {
    console.error(`${task.name}: ${r.state}${r.state === "errored" ? ` — ${r.error.message}` : ""}`);
    process.exitCode = 1;
    continue;
  }
  rows.push({
    task: task.name,
    nsPerRecord: Math.round(((r.latency.mean * 1e6) / BLOCK) * 100) / 100,
    rmePercent: Math.round(r.latency.rme * 100) / 100,
    samples: r.latency.samplesCount,
  });
}
console.table(rows);

const result = {
  bench: "latency-histogram",
  blockSize: BLOCK,
  node: process.version,
  arch: process.arch,
  date: new Date().toISOString(),
  checksum: ours.totalCount + hdr.totalCount, // keeps the recorded work observable
  rows,
};
console.log(`wrote ${writeBenchResult("latency-histogram-bench", result)}`);
