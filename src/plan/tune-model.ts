/**
 * The tune document (`nicsim tune --json`), version 1: the space, how much of it was evaluated,
 * every evaluated candidate ranked, and the winner's scenario (what `nicsim rollout --from`
 * reads).
 */
import type { CapacityDocument, ProbeRecord } from "./capacity-model.js";
import type { AppliedSettings, Dimension, Settings } from "./tune-space.js";

export const TUNE_KIND = "nicsim-tune";
export const TUNE_SCHEMA_VERSION = 1;

export type Objective = "capacity" | "cpu";
export type Strategy = "coordinate-descent" | "exhaustive";

export interface Evaluation {
  readonly settings: Settings;
  /** The settings that differ from the scenario's own (`rps current→all-but-irq`). */
  readonly changes: readonly string[];
  readonly applied: AppliedSettings;
  /** Every SLO term met (capacity: at some load; cpu: at the scenario's load). */
  readonly pass: boolean;
  /** capacity: the highest load meeting the SLO; cpu: CPUs busy (sum of utilizations) at the scenario's load. */
  readonly score: number;
  /** capacity: the bracket of the capacity. */
  readonly bracket?: { readonly low: number | null; readonly high: number | null };
  /** capacity: the probe at the capacity; cpu: the one probe. */
  readonly at: ProbeRecord | null;
  /** capacity: the probe just above the capacity, and the SLO terms it missed. */
  readonly above: ProbeRecord | null;
  readonly binding: readonly string[];
}

export interface Refused {
  readonly settings: Settings;
  readonly reason: string;
}

export interface TuneDocument {
  readonly kind: typeof TUNE_KIND;
  readonly schemaVersion: number;
  readonly generator: string;
  readonly source: string;
  readonly scenario: unknown;
  readonly slo: CapacityDocument["slo"];
  readonly objective: Objective;
  readonly loadAxis: string;
  /** The offered load (cpu objective: where every candidate is judged). */
  readonly load: number;
  readonly replications: number;
  readonly seed: number;
  readonly strategy: Strategy;
  readonly space: { readonly dimensions: readonly Dimension[]; readonly combinations: number };
  /** Combinations looked at, distinct host states simulated, combinations refused, and the budget. */
  readonly coverage: { readonly combinations: number; readonly simulated: number; readonly refused: number; readonly budget: number | null };
  readonly current: Evaluation | null;
  /** Every simulated candidate, best first. */
  readonly ranking: readonly Evaluation[];
  readonly refused: readonly Refused[];
  /** Why the best beats the runner-up, in a sentence. */
  readonly why: string;
  /** The best candidate's scenario document (no sweep): what rollout applies. */
  readonly bestScenario: unknown;
  readonly work: { readonly probes: number; readonly jobs: number };
}
