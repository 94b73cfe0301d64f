/**
 * `calibrate(snapshots)`: the intervals of every snapshot, the cost fit over all of them, and
 * the calibrated `costs` section in cycles at the host's clock (the snapshot's, or one given).
 */
import type { HostSnapshot, Sourced } from "../read-snapshot.js";
import { type CalibratedCosts, calibratedCosts, costsYaml } from "./costs-section.js";
import { CalibrationRefusal, type CostFit, fitCosts } from "./fit-costs.js";
import { type Interval, type InterruptSource, interruptSource, snapshotIntervals } from "./intervals.js";

export interface Calibration {
  readonly fit: CostFit;
  readonly costs: CalibratedCosts;
  readonly ghz: Sourced<number>;
  readonly interruptSource: InterruptSource;
  readonly intervals: readonly Interval[];
  /** costs.yaml text. */
  readonly yaml: string;
}

export function calibrate(snapshots: readonly HostSnapshot[], options: { readonly ghz?: Sourced<number> } = {}): Calibration {
  if (snapshots.length === 0) throw new CalibrationRefusal("no snapshots given");
  const sources = [...new Set(snapshots.map(interruptSource))];
  if (sources.length > 1) {
    throw new CalibrationRefusal("some snapshots show NIC queue interrupts and others none: calibrate snapshots of one host and NIC together");
  }
  const ghz = options.ghz ?? snapshots.map((s) => s.host.ghz).find((g) => g !== null);
  if (ghz === undefined || ghz === null) {
    throw new CalibrationRefusal("the snapshots do not say the CPU clock (/proc/cpuinfo, cpufreq): give --ghz or --scenario with host.ghz");
  }
  const intervals = snapshots.flatMap(snapshotIntervals);
  const fit = fitCosts(intervals);
  const source = sources[0];
  return {
    fit,
    costs: calibratedCosts(fit, ghz.value),
    ghz,
    interruptSource: source,
    intervals,
    yaml: costsYaml({ fit, ghz, sources: snapshots.map((s) => s.source), interruptSource: source }),
  };
}
