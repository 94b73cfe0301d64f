/**
 * Time-stamped RPS hand-offs on their way to a CPU that only receives them (a "sink": it takes
 * packets from other CPUs' RPS but hands none on, and RFS is off).
 *
 * A sink's state is read by nobody else, so the CPUs that steer to it need not wait for it: when
 * a steering CPU's work ends at time t it posts the hand-off to its channel to the sink instead
 * of touching the sink's backlog, and at the end of its net_rx_action round it posts the IPI.
 * The sink later replays its inbox in its own timeline, applying each message exactly where the
 * event-ordered engine would have applied it (engine/sink-mail.ts `applyInbox`):
 * `enqueue_to_backlog` at the hand-off (the backlog limit and whether an IPI is owed are judged
 * then, on the sink's own state), and the IPI at the round's end (`net_rx_action` →
 * `net_rps_send_ipi`).
 *
 * One channel per (sender, sink): a FIFO in the sender's time order, written by the sender alone,
 * whether it runs on the event heap or ahead of it (cpu-loops.ts). A sink's inbox is its channels
 * in sender-CPU order, read in (time, sender) order — the order in which the event heap runs the
 * steering CPUs, ties to the smaller CPU — once every sender has run past the time the sink
 * replays to. Reading the channels in place replaced a merge of per-sender outboxes into one
 * inbox per sink, which copied every message once more (measured on rps_cpus fff0: see
 * sink-mail.ts). Columns are structure-of-arrays and grow on demand; nothing is allocated per
 * message.
 */

/** Message kinds. */
export const HAND_OFF = 0;
export const IPI = 1;

/** The messages one CPU sends one sink, oldest first. */
export class HandOffChannel {
  /** Per message: time it was posted (ns), kind, and for a hand-off the packet. */
  stamp: Float64Array;
  kind: Uint8Array;
  arrival: Float64Array;
  flow: Int32Array;
  len: Uint16Array;
  head = 0;
  tail = 0;
  /** The stamp column of the receiver's inbox (`SinkInbox.next`) and this channel's place in it. */
  private watch: Float64Array = new Float64Array(1);
  private slot = 0;

  constructor(capacity = 64) {
    this.stamp = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.flow = new Int32Array(capacity);
    this.len = new Uint16Array(capacity);
  }

  /**
   * Post a message: its time is `at[ai]` and, for a hand-off, the packet is (`arrival[i]`,
   * `flow[i]`, `len[i]`) — read from the sender's columns by index so that no double crosses a
   * call boundary (V8 would box it).
   */
  post(kind: number, at: Float64Array, ai: number, arrival: Float64Array, flow: Int32Array, len: Uint16Array, i: number): void {
    // (A drained channel starts again at the front: it stays small and in cache.)
    if (this.head === this.tail) {
      this.head = this.tail = 0;
      this.watch[this.slot] = at[ai];
    } else if (this.tail === this.stamp.length) this.makeRoom();
    const k = this.tail++;
    this.stamp[k] = at[ai];
    this.kind[k] = kind;
    this.arrival[k] = arrival[i];
    this.flow[k] = flow[i];
    this.len[k] = len[i];
  }

  /** Report the stamp of the next unread message to `watch[slot]` (+Infinity while there is none). */
  watchFrom(watch: Float64Array, slot: number): void {
    this.watch = watch;
    this.slot = slot;
    watch[slot] = this.head < this.tail ? this.stamp[this.head] : Infinity;
  }

  /** Packets handed off but not yet applied that arrived at or after `since` (for in-flight counts). */
  countArrivedSince(since: number): number {
    let n = 0;
    for (let k = this.head; k < this.tail; k++) if (this.kind[k] === HAND_OFF && this.arrival[k] >= since) n++;
    return n;
  }

  /** Move the unread messages to the front, or double the columns when more than half are unread. */
  private makeRoom(): void {
    const n = this.tail - this.head;
    const h = this.head;
    const t = this.tail;
    if (n * 2 <= this.stamp.length) {
      this.stamp.copyWithin(0, h, t);
      this.kind.copyWithin(0, h, t);
      this.arrival.copyWithin(0, h, t);
      this.flow.copyWithin(0, h, t);
      this.len.copyWithin(0, h, t);
    } else {
      const length = this.stamp.length * 2;
      this.stamp = grown(new Float64Array(length), this.stamp, h, t);
      this.kind = grown(new Uint8Array(length), this.kind, h, t);
      this.arrival = grown(new Float64Array(length), this.arrival, h, t);
      this.flow = grown(new Int32Array(length), this.flow, h, t);
      this.len = grown(new Uint16Array(length), this.len, h, t);
    }
    this.head = 0;
    this.tail = n;
  }
}

function grown<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(to: T, from: T, h: number, t: number): T {
  to.set(from.subarray(h, t));
  return to;
}

/** A sink's (or a peer's: engine/peer-mail.ts) inbox: a channel from each CPU that can hand it packets, in CPU order. */
export class SinkInbox {
  readonly channels: readonly HandOffChannel[];
  /** The sending CPU of each channel. */
  readonly src: Int32Array;
  /**
   * Per channel, the stamp of its next unread message (+Infinity when it has none): kept by the
   * channel as its sender posts and by `take` as the receiver reads, so that finding the next
   * message scans one small column instead of every channel's.
   */
  readonly next: Float64Array;

  constructor(channels: readonly HandOffChannel[], src: Int32Array) {
    this.channels = channels;
    this.src = src;
    this.next = new Float64Array(channels.length);
    channels.forEach((ch, i) => ch.watchFrom(this.next, i));
  }

  /**
   * The channel holding the next message in (time, sender) order — among equal stamps the
   * smaller sender's, as the event heap runs them — or -1 when every message is read.
   */
  earliest(): number {
    const next = this.next;
    let best = -1;
    let t = Infinity;
    for (let i = 0; i < next.length; i++) {
      if (next[i] < t) {
        t = next[i];
        best = i;
      }
    }
    return best;
  }

  /** Read channel i's next message: its index in the channel. */
  take(i: number): number {
    const ch = this.channels[i];
    const k = ch.head++;
    this.next[i] = ch.head < ch.tail ? ch.stamp[k + 1] : Infinity;
    return k;
  }

  /** Packets handed off but not yet applied that arrived at or after `since`. */
  countArrivedSince(since: number): number {
    let n = 0;
    for (const ch of this.channels) n += ch.countArrivedSince(since);
    return n;
  }
}
