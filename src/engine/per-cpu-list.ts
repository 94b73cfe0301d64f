/**
 * One singly linked list per CPU of small integer ids, simulated with indices into typed arrays
 * (mnemonist style): the kernel's `sd->poll_list` and net_rx_action's local and repoll lists of
 * NAPI instances, and the pending hard IRQs of each CPU. Lists that share one `next` array hold
 * disjoint ids (a NAPI is on at most one list at a time).
 */
export class PerCpuList {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  private readonly next: Int32Array;

  /** `next[id]` is id's successor or -1; lists of the same kind of id share it. */
  constructor(cpus: number, next: Int32Array) {
    this.head = new Int32Array(cpus).fill(-1);
    this.tail = new Int32Array(cpus).fill(-1);
    this.next = next;
  }

  isEmpty(cpu: number): boolean {
    return this.head[cpu] === -1;
  }

  append(cpu: number, id: number): void {
    if (this.tail[cpu] === -1) this.head[cpu] = id;
    else this.next[this.tail[cpu]] = id;
    this.tail[cpu] = id;
  }

  /** Remove and return the first id of CPU cpu's list (-1 when empty). */
  popFront(cpu: number): number {
    const first = this.head[cpu];
    if (first === -1) return -1;
    this.head[cpu] = this.next[first];
    if (this.head[cpu] === -1) this.tail[cpu] = -1;
    this.next[first] = -1;
    return first;
  }

  /** Move all of `other`'s list of CPU cpu to the end of this one (`list_splice_tail_init`). */
  appendAll(cpu: number, other: PerCpuList): void {
    const first = other.head[cpu];
    if (first === -1) return;
    if (this.tail[cpu] === -1) this.head[cpu] = first;
    else this.next[this.tail[cpu]] = first;
    this.tail[cpu] = other.tail[cpu];
    other.head[cpu] = other.tail[cpu] = -1;
  }
}
