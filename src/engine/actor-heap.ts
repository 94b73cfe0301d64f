/**
 * Indexed binary min-heap of actors keyed by time (ns). Actor ids are 0..n-1; ties are broken by
 * the smaller id, so the order of simultaneous events is fixed and runs are reproducible.
 * Keys live in a Float64Array; `update` re-sifts one actor after its key changed.
 */
export class ActorHeap {
  readonly keys: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly n: number;

  constructor(n: number) {
    this.n = n;
    this.keys = new Float64Array(n).fill(Infinity);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.heap[i] = i;
      this.pos[i] = i;
    }
  }

  /** The actor with the smallest key. */
  top(): number {
    return this.heap[0];
  }

  /**
   * Smallest key among all actors but the top one (Infinity when there is none), into out[0]:
   * a double returned from a call V8 does not inline is boxed.
   */
  secondKeyTo(out: Float64Array): void {
    const h = this.heap;
    const k = this.keys;
    if (this.n < 2) out[0] = Infinity;
    else if (this.n === 2 || k[h[1]] <= k[h[2]]) out[0] = k[h[1]];
    else out[0] = k[h[2]];
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  /**
   * Restore heap order after `keys[actor]` was changed. Keys are written into `keys` directly and
   * never passed as arguments: a double argument to a call V8 does not inline is boxed.
   */
  reorder(actor: number): void {
    const i = this.pos[actor];
    if (i > 0 && this.less(actor, this.heap[(i - 1) >> 1])) this.siftUp(i);
    else this.siftDown(i);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const a = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const b = h[p];
      if (!this.less(a, b)) break;
      h[i] = b;
      this.pos[b] = i;
      i = p;
    }
    h[i] = a;
    this.pos[a] = i;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = this.n;
    const a = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[c], a)) break;
      h[i] = h[c];
      this.pos[h[i]] = i;
      i = c;
    }
    h[i] = a;
    this.pos[a] = i;
  }
}
