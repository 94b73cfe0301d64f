/**
 * The cost fit: per CPU and interval, irq+softirq time per second against packets and
 * interrupts per second,
 *
 *     busy ns/s = a · interrupts/s + b · packets/s + c
 *
 * by least squares over every CPU of every interval (c: background softirq time, timers and
 * the like, the same on every CPU). a × GHz is the cycles per interrupt (the hard IRQ and the
 * NAPI poll it starts), b × GHz the cycles per packet (driver and stack work).
 *
 * Refusals (CalibrationRefusal, one line saying what to measure instead):
 *   - drops or time squeezes in an interval (softnet_stat columns 2–3): the path was saturated,
 *     so time no longer grows with packets;
 *   - too little load: fewer than MIN_TICKS ticks of irq+softirq time in an interval (/proc/stat
 *     counts in 1/100 s, so a few ticks are mostly rounding);
 *   - too few distinct rates: fewer than MIN_RATES packet rates more than 10% apart;
 *   - a design that cannot separate a from b exactly (rank-deficient), or a fit that gives a
 *     negative cost.
 * Interrupts proportional to packets (within PROPORTIONAL_SPREAD at every loaded point, as on
 * veth, where every packet raises its own NET_RX softirq) cannot be told apart from them: then
 * the fit is busy = b · packets + c, `interruptsFolded` says so, and b carries the interrupt's
 * share (a = 0).
 */
import type { Interval } from "./intervals.js";
import { leastSquares } from "./least-squares.js";

export const MIN_TICKS = 10;
export const MIN_RATES = 3;
/** Rates closer than this (relative) count as one. */
export const DISTINCT_RATE_GAP = 0.1;
/** Interrupts per packet varying less than this (max/min − 1) over the loaded points: proportional. */
export const PROPORTIONAL_SPREAD = 0.05;
/** Points below this many packets per second do not count for the proportionality test. */
const LOADED_PPS = 100;

export class CalibrationRefusal extends Error {
  override readonly name = "CalibrationRefusal";
}

export interface CostFit {
  readonly nsPerInterrupt: number;
  readonly nsPerPacket: number;
  readonly backgroundNsPerSecond: number;
  readonly seNsPerInterrupt: number;
  readonly seNsPerPacket: number;
  readonly r2: number;
  /** Residuals in % of one CPU. */
  readonly rmsResidualPct: number;
  readonly maxResidualPct: number;
  readonly points: number;
  readonly intervals: number;
  /** Host-wide packet rates of the intervals, ascending. */
  readonly hostPps: readonly number[];
  readonly distinctRates: number;
  /** Per-CPU ranges covered. */
  readonly cpuPps: readonly [number, number];
  readonly cpuIrqs: readonly [number, number];
  /** Mean received frame size over the intervals (null: unknown). */
  readonly meanBytes: number | null;
  /** Interrupts were proportional to packets: one cost per packet fitted, interrupts folded in. */
  readonly interruptsFolded: boolean;
  /** Interrupts per packet over the loaded points (min, max). */
  readonly interruptsPerPacket: readonly [number, number];
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Cluster ascending rates: a new rate starts when it is more than DISTINCT_RATE_GAP above the last. */
export function distinctRates(rates: readonly number[]): number[] {
  const sorted = [...rates].sort((a, b) => a - b);
  const out: number[] = [];
  for (const r of sorted) if (out.length === 0 || r > out[out.length - 1] * (1 + DISTINCT_RATE_GAP)) out.push(r);
  return out;
}

/** busy = b · packets + c, reported in the three-coefficient shape with a = 0. */
function reducedFit(x: readonly (readonly number[])[], y: readonly number[]): ReturnType<typeof leastSquares> {
  const fit = leastSquares(x.map((r) => [r[1], r[2]]), y);
  if (fit === null) return null;
  return { ...fit, coefficients: [0, ...fit.coefficients], standardErrors: [0, ...fit.standardErrors] };
}

export function fitCosts(intervals: readonly Interval[]): CostFit {
  if (intervals.length === 0) {
    throw new CalibrationRefusal("no measurement intervals: take snapshots with --measure SECONDS (e.g. 10) while the load runs, one per offered rate");
  }
  for (const iv of intervals) {
    const dropped = iv.cpus.filter((c) => c.dropped > 0 || c.squeezed > 0);
    if (dropped.length > 0) {
      const what = dropped.map((c) => `CPU ${c.cpu} dropped ${c.dropped} and squeezed ${c.squeezed} times`).join(", ");
      throw new CalibrationRefusal(
        `${iv.name}: ${what} (softnet_stat columns 2 and 3): the receive path was saturated, so its time no longer follows its packets; measure at rates below saturation`,
      );
    }
    const ticks = iv.cpus.reduce((s, c) => s + c.busyTicks, 0);
    if (ticks < MIN_TICKS) {
      throw new CalibrationRefusal(
        `${iv.name}: too little load: ${ticks} ticks (${(ticks / 100).toFixed(2)} CPU-seconds) of irq+softirq time in ${iv.seconds.toFixed(1)} s; /proc/stat counts in 1/100 s, so offer more packets or measure longer (at least ${MIN_TICKS} ticks per interval)`,
      );
    }
  }
  const rates = distinctRates(intervals.map((iv) => iv.pps));
  if (rates.length < MIN_RATES) {
    throw new CalibrationRefusal(
      `only ${rates.length} distinct packet rate${rates.length === 1 ? "" : "s"} (${rates.map((r) => `${fmt(r)} pps`).join(", ")}); the fit needs at least ${MIN_RATES} more than 10% apart: snapshot again with --measure at other offered rates`,
    );
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (const iv of intervals) {
    for (const c of iv.cpus) {
      x.push([c.interrupts / iv.seconds, c.packets / iv.seconds, 1]);
      y.push(c.busyNs / iv.seconds);
    }
  }
  const ratios = x.filter((r) => r[1] >= LOADED_PPS).map((r) => r[0] / r[1]);
  const ratioRange: [number, number] = ratios.length === 0 ? [0, 0] : [Math.min(...ratios), Math.max(...ratios)];
  const folded = ratios.length > 0 && ratioRange[1] <= ratioRange[0] * (1 + PROPORTIONAL_SPREAD);
  const fit = folded ? reducedFit(x, y) : leastSquares(x, y);
  if (fit === null) {
    throw new CalibrationRefusal(
      "interrupts and packets rose in the same proportion at every rate and CPU, so their costs cannot be told apart; add rates where NAPI batches differently (higher rates take more packets per interrupt)",
    );
  }
  const [a, b, c] = fit.coefficients;
  if (!(b > 0) || a < 0) {
    throw new CalibrationRefusal(
      `the fit gives ${fmt(a)} ns per interrupt and ${fmt(b)} ns per packet: the samples do not separate the two costs (R² ${fit.r2.toFixed(3)}); measure more rates, longer, on a quieter host`,
    );
  }
  const pct = (ns: number): number => (ns / 1e9) * 100;
  const cpuPps = x.map((r) => r[1]);
  const cpuIrqs = x.map((r) => r[0]);
  const sized = intervals.filter((iv) => iv.meanBytes !== null);
  return {
    nsPerInterrupt: a,
    nsPerPacket: b,
    backgroundNsPerSecond: c,
    seNsPerInterrupt: fit.standardErrors[0],
    seNsPerPacket: fit.standardErrors[1],
    r2: fit.r2,
    rmsResidualPct: pct(Math.sqrt(fit.residuals.reduce((s, r) => s + r * r, 0) / fit.residuals.length)),
    maxResidualPct: pct(Math.max(...fit.residuals.map(Math.abs))),
    points: y.length,
    intervals: intervals.length,
    hostPps: intervals.map((iv) => iv.pps).sort((p, q) => p - q),
    distinctRates: rates.length,
    cpuPps: [Math.min(...cpuPps), Math.max(...cpuPps)],
    cpuIrqs: [Math.min(...cpuIrqs), Math.max(...cpuIrqs)],
    meanBytes: sized.length === 0 ? null : sized.reduce((s, iv) => s + (iv.meanBytes ?? 0) * iv.pps, 0) / sized.reduce((s, iv) => s + iv.pps, 0),
    interruptsFolded: folded,
    interruptsPerPacket: ratioRange,
  };
}
