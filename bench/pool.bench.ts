/**
 * Pool speed-up and overhead: wall time of an 8-point sweep in-process (the `--jobs 1` path), on
 * a pool of 1 worker thread and on 2, median of ROUNDS rounds run alternately so drift hits
 * every mode alike. Each run is a fresh process (`node pool.bench.js --mode NAME`), as each
 * `nicsim run` is: module loading and JIT warm-up count for in-process runs as they do for a
 * pool's workers. (Run all in one process, in-process rounds after the first reuse the warm
 * main thread while every pool starts cold workers, which overstated the pool's overhead.)
 *
 * The sweep: the built-in bench host at 2 and 4 Mpps × 1, 2, 4, 8 queues, 4 s simulated per
 * point (≈ 0.4–1 s of work per job on the current engine), so thread start-up and JIT warm-up in
 * each worker are a small part of the run, as in a sweep worth spreading over cores. Every mode
 * must produce the same document (checked here too, by digest).
 *
 * Targets: a 1-worker pool within 5% of in-process; the 1 → 2 worker speed-up at least
 * 95% of what two bare threads achieve on the same jobs in the same run (the machine ceiling,
 * below; ≥ 1.8× was asked first, which a shared 2-vCPU VM cannot show). Published as measured,
 * with the load average beside it, not asserted in tests. Beside the wall times, the CPU seconds
 * of each run (user + system, all threads): on a VM shared with other work, wall time swings with
 * the load, while the CPU a run spends shows what the pool itself costs. Writes
 * results/pool-bench.json atomically.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { BENCH_SCENARIO } from "../src/config/presets.js";
import { Worker } from "node:worker_threads";
import type { Scenario, ScenarioFile } from "../src/config/scenario.js";
import { expandSweep } from "../src/config/sweep.js";
import { runSweep, type SweepOptions } from "../src/pool/run-sweep.js";
import { offeredPps } from "../src/traffic/packet-source.js";
import { writeBenchResult } from "./write-result.js";

// Five rounds, not three: on this shared 2-vCPU VM a burst of other work during one child run
// moved a median of three by 10% or more (runs at load average 1.5-4 gave 1 worker / in-process
// from 0.90 to 1.12 with the same code), more than the 5% the bench is asked to resolve.
const ROUNDS = 5;
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

// A child run: one sweep in MODE; prints {"seconds","cpuSeconds","packets","digest"} (the whole
// process, module loading included, measured from its start).
const modeArg = process.argv.indexOf("--mode");
if (modeArg >= 0) {
  const options = MODES.find(([name]) => name === process.argv[modeArg + 1])?.[1];
  if (options === undefined) throw new Error(`--mode: one of ${MODES.map(([n]) => n).join(", ")}`);
  const outcome = await runSweep(file, options);
  const digest = createHash("sha256").update(JSON.stringify(outcome.result)).digest("hex");
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ seconds: performance.now() / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, packets: outcome.simulatedPackets, digest }));
  process.exit(0);
}

interface ChildRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly packets: number;
  readonly digest: string;
}

/** Wall and CPU seconds of a fresh process running the sweep in `mode`, and its result's digest. */
function freshRun(mode: string): ChildRun {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--mode", mode], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`--mode ${mode}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildRun;
}

const loadBefore = loadavg()[0];
const times = new Map<string, number[]>(MODES.map(([name]) => [name, []]));
const cpuTimes = new Map<string, number[]>(MODES.map(([name]) => [name, []]));
let reference: string | undefined;
let packets = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name] of MODES) {
    const run = freshRun(name);
    times.get(name)?.push(run.seconds);
    cpuTimes.get(name)?.push(run.cpuSeconds);
    if (reference === undefined) reference = run.digest;
    else if (run.digest !== reference) throw new Error(`${name}: the document differs from the first run's`);
    packets = run.packets;
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
const cpuSeconds = Object.fromEntries(MODES.map(([name]) => [name, Math.round(median(cpuTimes.get(name) ?? []) * 1000) / 1000]));
const speedUp = seconds["1 worker"] / seconds["2 workers"];
const oneWorkerOverInProcess = seconds["1 worker"] / seconds["in-process"];
// Each round runs in-process and then 1 worker back to back, so their ratio within a round sees
// nearly the same load; the median of those ratios is less moved by drift between rounds (three
// runs of this very code at load average 1.4-4.6: ratio of the medians 0.87, 1.24, 0.96; median
// of the round ratios 0.99, 1.01, 0.96).
const inProcessTimes = times.get("in-process") ?? [];
const byRound = (times.get("1 worker") ?? []).map((t, i) => Math.round((t / inProcessTimes[i]) * 1000) / 1000);

const result = {
  generatedBy: "bench/pool.bench.ts",
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  availableParallelism: availableParallelism(),
  loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
  loadAverage1mAfter: Math.round(loadavg()[0] * 100) / 100,
  sweep: { points: file.points.length, simulatedSecondsPerPoint: SIMULATED_SECONDS, simulatedPackets: packets },
  rounds: ROUNDS,
  what: "wall seconds of a fresh process per run (module loading and JIT warm-up included), median of the rounds",
  medianWallSeconds: seconds,
  oneWorkerOverInProcess: Math.round(oneWorkerOverInProcess * 1000) / 1000,
  oneWorkerOverInProcessByRound: byRound,
  oneWorkerOverInProcessMedianOfRounds: median(byRound),
  oneWorkerTarget: "≤ 1.05",
  medianCpuSeconds: cpuSeconds,
  oneWorkerOverInProcessCpu: Math.round((cpuSeconds["1 worker"] / cpuSeconds["in-process"]) * 1000) / 1000,
  speedUpOneToTwoWorkers: Math.round(speedUp * 100) / 100,
  speedUpInProcessToTwoWorkers: Math.round((seconds["in-process"] / seconds["2 workers"]) * 100) / 100,
  speedUpOverCeiling: Math.round((speedUp / ceiling) * 100) / 100,
  speedUpTarget: "≥ 0.95 of the machine ceiling",
  machineCeiling: {
    what: "the same jobs on 1 vs 2 bare worker threads (no pool, no merge): the best any pool can do here",
    oneThreadSeconds: Math.round(median(oneThread) * 1000) / 1000,
    twoThreadsSeconds: Math.round(median(twoThreads) * 1000) / 1000,
    speedUp: Math.round(ceiling * 100) / 100,
  },
};

console.log(`nicsim pool bench — ${result.cpu}, ${result.availableParallelism} CPUs, Node ${result.node}, load average ${result.loadAverage1mBefore}`);
console.log(`${file.points.length}-point sweep, ${(packets / 1e6).toFixed(1)} M simulated packets, median of ${ROUNDS} rounds:`);
for (const [name] of MODES) {
  console.log(`  ${name.padEnd(10)} ${seconds[name].toFixed(2)} s  (${(packets / seconds[name] / 1e6).toFixed(1)} M packets/s), ${cpuSeconds[name].toFixed(2)} CPU-s`);
}
console.log(`1 worker / in-process: ${result.oneWorkerOverInProcess} (target ≤ 1.05); in CPU-s: ${result.oneWorkerOverInProcessCpu}; round by round: ${byRound.join(", ")}`);
console.log(`speed-up 1 → 2 workers: ${result.speedUpOneToTwoWorkers}×, ${Math.round(result.speedUpOverCeiling * 100)}% of the machine ceiling (target ≥ 95%); in-process → 2 workers: ${result.speedUpInProcessToTwoWorkers}×`);

console.log(`machine ceiling (bare threads, no pool): 1 → 2 threads ${result.machineCeiling.speedUp}× (${result.machineCeiling.oneThreadSeconds} s → ${result.machineCeiling.twoThreadsSeconds} s)`);

writeBenchResult("pool-bench", result);
