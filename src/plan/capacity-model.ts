/**
 * The capacity document (`nicsim capacity --json`): versioned like the result document, with a
 * `kind` so readers (`compare`, `report`) tell it from a run's result.
 *
 * Version 1.
 */
import type { Bottleneck } from "../report/bottleneck.js";
import type { TermOutcome } from "./slo-verdict.js";

export const CAPACITY_KIND = "nicsim-capacity";
export const CAPACITY_SCHEMA_VERSION = 1;

/** One probe: a configuration at one load, over the replications. */
export interface ProbeRecord {
  readonly load: number;
  /** Every SLO term met with 95 % confidence. */
  readonly pass: boolean;
  readonly terms: readonly TermOutcome[];
  /** Pooled over the replications, as the result document's point would show them. */
  readonly offeredPps: number;
  readonly deliveredPps: number;
  readonly cpuMax: number;
  /** The busiest CPU (the lowest id among equals). */
  readonly busiestCpu: number;
  readonly cpuMean: number;
  readonly bottleneck: Bottleneck;
}

/**
 * - `bracketed`: the SLO holds at `bracket.low` and fails at `bracket.high`, and they are within
 *   the resolution;
 * - `above-range`: it still held at the highest load tried (`bracket.high` is null);
 * - `below-range`: it failed even at the lowest load tried (`capacity` 0, `bracket.low` null).
 */
export type CapacityStatus = "bracketed" | "above-range" | "below-range";

export interface CapacityResult {
  /** The configuration: its sweep axes without the load axis (empty without a sweep). */
  readonly params: Readonly<Record<string, number | string>>;
  /** The highest load probed that met the SLO (0 when none did). */
  readonly capacity: number;
  readonly bracket: { readonly low: number | null; readonly high: number | null };
  readonly status: CapacityStatus;
  /** The probe at the capacity, and the one just above it (bracket.high). */
  readonly atCapacity: ProbeRecord | null;
  readonly aboveCapacity: ProbeRecord | null;
  /** Terms not met (fail or unsure) just above the capacity: what binds. */
  readonly binding: readonly string[];
  /** Every probe, in the order they ran. */
  readonly probes: readonly ProbeRecord[];
}

export interface SloTermRecord {
  readonly text: string;
  readonly name: string;
  /** The limit in the figure's unit: ns (latency), fraction (drop share, cpu), packets/s (drop rate). */
  readonly limit: number;
  readonly unit: "ns" | "fraction" | "pps";
}

export interface CapacityDocument {
  readonly kind: typeof CAPACITY_KIND;
  readonly schemaVersion: number;
  readonly generator: string;
  readonly source: string;
  readonly scenario: unknown;
  readonly slo: { readonly text: string; readonly terms: readonly SloTermRecord[] };
  readonly loadAxis: string;
  /** The search stops once (high − low) ≤ resolution × high. */
  readonly resolution: number;
  readonly replications: number;
  readonly seed: number;
  readonly configurations: readonly CapacityResult[];
  /** Work done: probes and jobs (probes × replications). */
  readonly work: { readonly probes: number; readonly jobs: number };
}
