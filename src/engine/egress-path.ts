/**
 * The reply stream and the egress cap in the simulated path (issue 5): every `1 / ratio`-th
 * delivered packet produces a reply of a fixed size, sent out through the instance's egress
 * shaper (`tc tbf`, shaping/token-bucket-shaper.ts: one bucket for the instance, so more NICs do
 * not add bandwidth). A reply waits for tokens (its shaper delay, kept apart from the receive
 * latency) or is tail-dropped at the shaper's limit (`egressCap`).
 *
 * The shaper needs its packets in time order, but CPUs run ahead of each other. Deliveries are
 * buffered and handed to the shaper, sorted, once no CPU can deliver earlier any more: the engine
 * calls `flush(t)` when its arrival generator is the earliest actor at t (every CPU's next event,
 * and so every later delivery, is at or after t), and `flush(Infinity)` at the end.
 *
 * Counted for replies created in the measurement window [warm, end): created, dropped, and the
 * shaper delay of each accepted one; plus the bytes that departed within the window (the long-run
 * egress rate).
 */
import { egressTbfParams, type EgressCap } from "../config/bandwidth-section.js";
import { LatencyHistogram } from "../stats/latency-histogram.js";
import { SHAPER_ACCEPTED, TokenBucketShaper, tbfProfile } from "../shaping/token-bucket-shaper.js";

export class EgressPath {
  readonly delay = new LatencyHistogram();
  /** [0] replies created, [1] dropped by the shaper, [2] bytes departed in the window. */
  readonly counts = new Float64Array(3);
  private readonly shaper: TokenBucketShaper;
  private readonly size: number;
  private readonly ratio: number;
  /** Replies owed, per delivered packet: one is sent each time this reaches 1 (deterministic). */
  private readonly owed = new Float64Array(1);
  private readonly window: Float64Array;
  private pending = new Float64Array(4096);
  private fill = 0;

  constructor(cap: EgressCap, warm: number, end: number) {
    this.shaper = new TokenBucketShaper(
      tbfProfile(egressTbfParams(cap)),
    );
    this.size = cap.replyBytes;
    this.ratio = cap.replyRatio;
    this.window = Float64Array.of(warm, end);
  }

  /** A packet was delivered at `nowNs`: owe it `ratio` replies. */
  delivered(nowNs: number): void {
    const owed = this.owed;
    owed[0] += this.ratio;
    while (owed[0] >= 1) {
      owed[0] -= 1;
      if (this.fill === this.pending.length) this.grow();
      this.pending[this.fill++] = nowNs;
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.pending.length * 2);
    bigger.set(this.pending);
    this.pending = bigger;
  }

  /** Send, in time order, the buffered replies created before `upTo`. */
  flush(upTo: number): void {
    const n = this.fill;
    if (n === 0) return;
    const pending = this.pending.subarray(0, n).sort();
    let k = 0;
    const warm = this.window[0];
    const end = this.window[1];
    const shaper = this.shaper;
    const counts = this.counts;
    for (; k < n && pending[k] < upTo; k++) {
      const t = pending[k];
      const accepted = shaper.offer(t, this.size) === SHAPER_ACCEPTED;
      const departure = accepted ? shaper.lastDepartureNs : -1;
      if (accepted && departure >= warm && departure < end) counts[2] += this.size;
      if (t < warm || t >= end) continue;
      counts[0]++;
      if (accepted) this.delay.record(departure - t);
      else counts[1]++;
    }
    this.pending.copyWithin(0, k, n);
    this.fill = n - k;
  }
}
