import { calibrate } from "../../host/calibrate/calibrate.js";
import { CalibrationRefusal } from "../../host/calibrate/fit-costs.js";
import { reproduce, reproductionTable } from "../../host/calibrate/reproduce.js";
import { readSnapshot } from "../../host/read-snapshot.js";
import type { Sourced } from "../../host/read-snapshot.js";
import type { Scenario } from "../../config/scenario.js";
import { writeTextFile } from "../output-set.js";
import { parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { loadCommandScenario } from "../scenario-notices.js";

function loadFirstPoint(path: string): Scenario {
  const first = loadCommandScenario(path).points[0];
  if (first === undefined) throw new UsageError(`calibrate: --scenario ${path} has no point`);
  return first.scenario;
}

function ghzOption(text: string | undefined, scenario: Scenario | undefined, path: string | undefined): Sourced<number> | undefined {
  if (text !== undefined && scenario !== undefined) throw new UsageError("calibrate: give --scenario or --ghz, not both");
  if (text !== undefined) {
    const v = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || !(v > 0) || v > 10) throw new UsageError(`calibrate: --ghz "${text}" is not a clock in GHz (0 < GHz ≤ 10)`);
    return { value: v, from: "--ghz" };
  }
  if (scenario !== undefined) return { value: scenario.host.ghz, from: `${path} host.ghz` };
  return undefined;
}

export function calibrateCommand(args: readonly string[]): number {
  const parsed = parseCommand("calibrate", args, {
    out: { type: "string", short: "o" },
    scenario: { type: "string" },
    ghz: { type: "string" },
  });
  if (parsed.positionals.length === 0) throw new UsageError("calibrate: missing SNAPSHOT (directories or .tar.gz made with --measure)");
  const out = stringOption(parsed, "out");
  if (out === undefined) throw new UsageError("calibrate: missing -o COSTS.yaml (or -o - for stdout)");
  const scenarioPath = stringOption(parsed, "scenario");
  const scenario = scenarioPath === undefined ? undefined : loadFirstPoint(scenarioPath);
  const ghz = ghzOption(stringOption(parsed, "ghz"), scenario, scenarioPath);
  const snapshots = parsed.positionals.map(readSnapshot);
  let result;
  try {
    result = calibrate(snapshots, ghz === undefined ? {} : { ghz });
  } catch (error) {
    if (error instanceof CalibrationRefusal) throw new UsageError(`calibrate: refused: ${error.message}`);
    throw error;
  }
  writeTextFile("-o", out, result.yaml);
  const f = result.fit;
  process.stderr.write(
    `nicsim calibrate: ${result.costs.driverPerPacket + result.costs.stackPerPacket} cycles per packet, ${result.costs.hardIrq} per interrupt at ${result.ghz.value} GHz; R² ${f.r2.toFixed(4)} over ${f.points} points (${f.distinctRates} rates)${out === "-" ? "" : `; wrote ${out}`}\n`,
  );
  if (scenario !== undefined) {
    process.stdout.write(`${out === "-" ? "\n" : ""}${scenarioPath} with the calibrated costs at each measured rate (irq+softirq time per CPU):\n`);
    process.stdout.write(reproductionTable(reproduce(scenario, result, scenario.run.seed)));
  }
  return 0;
}
