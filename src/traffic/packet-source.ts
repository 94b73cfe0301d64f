import type { SizeMix, Traffic } from "../config/scenario.js";
import type { Bulk } from "../config/sections/traffic.js";
import { AliasTable } from "./alias-table.js";
import { exponentialSlowPathInto, ZIGGURAT_KE, ZIGGURAT_WE } from "./exponential.js";
import { Prng } from "./prng.js";

/** Mean frame size in bytes of a size mix. */
export function meanSize(mix: SizeMix): number {
  let w = 0;
  let b = 0;
  for (let i = 0; i < mix.sizes.length; i++) {
    w += mix.weights[i];
    b += mix.weights[i] * mix.sizes[i];
  }
  return b / w;
}

/** Offered packets per second: the load as given, or Mbps of frame bytes over the mean size. */
export function offeredPps(traffic: Traffic): number {
  return "pps" in traffic.load ? traffic.load.pps : (traffic.load.mbps * 1e6) / (8 * meanSize(traffic.size));
}

/** Zipf weights 1/k^s for ranks k = 1..n (flow f has rank f + 1). */
function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = Math.pow(k + 1, -s);
  return w;
}

/**
 * The packet arrival process: times (Poisson or constant rate), flow per packet (uniform or
 * Zipf), frame size per packet (a weighted mix). `fill` writes a batch into structure-of-arrays
 * columns; it allocates nothing.
 */
export class PacketSource {
  /**
   * Arrival time of the next packet not yet emitted, in ns, in a one-element Float64Array: a
   * double loaded from a typed array is a raw float64 to V8, whereas one loaded from an object
   * field may be tagged, and then `fill`'s loop variable is tagged too and every `t += gap`
   * allocates a HeapNumber (measured: 16 bytes per packet, 20.3 → see `fill`).
   */
  private readonly clock = new Float64Array(1);
  private readonly meanGapNs: number;
  private readonly poisson: boolean;
  private readonly flows: number;
  private readonly flowTable: AliasTable | null;
  private readonly sizeTable: AliasTable | null;
  private readonly sizes: Uint16Array;
  private readonly rng: Prng;
  private readonly scratch = new Float64Array(1);
  /** `traffic.bulk`, or null. */
  private readonly bulk: Bulk | null;
  /** The burst being emitted: its first segment's time ([0]), its flow and segments left. */
  private readonly burstStart = new Float64Array(1);
  private burstFlow = 0;
  private burstLeft = 0;

  constructor(traffic: Traffic, seed: number) {
    this.rng = new Prng(seed, 1);
    const pps = offeredPps(traffic);
    this.bulk = traffic.bulk;
    // With bulk bursts the arrival process draws bursts: `load` counts segments.
    this.meanGapNs = (1e9 / pps) * (traffic.bulk === null ? 1 : traffic.bulk.train);
    this.poisson = traffic.arrival === "poisson";
    this.flows = traffic.flows;
    this.flowTable = traffic.weights.kind === "zipf" ? new AliasTable(zipfWeights(traffic.flows, traffic.weights.s)) : null;
    this.sizes = Uint16Array.from(traffic.size.sizes);
    this.sizeTable = traffic.size.sizes.length > 1 ? new AliasTable(traffic.size.weights) : null;
    this.clock[0] = this.gap();
  }

  private gap(): number {
    return this.poisson ? this.rng.nextExp() * this.meanGapNs : this.meanGapNs;
  }

  /** Time of the next packet `fill` would emit (ns). */
  get nextTime(): number {
    return this.clock[0];
  }

  /**
   * Emit packets with arrival time < `endNs`, scattering each into its bucket: packet of flow f
   * goes to index `bucketEnd[bucketOf[f]]++` of the columns (buckets are disjoint ranges the
   * caller sized for `max` packets each). Stops after `max` packets; returns how many it emitted.
   * Allocates nothing. `bucketOf` is a Uint16Array (at most 65,536 buckets; the engines bucket by
   * CPU, at most 4,096): 10,000 flows then take 20 KB, within L1, where an Int32Array's 40 KB
   * missed it on the random per-packet lookup. Measured: see bench/e2e.bench.ts.
   */
  fill(
    time: Float64Array,
    flow: Int32Array,
    len: Uint16Array,
    bucketOf: Uint16Array,
    bucketEnd: Int32Array,
    max: number,
    endNs: number,
  ): number {
    const rng = this.rng;
    const flows = this.flows;
    const flowTable = this.flowTable;
    const sizeTable = this.sizeTable;
    const sizes = this.sizes;
    const size0 = sizes[0];
    const poisson = this.poisson;
    const gap = this.meanGapNs;
    const flowScale = flows * 2.3283064365386963e-10; // flows / 2^32
    const scratch = this.scratch;
    // xoshiro128** stepped inline on locals (the same stream as Prng.nextI32, written back to
    // the generator before the ziggurat's rare slow path and at the end). Measured on the e2e
    // bench harness (8192-packet batches into 4 buckets, Node 20, 2-vCPU EPYC): 33 → 26.5 ns per
    // packet, the same stream bit for bit.
    const st = rng.s;
    let s0 = st[0];
    let s1 = st[1];
    let s2 = st[2];
    let s3 = st[3];
    let t = this.clock[0];
    let n = 0;
    while (n < max && t < endNs) {
      // Draw 1: the flow.
      let m = Math.imul(s1, 5);
      let r = Math.imul((m << 7) | (m >>> 25), 9);
      let x = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= x;
      s3 = (s3 << 11) | (s3 >>> 21);
      const f = flowTable === null ? ((r >>> 0) * flowScale) | 0 : flowTable.pickFrom(r);
      const k = bucketEnd[bucketOf[f]]++;
      time[k] = t;
      flow[k] = f;
      if (sizeTable === null) {
        len[k] = size0;
      } else {
        // Draw 2: the frame size.
        m = Math.imul(s1, 5);
        r = Math.imul((m << 7) | (m >>> 25), 9);
        x = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= x;
        s3 = (s3 << 11) | (s3 >>> 21);
        len[k] = sizes[sizeTable.pickFrom(r)];
      }
      n++;
      if (poisson) {
        // Draw 3: the gap to the next arrival (ziggurat exponential).
        m = Math.imul(s1, 5);
        const u = Math.imul((m << 7) | (m >>> 25), 9);
        x = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= x;
        s3 = (s3 << 11) | (s3 >>> 21);
        const j = u >>> 8;
        const i = u & 255;
        let e = j * ZIGGURAT_WE[i];
        if (j >= ZIGGURAT_KE[i]) {
          st[0] = s0;
          st[1] = s1;
          st[2] = s2;
          st[3] = s3;
          exponentialSlowPathInto(u, rng, scratch);
          e = scratch[0];
          s0 = st[0];
          s1 = st[1];
          s2 = st[2];
          s3 = st[3];
        }
        t += e * gap;
      } else {
        t += gap;
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
    this.clock[0] = t;
    return n;
  }

  /**
   * `fill` for `traffic.bulk`: bursts start as the arrival process says (its mean gap is `train`
   * packet gaps), each `train` segments of one flow one frame time apart, the last with PSH
   * (`push[k]` 1, else 0). The link is serial: a burst starts no earlier than one frame time
   * after the previous burst's last segment. A burst cut by `max` or `endNs` goes on in the next
   * call. Allocates nothing.
   */
  fillBursts(
    time: Float64Array,
    flow: Int32Array,
    len: Uint16Array,
    push: Uint8Array,
    bucketOf: Uint16Array,
    bucketEnd: Int32Array,
    max: number,
    endNs: number,
  ): number {
    const bulk = this.bulk;
    if (bulk === null) throw new Error("fillBursts: the traffic has no bulk section");
    const rng = this.rng;
    const flowTable = this.flowTable;
    const flowScale = this.flows * 2.3283064365386963e-10; // flows / 2^32
    const spacing = bulk.spacingNs;
    const frame = bulk.frameBytes;
    let t = this.clock[0];
    let n = 0;
    while (n < max && t < endNs) {
      if (this.burstLeft === 0) {
        const r = rng.nextI32();
        this.burstFlow = flowTable === null ? ((r >>> 0) * flowScale) | 0 : flowTable.pickFrom(r);
        this.burstLeft = bulk.train;
        this.burstStart[0] = t;
      }
      const f = this.burstFlow;
      const k = bucketEnd[bucketOf[f]]++;
      time[k] = t;
      flow[k] = f;
      len[k] = frame;
      push[k] = this.burstLeft === 1 ? 1 : 0;
      n++;
      this.burstLeft--;
      if (this.burstLeft > 0) {
        t += spacing;
      } else {
        const drawn = this.burstStart[0] + this.gap();
        const free = t + spacing;
        t = drawn > free ? drawn : free;
      }
    }
    this.clock[0] = t;
    return n;
  }
}
