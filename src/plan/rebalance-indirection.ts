/**
 * A load-aware indirection table in the spirit of RSS++ (Barbette et al., CoNEXT 2019): from the
 * packets each table entry (bucket) carries, give each queue a share of the table that evens
 * the queues' loads.
 *
 * RSS++ moves single buckets, which needs a driver that takes a whole table. The `ethtool -X`
 * command writes only `equal N`, `weight W0 W1 …` and `default` (ethtool's fill_indir_table:
 * weights give each queue a contiguous run of entries), so the table here is a weight fill:
 * the contiguous split of the buckets into one run per queue, in queue order, whose busiest
 * run carries the least load (the linear partition problem, solved exactly by dynamic
 * programming), written as weights equal to the run lengths — `ethtool -X DEV weight …` then
 * sets exactly this table. The bucket loads are the expected packet shares of the scenario's
 * flow set (each flow's hash mod the table size, and its weight): what per-bucket counters would
 * show. Cold code.
 */

/** Expected packets per bucket: flow f adds weights[f] (1 when null) to bucket hash[f] mod size. */
export function bucketLoads(flowHash: ArrayLike<number>, weights: ArrayLike<number> | null, size: number): Float64Array {
  const loads = new Float64Array(size);
  for (let f = 0; f < flowHash.length; f++) loads[(flowHash[f] >>> 0) % size] += weights === null ? 1 : weights[f];
  return loads;
}

/**
 * Run lengths (the `ethtool -X weight` values, summing to the table size) of the contiguous split
 * of `loads` into `queues` non-empty runs whose heaviest run is lightest. Among equal splits,
 * the one whose runs end earliest (deterministic).
 */
export function balancedWeights(loads: Float64Array, queues: number): number[] {
  const n = loads.length;
  if (!Number.isInteger(queues) || queues < 1 || queues > n) throw new RangeError(`queues must be 1..${n}, got ${queues}`);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + loads[i];
  // cost[k][i]: the lightest heaviest run splitting entries [0, i) into k runs; cut[k][i]: where the last run starts.
  const cost = Array.from({ length: queues + 1 }, () => new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY));
  const cut = Array.from({ length: queues + 1 }, () => new Int32Array(n + 1));
  cost[0][0] = 0;
  for (let k = 1; k <= queues; k++) {
    for (let i = k; i <= n - (queues - k); i++) {
      for (let j = k - 1; j < i; j++) {
        const c = Math.max(cost[k - 1][j], prefix[i] - prefix[j]);
        if (c < cost[k][i]) {
          cost[k][i] = c;
          cut[k][i] = j;
        }
      }
    }
  }
  const weights = new Array<number>(queues);
  for (let k = queues, i = n; k >= 1; k--) {
    const j = cut[k][i];
    weights[k - 1] = i - j;
    i = j;
  }
  return weights;
}

/** max/mean of the queue loads a table gives. */
export function tableImbalance(table: Uint16Array, loads: Float64Array, queues: number): number {
  const queueLoad = new Float64Array(queues);
  let total = 0;
  for (let i = 0; i < table.length; i++) {
    queueLoad[table[i]] += loads[i];
    total += loads[i];
  }
  return total === 0 ? 1 : Math.max(...queueLoad) / (total / queues);
}
