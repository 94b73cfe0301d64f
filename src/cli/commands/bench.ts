import { expandSweep } from "../../config/sweep.js";
import { BENCH_SCENARIO } from "../../config/presets.js";
import type { ScenarioFile } from "../../config/scenario.js";
import { runScenario } from "../../pool/run-scenario.js";
import type { PointResult } from "../../report/result-model.js";
import { resultsTable } from "../../report/results-table.js";
import { writeJsonResult } from "../output.js";
import { parseCommand, parseSeed, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";

export const BENCH_HELP = `nicsim bench [--json FILE] [--seed N] [--quiet]
  Run the built-in benchmark: a 16-vCPU cloud host receiving 10,000 UDP flows (IMIX, Poisson)
  at 0.5, 1, 2 and 4 Mpps with 1, 2, 4 and 8 NIC queues; print throughput, latency, drops
  and CPU per point, and the multi-queue speed-up at 2 Mpps.
  --json FILE   also write the versioned result document to FILE ("-" for stdout)
  --seed N      override the seed (default 1)
  --quiet       print no table`;

/** Delivered-pps gain of `queues` over 1 queue at the given offered load, in percent. */
function gainOverOneQueue(points: readonly PointResult[], pps: number, queues: number): number | undefined {
  const at = (q: number): PointResult | undefined =>
    points.find((p) => p.params["traffic.load.pps"] === pps && p.params.queues === q);
  const one = at(1);
  const other = at(queues);
  if (one === undefined || other === undefined || one.delivered.pps === 0) return undefined;
  return (other.delivered.pps / one.delivered.pps - 1) * 100;
}

export function benchCommand(args: readonly string[]): number {
  const parsed = parseCommand("bench", args, {
    json: { type: "string" },
    seed: { type: "string" },
    quiet: { type: "boolean" },
  });
  const { values, positionals } = parsed;
  const json = stringOption(parsed, "json");
  if (positionals.length > 0) throw new UsageError(`bench: unexpected argument "${positionals[0]}" (bench takes no scenario; use nicsim run)`);
  const seed = parseSeed(stringOption(parsed, "seed"));
  const file: ScenarioFile = { source: "built-in bench scenario", raw: BENCH_SCENARIO, points: expandSweep(BENCH_SCENARIO) };
  const started = process.hrtime.bigint();
  let simulated = 0;
  const result = runScenario(file, { ...(seed === undefined ? {} : { seed }), onPoint: (_i, _n, _p, packets) => (simulated += packets) });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (json !== undefined) writeJsonResult(result, json);
  if (values.quiet || json === "-") return 0;

  const out: string[] = [
    "nicsim bench: 16 vCPU @ 2.5 GHz, eth0 (max 8 queues, ring 1024, IRQs round-robin), 10,000 UDP flows,",
    `IMIX frames, Poisson arrivals; 0.2 s simulated per point after 0.02 s warm-up; seed ${seed ?? 1}`,
    "",
    resultsTable(result.points),
    "",
  ];
  const g2 = gainOverOneQueue(result.points, 2000000, 2);
  const g4 = gainOverOneQueue(result.points, 2000000, 4);
  if (g2 !== undefined && g4 !== undefined) {
    out.push(`At 2 Mpps offered: 2 queues deliver ${g2 >= 0 ? "+" : ""}${g2.toFixed(0)}% over 1 queue, 4 queues ${g4 >= 0 ? "+" : ""}${g4.toFixed(0)}%.`);
  }
  out.push(`Simulated ${(simulated / 1e6).toFixed(1)} M packets in ${wallS.toFixed(2)} s of wall time (${(simulated / wallS / 1e6).toFixed(1)} M packets/s).`);
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
