import { expandSweep } from "../../config/sweep.js";
import { BENCH_SCENARIO } from "../../config/presets.js";
import type { ScenarioFile } from "../../config/scenario.js";
import type { PointResult } from "../../report/result-model.js";
import { writeStdout } from "../output.js";
import { parseCommand } from "../parse.js";
import { resultText } from "../result-text.js";
import { settingsContext } from "../settings-context.js";
import { SWEEP_OPTION_SPEC, sweepOptionValues } from "../sweep-options.js";
import { runSweepCommand } from "../sweep-runner.js";
import { UsageError } from "../usage-error.js";

const DESCRIPTION = "16 vCPU @ 2.5 GHz, eth0 (max 8 queues, ring 1024, IRQs round-robin), 10,000 UDP flows,\nIMIX frames, Poisson arrivals";

/** Delivered-pps gain of `queues` over 1 queue at the given offered load, in percent. */
function gainOverOneQueue(points: readonly PointResult[], pps: number, queues: number): number | undefined {
  const at = (q: number): PointResult | undefined =>
    points.find((p) => p.params["traffic.load.pps"] === pps && p.params.queues === q);
  const one = at(1);
  const other = at(queues);
  if (one === undefined || other === undefined || one.delivered.pps === 0) return undefined;
  return (other.delivered.pps / one.delivered.pps - 1) * 100;
}

/** The vendor's multi-queue claim is about hosts where one CPU's interrupt handling is the
 * bottleneck: compare at every load where 1 queue drops packets. */
function gainLines(points: readonly PointResult[]): string[] {
  const lines: string[] = [];
  for (const pps of BENCH_SCENARIO.sweep["traffic.load.pps"]) {
    const one = points.find((p) => p.params["traffic.load.pps"] === pps && p.params.queues === 1);
    const g2 = gainOverOneQueue(points, pps, 2);
    const g4 = gainOverOneQueue(points, pps, 4);
    if (one === undefined || one.drops.total === 0 || g2 === undefined || g4 === undefined) continue;
    const sign = (g: number): string => `${g >= 0 ? "+" : ""}${g.toFixed(0)}%`;
    lines.push(`At ${pps / 1e6} Mpps offered (1 queue saturates its CPU): 2 queues deliver ${sign(g2)} over 1 queue, 4 queues ${sign(g4)}.`);
  }
  return lines;
}

export async function benchCommand(args: readonly string[]): Promise<number> {
  const parsed = parseCommand("bench", args, SWEEP_OPTION_SPEC);
  if (parsed.positionals.length > 0) throw new UsageError(`bench: unexpected argument "${parsed.positionals[0]}" (bench takes no scenario; use nicsim run)`);
  const options = sweepOptionValues(parsed, process.env);
  const file: ScenarioFile = { source: "built-in bench scenario", raw: BENCH_SCENARIO, points: expandSweep(BENCH_SCENARIO) };
  const started = process.hrtime.bigint();
  const outcome = await runSweepCommand(file, options, "bench");
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.quiet || outcome.stdoutTaken) return 0;

  const { result, simulatedPackets, threads } = outcome;
  const table = resultText(result, options.format, { perCpu: options.perCpu, settings: settingsContext(file, options.seed, threads) });
  const speed = `Simulated ${(simulatedPackets / 1e6).toFixed(1)} M packets in ${wallS.toFixed(2)} s of wall time on ${threads} thread${threads === 1 ? "" : "s"} (${(simulatedPackets / wallS / 1e6).toFixed(1)} M packets/s).`;
  const gains = result.shard === undefined ? gainLines(result.points) : [];
  switch (options.format) {
    case "json":
    case "csv":
      writeStdout(table);
      break;
    case "md":
      writeStdout(
        [`### nicsim bench`, "", `${DESCRIPTION.replace("\n", " ")}.`, "", table.trimEnd(), "", ...gains.map((g) => `- ${g}`), ...(gains.length > 0 ? [""] : []), `_${speed}_`, ""].join("\n"),
      );
      break;
    case "table":
      writeStdout([`nicsim bench: ${DESCRIPTION}`, "", table.trimEnd(), "", ...gains, speed, ""].join("\n"));
      break;
  }
  return 0;
}
