/**
 * The reply stream and the egress caps in the simulated path: every `1 / ratio`-th
 * packet a CPU delivers produces a reply (counted per CPU, so that which packets reply does not
 * depend on the order in which the engine runs its CPUs) of a fixed size, sent out by its flow's egress device (the
 * NIC routing picks; the receiving NIC without a routing section). A reply first meets that NIC's
 * own shaper, if it has one (`bandwidth.nics.<name>.egress.mbps`), then the instance's (`tc tbf`,
 * shaping/token-bucket-shaper.ts: one bucket for the instance, so more NICs do not add
 * bandwidth). It waits for tokens at each (its shaper delay, kept apart from the receive latency)
 * or is tail-dropped at a shaper's limit (`egressCap`). A reply whose flow has no route is never
 * sent (counted as unroutable).
 *
 * Shapers need their packets in time order, but CPUs run ahead of each other. Deliveries are
 * buffered per device and handed on, sorted, once no CPU can deliver earlier any more: the engine
 * calls `flush(t)` when its arrival generator is the earliest actor at t (every CPU's next event,
 * and so every later delivery, is at or after t), and `flush(Infinity)` at the end. A NIC
 * shaper's departures are in time order (tbf is FIFO); they reach the instance's shaper merged
 * across devices, each once no later reply can leave a NIC before it (its departure is before t).
 *
 * Counted for replies created in the measurement window [warm, end): created, dropped, and the
 * shaper delay of each sent one; plus the bytes that departed within the window (the long-run
 * egress rate); all also per device.
 */
import { egressTbfParams, type EgressCap } from "../config/sections/bandwidth.js";
import { LatencyHistogram } from "../stats/latency-histogram.js";
import { SHAPER_ACCEPTED, TokenBucketShaper, tbfProfile } from "../shaping/token-bucket-shaper.js";

/**
 * Replies on their way from a NIC's shaper to the instance's, in departure order (tbf is FIFO):
 * each one's departure from the NIC and its creation time, ns. A growable FIFO; no allocation
 * per reply but when it grows.
 */
class LeavingReplies {
  departure = new Float64Array(256);
  created = new Float64Array(256);
  head = 0;
  tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(departure: number, created: number): void {
    if (this.tail === this.departure.length) this.makeRoom();
    this.departure[this.tail] = departure;
    this.created[this.tail++] = created;
  }

  private makeRoom(): void {
    const n = this.size;
    const length = n * 2 > this.departure.length ? this.departure.length * 2 : this.departure.length;
    const departure = new Float64Array(length);
    const created = new Float64Array(length);
    departure.set(this.departure.subarray(this.head, this.tail));
    created.set(this.created.subarray(this.head, this.tail));
    this.departure = departure;
    this.created = created;
    this.head = 0;
    this.tail = n;
  }
}

/** Per device: [0] replies created in the window, [1] of them dropped, [2] bytes departed in the window. */
const DEVICE_FIELDS = 3;

export class EgressPath {
  readonly delay = new LatencyHistogram();
  /** [0] replies created, [1] dropped by a shaper, [2] bytes departed in the window. */
  readonly counts = new Float64Array(3);
  /**
   * Per egress device d (EgressCap.devices order): [3d] replies created in the window, [3d + 1]
   * of them dropped by a shaper, [3d + 2] their bytes that departed in the window; then one more
   * field: replies created in the window whose flow has no route (never sent).
   */
  readonly perDevice: Float64Array;
  private readonly shaper: TokenBucketShaper;
  private readonly nicShapers: readonly (TokenBucketShaper | null)[];
  private readonly size: number;
  private readonly ratio: number;
  /** Replies owed per CPU, per delivered packet: one is sent each time this reaches 1 (deterministic). */
  private readonly owed: Float64Array;
  private readonly window: Float64Array;
  /** Per device: creation times of replies not yet handed to a shaper (unsorted). */
  private readonly pending: Float64Array[];
  private readonly fill: Int32Array;
  /** Per device: (departure from the NIC's shaper, creation time) of replies on their way to the instance's. */
  private readonly leaving: LeavingReplies[];

  constructor(cap: EgressCap, warm: number, end: number, cpus: number) {
    this.owed = new Float64Array(cpus);
    this.shaper = new TokenBucketShaper(tbfProfile(egressTbfParams(cap)));
    this.nicShapers = cap.devices.map((_, d) => {
      const own = cap.nicShapers[d] ?? null;
      return own === null
        ? null
        : new TokenBucketShaper(tbfProfile({ rateBps: own.rateBps, burstBytes: own.burstBytes, latencyNs: own.latencyNs, minPacketBytes: cap.replyBytes }));
    });
    this.size = cap.replyBytes;
    this.ratio = cap.replyRatio;
    this.window = Float64Array.of(warm, end);
    const devices = cap.devices.length;
    this.perDevice = new Float64Array(DEVICE_FIELDS * devices + 1);
    this.pending = Array.from({ length: devices }, () => new Float64Array(1024));
    this.fill = new Int32Array(devices);
    this.leaving = Array.from({ length: devices }, () => new LeavingReplies());
  }

  /** CPU `cpu` delivered a packet at `nowNs`: owe it `ratio` replies, to leave by `device` (-1: no route). */
  delivered(nowNs: number, device: number, cpu: number): void {
    const owed = this.owed;
    owed[cpu] += this.ratio;
    while (owed[cpu] >= 1) {
      owed[cpu] -= 1;
      this.reply(nowNs, device);
    }
  }

  /** One reply created at `nowNs` (an application thread sent it), to leave by `device` (-1: no route, never sent). */
  reply(nowNs: number, device: number): void {
    if (device < 0) {
      if (nowNs >= this.window[0] && nowNs < this.window[1]) this.perDevice[this.perDevice.length - 1]++;
      return;
    }
    if (this.fill[device] === this.pending[device].length) this.grow(device);
    this.pending[device][this.fill[device]++] = nowNs;
  }

  private grow(device: number): void {
    const bigger = new Float64Array(this.pending[device].length * 2);
    bigger.set(this.pending[device]);
    this.pending[device] = bigger;
  }

  /** Send, in time order, the buffered replies created before `upTo`. */
  flush(upTo: number): void {
    for (let d = 0; d < this.pending.length; d++) this.leaveNic(d, upTo);
    this.leaveInstance(upTo);
  }

  /** Hand device d's replies created before `upTo`, in time order, through its own shaper. */
  private leaveNic(d: number, upTo: number): void {
    const n = this.fill[d];
    if (n === 0) return;
    const pending = this.pending[d].subarray(0, n).sort();
    const shaper = this.nicShapers[d];
    const leaving = this.leaving[d];
    let k = 0;
    for (; k < n && pending[k] < upTo; k++) {
      const t = pending[k];
      if (shaper === null) {
        leaving.push(t, t);
      } else if (shaper.offer(t, this.size) === SHAPER_ACCEPTED) {
        leaving.push(shaper.lastDepartureNs, t);
      } else {
        this.count(d, t, false, 0);
      }
    }
    this.pending[d].copyWithin(0, k, n);
    this.fill[d] = n - k;
  }

  /** Offer the instance's shaper, merged by time across devices, every reply leaving a NIC before `upTo`. */
  private leaveInstance(upTo: number): void {
    const shaper = this.shaper;
    const warm = this.window[0];
    const end = this.window[1];
    for (;;) {
      let best = -1;
      let bestTime = upTo;
      for (let d = 0; d < this.leaving.length; d++) {
        const q = this.leaving[d];
        if (q.size > 0 && q.departure[q.head] < bestTime) {
          bestTime = q.departure[q.head];
          best = d;
        }
      }
      if (best < 0) return;
      const q = this.leaving[best];
      const t = q.created[q.head++];
      const accepted = shaper.offer(bestTime, this.size) === SHAPER_ACCEPTED;
      const departure = accepted ? shaper.lastDepartureNs : -1;
      const bytes = accepted && departure >= warm && departure < end ? this.size : 0;
      this.counts[2] += bytes;
      this.perDevice[DEVICE_FIELDS * best + 2] += bytes;
      this.count(best, t, accepted, departure - t);
    }
  }

  /** Count a reply of device d created at t: sent after `delayNs` of shaping, or dropped. */
  private count(d: number, t: number, sent: boolean, delayNs: number): void {
    if (t < this.window[0] || t >= this.window[1]) return;
    this.counts[0]++;
    this.perDevice[DEVICE_FIELDS * d]++;
    if (sent) {
      this.delay.record(delayNs);
    } else {
      this.counts[1]++;
      this.perDevice[DEVICE_FIELDS * d + 1]++;
    }
  }
}
