/**
 * End-to-end simulator speed: simulated packets per second of wall time on one core.
 *
 * Runs the built-in bench scenario's 4-queue point at 2 Mpps (the reference point) as
 * whole jobs — plan compilation, arrival generation, engine, statistics — after warm-up jobs
 * that let V8 optimise, and reports the median of the timed jobs; then times the whole
 * `nicsim bench` sweep (16 points) the same way a user runs it. Prints a table and writes
 * results/e2e-bench.json atomically (temporary file, then rename).
 *
 * The point's CPUs run the engine's isolated loop (engine/isolated-cpus.ts), as `nicsim` runs
 * them; `runJob(…, "generic")` times the step machine on the same point for comparison.
 *
 * Target (issue 2): ≥ 25 M simulated packets/s for the 4-queue point. The figure is what this
 * machine measures; it is published as measured, not asserted in tests.
 */
import { cpus } from "node:os";
import { BENCH_SCENARIO } from "../src/config/presets.js";
import { expandSweep } from "../src/config/sweep.js";
import { runJob, type EngineChoice } from "../src/engine/job.js";
import { runScenario } from "../src/pool/run-scenario.js";
import { writeBenchResult } from "./write-result.js";

const WARMUP_JOBS = 4;
const TIMED_JOBS = 9;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const points = expandSweep(BENCH_SCENARIO);
const reference = points.find((p) => p.params["traffic.load.pps"] === 2000000 && p.params.queues === 4);
if (reference === undefined) throw new Error("bench scenario has no 4-queue point at 2 Mpps");
const referenceScenario = reference.scenario;

/** Simulated packets per second of each timed job, after the warm-up jobs. */
function timeJobs(engine: EngineChoice): { rates: number[]; packets: number } {
  for (let i = 0; i < WARMUP_JOBS; i++) runJob(referenceScenario, 1000 + i, engine);
  const rates: number[] = [];
  let packets = 0;
  for (let i = 0; i < TIMED_JOBS; i++) {
    const t = process.hrtime.bigint();
    const job = runJob(referenceScenario, 1 + i, engine);
    const s = seconds(t);
    packets = job.generatedPackets;
    rates.push(job.generatedPackets / s);
  }
  return { rates, packets };
}

const generic = timeJobs("generic");
const { rates, packets } = timeJobs("auto");

const sweepStart = process.hrtime.bigint();
let sweepPackets = 0;
runScenario({ source: "built-in bench scenario", raw: BENCH_SCENARIO, points }, { onPoint: (_i, _n, _p, n) => (sweepPackets += n) });
const sweepS = seconds(sweepStart);

const result = {
  generatedBy: "bench/e2e.bench.ts",
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  referencePoint: { queues: 4, offeredPps: 2000000, simulatedPacketsPerJob: packets, jobs: TIMED_JOBS },
  simulatedPacketsPerSecond: { median: Math.round(median(rates)), min: Math.round(Math.min(...rates)), max: Math.round(Math.max(...rates)) },
  genericEnginePacketsPerSecond: { median: Math.round(median(generic.rates)) },
  targetPacketsPerSecond: 25_000_000,
  benchSweep: { points: points.length, simulatedPackets: sweepPackets, wallSeconds: Math.round(sweepS * 1000) / 1000 },
};

const m = (x: number): string => (x / 1e6).toFixed(2);
console.log(`nicsim e2e bench — ${result.cpu}, Node ${result.node}`);
console.log(`4-queue point at 2 Mpps (${packets} packets/job, median of ${TIMED_JOBS} jobs after ${WARMUP_JOBS} warm-up):`);
console.log(`  ${m(result.simulatedPacketsPerSecond.median)} M simulated packets/s (min ${m(result.simulatedPacketsPerSecond.min)}, max ${m(result.simulatedPacketsPerSecond.max)}); target 25 M`);
console.log(`  (the generic engine on the same point: ${m(result.genericEnginePacketsPerSecond.median)} M/s)`);
console.log(`whole bench sweep: ${points.length} points, ${(sweepPackets / 1e6).toFixed(1)} M packets in ${sweepS.toFixed(2)} s (${m(sweepPackets / sweepS)} M packets/s)`);

writeBenchResult("e2e-bench", result);
