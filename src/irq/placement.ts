import type { IrqPolicy } from "../config/scenario.js";

/**
 * Where each rx queue's interrupt is delivered, as a CPU per queue vector.
 *
 * Vectors are numbered across NICs in order (nics[0] queues first). `round-robin` puts vector v
 * on CPU v mod cpus (what a fixed spread via smp_affinity gives); `cpu0` puts every vector on
 * CPU 0 (a host with neither irqbalance nor driver affinity hints).
 */
export function placeIrqs(policy: IrqPolicy, cpus: number, vectors: number): Int32Array {
  const cpuOf = new Int32Array(vectors);
  for (let v = 0; v < vectors; v++) cpuOf[v] = policy === "cpu0" ? 0 : v % cpus;
  return cpuOf;
}
