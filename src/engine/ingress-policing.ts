/**
 * The ingress cap in the simulated path: a `tc police` policer (shaping/policer.ts, exceed →
 * drop, or pass and count with `bandwidth.ingressExceed: pass`) that sees every arrival of the instance in arrival (global time) order before the NIC,
 * so an exceeding packet never reaches an rx ring and costs no CPU time. One bucket for the whole
 * instance: more NICs or queues do not add bandwidth.
 *
 * The engine's arrival batch is partitioned into slots (one per interrupt CPU), each in time
 * order; `police` merges the slots by time (ties: lower slot first), judges each packet, then
 * compacts every slot so that only conforming packets remain. Per batch, no allocation.
 */
import type { IngressCap } from "../config/bandwidth-section.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../shaping/policer.js";
import { Prng } from "../traffic/prng.js";

/** An ARP request: 42 bytes padded to the 60-byte minimum frame (without FCS), as the host sees it. */
const ARP_FRAME_BYTES = 60;
/** The ARP background's random stream (apart from the flows', arrivals' and costs'). */
const ARP_STREAM = 2;

export class IngressPolicing {
  readonly policer: Policer;
  /** [0] packets and [1] frame bytes dropped that arrived in the measurement window. */
  readonly dropped = new Float64Array(2);
  /**
   * [0] packets that exceeded, arrived in the window: dropped ones with `exceed: drop`, passed
   * ones with `exceed: pass` (tc police conform-exceed pass: counted, not dropped).
   */
  readonly exceeded = new Float64Array(1);
  private readonly exceedDrops: boolean;
  /**
   * The subnet's ARP broadcast background (cap.arpBps; facts/cloud-host.md: ~200 Kbps an instance
   * receives even when idle): 60-byte frames, Poisson, from a stream of their own, policed in time
   * order with the traffic. [0] frames that arrived in the window, [1] of them dropped.
   */
  readonly arp = new Float64Array(2);
  private readonly arpRng: Prng | null;
  private readonly arpGapNs: number;
  /** [0] arrival time of the next ARP frame not yet policed (ns). */
  private readonly arpNext = new Float64Array(1);
  private readonly window: Float64Array;
  private readonly pos: Int32Array;
  private readonly keep: Uint8Array;

  constructor(cap: IngressCap, slots: number, chunk: number, seed: number, warmNs: number, endNs: number) {
    const profile = policerProfile({ rateBps: cap.rateBps, burstBytes: cap.burstBytes, mtuBytes: cap.mtuBytes, exceed: cap.exceed });
    this.policer = new Policer(profile);
    this.exceedDrops = profile.exceedDrops;
    this.window = Float64Array.of(warmNs, endNs);
    this.arpGapNs = cap.arpBps > 0 ? (8e9 * ARP_FRAME_BYTES) / cap.arpBps : 0;
    this.arpRng = cap.arpBps > 0 ? new Prng(seed, ARP_STREAM) : null;
    this.arpNext[0] = this.arpRng === null ? endNs : this.arpRng.nextExp() * this.arpGapNs;
    this.pos = new Int32Array(slots);
    this.keep = new Uint8Array(slots * chunk);
  }

  /**
   * Police one arrival batch: slot i holds [i × chunk, slotEnd[i]) of the arrival arrays.
   * Dropped packets are removed and slotEnd shortened; `warm` is the window's start.
   */
  police(
    arrTime: Float64Array,
    arrFlow: Int32Array,
    arrLen: Uint16Array,
    slotEnd: Int32Array,
    chunk: number,
    warm: number,
  ): void {
    const slots = slotEnd.length;
    const pos = this.pos;
    const keep = this.keep;
    const policer = this.policer;
    const dropped = this.dropped;
    const exceeded = this.exceeded;
    const exceedDrops = this.exceedDrops;
    for (let i = 0; i < slots; i++) pos[i] = i * chunk;
    for (;;) {
      let best = -1;
      let bestTime = Infinity;
      for (let i = 0; i < slots; i++) {
        const p = pos[i];
        if (p < slotEnd[i] && arrTime[p] < bestTime) {
          bestTime = arrTime[p];
          best = i;
        }
      }
      if (best < 0) break;
      const p = pos[best]++;
      if (this.arpNext[0] <= arrTime[p]) this.policeArp(arrTime[p]);
      const exceeds = policer.check(arrTime[p], arrLen[p]) === POLICE_EXCEED;
      const pass = !exceeds || !exceedDrops;
      keep[p] = pass ? 1 : 0;
      if (exceeds && arrTime[p] >= warm) {
        exceeded[0]++;
        if (!pass) {
          dropped[0]++;
          dropped[1] += arrLen[p];
        }
      }
    }
    this.compact(arrTime, arrFlow, arrLen, slotEnd, chunk);
  }

  /**
   * Police the ARP frames that arrive up to `upTo` (ns), in time order. Called before each packet
   * they precede, and by the engine with the run's end so that the window counts every frame.
   */
  policeArp(upTo: number): void {
    const rng = this.arpRng;
    if (rng === null) return;
    const warm = this.window[0];
    const end = this.window[1];
    let t = this.arpNext[0];
    while (t <= upTo && t < end) {
      const exceeds = this.policer.check(t, ARP_FRAME_BYTES) === POLICE_EXCEED;
      if (t >= warm) {
        this.arp[0]++;
        if (exceeds && this.exceedDrops) this.arp[1]++;
      }
      t += rng.nextExp() * this.arpGapNs;
    }
    this.arpNext[0] = t;
  }

  /** Remove the dropped packets from each slot, keeping the order. */
  private compact(arrTime: Float64Array, arrFlow: Int32Array, arrLen: Uint16Array, slotEnd: Int32Array, chunk: number): void {
    const keep = this.keep;
    for (let i = 0; i < slotEnd.length; i++) {
      const from = i * chunk;
      let w = from;
      for (let p = from; p < slotEnd[i]; p++) {
        if (keep[p] === 0) continue;
        if (w !== p) {
          arrTime[w] = arrTime[p];
          arrFlow[w] = arrFlow[p];
          arrLen[w] = arrLen[p];
        }
        w++;
      }
      slotEnd[i] = w;
    }
  }
}
