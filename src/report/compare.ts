/**
 * Baseline vs current: each point's figures side by side, the relative change, and a verdict.
 *
 * Verdict of one figure, with threshold t (e.g. 0.05):
 * - The figures: the point's own (pooled over replications), or, when both points have a 95 %
 *   interval for it, the replication means.
 * - change = (current − baseline) / baseline; the worsening is the change signed so that
 *   positive is worse;
 *   a baseline of 0 gives 0 when current is 0 too, else an infinite change.
 * - A figure one side does not have (the latency of a point that delivered nothing) cannot be
 *   compared as a number: missing on both sides is `ok`; a latency that disappears (the point
 *   stopped delivering) is a `regression`, one that appears `improved` (change `gone` / `new`).
 * - Without intervals (one replication; the simulation is deterministic per seed, so any change
 *   is real): `regression` when the worsening exceeds t, `improved` when the betterment does.
 * - With intervals on both sides (replications): judged on the 95 % intervals' far ends, so noise
 *   cannot fail a build — higher-is-better regresses only when current.high < baseline.low·(1 − t),
 *   lower-is-better only when current.low > baseline.high·(1 + t). A worsening beyond t whose
 *   intervals still overlap that band is `noise`.
 * Inputs that cannot be compared (a different scenario, seed or schema version, a shard) throw
 * CompareInputError: the command exits 2.
 */
import { firstDifference } from "./first-difference.js";
import type { MeanInterval } from "./confidence.js";
import { METRICS, pointLabel, type Metric } from "./metrics.js";
import type { PointResult, RunResult } from "./result-model.js";

export class CompareInputError extends Error {
  override readonly name = "CompareInputError";
}

export type Verdict = "ok" | "improved" | "regression" | "noise";

export interface FigureComparison {
  readonly metric: Metric;
  /** Null when the point has no such figure (no latency without a delivered packet). */
  readonly baseline: number | null;
  readonly current: number | null;
  /** (current − baseline) / baseline; ±Infinity from a zero or missing baseline (−Infinity: gone); 0 when both are 0. */
  readonly change: number;
  readonly baselineInterval?: MeanInterval;
  readonly currentInterval?: MeanInterval;
  readonly verdict: Verdict;
}

export interface PointComparison {
  readonly label: string;
  readonly params: PointResult["params"];
  readonly figures: readonly FigureComparison[];
}

export interface Comparison {
  readonly threshold: number;
  readonly metrics: readonly Metric[];
  readonly points: readonly PointComparison[];
  readonly regressions: number;
  /** The current document (for exports of a single result). */
  readonly current: RunResult;
}

export interface Named {
  readonly name: string;
  readonly result: RunResult;
}

function relativeChange(baseline: number, current: number): number {
  if (baseline === current) return 0;
  if (baseline === 0) return current > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (current - baseline) / Math.abs(baseline);
}

/** A figure missing on one side or both. */
function judgeMissing(metric: Metric, b: number | null, c: number | null): FigureComparison {
  if (b === null && c === null) return { metric, baseline: b, current: c, change: 0, verdict: "ok" };
  return b === null
    ? { metric, baseline: b, current: c, change: Number.POSITIVE_INFINITY, verdict: "improved" }
    : { metric, baseline: b, current: c, change: Number.NEGATIVE_INFINITY, verdict: "regression" };
}

function judge(metric: Metric, baseline: PointResult, current: PointResult, threshold: number): FigureComparison {
  const bv = metric.value(baseline);
  const cv = metric.value(current);
  if (bv === null || cv === null) return judgeMissing(metric, bv, cv);
  const bi = metric.interval?.(baseline);
  const ci = metric.interval?.(current);
  // With intervals on both sides, the figures are the replication means the intervals are about.
  const both = bi !== undefined && ci !== undefined;
  const b = both ? bi.mean : bv;
  const c = both ? ci.mean : cv;
  const change = relativeChange(b, c);
  const worsening = metric.better === "higher" ? -change : change;
  let verdict: Verdict = worsening > threshold ? "regression" : worsening < -threshold ? "improved" : "ok";
  if (both && verdict !== "ok") {
    const clearlyWorse = metric.better === "higher" ? ci.high < bi.low * (1 - threshold) : ci.low > bi.high * (1 + threshold) && ci.low > 0;
    const clearlyBetter = metric.better === "higher" ? ci.low > bi.high * (1 + threshold) : ci.high < bi.low * (1 - threshold);
    if (verdict === "regression" && !clearlyWorse) verdict = "noise";
    if (verdict === "improved" && !clearlyBetter) verdict = "ok";
  }
  return { metric, baseline: b, current: c, change, ...(bi ? { baselineInterval: bi } : {}), ...(ci ? { currentInterval: ci } : {}), verdict };
}

function checkComparable(base: Named, cur: Named): void {
  const fail = (why: string): never => {
    throw new CompareInputError(why);
  };
  for (const { name, result } of [base, cur]) {
    if (result.shard !== undefined) fail(`${name} is shard ${result.shard.index}/${result.shard.count} of a run; put the shards together with nicsim merge first`);
  }
  if (base.result.schemaVersion !== cur.result.schemaVersion) {
    fail(`schema mismatch: ${base.name} has schemaVersion ${base.result.schemaVersion}, ${cur.name} has ${cur.result.schemaVersion}; regenerate the baseline with this nicsim`);
  }
  const where = firstDifference(base.result.scenario, cur.result.scenario);
  if (where !== undefined) fail(`${base.name} and ${cur.name} come from different scenarios (they first differ at ${where})`);
  const labels = (r: RunResult): string => r.points.map(pointLabel).join(" ");
  if (labels(base.result) !== labels(cur.result)) fail(`${base.name} and ${cur.name} have different sweep points`);
  base.result.points.forEach((p, i) => {
    const q = cur.result.points[i];
    if (p.seed !== q.seed || p.replications !== q.replications) {
      fail(`${base.name} and ${cur.name} were run with different seeds or replications (point ${pointLabel(p)}: seed ${p.seed} vs ${q.seed})`);
    }
  });
}

export function compareResults(base: Named, cur: Named, threshold: number, metricNames: readonly string[]): Comparison {
  checkComparable(base, cur);
  const metrics = metricNames.map((n) => METRICS[n]);
  const points = base.result.points.map((b, i) => {
    const c = cur.result.points[i];
    return { label: pointLabel(b), params: b.params, figures: metrics.map((m) => judge(m, b, c, threshold)) };
  });
  const regressions = points.reduce((n, p) => n + p.figures.filter((f) => f.verdict === "regression").length, 0);
  return { threshold, metrics, points, regressions, current: cur.result };
}
