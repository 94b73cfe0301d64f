/**
 * A load-aware indirection table in the style of RSS++ (Barbette et al., CoNEXT 2019): from the
 * packets each table entry (bucket) carries, move buckets from the most loaded queue to the
 * least loaded one while that lowers the larger of the two, starting from the current table so
 * few entries move. RSS++ reads per-bucket counters from the NIC; here the bucket loads are the
 * expected packet shares of the scenario's flow set (each flow's hash, `hash mod size`, and its
 * weight), which is what such counters would show. Cold code.
 */

/** Expected packets per bucket: flow f adds weights[f] (1 when null) to bucket hash[f] mod size. */
export function bucketLoads(flowHash: ArrayLike<number>, weights: ArrayLike<number> | null, size: number): Float64Array {
  const loads = new Float64Array(size);
  for (let f = 0; f < flowHash.length; f++) loads[(flowHash[f] >>> 0) % size] += weights === null ? 1 : weights[f];
  return loads;
}

/** The table with buckets moved until no move from the busiest to the idlest queue helps. */
export function rebalanceIndirection(table: Uint16Array, loads: Float64Array, queues: number): Uint16Array {
  const out = Uint16Array.from(table);
  const queueLoad = new Float64Array(queues);
  for (let i = 0; i < out.length; i++) queueLoad[out[i]] += loads[i];
  for (let moves = 0; moves < 4 * out.length; moves++) {
    let hi = 0;
    let lo = 0;
    for (let q = 1; q < queues; q++) {
      if (queueLoad[q] > queueLoad[hi]) hi = q;
      if (queueLoad[q] < queueLoad[lo]) lo = q;
    }
    const gap = queueLoad[hi] - queueLoad[lo];
    // The bucket of `hi` whose load is closest to half the gap, and below the gap (else no gain).
    let best = -1;
    for (let i = 0; i < out.length; i++) {
      if (out[i] !== hi || loads[i] <= 0 || loads[i] >= gap) continue;
      if (best < 0 || Math.abs(loads[i] - gap / 2) < Math.abs(loads[best] - gap / 2)) best = i;
    }
    if (best < 0) break;
    out[best] = lo;
    queueLoad[hi] -= loads[best];
    queueLoad[lo] += loads[best];
  }
  return out;
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
