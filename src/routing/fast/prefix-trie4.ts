/**
 * IPv4 longest-prefix match: a multibit trie with strides 16-8-8 in typed arrays (the shape of
 * DIR-24-8 with a 16-bit first level, so a small table costs 256 KiB, not 64 MiB).
 *
 * Entries hold a leaf id (> 0), 0 for "no prefix", or a child pointer -(node + 1). A child node
 * is 256 entries in `pool`, filled with its parent entry's leaf when made (leaf pushing), so a
 * lookup is at most three dependent reads and never backtracks. Prefixes are inserted shortest
 * first, which makes every range fill final: a longer prefix always lands later.
 *
 * Built once from (address, length) columns; `parents[leaf]` is the next shorter prefix of the
 * set that contains it (what the kernel's trie backtracks to when a leaf's routes are all
 * unusable for a flow).
 */

const ROOT_SIZE = 1 << 16;
const NODE = 256;

export class PrefixTrie4 {
  readonly root = new Int32Array(ROOT_SIZE);
  private pool = new Int32Array(NODE * 64);
  private nodes = 0;

  /** Bytes held by the arrays. */
  get byteLength(): number {
    return this.root.byteLength + this.nodes * NODE * 4;
  }

  get nodeCount(): number {
    return this.nodes;
  }

  /**
   * Builds the trie. `addr[i]`/`len[i]` is leaf i + 1; addresses must have no host bits and no
   * (address, length) may repeat. Fills `parents` (length count + 1) with each leaf's parent and
   * `order` with the 0-based leaf indexes, shortest prefix first.
   */
  static build(addr: Uint32Array, len: Uint8Array, count: number, parents: Int32Array, order = new Int32Array(count)): PrefixTrie4 {
    const trie = new PrefixTrie4();
    // Counting sort by length, shortest first; `order` keeps it for the caller.
    const byLen = new Int32Array(34);
    for (let i = 0; i < count; i++) byLen[len[i] + 1]++;
    for (let l = 1; l < 34; l++) byLen[l] += byLen[l - 1];
    for (let i = 0; i < count; i++) order[byLen[len[i]]++] = i;
    for (let k = 0; k < count; k++) {
      const i = order[k];
      const a = addr[i] >>> 0;
      parents[i + 1] = trie.lookup(a);
      trie.insert(a, len[i], i + 1);
    }
    return trie;
  }

  /** The longest prefix containing `addr`: its leaf id, or 0. */
  lookup(addr: number): number {
    let e = this.root[addr >>> 16];
    if (e >= 0) return e;
    const pool = this.pool;
    e = pool[((-e - 1) << 8) | ((addr >>> 8) & 0xff)];
    if (e >= 0) return e;
    return pool[((-e - 1) << 8) | (addr & 0xff)];
  }

  private insert(addr: number, len: number, leaf: number): void {
    if (len <= 16) {
      const start = addr >>> 16;
      const n = 1 << (16 - len);
      this.root.fill(leaf, start, start + n);
      return;
    }
    const l2 = this.child(this.root, addr >>> 16, -1);
    if (len <= 24) {
      const start = (l2 << 8) | ((addr >>> 8) & 0xff);
      this.pool.fill(leaf, start, start + (1 << (24 - len)));
      return;
    }
    const l3 = this.child(this.pool, (l2 << 8) | ((addr >>> 8) & 0xff), l2);
    const start = (l3 << 8) | (addr & 0xff);
    this.pool.fill(leaf, start, start + (1 << (32 - len)));
  }

  /** The child node under entry `at` of `table`, made (and filled with the entry's leaf) when missing. */
  private child(table: Int32Array, at: number, parentNode: number): number {
    const e = table === this.root ? this.root[at] : this.pool[at];
    if (e < 0) return -e - 1;
    const node = this.nodes++;
    if ((node + 1) * NODE > this.pool.length) {
      const grown = new Int32Array(Math.max(this.pool.length * 2, (node + 1) * NODE));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool.fill(e, node * NODE, (node + 1) * NODE);
    if (parentNode < 0) this.root[at] = -node - 1;
    else this.pool[at] = -node - 1;
    return node;
  }

  /** Trims the pool to the nodes in use (after building). */
  compact(): void {
    if (this.pool.length > this.nodes * NODE) this.pool = this.pool.slice(0, Math.max(this.nodes, 1) * NODE);
  }
}
