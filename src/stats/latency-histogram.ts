/**
 * LatencyHistogram — a flat typed-array latency recorder whose bucket layout is the one of an
 * HdrHistogram built with lowestDiscernibleValue 1, 3 significant digits (subBucketCount 2048,
 * subBucketHalfCount 1024, unitMagnitude 0).
 *
 * Layout (index → values it counts), with b = bucket, s = sub-bucket:
 *   b = 0:  index = s,            s ∈ [0, 2048),   value = s               (1 ns resolution)
 *   b ≥ 1:  index = b·1024 + s,   s ∈ [1024, 2048), value ∈ [s·2^b, (s+1)·2^b)
 * which is HdrHistogram's `(b + 1)·subBucketHalfCount + (s − subBucketHalfCount)` with the
 * constants folded in. The array length is computed exactly as HdrHistogram does for the same
 * highestTrackableValue, so `counts[i]` here is `getCountAtIndex(i)` there and conversion
 * (`toHdr()`) is exact.
 *
 * Hot: `record()`. Cold: everything else (percentiles scan the whole array, ~32 K slots).
 */
import type { Histogram } from "hdr-histogram-js";
import { hdrLibrary } from "./hdr-library.js";

/** HdrHistogram constants for lowestDiscernibleValue 1, 3 significant digits. */
const SUB_BUCKET_COUNT = 2048;
const SUB_BUCKET_HALF_COUNT = 1024;
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
const TWO_POW_32 = 4294967296;
/** Buckets a histogram allocates at first (values below 2^18 ns ≈ 262 µs: 72 KB). */
const MIN_BUCKETS = 8;
/** The counts of a histogram that has allocated none yet (never written: `cover` replaces it first). */
const NO_COUNTS = new Float64Array(0);
/** Default range: 2^40 ns ≈ 18.3 minutes, far above any packet latency. */
const DEFAULT_HIGHEST_TRACKABLE_NS = 2 ** 40;

/** Serialized form (see `toJSON`). `counts` holds `[index, count]` for non-empty buckets, index ascending. */
export interface LatencyHistogramJson {
  readonly highestTrackableNs: number;
  readonly total: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly clamped: number;
  readonly invalid: number;
  readonly counts: ReadonlyArray<readonly [index: number, count: number]>;
}

/** Counts-array index of an integer value in [0, 2^53). Same result as HdrHistogram's countsArrayIndex. */
export function latencyIndexOf(value: number): number {
  if (value < TWO_POW_32) {
    const u = value >>> 0;
    // bucket = max(0, floor(log2 u) − 10); `| 2047` maps everything below 2048 to bucket 0.
    const b = 21 - Math.clz32(u | (SUB_BUCKET_COUNT - 1));
    return (b << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (u >>> b);
  }
  // value ≥ 2^32: floor(log2 value) = 32 + (31 − clz32(high word)); division by 2^b is exact.
  const b = 53 - Math.clz32(Math.floor(value / TWO_POW_32));
  return b * SUB_BUCKET_HALF_COUNT + Math.floor(value / 2 ** b);
}

/** Bucket index b of counts-array index i (each value in that slot is a multiple of 2^b). */
function bucketOfIndex(index: number): number {
  const b = Math.floor(index / SUB_BUCKET_HALF_COUNT) - 1;
  return b < 0 ? 0 : b;
}

/** Lowest value counted in slot `index` (HdrHistogram's valueFromIndex). */
export function latencyLowestValueAt(index: number): number {
  const b = bucketOfIndex(index);
  const s = b === 0 ? index : (index % SUB_BUCKET_HALF_COUNT) + SUB_BUCKET_HALF_COUNT;
  return s * 2 ** b;
}

/** Highest value counted in slot `index` (HdrHistogram's highestEquivalentValue of valueFromIndex). */
export function latencyHighestValueAt(index: number): number {
  return latencyLowestValueAt(index) + 2 ** bucketOfIndex(index) - 1;
}

/** Unit in the last place, computed the way hdr-histogram-js does (it matters for exact percentile parity). */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/** Counts-array length HdrHistogram allocates for highestTrackableValue `h` (unitMagnitude 0). */
function countsLengthFor(h: number): number {
  let smallestUntrackable = SUB_BUCKET_COUNT;
  let buckets = 1;
  while (smallestUntrackable <= h) {
    smallestUntrackable *= 2;
    buckets++;
  }
  return (buckets + 1) * SUB_BUCKET_HALF_COUNT;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

export class LatencyHistogram {
  /** Largest recordable value in integer ns; larger inputs are recorded as this and counted in `clamped`. */
  readonly highestTrackableNs: number;
  /**
   * counts[i] = number of values recorded in slot i (Float64: exact up to 2^53, never overflows in
   * practice). Grown on demand, by whole buckets, up to `fullLength`: a histogram starts empty and
   * allocates the slots of the values it meets (packet latencies mostly need 10–20 of the 32
   * buckets), so a job's histograms — one that records nothing, like the egress delay of a run
   * without caps, in particular — do not each zero 256 KB. Slots beyond the array are 0.
   */
  private counts: Float64Array = NO_COUNTS;
  /** HdrHistogram's countsArrayLength for `highestTrackableNs`: the most `counts` grows to. */
  private readonly fullLength: number;
  /**
   * Inputs below this (after +0.5) take the 32-bit fast path: min(2^32, highestTrackableNs + 1,
   * the first value past the allocated slots). 0 while nothing is allocated.
   */
  private fastLimit = 0;
  private total = 0;
  private sumNs = 0;
  private minNs = Number.POSITIVE_INFINITY;
  private maxNs = 0;
  private clampedCount = 0;
  private invalidCount = 0;

  constructor(highestTrackableNs: number = DEFAULT_HIGHEST_TRACKABLE_NS) {
    if (!Number.isSafeInteger(highestTrackableNs) || highestTrackableNs < 2) {
      throw new RangeError(
        `LatencyHistogram: highestTrackableNs must be an integer in [2, 2^53), got ${highestTrackableNs}`,
      );
    }
    this.highestTrackableNs = highestTrackableNs;
    this.fullLength = countsLengthFor(highestTrackableNs);
  }

  /**
   * Make slot `index` (< fullLength) addressable: grow `counts` to cover its bucket, in steps of 4
   * buckets and at least MIN_BUCKETS (few, amortised copies). The length depends only on the
   * highest slot ever covered, not on the order values came in, so equal histograms have equal
   * arrays. Cold.
   */
  private cover(index: number): void {
    if (index < this.counts.length) return;
    const buckets = 4 * Math.ceil(Math.max(bucketOfIndex(index) + 1, MIN_BUCKETS) / 4);
    const length = Math.min(this.fullLength, (buckets + 1) * SUB_BUCKET_HALF_COUNT);
    const counts = new Float64Array(length);
    counts.set(this.counts);
    this.counts = counts;
    // A length of (B + 1)·1024 slots holds buckets 0..B−1: the values below 2^(B + 10).
    const covered = 2 ** (length / SUB_BUCKET_HALF_COUNT - 1 + SUB_BUCKET_HALF_COUNT_MAGNITUDE);
    this.fastLimit = Math.min(TWO_POW_32, this.highestTrackableNs + 1, covered);
  }

  /**
   * Record one latency. HOT: no allocation, no throw.
   *
   * Rounding: round half up to integer ns, i.e. floor(ns + 0.5) — 0.49 → 0, 0.5 → 1, 2.5 → 3.
   * Values that round above `highestTrackableNs` (including +Infinity) are recorded as
   * `highestTrackableNs` and counted in `clamped`. Negative values below −0.5 and NaN are a caller
   * bug: they are recorded as 0 and counted in `invalid`, never thrown.
   *
   * Measured (bench/latency-histogram.bench.ts, Node 20.20, 2-vCPU AMD EPYC VM, blocks of 4096):
   * 5.5–6.0 ns/record for 1 ns…1 ms (all on the fast path below; bare index + increment is ~3.3 ns,
   * the rest is totalCount/sum/min/max), ~9.6–9.9 ns for 1 ns…10 s (~4 % of values > 2^32 ns take
   * recordSlow). hdr-histogram-js `recordValue` on the same data: 56–58 ns and 74–76 ns.
   */
  record(ns: number): void {
    const v = ns + 0.5;
    if (v >= 0 && v < this.fastLimit) {
      const u = v >>> 0; // truncation of a value in [0, 2^32) = floor
      const b = 21 - Math.clz32(u | 2047);
      this.counts[(b << 10) + (u >>> b)]++;
      this.total++;
      this.sumNs += u;
      if (u < this.minNs) this.minNs = u;
      if (u > this.maxNs) this.maxNs = u;
      return;
    }
    this.recordSlow(v, 1);
  }

  /**
   * Record `count` occurrences of one latency (same rounding, clamping and `invalid` rules as
   * `record`). Throws RangeError if `count` is not a non-negative safe integer.
   */
  /**
   * Record `values[0..n)`, the batch form of `record` for hot loops: the caller fills a typed
   * array and makes one call per batch, so no double crosses a call boundary per value (V8 boxes
   * a double argument of a call it does not inline). Same rounding, clamping and counting as
   * `record`.
   */
  recordBatch(values: Float64Array, n: number): void {
    let counts = this.counts;
    let fastLimit = this.fastLimit;
    let total = this.total;
    let sum = this.sumNs;
    let min = this.minNs;
    let max = this.maxNs;
    for (let i = 0; i < n; i++) {
      const v = values[i] + 0.5;
      if (v >= 0 && v < fastLimit) {
        const u = v >>> 0;
        const b = 21 - Math.clz32(u | 2047);
        counts[(b << 10) + (u >>> b)]++;
        total++;
        sum += u;
        if (u < min) min = u;
        if (u > max) max = u;
      } else {
        this.total = total;
        this.sumNs = sum;
        this.minNs = min;
        this.maxNs = max;
        this.recordSlow(v, 1);
        counts = this.counts;
        fastLimit = this.fastLimit;
        total = this.total;
        sum = this.sumNs;
        min = this.minNs;
        max = this.maxNs;
      }
    }
    this.total = total;
    this.sumNs = sum;
    this.minNs = min;
    this.maxNs = max;
  }

  recordCount(ns: number, count: number): void {
    if (!isCount(count)) {
      throw new RangeError(`LatencyHistogram.recordCount: count must be a non-negative integer, got ${count}`);
    }
    if (count === 0) return;
    this.recordSlow(ns + 0.5, count);
  }

  /** General path: every rounded-up input `v = ns + 0.5`, every count. */
  private recordSlow(v: number, count: number): void {
    let value: number;
    if (v >= 0) {
      value = Math.floor(v);
      if (value > this.highestTrackableNs) {
        value = this.highestTrackableNs;
        this.clampedCount += count;
      }
    } else {
      value = 0; // negative or NaN
      this.invalidCount += count;
    }
    const index = latencyIndexOf(value);
    this.cover(index);
    this.counts[index] += count;
    this.total += count;
    this.sumNs += value * count;
    if (value < this.minNs) this.minNs = value;
    if (value > this.maxNs) this.maxNs = value;
  }

  /**
   * Add all of `other` into this histogram. Exact: same slots, counts, min, max, sum.
   * Throws RangeError if `other` holds a value above this histogram's `highestTrackableNs`
   * (it could not be placed exactly); histograms of different ranges merge fine otherwise.
   */
  merge(other: LatencyHistogram): void {
    if (other.total === 0) return;
    if (other.maxNs > this.highestTrackableNs) {
      throw new RangeError(
        `LatencyHistogram.merge: other holds ${other.maxNs} ns > highestTrackableNs ${this.highestTrackableNs}`,
      );
    }
    // Every slot outside [index(min), index(max)] of `other` is empty; index(max) < fullLength as max ≤ our range.
    const last = latencyIndexOf(other.maxNs);
    this.cover(last);
    const src = other.counts;
    const dst = this.counts;
    for (let i = latencyIndexOf(other.minNs); i <= last; i++) dst[i] += src[i];
    this.total += other.total;
    this.sumNs += other.sumNs;
    this.clampedCount += other.clampedCount;
    this.invalidCount += other.invalidCount;
    if (other.minNs < this.minNs) this.minNs = other.minNs;
    if (other.maxNs > this.maxNs) this.maxNs = other.maxNs;
  }

  /** Forget everything recorded (keeps the allocation). */
  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumNs = 0;
    this.minNs = Number.POSITIVE_INFINITY;
    this.maxNs = 0;
    this.clampedCount = 0;
    this.invalidCount = 0;
  }

  /** Length of the counts array: HdrHistogram's countsArrayLength for the same range. */
  get countsLength(): number {
    return this.fullLength;
  }

  /** Number of recorded values. */
  get totalCount(): number {
    return this.total;
  }

  /** Smallest recorded value in integer ns (after rounding/clamping); 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minNs;
  }

  /** Largest recorded value in integer ns (after rounding/clamping); 0 when empty. */
  get max(): number {
    return this.maxNs;
  }

  /** Exact mean of the recorded (rounded, clamped) integer values in ns; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumNs / this.total;
  }

  /** Sum of the recorded (rounded, clamped) integer values in ns. */
  get sum(): number {
    return this.sumNs;
  }

  /** How many recorded values were above `highestTrackableNs` and clamped to it. */
  get clamped(): number {
    return this.clampedCount;
  }

  /** How many inputs were negative (< −0.5) or NaN and recorded as 0. */
  get invalid(): number {
    return this.invalidCount;
  }

  /**
   * Value at percentile `p` (0..100), in ns: the same number hdr-histogram-js's
   * `getValueAtPercentile(p)` returns for the same recorded values — the highest value equivalent
   * to the bucket that reaches ⌈p% of the count⌉ (for p = 0, the lowest value of the first
   * non-empty bucket). Empty histogram → 0. Values ≥ 2048 ns are therefore rounded UP to the end of
   * their bucket (relative error < 1/1024), and may exceed `max`.
   */
  valueAtPercentile(p: number): number {
    const requested = Math.min(p, 100);
    const fpCount = (requested / 100) * this.total;
    // Same rounding as HdrHistogram: round up, but forgive a 1-ulp excess of the fp product.
    const countAtPercentile = Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
    const counts = this.counts;
    let running = 0;
    for (let i = 0; i < counts.length; i++) {
      running += counts[i];
      if (running >= countAtPercentile) {
        return p === 0 ? latencyLowestValueAt(i) : latencyHighestValueAt(i);
      }
    }
    return 0;
  }

  /**
   * A real hdr-histogram-js Histogram (JS, 64-bit counts) with the same counts in the same slots:
   * percentiles, totalCount, encoding and log output equal what recording the raw values would give.
   * Its maxValue/minNonZeroValue are exact too (the extreme buckets are recorded at `max`/`min`).
   */
  toHdr(): Histogram {
    const h = hdrLibrary().build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: this.highestTrackableNs,
      numberOfSignificantValueDigits: 3,
      bitBucketSize: 64,
      useWebAssembly: false,
      autoResize: true,
    });
    if (this.total === 0) return h;
    const counts = this.counts;
    const minIndex = latencyIndexOf(this.minNs);
    const maxIndex = latencyIndexOf(this.maxNs);
    for (let i = minIndex; i <= maxIndex; i++) {
      let c = counts[i];
      if (c === 0) continue;
      if (i === minIndex) {
        h.recordValueWithCount(this.minNs, 1);
        c -= 1;
      }
      if (c > 0) h.recordValueWithCount(i === maxIndex ? this.maxNs : latencyLowestValueAt(i), c);
    }
    return h;
  }

  /** Compact, deterministic plain-object form (structured-clone and JSON safe). */
  toJSON(): LatencyHistogramJson {
    const pairs: Array<readonly [number, number]> = [];
    if (this.total > 0) {
      const counts = this.counts;
      const last = latencyIndexOf(this.maxNs);
      for (let i = latencyIndexOf(this.minNs); i <= last; i++) {
        if (counts[i] !== 0) pairs.push([i, counts[i]]);
      }
    }
    return {
      highestTrackableNs: this.highestTrackableNs,
      total: this.total,
      min: this.min,
      max: this.maxNs,
      sum: this.sumNs,
      clamped: this.clampedCount,
      invalid: this.invalidCount,
      counts: pairs,
    };
  }

  /** Inverse of `toJSON`. Validates the input (throws RangeError on malformed or inconsistent data). */
  static fromJSON(json: LatencyHistogramJson): LatencyHistogram {
    const h = new LatencyHistogram(json.highestTrackableNs);
    const fail = (why: string): never => {
      throw new RangeError(`LatencyHistogram.fromJSON: ${why}`);
    };
    for (const key of ["total", "min", "max", "clamped", "invalid"] as const) {
      if (!isCount(json[key])) fail(`${key} must be a non-negative integer`);
    }
    if (json.max > json.highestTrackableNs) fail(`max ${json.max} exceeds highestTrackableNs`);
    if (!Number.isFinite(json.sum) || json.sum < 0) fail("sum must be a finite non-negative number");
    if (!Array.isArray(json.counts)) fail("counts must be an array of [index, count] pairs");
    let previous = -1;
    let total = 0;
    for (const pair of json.counts) {
      const [index, count] = pair;
      if (!Number.isSafeInteger(index) || index <= previous || index >= h.fullLength) {
        fail(`bad or unsorted index ${index}`);
      }
      if (!isCount(count) || count === 0) fail(`bad count ${count} at index ${index}`);
      h.cover(index);
      h.counts[index] = count;
      total += count;
      previous = index;
    }
    if (total !== json.total) fail(`counts add up to ${total}, total says ${json.total}`);
    if (total > 0) {
      const first = json.counts[0][0];
      const last = json.counts[json.counts.length - 1][0];
      if (latencyIndexOf(json.min) !== first || latencyIndexOf(json.max) !== last) {
        fail("min/max do not fall in the first/last non-empty buckets");
      }
      h.minNs = json.min;
      h.maxNs = json.max;
    }
    h.total = total;
    h.sumNs = json.sum;
    h.clampedCount = json.clamped;
    h.invalidCount = json.invalid;
    return h;
  }
}
