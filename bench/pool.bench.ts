/**
 * Pool speed-up: wall time of an 8-point sweep on 1 and on 2 worker threads (and in-process,
 * the `--jobs 1` path), median of ROUNDS rounds run alternately so drift hits every mode alike.
 *
 * The sweep: the built-in bench host at 2 and 4 Mpps × 1, 2, 4, 8 queues, 4 s simulated per
 * point (≈ 0.4–1 s of work per job on the current engine), so thread start-up and JIT warm-up in
 * each worker (≈ 0.1–0.3 s) are a small part of the run, as in a sweep worth spreading over cores.
 * (At 1 s per point the jobs became so fast that start-up was a third of a worker's time.) Every
 * mode must produce the same document (checked here too).
 *
 * Target (issue 7): ≥ 1.8× from 1 to 2 workers. The figure is what this machine measures, with
 * its load average recorded beside it (a shared 2-vCPU machine under other load cannot show
 * 2×); it is published as measured, not asserted in tests. Writes results/pool-bench.json
 * atomically.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { BENCH_SCENARIO } from "../src/config/presets.js";
import { Worker } from "node:worker_threads";
import type { Scenario, ScenarioFile } from "../src/config/scenario.js";
import { expandSweep } from "../src/config/sweep.js";
import { runSweep, type SweepOptions } from "../src/pool/run-sweep.js";
import { offeredPps } from "../src/traffic/packet-source.js";
import { writeBenchResult } from "./write-result.js";

const ROUNDS = 3;
const SIMULATED_SECONDS = 4;
const raw = {
  ...BENCH_SCENARIO,
  run: { duration: `${SIMULATED_SECONDS}s`, warmup: "0.02s", seed: 1 },
  sweep: { "traffic.load.pps": [2000000, 4000000], queues: [1, 2, 4, 8] },
};
const file: ScenarioFile = { source: "bench/pool.bench.ts sweep", raw, points: expandSweep(raw) };

const MODES: ReadonlyArray<readonly [name: string, options: SweepOptions]> = [
  ["in-process", { threads: 1 }],
  ["1 worker", { threads: 1, mode: "pool" }],
  ["2 workers", { threads: 2, mode: "pool" }],
];

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadBefore = loadavg()[0];
const times = new Map<string, number[]>(MODES.map(([name]) => [name, []]));
let reference: string | undefined;
let packets = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, options] of MODES) {
    const t = performance.now();
    const outcome = await runSweep(file, options);
    times.get(name)?.push((performance.now() - t) / 1000);
    const text = JSON.stringify(outcome.result);
    if (reference === undefined) reference = text;
    else if (text !== reference) throw new Error(`${name}: the document differs from the first run's`);
    packets = outcome.simulatedPackets;
  }
}
/**
 * The machine's own ceiling for this workload: the same jobs split over two bare worker threads
 * (balanced by packets, no pool, no merging) against one thread running them all. Whatever the
 * pool does, it cannot beat this ratio; a shared or SMT-backed 2-vCPU VM shows it below 2×.
 */
async function bareThreads(groups: readonly (readonly Scenario[])[]): Promise<number> {
  const t = performance.now();
  await Promise.all(
    groups.map(
      (scenarios) =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL("./ceiling-worker.js", import.meta.url), { workerData: { scenarios } });
          w.once("message", (s: number) => resolve(s));
          w.once("error", reject);
        }),
    ),
  );
  return (performance.now() - t) / 1000;
}
const all = file.points.map((p) => p.scenario);
// Largest first into the emptier half: the 8 points split into two halves of equal packets.
const halves: Scenario[][] = [[], []];
const load = [0, 0];
for (const p of [...file.points].sort((a, b) => offeredPps(b.scenario.traffic) - offeredPps(a.scenario.traffic))) {
  const h = load[0] <= load[1] ? 0 : 1;
  halves[h].push(p.scenario);
  load[h] += offeredPps(p.scenario.traffic);
}
const oneThread: number[] = [];
const twoThreads: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  oneThread.push(await bareThreads([all]));
  twoThreads.push(await bareThreads(halves));
}
const ceiling = median(oneThread) / median(twoThreads);

const seconds = Object.fromEntries(MODES.map(([name]) => [name, Math.round(median(times.get(name) ?? []) * 1000) / 1000]));
const speedUp = seconds["1 worker"] / seconds["2 workers"];

const result = {
  generatedBy: "bench/pool.bench.ts",
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  availableParallelism: availableParallelism(),
  loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
  loadAverage1mAfter: Math.round(loadavg()[0] * 100) / 100,
  sweep: { points: file.points.length, simulatedSecondsPerPoint: SIMULATED_SECONDS, simulatedPackets: packets },
  rounds: ROUNDS,
  medianWallSeconds: seconds,
  speedUpOneToTwoWorkers: Math.round(speedUp * 100) / 100,
  speedUpInProcessToTwoWorkers: Math.round((seconds["in-process"] / seconds["2 workers"]) * 100) / 100,
  target: 1.8,
  machineCeiling: {
    what: "the same jobs on 1 vs 2 bare worker threads (no pool, no merge): the best any pool can do here",
    oneThreadSeconds: Math.round(median(oneThread) * 1000) / 1000,
    twoThreadsSeconds: Math.round(median(twoThreads) * 1000) / 1000,
    speedUp: Math.round(ceiling * 100) / 100,
  },
};

console.log(`nicsim pool bench — ${result.cpu}, ${result.availableParallelism} CPUs, Node ${result.node}, load average ${result.loadAverage1mBefore}`);
console.log(`${file.points.length}-point sweep, ${(packets / 1e6).toFixed(1)} M simulated packets, median of ${ROUNDS} rounds:`);
for (const [name] of MODES) console.log(`  ${name.padEnd(10)} ${seconds[name].toFixed(2)} s  (${(packets / seconds[name] / 1e6).toFixed(1)} M packets/s)`);
console.log(`speed-up 1 → 2 workers: ${result.speedUpOneToTwoWorkers}× (target ≥ ${result.target}×); in-process → 2 workers: ${result.speedUpInProcessToTwoWorkers}×`);

console.log(`machine ceiling (bare threads, no pool): 1 → 2 threads ${result.machineCeiling.speedUp}× (${result.machineCeiling.oneThreadSeconds} s → ${result.machineCeiling.twoThreadsSeconds} s)`);

writeBenchResult("pool-bench", result);
