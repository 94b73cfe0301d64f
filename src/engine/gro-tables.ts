/**
 * Generic receive offload (net/core/gro.c, net/ipv4/tcp_offload.c) for the step machine: the
 * aggregates each NAPI holds, and per CPU the aggregates GRO passed up whose stack work is due.
 *
 * The rules modelled, for TCP segments of `traffic.bulk` on a NIC with `gro: on`:
 * - napi_gro_receive → dev_gro_receive: the segment's bucket is its rx hash (skb_get_hash_raw:
 *   the NIC's hash, 0 when the NIC reports none) modulo GRO_HASH_BUCKETS (8). A held aggregate of
 *   the same flow takes the segment while the aggregate's IP length plus the segment's payload
 *   stays below gro_max_size (64 KiB; skb_gro_receive); else the held one is passed up and the
 *   segment starts a new aggregate.
 * - tcp_gro_receive: a segment with PSH flushes its aggregate (itself included); a PSH segment
 *   with nothing held goes up alone, unmerged.
 * - A bucket holds at most MAX_GRO_SKBS (8) aggregates: a ninth flow passes up the bucket's
 *   oldest (gro_flush_oldest).
 * - napi_gro_flush at napi_complete_done (every held aggregate, bucket by bucket, oldest first),
 *   and when a NAPI used its whole weight and is polled again, only those older than the current
 *   jiffy (`flush_old`, HZ ≥ 1000: __napi_poll, net/core/dev.c); nicsim's jiffy is 1 ms (HZ=1000).
 * - An aggregate passed up is one skb: the stack (and an RPS hand-off) runs once for it; each of
 *   its segments is delivered when that work ends.
 * Not modelled: gro_normal_batch (completed skbs wait in napi->rx_list until 8 segments gather
 * or the poll ends; here the stack work starts at once), gro_flush_timeout, UDP GRO.
 *
 * Storage: aggregates and their segments live in growable pools indexed by id (free lists, no
 * allocation once grown); held aggregates sit in per-NAPI, per-bucket arrays ordered oldest
 * first; an aggregate passed up waits in its CPU's FIFO (linked through `next`).
 */

/** GRO_HASH_BUCKETS (include/net/gro.h). */
export const GRO_HASH_BUCKETS = 8;
/** MAX_GRO_SKBS (net/core/gro.c): held aggregates per bucket. */
export const MAX_GRO_SKBS = 8;
/** gro_max_size's default, GRO_LEGACY_MAX_SIZE (include/linux/netdevice.h): an aggregate stays below it. */
export const GRO_MAX_SIZE = 65536;
/** One jiffy at HZ=1000, ns: an aggregate held into a later jiffy is "old" (napi_gro_flush's flush_old). */
export const JIFFY_NS = 1e6;
/** Ethernet header bytes: an skb's length in GRO starts at the IP header (eth_type_trans pulled it). */
const ETH_HEADER_BYTES = 14;

export class GroTables {
  // Aggregates.
  /** Flow of each aggregate. */
  flow: Int32Array;
  /** Segments, frame bytes, and IP length (what skb_gro_receive compares with gro_max_size). */
  segs: Int32Array;
  bytes: Int32Array;
  ipLen: Int32Array;
  /** Jiffy the aggregate was started in (NAPI_GRO_CB(skb)->age). */
  jiffy: Float64Array;
  /** First and last segment (ids into the segment pool). */
  private first: Int32Array;
  private last: Int32Array;
  /** Next aggregate in a CPU's FIFO or the free list. */
  private next: Int32Array;
  private live: Uint8Array;
  private aggFree = -1;
  private aggUsed = 0;

  // Segments.
  segTime: Float64Array;
  segLen: Uint16Array;
  segNext: Int32Array;
  private segFree = -1;
  private segUsed = 0;

  // Held aggregates: NAPI q, bucket b → held[(q * GRO_HASH_BUCKETS + b) * MAX_GRO_SKBS + i], oldest first.
  private readonly held: Int32Array;
  private readonly heldCount: Int32Array;
  /** Per NAPI, the buckets that hold something (napi->gro_bitmask). */
  private readonly bitmask: Int32Array;
  /** Held aggregate of each flow, or -1. */
  private readonly flowHeld: Int32Array;
  /** Per flow, its bucket. */
  private readonly flowBucket: Uint8Array;
  /** Per CPU, the FIFO of aggregates passed up and not yet taken. */
  private readonly fifoHead: Int32Array;
  private readonly fifoTail: Int32Array;

  /** Frame bytes of a segment that are not TCP payload (Ethernet, IP, TCP headers). */
  private readonly headerBytes: number;

  /** `flowRxHash`: each flow's skb hash as the driver set it (0: none). */
  constructor(napis: number, cpus: number, flowRxHash: Uint32Array, headerBytes: number) {
    this.headerBytes = headerBytes;
    const aggs = 256;
    this.flow = new Int32Array(aggs);
    this.segs = new Int32Array(aggs);
    this.bytes = new Int32Array(aggs);
    this.ipLen = new Int32Array(aggs);
    this.jiffy = new Float64Array(aggs);
    this.first = new Int32Array(aggs);
    this.last = new Int32Array(aggs);
    this.next = new Int32Array(aggs);
    this.live = new Uint8Array(aggs);
    const segs = 4096;
    this.segTime = new Float64Array(segs);
    this.segLen = new Uint16Array(segs);
    this.segNext = new Int32Array(segs);
    this.held = new Int32Array(napis * GRO_HASH_BUCKETS * MAX_GRO_SKBS);
    this.heldCount = new Int32Array(napis * GRO_HASH_BUCKETS);
    this.bitmask = new Int32Array(napis);
    this.flowHeld = new Int32Array(flowRxHash.length).fill(-1);
    this.flowBucket = Uint8Array.from(flowRxHash, (h) => h & (GRO_HASH_BUCKETS - 1));
    this.fifoHead = new Int32Array(cpus).fill(-1);
    this.fifoTail = new Int32Array(cpus).fill(-1);
  }

  /**
   * napi_gro_receive of a segment polled from NAPI q's ring on CPU c at `now`: merge, hold or pass
   * up (the aggregates passed up join CPU c's FIFO, in the kernel's order). Returns 1 when GRO
   * held or merged the segment (it pays the merge cost), 0 when it passed it up alone.
   */
  receive(q: number, c: number, flow: number, arrival: number, len: number, push: number, now: number): number {
    const b = this.flowBucket[flow];
    const held = this.flowHeld[flow];
    if (held >= 0) {
      if (this.ipLen[held] + (len - this.headerBytes) < GRO_MAX_SIZE) {
        this.addSegment(held, arrival, len);
        if (push !== 0) this.passUp(c, this.unhold(q, b, held));
        return 1;
      }
      // Too big: the held aggregate goes up; this segment starts the next one (or goes up alone with PSH).
      this.passUp(c, this.unhold(q, b, held));
      if (push !== 0) {
        this.passUp(c, this.single(flow, arrival, len, now));
        return 1;
      }
      this.hold(q, b, this.single(flow, arrival, len, now));
      return 1;
    }
    if (push !== 0) {
      this.passUp(c, this.single(flow, arrival, len, now));
      return 0;
    }
    const k = q * GRO_HASH_BUCKETS + b;
    if (this.heldCount[k] >= MAX_GRO_SKBS) this.passUp(c, this.unhold(q, b, this.held[k * MAX_GRO_SKBS]));
    this.hold(q, b, this.single(flow, arrival, len, now));
    return 1;
  }

  /**
   * napi_gro_flush of NAPI q on CPU c: every held aggregate (`oldOnly` false), or those started
   * before the jiffy of `now`; bucket by bucket, oldest first. Returns whether any went up.
   */
  flush(q: number, c: number, oldOnly: boolean, now: number): boolean {
    if (this.bitmask[q] === 0) return false;
    const jiffy = Math.floor(now / JIFFY_NS);
    let any = false;
    for (let b = 0; b < GRO_HASH_BUCKETS; b++) {
      const k = q * GRO_HASH_BUCKETS + b;
      while (this.heldCount[k] > 0) {
        const oldest = this.held[k * MAX_GRO_SKBS];
        if (oldOnly && this.jiffy[oldest] === jiffy) break;
        this.passUp(c, this.unhold(q, b, oldest));
        any = true;
      }
    }
    return any;
  }

  /** The next aggregate passed up on CPU c whose stack work is due, or -1. */
  take(c: number): number {
    const a = this.fifoHead[c];
    if (a < 0) return -1;
    this.fifoHead[c] = this.next[a];
    if (this.fifoHead[c] < 0) this.fifoTail[c] = -1;
    return a;
  }

  /** Whether CPU c has aggregates passed up and not taken. */
  pending(c: number): boolean {
    return this.fifoHead[c] >= 0;
  }

  /** First segment of aggregate a (walk with segNext; -1 ends). */
  firstSegment(a: number): number {
    return this.first[a];
  }

  /** Arrival of aggregate a's first segment. */
  firstArrival(a: number): number {
    return this.segTime[this.first[a]];
  }

  /** Segments of aggregate a that arrived at or after `since`. */
  segmentsSince(a: number, since: number): number {
    let n = 0;
    for (let s = this.first[a]; s >= 0; s = this.segNext[s]) if (this.segTime[s] >= since) n++;
    return n;
  }

  /** Return aggregate a and its segments to the pools. */
  free(a: number): void {
    this.segNext[this.last[a]] = this.segFree;
    this.segFree = this.first[a];
    this.live[a] = 0;
    this.next[a] = this.aggFree;
    this.aggFree = a;
  }

  /** Segments that arrived at or after `since` in every aggregate not yet freed (held, passed up, in a backlog, on a CPU). */
  countArrivedSince(since: number): number {
    let n = 0;
    for (let a = 0; a < this.aggUsed; a++) if (this.live[a] === 1) n += this.segmentsSince(a, since);
    return n;
  }

  private single(flow: number, arrival: number, len: number, now: number): number {
    const a = this.newAggregate();
    const s = this.newSegment(arrival, len);
    this.flow[a] = flow;
    this.segs[a] = 1;
    this.bytes[a] = len;
    this.ipLen[a] = len - ETH_HEADER_BYTES;
    this.jiffy[a] = Math.floor(now / JIFFY_NS);
    this.first[a] = this.last[a] = s;
    return a;
  }

  private addSegment(a: number, arrival: number, len: number): void {
    const s = this.newSegment(arrival, len);
    this.segNext[this.last[a]] = s;
    this.last[a] = s;
    this.segs[a]++;
    this.bytes[a] += len;
    this.ipLen[a] += len - this.headerBytes;
  }

  private hold(q: number, b: number, a: number): void {
    const k = q * GRO_HASH_BUCKETS + b;
    this.held[k * MAX_GRO_SKBS + this.heldCount[k]++] = a;
    this.flowHeld[this.flow[a]] = a;
    this.bitmask[q] |= 1 << b;
  }

  /** Take held aggregate a out of its bucket; returns a. */
  private unhold(q: number, b: number, a: number): number {
    const k = q * GRO_HASH_BUCKETS + b;
    const base = k * MAX_GRO_SKBS;
    const count = this.heldCount[k];
    let i = 0;
    while (this.held[base + i] !== a) i++;
    for (; i + 1 < count; i++) this.held[base + i] = this.held[base + i + 1];
    this.heldCount[k] = count - 1;
    if (count === 1) this.bitmask[q] &= ~(1 << b);
    this.flowHeld[this.flow[a]] = -1;
    return a;
  }

  private passUp(c: number, a: number): void {
    this.next[a] = -1;
    if (this.fifoTail[c] < 0) this.fifoHead[c] = a;
    else this.next[this.fifoTail[c]] = a;
    this.fifoTail[c] = a;
  }

  private newAggregate(): number {
    let a = this.aggFree;
    if (a >= 0) {
      this.aggFree = this.next[a];
    } else {
      if (this.aggUsed === this.flow.length) this.growAggregates();
      a = this.aggUsed++;
    }
    this.live[a] = 1;
    return a;
  }

  private newSegment(arrival: number, len: number): number {
    let s = this.segFree;
    if (s >= 0) {
      this.segFree = this.segNext[s];
    } else {
      if (this.segUsed === this.segTime.length) this.growSegments();
      s = this.segUsed++;
    }
    this.segTime[s] = arrival;
    this.segLen[s] = len;
    this.segNext[s] = -1;
    return s;
  }

  private growAggregates(): void {
    const n = this.flow.length * 2;
    this.flow = grown(this.flow, new Int32Array(n));
    this.segs = grown(this.segs, new Int32Array(n));
    this.bytes = grown(this.bytes, new Int32Array(n));
    this.ipLen = grown(this.ipLen, new Int32Array(n));
    this.jiffy = grown(this.jiffy, new Float64Array(n));
    this.first = grown(this.first, new Int32Array(n));
    this.last = grown(this.last, new Int32Array(n));
    this.next = grown(this.next, new Int32Array(n));
    this.live = grown(this.live, new Uint8Array(n));
  }

  private growSegments(): void {
    const n = this.segTime.length * 2;
    this.segTime = grown(this.segTime, new Float64Array(n));
    this.segLen = grown(this.segLen, new Uint16Array(n));
    this.segNext = grown(this.segNext, new Int32Array(n));
  }
}

function grown<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
