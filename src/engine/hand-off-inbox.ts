/**
 * Time-stamped RPS hand-offs on their way to a CPU that only receives them (a "sink": it takes
 * packets from other CPUs' RPS but hands none on, and RFS is off).
 *
 * A sink's state is read by nobody else, so the CPUs that steer to it need not wait for it: when
 * a steering CPU's work ends at time t it posts the hand-off here instead of touching the sink's
 * backlog, and at the end of its net_rx_action round it posts the IPI. The sink later replays its
 * inbox in its own timeline, applying each message exactly where the event-ordered engine would
 * have applied it (engine/sink-mail.ts `applyInbox`): `enqueue_to_backlog` at the hand-off
 * (the backlog limit and whether an IPI is owed are judged then, on the sink's own state), and
 * the IPI at the round's end (`net_rx_action` → `net_rps_send_ipi`).
 *
 * A sink replays its inbox in (time, sender) order — the order in which the event heap runs the
 * steering CPUs — so each inbox is a FIFO. Steering CPUs on the heap post in that order; when some
 * run ahead of the heap instead (they receive nothing and steer only to sinks: cpu-loops.ts), every
 * sender stages its messages in an outbox of its own, in its time order, and the outboxes are
 * merged in (time, sender) order into the inboxes before the sinks replay them
 * (engine/sink-mail.ts `deliverOutboxes`). Columns are structure-of-arrays and grow on demand;
 * nothing is allocated per message.
 */

/** Message kinds. */
export const HAND_OFF = 0;
export const IPI = 1;

export class HandOffInbox {
  /** Per message: time it was posted (ns), sending CPU, kind, and for a hand-off the packet. */
  stamp: Float64Array;
  src: Int32Array;
  kind: Uint8Array;
  arrival: Float64Array;
  flow: Int32Array;
  len: Uint16Array;
  /** In a sender's outbox (`stage`): the sink each message is for. */
  dst: Int32Array;
  head = 0;
  tail = 0;

  constructor(capacity = 256) {
    this.stamp = new Float64Array(capacity);
    this.src = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.flow = new Int32Array(capacity);
    this.len = new Uint16Array(capacity);
    this.dst = new Int32Array(capacity);
  }

  get size(): number {
    return this.tail - this.head;
  }

  /**
   * Post a message from CPU `src`; its time is `at[i]` and, for a hand-off, the packet is
   * (`arrival[i]`, `flow[i]`, `len[i]`) — the sender's completion columns, read at index `i` so
   * that no double crosses a call boundary (V8 would box it).
   */
  post(kind: number, src: number, at: Float64Array, arrival: Float64Array, flow: Int32Array, len: Uint16Array, i: number): void {
    this.stage(kind, src, -1, at, i, arrival, flow, len, i);
  }

  /**
   * Post into a sender's outbox, for sink `dst` (engine/sink-mail.ts `deliverOutboxes`): its time
   * is `at[ai]`, and for a hand-off the packet is (`arrival[i]`, `flow[i]`, `len[i]`).
   */
  stage(kind: number, src: number, dst: number, at: Float64Array, ai: number, arrival: Float64Array, flow: Int32Array, len: Uint16Array, i: number): void {
    if (this.tail === this.stamp.length) this.makeRoom();
    const k = this.tail++;
    this.stamp[k] = at[ai];
    this.src[k] = src;
    this.dst[k] = dst;
    this.kind[k] = kind;
    this.arrival[k] = arrival[i];
    this.flow[k] = flow[i];
    this.len[k] = len[i];
  }

  /** Move the message at the head of this outbox to the tail of `box`. */
  moveHeadTo(box: HandOffInbox): void {
    if (box.tail === box.stamp.length) box.makeRoom();
    const h = this.head++;
    const k = box.tail++;
    box.stamp[k] = this.stamp[h];
    box.src[k] = this.src[h];
    box.kind[k] = this.kind[h];
    box.arrival[k] = this.arrival[h];
    box.flow[k] = this.flow[h];
    box.len[k] = this.len[h];
  }

  /** Packets handed off but not yet applied that arrived at or after `since` (for in-flight counts). */
  countArrivedSince(since: number): number {
    let n = 0;
    for (let k = this.head; k < this.tail; k++) if (this.kind[k] === HAND_OFF && this.arrival[k] >= since) n++;
    return n;
  }

  /** Move the unread messages to the front, or double the columns when more than half are unread. */
  makeRoom(): void {
    const n = this.size;
    const h = this.head;
    if (n * 2 <= this.stamp.length) {
      this.stamp.copyWithin(0, h, this.tail);
      this.src.copyWithin(0, h, this.tail);
      this.kind.copyWithin(0, h, this.tail);
      this.arrival.copyWithin(0, h, this.tail);
      this.flow.copyWithin(0, h, this.tail);
      this.len.copyWithin(0, h, this.tail);
      this.dst.copyWithin(0, h, this.tail);
      this.head = 0;
      this.tail = n;
      return;
    }
    const length = this.stamp.length * 2;
    const t = this.tail;
    const stamp = new Float64Array(length);
    const src = new Int32Array(length);
    const kind = new Uint8Array(length);
    const arrival = new Float64Array(length);
    const flow = new Int32Array(length);
    const len = new Uint16Array(length);
    const dst = new Int32Array(length);
    stamp.set(this.stamp.subarray(h, t));
    src.set(this.src.subarray(h, t));
    kind.set(this.kind.subarray(h, t));
    arrival.set(this.arrival.subarray(h, t));
    flow.set(this.flow.subarray(h, t));
    len.set(this.len.subarray(h, t));
    dst.set(this.dst.subarray(h, t));
    this.stamp = stamp;
    this.src = src;
    this.kind = kind;
    this.arrival = arrival;
    this.flow = flow;
    this.len = len;
    this.dst = dst;
    this.head = 0;
    this.tail = n;
  }
}
