/**
 * The ingress cap in the simulated path: a `tc police` policer (shaping/policer.ts, exceed →
 * drop) that sees every arrival of the instance in arrival (global time) order before the NIC,
 * so an exceeding packet never reaches an rx ring and costs no CPU time. One bucket for the whole
 * instance: more NICs or queues do not add bandwidth.
 *
 * The engine's arrival batch is partitioned into slots (one per interrupt CPU), each in time
 * order; `police` merges the slots by time (ties: lower slot first), judges each packet, then
 * compacts every slot so that only conforming packets remain. Per batch, no allocation.
 */
import type { IngressCap } from "../config/bandwidth-section.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../shaping/policer.js";

/** Policer mtu for the cap: large enough that no frame exceeds by size alone (clouds cap rate, not size). */
const CAP_MTU_BYTES = 65535;

export class IngressPolicing {
  readonly policer: Policer;
  /** [0] packets and [1] frame bytes dropped that arrived in the measurement window. */
  readonly dropped = new Float64Array(2);
  private readonly pos: Int32Array;
  private readonly keep: Uint8Array;

  constructor(cap: IngressCap, slots: number, chunk: number) {
    this.policer = new Policer(
      policerProfile({ rateBps: cap.rateBps, burstBytes: cap.burstBytes, mtuBytes: CAP_MTU_BYTES, exceed: "drop" }),
    );
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
      const pass = policer.check(arrTime[p], arrLen[p]) !== POLICE_EXCEED;
      keep[p] = pass ? 1 : 0;
      if (!pass && arrTime[p] >= warm) {
        dropped[0]++;
        dropped[1] += arrLen[p];
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
