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
 * The arrival pipeline in order (`fillPoliced`): the source generates a batch in time order into
 * staging columns, each packet is judged in that order (an ARP frame before a packet of the same
 * time), and the packets that pass are partitioned into the engine's slots (one per interrupt
 * CPU, each in time order in its own range of the arrival columns). Per batch, no allocation.
 */
import type { IngressCap, NicIngressCap } from "../config/sections/bandwidth.js";
import { POLICE_EXCEED, Policer, policerProfile } from "../shaping/policer.js";
import type { PacketSource } from "../traffic/packet-source.js";
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
  /** A batch in time order before it is policed and partitioned. */
  private readonly time: Float64Array;
  private readonly flow: Int32Array;
  private readonly len: Uint16Array;
  /** Every flow in the one staging bucket. */
  private readonly oneBucket: Uint16Array;
  private readonly bucketEnd = new Int32Array(1);

  /**
   * `arpThroughNic`: the receiving NIC is the primary one, where the ARP background arrives, so
   * its own cap polices the ARP frames too.
   */
  constructor(
    cap: IngressCap | null,
    nicCap: NicIngressCap | null,
    arpThroughNic: boolean,
    flows: number,
    batch: number,
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
    this.time = new Float64Array(batch);
    this.flow = new Int32Array(batch);
    this.len = new Uint16Array(batch);
    this.oneBucket = new Uint16Array(flows);
  }

  /**
   * Generate the next batch (at most `max` packets before `endNs`) from `source`, police it in
   * time order, and append the packets that pass to their slots: flow f's packet goes to index
   * `slotEnd[slotOf[f]]++` of the arrival columns. Returns how many packets were generated.
   * `warm` is the window's start.
   */
  fillPoliced(
    source: PacketSource,
    max: number,
    endNs: number,
    arrTime: Float64Array,
    arrFlow: Int32Array,
    arrLen: Uint16Array,
    slotOf: Uint16Array,
    slotEnd: Int32Array,
    warm: number,
  ): number {
    this.bucketEnd[0] = 0;
    const n = source.fill(this.time, this.flow, this.len, this.oneBucket, this.bucketEnd, max, endNs);
    const time = this.time;
    const flow = this.flow;
    const len = this.len;
    const policer = this.policer;
    const nicPolicer = this.nicPolicer;
    const dropped = this.dropped;
    const exceeded = this.exceeded;
    const exceedDrops = this.exceedDrops;
    for (let p = 0; p < n; p++) {
      const t = time[p];
      if (this.arpNext[0] <= t) this.policeArp(t);
      let pass = conforms(nicPolicer, t, len[p]);
      const nicDrop = !pass;
      let exceeds = false;
      if (pass && policer !== null) {
        exceeds = policer.check(t, len[p]) === POLICE_EXCEED;
        pass = !exceeds || !exceedDrops;
      }
      if (t >= warm) {
        if (exceeds) exceeded[0]++;
        if (!pass) {
          dropped[0]++;
          dropped[1] += len[p];
          if (nicDrop) this.nicDropped[0]++;
        }
      }
      if (!pass) continue;
      const k = slotEnd[slotOf[flow[p]]]++;
      arrTime[k] = t;
      arrFlow[k] = flow[p];
      arrLen[k] = len[p];
    }
    return n;
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
}
