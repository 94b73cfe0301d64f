import { loadScenarioFile } from "../../config/load.js";
import { calibrate } from "../../host/calibrate/calibrate.js";
import { CalibrationRefusal } from "../../host/calibrate/fit-costs.js";
import { readSnapshot } from "../../host/read-snapshot.js";
import type { Sourced } from "../../host/read-snapshot.js";
import { writeTextFile } from "../output-set.js";
import { parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";

function ghzOption(text: string | undefined, scenario: string | undefined): Sourced<number> | undefined {
  if (text !== undefined && scenario !== undefined) throw new UsageError("calibrate: give --scenario or --ghz, not both");
  if (text !== undefined) {
    const v = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || !(v > 0) || v > 10) throw new UsageError(`calibrate: --ghz "${text}" is not a clock in GHz (0 < GHz ≤ 10)`);
    return { value: v, from: "--ghz" };
  }
  if (scenario !== undefined) {
    const file = loadScenarioFile(scenario);
    const first = file.points[0];
    if (first === undefined) throw new UsageError(`calibrate: --scenario ${scenario} has no point`);
    return { value: first.scenario.host.ghz, from: `${scenario} host.ghz` };
  }
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
  const ghz = ghzOption(stringOption(parsed, "ghz"), stringOption(parsed, "scenario"));
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
  return 0;
}
