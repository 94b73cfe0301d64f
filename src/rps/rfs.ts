/**
 * Receive Flow Steering (RFS) as 6.x `get_rps_cpu` (net/core/dev.c) does it (docs/receive-path.md, "RPS").
 *
 * - The global sock flow table (`net.core.rps_sock_flow_entries`, rounded up to a power of two)
 *   holds, at `hash & mask`, `(hash & ~rps_cpu_mask) | cpu` — written when the application
 *   receives on the flow, with the CPU it runs on (`rps_cpu_mask` = roundup_pow_of_two(cpus) − 1).
 * - Each rx queue has a flow table (`rps_flow_cnt`, rounded up to a power of two); the slot of a
 *   hash is `hash_32(hash, log2 size)` and holds the CPU the flow is currently steered to and the
 *   `last_qtail` of its last enqueue.
 * - Lookup: if the sock entry's high bits differ from the hash's, RFS has no opinion (plain RPS).
 *   Otherwise the desired CPU is the entry's CPU; the flow moves there from its current CPU only
 *   if the current CPU is unset, or its backlog head has passed the flow's last enqueued packet
 *   (`(int)(input_queue_head − last_qtail) >= 0`), so packets are never reordered. On a move,
 *   `last_qtail` becomes the desired CPU's current head.
 *
 * The engine owns the backlog counters (`input_queue_head` / `input_queue_tail` per CPU) and
 * passes them in; this module does no I/O and keeps no time.
 */

/** `hash_32(val, bits)` of include/linux/hash.h: the top `bits` bits of val × GOLDEN_RATIO_32. */
export function hash32(value: number, bits: number): number {
  if (bits === 0) return 0;
  return Math.imul(value, 0x61c88647) >>> (32 - bits);
}

function roundUpPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** No CPU recorded (the kernel's RPS_NO_CPU). */
export const RFS_NO_CPU = -1;

export class RfsTables {
  /** 0 when RFS is off (rps_sock_flow_entries = 0). */
  readonly sockEntries: number;
  readonly cpuMask: number;
  private readonly sock: Uint32Array;
  /** Flow-table offset and log2 size per rx queue (size 0: the queue has no flow table). */
  private readonly tableBase: Int32Array;
  private readonly tableLog: Int32Array;
  private readonly tableSize: Int32Array;
  private readonly slotCpu: Int32Array;
  private readonly slotLastQtail: Float64Array;

  /**
   * @param sockFlowEntries net.core.rps_sock_flow_entries (0 = off)
   * @param flowCnt rps_flow_cnt of each rx queue (0 = no flow table)
   * @param cpus CPUs of the host
   */
  constructor(sockFlowEntries: number, flowCnt: readonly number[], cpus: number) {
    this.sockEntries = sockFlowEntries === 0 ? 0 : roundUpPow2(sockFlowEntries);
    this.cpuMask = roundUpPow2(cpus) - 1;
    this.sock = new Uint32Array(this.sockEntries);
    this.tableBase = new Int32Array(flowCnt.length);
    this.tableLog = new Int32Array(flowCnt.length);
    this.tableSize = new Int32Array(flowCnt.length);
    let slots = 0;
    flowCnt.forEach((cnt, q) => {
      const size = cnt === 0 ? 0 : roundUpPow2(cnt);
      this.tableBase[q] = slots;
      this.tableSize[q] = size;
      this.tableLog[q] = Math.round(Math.log2(Math.max(size, 1)));
      slots += size;
    });
    this.slotCpu = new Int32Array(slots).fill(RFS_NO_CPU);
    this.slotLastQtail = new Float64Array(slots);
  }

  /** Whether RFS can steer packets of rx queue q (both tables present). */
  active(queue: number): boolean {
    return this.sockEntries > 0 && this.tableSize[queue] > 0;
  }

  /** The application on `cpu` received on the flow with this hash (rps_record_sock_flow). */
  recordApp(hash: number, cpu: number): void {
    if (this.sockEntries === 0) return;
    this.sock[hash & (this.sockEntries - 1)] = ((hash & ~this.cpuMask) | cpu) >>> 0;
  }

  /** Flow-table slot of a hash on rx queue q (only when the queue has a table). */
  slotOf(queue: number, hash: number): number {
    return this.tableBase[queue] + hash32(hash, this.tableLog[queue]);
  }

  /**
   * RFS's choice for a packet of rx queue q, or RFS_NO_CPU to fall back to the RPS map.
   * `inputQueueHead[cpu]` is that CPU's backlog head counter (packets dequeued so far).
   */
  steer(queue: number, hash: number, inputQueueHead: Float64Array): number {
    if (!this.active(queue)) return RFS_NO_CPU;
    const ident = this.sock[hash & (this.sockEntries - 1)];
    if (((ident ^ hash) & ~this.cpuMask) !== 0) return RFS_NO_CPU;
    const desired = ident & this.cpuMask;
    const slot = this.slotOf(queue, hash);
    let current = this.slotCpu[slot];
    if (current !== desired) {
      // Move only once every packet queued for the flow on its current CPU has been dequeued.
      if (current === RFS_NO_CPU || ((inputQueueHead[current] - this.slotLastQtail[slot]) | 0) >= 0) {
        current = desired;
        this.slotCpu[slot] = desired;
        this.slotLastQtail[slot] = inputQueueHead[desired];
      }
    }
    return current;
  }

  /** After an enqueue on the flow's CPU: last_qtail = that CPU's new input_queue_tail, `inputQueueTail[cpu]`. */
  noteEnqueue(queue: number, hash: number, inputQueueTail: Float64Array, cpu: number): void {
    if (!this.active(queue)) return;
    this.slotLastQtail[this.slotOf(queue, hash)] = inputQueueTail[cpu];
  }

  /** The CPU a flow is steered to on rx queue q (RFS_NO_CPU if none yet); for reports and tests. */
  currentCpu(queue: number, hash: number): number {
    return this.active(queue) ? this.slotCpu[this.slotOf(queue, hash)] : RFS_NO_CPU;
  }
}
