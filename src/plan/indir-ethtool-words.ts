/**
 * The `ethtool -X` words that write a given indirection table, if any do. ethtool writes only
 * fills (its fill_indir_table): `default` (entry i = i mod queues), `[start S] equal N` (entry
 * i = S + i mod N) and `weight W0 W1 …` (a contiguous run of W_q entries per queue, in queue
 * order). A table read from a host (`ethtool -x`, imported as an explicit list) is usually one of
 * them — `equal 3` on a 4-queue NIC reads as 0 1 2 0 1 2 … — and is rolled out in those words.
 * Cold code.
 */

/** The words, or null when no `ethtool -X` fill gives `table` on a NIC with `queues` rx queues. */
export function ethtoolWordsFor(table: ArrayLike<number>, queues: number): string | null {
  const n = table.length;
  if (n === 0) return null;
  const start = table[0];
  for (let count = 1; count <= n && start + count <= queues; count++) {
    let fits = true;
    for (let i = 0; i < n && fits; i++) fits = table[i] === start + (i % count);
    if (!fits) continue;
    if (start === 0 && count === queues) return "default";
    return start === 0 ? `equal ${count}` : `start ${start} equal ${count}`;
  }
  const counts = new Array<number>(queues).fill(0);
  for (let i = 0; i < n; i++) {
    const q = table[i];
    if (!Number.isInteger(q) || q < 0 || q >= queues || (i > 0 && q < table[i - 1])) return null;
    counts[q]++;
  }
  return `weight ${counts.slice(0, table[n - 1] + 1).join(" ")}`;
}
