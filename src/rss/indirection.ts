/**
 * RSS indirection table: hash → rx queue (facts/linux-rx-path.md (b)).
 *
 * The NIC picks `queue = table[hash mod size]`; for the usual power-of-two sizes that is the low
 * bits of the hash (128 entries: the low 7 bits). Entries are queue numbers, so a Uint16Array.
 */

/** Largest queue count an entry can name. */
const MAX_QUEUES = 0x10000;

/**
 * The kernel's default fill (`ethtool_rxfh_indir_default(i, n) = i % n`): round robin over the
 * `queues` active rx rings, `size` entries. Cold: validates.
 *
 * @throws RangeError when `size` or `queues` is not a positive integer, or `queues` > 65536.
 */
export function defaultIndirection(size: number, queues: number): Uint16Array {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`indirection table size must be a positive integer, got ${size}`);
  }
  if (!Number.isInteger(queues) || queues < 1 || queues > MAX_QUEUES) {
    throw new RangeError(`indirection queue count must be an integer in [1, ${MAX_QUEUES}], got ${queues}`);
  }
  const table = new Uint16Array(size);
  for (let i = 0; i < size; i++) table[i] = i % queues;
  return table;
}

/**
 * The rx queue for `hash` (taken as unsigned 32-bit): `table[hash mod table.length]`.
 * Hot: no checks; `table` must be non-empty.
 */
export function queueOf(table: Uint16Array, hash: number): number {
  return table[(hash >>> 0) % table.length];
}
