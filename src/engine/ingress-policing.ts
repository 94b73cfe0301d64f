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
  private readonly pos: Int32Array;
  private readonly keep: Uint8Array;

  constructor(cap: IngressCap, slots: number, chunk: number) {
    const profile = policerProfile({ rateBps: cap.rateBps, burstBytes: cap.burstBytes, mtuBytes: cap.mtuBytes, exceed: cap.exceed });
    this.policer = new Policer(profile);
    this.exceedDrops = profile.exceedDrops;
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
    for (let i = 0; i < slots; i++) {
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
