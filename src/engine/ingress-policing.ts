/**
 * The ingress caps in the simulated path: `tc police` policers (shaping/policer.ts) that see every
 * arrival in arrival (global time) order before the NIC, so a dropped packet never reaches an rx
 * ring and costs no CPU time.
 * - The instance's cap (`bandwidth.ingress.mbps`, derived under ecs, or the internal bandwidth):
 *   one bucket for the whole instance, so more NICs or queues do not add bandwidth. Exceeding
 *   packets are dropped, or passed and counted with `bandwidth.ingress.exceed: pass`.
 * - The receiving NIC's own cap (`bandwidth.nics.<name>.ingress.mbps`), in series before it: a
 *   packet it drops never reaches the instance's bucket.
 * - The subnet's ARP broadcast background (`bandwidth.arpBackground`; docs/cloud-profile.md:
 *   ~200 Kbps an instance receives even when idle): 60-byte frames, Poisson, from a random stream
 *   of their own, policed in time order with the traffic — by the primary NIC's own cap too when
 *   the primary NIC is the receiving one.
 *
 * The engine's arrival batch is partitioned into slots (one per interrupt CPU), each in time
 * order in its own range of the arrival columns; `police` merges the slots by time (ties: lower slot first; an ARP frame before a packet
 * of the same time), judges each packet, then compacts every slot so that only passed packets
 * remain. Per batch, no allocation.
 */
import type { IngressCap, NicIngressCap } from "../config/sections/bandwidth.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../shaping/policer.js";
import { Prng } from "../traffic/prng.js";

/** An ARP request: 42 bytes padded to the 60-byte minimum frame (without FCS), as the host sees it. */
const ARP_FRAME_BYTES = 60;
/** The ARP background's random stream (apart from the flows', arrivals' and costs'). */
const ARP_STREAM = 2;
/** The NIC policer's mtu: it caps rate, not frame size. */
const NIC_MTU_BYTES = 65535;

/** Whether `check` of an optional policer lets the frame through (no policer: it does). */
function conforms(policer: Policer | null, timeNs: number, bytes: number): boolean {
  return policer === null || policer.check(timeNs, bytes) !== POLICE_EXCEED;
}

export class IngressPolicing {
  /** The instance's policer, or null when only a NIC cap applies. */
  readonly policer: Policer | null;
  /** The receiving NIC's own policer, or null. */
  readonly nicPolicer: Policer | null;
  /** [0] packets and [1] frame bytes dropped (by either policer) that arrived in the window. */
  readonly dropped = new Float64Array(2);
  /** [0] of those, dropped by the receiving NIC's own policer. */
  readonly nicDropped = new Float64Array(1);
  /**
   * [0] packets that exceeded the instance's policer, arrived in the window: dropped ones with
   * `exceed: drop`, passed ones with `exceed: pass` (tc police conform-exceed pass).
   */
  readonly exceeded = new Float64Array(1);
  private readonly exceedDrops: boolean;
  /** ARP background: [0] frames that arrived in the window, [1] of them dropped. */
  readonly arp = new Float64Array(2);
  private readonly arpRng: Prng | null;
  private readonly arpGapNs: number;
  private readonly arpNicPolicer: Policer | null;
  /** [0] arrival time of the next ARP frame not yet policed (ns). */
  private readonly arpNext = new Float64Array(1);
  private readonly window: Float64Array;
  private readonly pos: Int32Array;
  /** Per column index: whether the packet there passed (1) or was dropped (0). */
  private readonly keep: Uint8Array;

  /**
   * `arpThroughNic`: the receiving NIC is the primary one, where the ARP background arrives, so
   * its own cap polices the ARP frames too.
   */
  constructor(
    cap: IngressCap | null,
    nicCap: NicIngressCap | null,
    arpThroughNic: boolean,
    slots: number,
    columnLength: number,
    seed: number,
    warmNs: number,
    endNs: number,
  ) {
    const profile = cap === null ? null : policerProfile({ rateBps: cap.rateBps, burstBytes: cap.burstBytes, mtuBytes: cap.mtuBytes, exceed: cap.exceed });
    this.policer = profile === null ? null : new Policer(profile);
    this.exceedDrops = profile?.exceedDrops ?? true;
    this.nicPolicer =
      nicCap === null ? null : new Policer(policerProfile({ rateBps: nicCap.rateBps, burstBytes: nicCap.burstBytes, mtuBytes: NIC_MTU_BYTES, exceed: "drop" }));
    this.window = Float64Array.of(warmNs, endNs);
    const arpBps = cap?.arpBps ?? 0;
    this.arpGapNs = arpBps > 0 ? (8e9 * ARP_FRAME_BYTES) / arpBps : 0;
    this.arpRng = arpBps > 0 ? new Prng(seed, ARP_STREAM) : null;
    this.arpNicPolicer = arpThroughNic ? this.nicPolicer : null;
    this.arpNext[0] = this.arpRng === null ? endNs : this.arpRng.nextExp() * this.arpGapNs;
    this.pos = new Int32Array(slots);
    this.keep = new Uint8Array(columnLength);
  }

  /**
   * Police one arrival batch: slot i holds [slotStart[i], slotEnd[i]) of the arrival arrays.
   * Dropped packets are removed and slotEnd shortened; `warm` is the window's start.
   */
  police(
    arrTime: Float64Array,
    arrFlow: Int32Array,
    arrLen: Uint16Array,
    slotStart: Int32Array,
    slotEnd: Int32Array,
    warm: number,
  ): void {
    const slots = slotEnd.length;
    const pos = this.pos;
    const keep = this.keep;
    const policer = this.policer;
    const nicPolicer = this.nicPolicer;
    const dropped = this.dropped;
    const exceeded = this.exceeded;
    const exceedDrops = this.exceedDrops;
    for (let i = 0; i < slots; i++) pos[i] = slotStart[i];
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
      const t = arrTime[p];
      if (this.arpNext[0] <= t) this.policeArp(t);
      let pass = conforms(nicPolicer, t, arrLen[p]);
      const nicDrop = !pass;
      let exceeds = false;
      if (pass && policer !== null) {
        exceeds = policer.check(t, arrLen[p]) === POLICE_EXCEED;
        pass = !exceeds || !exceedDrops;
      }
      keep[p] = pass ? 1 : 0;
      if (t >= warm) {
        if (exceeds) exceeded[0]++;
        if (!pass) {
          dropped[0]++;
          dropped[1] += arrLen[p];
          if (nicDrop) this.nicDropped[0]++;
        }
      }
    }
    this.compact(arrTime, arrFlow, arrLen, slotStart, slotEnd);
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
      let pass = conforms(this.arpNicPolicer, t, ARP_FRAME_BYTES);
      if (pass && this.policer !== null) pass = this.policer.check(t, ARP_FRAME_BYTES) !== POLICE_EXCEED || !this.exceedDrops;
      if (t >= warm) {
        this.arp[0]++;
        if (!pass) this.arp[1]++;
      }
      t += rng.nextExp() * this.arpGapNs;
    }
    this.arpNext[0] = t;
  }

  /** Remove the dropped packets from each slot, keeping the order. */
  private compact(arrTime: Float64Array, arrFlow: Int32Array, arrLen: Uint16Array, slotStart: Int32Array, slotEnd: Int32Array): void {
    const keep = this.keep;
    for (let i = 0; i < slotEnd.length; i++) {
      const from = slotStart[i];
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
