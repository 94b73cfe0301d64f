/**
 * The calibrated `costs` section, in cycles, and the YAML that carries it with the fit's
 * quality as comments.
 *
 * The fit measures two sums, so the section keeps the model's structure this way:
 *   hardIrq         = cycles per interrupt (the poll it starts is included: a host shows
 *                     interrupts, not polls), pollOverhead 0;
 *   driverPerPacket + stackPerPacket = cycles per packet, split in the proportion of nicsim's
 *                     defaults (driver 450 : stack 1900), so RPS still moves the stack part;
 *   perByte 0       (inside the per-packet cost, at the measured mean frame size).
 * rpsEnqueue, ipi and routeRule are not measured by this fit and keep their defaults.
 */
import { COST_DEFAULTS } from "../../config/sections/costs.js";
import type { Sourced } from "../read-snapshot.js";
import type { CostFit } from "./fit-costs.js";
import type { InterruptSource } from "./intervals.js";

export interface CalibratedCosts {
  readonly hardIrq: number;
  readonly pollOverhead: number;
  readonly driverPerPacket: number;
  readonly stackPerPacket: number;
  readonly perByte: number;
}

export function calibratedCosts(fit: CostFit, ghz: number): CalibratedCosts {
  const perPacket = fit.nsPerPacket * ghz;
  const driverShare = COST_DEFAULTS.driverPerPacket / (COST_DEFAULTS.driverPerPacket + COST_DEFAULTS.stackPerPacket);
  const driver = Math.round(perPacket * driverShare);
  return {
    hardIrq: Math.round(fit.nsPerInterrupt * ghz),
    pollOverhead: 0,
    driverPerPacket: driver,
    stackPerPacket: Math.round(perPacket) - driver,
    perByte: 0,
  };
}

function n0(v: number): string {
  return Math.round(v).toLocaleString("en-US");
}

export interface CostsDocument {
  readonly fit: CostFit;
  readonly ghz: Sourced<number>;
  readonly sources: readonly string[];
  readonly interruptSource: InterruptSource;
}

/** costs.yaml: the section, each value with its origin, the fit's quality above it. */
export function costsYaml(doc: CostsDocument): string {
  const { fit, ghz } = doc;
  const costs = calibratedCosts(fit, ghz.value);
  const irqWord = doc.interruptSource === "queue-irqs" ? "NIC queue interrupts (/proc/interrupts)" : "NET_RX softirq runs (/proc/softirqs: no NIC queue vectors)";
  const lines = [
    `# nicsim calibrate: costs fitted from ${doc.sources.join(", ")}`,
    `# fit: per-CPU irq+softirq time (/proc/stat) = a·interrupts + b·packets + background,`,
    `#      least squares over ${fit.points} points (CPUs × ${fit.intervals} intervals); interrupts = ${irqWord}`,
    `# quality: R² ${fit.r2.toFixed(4)}; residuals RMS ${fit.rmsResidualPct.toFixed(2)}% of a CPU, max ${fit.maxResidualPct.toFixed(2)}%`,
    `# rates covered: host ${fit.hostPps.map(n0).join(", ")} packets/s (${fit.distinctRates} distinct);`,
    `#      per CPU ${n0(fit.cpuPps[0])}–${n0(fit.cpuPps[1])} packets/s, ${n0(fit.cpuIrqs[0])}–${n0(fit.cpuIrqs[1])} interrupts/s`,
    fit.interruptsFolded
      ? `# b = ${fit.nsPerPacket.toFixed(1)} ± ${fit.seNsPerPacket.toFixed(1)} ns per packet, interrupts folded in (a cannot be separated);`
      : `# a = ${fit.nsPerInterrupt.toFixed(1)} ± ${fit.seNsPerInterrupt.toFixed(1)} ns per interrupt; b = ${fit.nsPerPacket.toFixed(1)} ± ${fit.seNsPerPacket.toFixed(1)} ns per packet;`,
    `#      background ${(fit.backgroundNsPerSecond / 1e7).toFixed(2)}% of a CPU; clock ${ghz.value} GHz (${ghz.from})`,
    "costs:",
    fit.interruptsFolded
      ? fit.foldReason === "proportional"
        ? `  hardIrq: 0  # interrupts were proportional to packets (${fit.interruptsPerPacket[0].toFixed(2)}–${fit.interruptsPerPacket[1].toFixed(2)} per packet): their cost is inside the per-packet cost`
        : `  hardIrq: 0  # the free fit gave interrupts a negative cost: the best fit with a ≥ 0 has none, so it is inside the per-packet cost`
      : `  hardIrq: ${costs.hardIrq}  # a × GHz, cycles per interrupt, the NAPI poll it starts included`,
    `  pollOverhead: 0  # inside hardIrq: a host counts interrupts, not polls`,
    `  driverPerPacket: ${costs.driverPerPacket}  # b × GHz = ${costs.driverPerPacket + costs.stackPerPacket} cycles per packet, split driver:stack as nicsim's defaults (450:1900)`,
    `  stackPerPacket: ${costs.stackPerPacket}`,
    `  perByte: 0  # inside the per-packet cost${fit.meanBytes === null ? "" : `, at the measured mean frame of ${n0(fit.meanBytes)} bytes`}`,
  ];
  return `${lines.join("\n")}\n`;
}
