/**
 * Does the calibration reproduce the host? For each measured interval, run the scenario with
 * the calibrated costs at the rate the interval measured (`runJob`, one job) and set each CPU's
 * simulated irq+softirq utilization beside the measured one. The difference is the report: a
 * scenario that describes the host (queues, IRQ placement, RPS) and costs that fit it should
 * agree within the fit's residuals.
 */
import type { Scenario } from "../../config/scenario.js";
import { runJob } from "../../engine/job.js";
import type { Calibration } from "./calibrate.js";

export interface ReproducedCpu {
  readonly cpu: number;
  /** Fractions of one CPU. */
  readonly measured: number;
  readonly simulated: number;
}

export interface ReproducedInterval {
  readonly name: string;
  readonly pps: number;
  readonly cpus: readonly ReproducedCpu[];
  /** Sums over the CPUs, in CPUs. */
  readonly measuredTotal: number;
  readonly simulatedTotal: number;
}

export function reproduce(scenario: Scenario, calibration: Calibration, seed: number): ReproducedInterval[] {
  const costs = { ...scenario.costs, ...calibration.costs };
  return calibration.intervals.map((iv) => {
    const job = runJob({ ...scenario, costs, traffic: { ...scenario.traffic, load: { pps: iv.pps } } }, seed);
    const cpus = iv.cpus
      .filter((c) => c.cpu < job.cpuBusyNs.length)
      .map((c) => ({ cpu: c.cpu, measured: c.busyNs / (iv.seconds * 1e9), simulated: job.cpuBusyNs[c.cpu] / job.windowNs }));
    return {
      name: iv.name,
      pps: iv.pps,
      cpus,
      measuredTotal: cpus.reduce((s, c) => s + c.measured, 0),
      simulatedTotal: cpus.reduce((s, c) => s + c.simulated, 0),
    };
  });
}

/** The comparison as a text table: per interval, each CPU's measured → simulated utilization. */
export function reproductionTable(rows: readonly ReproducedInterval[]): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const lines = ["interval                      pps  CPU  measured  simulated  difference"];
  for (const r of rows) {
    const name = r.name.replace(/^.*\//, "");
    for (const c of r.cpus) {
      lines.push(`${name.padEnd(24)} ${Math.round(r.pps).toString().padStart(8)}  ${String(c.cpu).padStart(3)}  ${pct(c.measured).padStart(8)}  ${pct(c.simulated).padStart(9)}  ${((c.simulated - c.measured) * 100).toFixed(1).padStart(8)} pt`);
    }
    lines.push(`${"".padEnd(24)} ${"".padStart(8)}  all  ${pct(r.measuredTotal).padStart(8)}  ${pct(r.simulatedTotal).padStart(9)}  ${((r.simulatedTotal - r.measuredTotal) * 100).toFixed(1).padStart(8)} pt`);
  }
  return `${lines.join("\n")}\n`;
}
