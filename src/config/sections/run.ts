/**
 * The `run` section: how long and how often to simulate.
 *
 *   run: { duration: "100ms", warmup: "0s", seed: 1, replications: 1 }
 *
 * Durations carry their unit ("200ms", "0.2s", "50us", "100ns"). Resolved: `Run`, in ns; the
 * warm-up must be shorter than the run.
 */
import { ConfigError, show } from "../errors.js";
import { duration } from "../field-types.js";
import { int, obj } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";

export const RUN_DEFAULTS = {
  duration: "100ms",
  warmup: "0s",
  seed: 1,
  replications: 1,
} as const;

export const runSchema = obj(
  {
    duration: duration({ default: RUN_DEFAULTS.duration, description: 'Simulated time, e.g. "200ms" or "0.2s" (units s, ms, us/µs, ns).' }),
    warmup: duration({
      allowZero: true,
      default: RUN_DEFAULTS.warmup,
      description: "Simulated time at the start excluded from the statistics; shorter than duration.",
    }),
    seed: int({ min: 0, max: 4294967295, default: RUN_DEFAULTS.seed, description: "Seed of the pseudo-random traffic." }),
    replications: int({
      min: 1,
      max: 1000,
      default: RUN_DEFAULTS.replications,
      description: "Independent runs per sweep point (seeds derived from seed).",
    }),
  },
  { default: {}, description: "How long and how often to simulate." },
);

export type CheckedRun = Infer<typeof runSchema>;

export interface Run {
  readonly durationNs: number;
  readonly warmupNs: number;
  readonly seed: number;
  readonly replications: number;
}

export function resolveRun(run: CheckedRun): Run {
  if (run.warmup.ns >= run.duration.ns) {
    throw new ConfigError("run.warmup", `${show(run.warmup.text)} must be shorter than run.duration (${show(run.duration.text)})`);
  }
  return { durationNs: run.duration.ns, warmupNs: run.warmup.ns, seed: run.seed, replications: run.replications };
}
