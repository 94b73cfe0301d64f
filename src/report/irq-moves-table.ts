import type { PointResult } from "./result-model.js";
import { textTable } from "./text-table.js";

/**
 * irqbalance's activity under the results table: per point with `irq.policy: irqbalance`, its
 * scans and every IRQ move (simulated time, IRQ, queue, from CPU, to CPU); "" when no point has
 * irqbalance.
 */
export function irqMovesTables(points: readonly PointResult[]): string {
  const withDaemon = points.filter((p) => p.irqbalance !== undefined);
  const several = withDaemon.some((p) => p.replications > 1);
  return withDaemon
    .map((point) => {
      const daemon = point.irqbalance ?? { scans: 0, moves: [] };
      const params = Object.entries(point.params).map(([k, v]) => `${k}=${v}`);
      const n = daemon.moves.length;
      const title = `irqbalance${params.length === 0 ? "" : ` at ${params.join(", ")}`}: ${daemon.scans} scan${daemon.scans === 1 ? "" : "s"}, ${n} move${n === 1 ? "" : "s"}`;
      if (n === 0) return title;
      const header = [...(several ? ["replication"] : []), "time s", "irq", "queue", "from cpu", "to cpu"];
      const rows = daemon.moves.map((m) => [
        ...(several ? [m.replication] : []),
        (m.timeNs / 1e9).toFixed(3),
        m.irq,
        `${m.nic}/${m.queue}`,
        m.from,
        m.to,
      ]);
      return `${title}\n${textTable(header, rows)}`;
    })
    .join("\n\n");
}
