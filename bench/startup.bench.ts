/**
 * Start-up cost of the light commands: CPU seconds of a whole `nicsim …` process (user + system,
 * all threads, `getrusage` as `process.cpuUsage()` reads it at exit) minus those of `node -e 0`,
 * the median of RUNS runs each, for the bundled executable (dist/bin/nicsim.js, what `nicsim` runs)
 * and the unbundled tsc output (dist/src/cli/main.js). Runs are interleaved (one of each command
 * per round) so that the load of a shared machine hits every figure alike.
 *
 * Target: at most 0.1 CPU-s above `node -e 0` for `--help`, `validate`, `rss hash`
 * and `route get … --config examples/routing-two-enis.yaml`. Published as measured, not asserted
 * in tests. Writes results/startup-bench.json atomically.
 *
 *   npm run build && node dist/bench/startup.bench.js      (STARTUP_RUNS=N to change RUNS)
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { writeBenchResult } from "./write-result.js";

const RUNS = Number(process.env.STARTUP_RUNS ?? 21);
const TARGET_S = 0.1;

/** Preloaded into every measured process: at exit, its CPU seconds go to fd 3. */
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1e6)); });',
)}`;

const BUILDS = { bundled: "dist/bin/nicsim.js", unbundled: "dist/src/cli/main.js" } as const;

const COMMANDS: ReadonlyArray<readonly [name: string, args: readonly string[]]> = [
  ["--help", ["--help"]],
  ["validate (YAML)", ["validate", "examples/routing-two-enis.yaml"]],
  ["rss hash", ["rss", "hash", "--src", "192.0.2.1", "--dst", "198.51.100.2", "--sport", "1234", "--dport", "53", "--queues", "8"]],
  ["route get (YAML scenario)", ["route", "get", "198.51.100.7", "from", "10.0.0.21", "--config", "examples/routing-two-enis.yaml"]],
];

/** CPU seconds of one process `node [--import REPORT_CPU] ARGS…`; throws if it fails. */
function cpuSeconds(args: readonly string[]): number {
  const r = spawnSync(process.execPath, ["--import", REPORT_CPU, ...args], { stdio: ["ignore", "ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return Number(r.output[3]);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const cases: Array<{ key: string; args: readonly string[] }> = [{ key: "node -e 0", args: ["-e", "0"] }];
for (const [build, file] of Object.entries(BUILDS)) {
  for (const [name, args] of COMMANDS) cases.push({ key: `${build}: ${name}`, args: [file, ...args] });
}
const samples = new Map<string, number[]>(cases.map((c) => [c.key, []]));
const loadBefore = loadavg()[0];
for (let run = 0; run < RUNS; run++) {
  for (const c of cases) samples.get(c.key)?.push(cpuSeconds(c.args));
}
const baseline = median(samples.get("node -e 0") ?? []);

const figures: Record<string, Record<string, { medianCpuSeconds: number; aboveNodeSeconds: number; withinTarget: boolean }>> = {};
const lines: string[] = [];
for (const build of Object.keys(BUILDS)) {
  figures[build] = {};
  for (const [name] of COMMANDS) {
    const m = median(samples.get(`${build}: ${name}`) ?? []);
    const above = m - baseline;
    figures[build][name] = { medianCpuSeconds: round3(m), aboveNodeSeconds: round3(above), withinTarget: above <= TARGET_S };
    lines.push(`${build.padEnd(9)}  ${name.padEnd(26)}  ${m.toFixed(3)} CPU-s  ${above >= 0 ? "+" : ""}${above.toFixed(3)} over node -e 0${above <= TARGET_S ? "" : "  (above the 0.1 s target)"}`);
  }
}
console.log(`node -e 0: ${baseline.toFixed(3)} CPU-s (median of ${RUNS} runs; load average ${loadBefore.toFixed(2)})`);
console.log(lines.join("\n"));

const file = writeBenchResult("startup-bench", {
  generatedBy: "bench/startup.bench.ts",
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? "unknown",
  loadAverage1mBefore: round3(loadBefore),
  loadAverage1mAfter: round3(loadavg()[0]),
  runs: RUNS,
  what: "median CPU seconds (user + system) of a whole process, and that minus node -e 0's",
  targetAboveNodeSeconds: TARGET_S,
  nodeMinusE0CpuSeconds: round3(baseline),
  builds: BUILDS,
  commands: Object.fromEntries(COMMANDS.map(([name, args]) => [name, `nicsim ${args.join(" ")}`])),
  figures,
});
console.log(`wrote ${file}`);
