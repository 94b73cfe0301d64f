import type { IrqbalanceResult, PointResult } from "./result-model.js";
import { textTable } from "./text-table.js";

/** Why the daemon moved nothing, when that is no finding (irqbalance-rescan-window.ts); "" otherwise. */
export function irqbalanceIdleNote(daemon: IrqbalanceResult): string {
  const interval = daemon.intervalS === undefined ? "" : ` (--interval ${daemon.intervalS} s)`;
  switch (daemon.idle) {
    case undefined:
      return "";
    case "run-shorter-than-interval":
      return `no rescan: the run ends before the daemon's next scan${interval}; its one scan placed the IRQs before the run, so no rebalancing was simulated (run longer than the interval, or set irq.irqbalance.interval below run.duration)`;
    case "rescans-in-warm-up":
      return `no rescan measured load: every scan during the run fell inside the warm-up${interval}, which counts no CPU time, so no rebalancing was simulated (run longer after the warm-up)`;
    case "oneshot":
      return "oneshot: the daemon placed the IRQs once, before the run, and exited";
    case "single-cpu":
      return "one CPU: the daemon exits at start (nothing to balance)";
  }
}

/**
 * irqbalance's activity under the results table: per point with `irq.policy: irqbalance`, its
 * scans and every IRQ move (simulated time, IRQ, queue, from CPU, to CPU), or why it could not
 * rebalance during the run; "" when no point has irqbalance.
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
      const note = irqbalanceIdleNote(daemon);
      if (n === 0) return note === "" ? title : `${title}\n  ${note}`;
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
