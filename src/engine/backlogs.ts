/**
 * The per-CPU backlog of RPS (`softnet_data`): `process_queue` followed by `input_pkt_queue`,
 * kept as one circular buffer per CPU in shared structure-of-arrays columns.
 *
 * - `enqueue` is `enqueue_to_backlog`: the packet is dropped when the target's input_pkt_queue
 *   already holds more than netdev_max_backlog packets, so max_backlog + 1 can wait there;
 *   process_queue is not counted.
 * - `dequeue` is `process_backlog`'s take: when process_queue is empty, the whole
 *   input_pkt_queue is spliced into it first.
 * - `headCount` / `tailCount` are `input_queue_head` / `input_queue_tail`: packets dequeued from
 *   and enqueued to each backlog so far, which RFS's in-order rule reads.
 * - `peak` is the most packets each CPU's input_pkt_queue held after an enqueue, over the whole
 *   run (warm-up included: a high-water mark, not a count of the window). At most
 *   netdev_max_backlog + 1; how far below that it stays is the headroom of netdev_max_backlog.
 */
export class Backlogs {
  readonly time: Float64Array;
  readonly flow: Int32Array;
  readonly len: Uint16Array;
  /** With GRO: the aggregate (engine/gro-tables.ts) each slot holds; an aggregate is one skb. */
  readonly agg: Int32Array;
  readonly headCount: Float64Array;
  readonly tailCount: Float64Array;
  readonly peak: Float64Array;
  private readonly maxBacklog: number;
  private readonly capacity: number;
  private readonly mask: number;
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  private readonly input: Int32Array;

  /** `withStorage` false when no flow is ever steered: the slot columns are then not allocated. */
  constructor(cpus: number, maxBacklog: number, withStorage: boolean, withAggregates = false) {
    let capacity = 1;
    while (capacity < 2 * maxBacklog + 3) capacity <<= 1;
    this.maxBacklog = maxBacklog;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.head = new Int32Array(cpus);
    this.count = new Int32Array(cpus);
    this.input = new Int32Array(cpus);
    this.headCount = new Float64Array(cpus);
    this.tailCount = new Float64Array(cpus);
    this.peak = new Float64Array(cpus);
    const slots = withStorage ? cpus * capacity : 0;
    this.time = new Float64Array(slots);
    this.flow = new Int32Array(slots);
    this.len = new Uint16Array(slots);
    this.agg = new Int32Array(withAggregates ? slots : 0);
  }

  /** Packets waiting in CPU cpu's backlog (both queues). */
  size(cpu: number): number {
    return this.count[cpu];
  }

  /**
   * enqueue_to_backlog of packet `at` of the given columns on CPU cpu: false when the packet is
   * dropped. (The new input_queue_tail is `tailCount[cpu]`; returning it, a double, from a call
   * V8 does not inline would allocate.)
   */
  enqueue(cpu: number, time: Float64Array, flow: Int32Array, len: Uint16Array, at: number): boolean {
    const input = this.input[cpu];
    if (input > this.maxBacklog) return false;
    const count = this.count[cpu];
    const slot = cpu * this.capacity + ((this.head[cpu] + count) & this.mask);
    this.time[slot] = time[at];
    this.flow[slot] = flow[at];
    this.len[slot] = len[at];
    this.count[cpu] = count + 1;
    this.input[cpu] = input + 1;
    if (input >= this.peak[cpu]) this.peak[cpu] = input + 1;
    this.tailCount[cpu]++;
    return true;
  }

  /** `enqueue` of GRO aggregate `agg` (its flow and first arrival given): false when it is dropped. */
  enqueueAggregate(cpu: number, time: number, flow: number, agg: number): boolean {
    const input = this.input[cpu];
    if (input > this.maxBacklog) return false;
    const count = this.count[cpu];
    const slot = cpu * this.capacity + ((this.head[cpu] + count) & this.mask);
    this.time[slot] = time;
    this.flow[slot] = flow;
    this.agg[slot] = agg;
    this.count[cpu] = count + 1;
    this.input[cpu] = input + 1;
    if (input >= this.peak[cpu]) this.peak[cpu] = input + 1;
    this.tailCount[cpu]++;
    return true;
  }

  /** process_backlog's next packet on CPU cpu: its slot in the columns, or -1 when empty. */
  dequeue(cpu: number): number {
    const count = this.count[cpu];
    if (count === 0) return -1;
    if (count === this.input[cpu]) this.input[cpu] = 0; // splice input_pkt_queue into process_queue
    const head = this.head[cpu];
    this.head[cpu] = (head + 1) & this.mask;
    this.count[cpu] = count - 1;
    this.headCount[cpu]++;
    return cpu * this.capacity + head;
  }

  /** Packets in CPU cpu's backlog that arrived at or after `since` (for in-flight counts). */
  countArrivedSince(cpu: number, since: number): number {
    let n = 0;
    for (let i = 0; i < this.count[cpu]; i++) {
      if (this.time[cpu * this.capacity + ((this.head[cpu] + i) & this.mask)] >= since) n++;
    }
    return n;
  }
}
