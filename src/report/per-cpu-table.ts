import type { PointResult } from "./result-model.js";
import { textTable } from "./text-table.js";

/**
 * Per-CPU tables, one per point, with the counters of /proc/net/softnet_stat (processed,
 * dropped, time_squeeze, received_rps) beside utilization, hard IRQs and NAPI polls. CPUs that
 * did nothing are left out and counted in a line under the table.
 */
export function perCpuTables(points: readonly PointResult[]): string {
  return points
    .map((point) => {
      const params = Object.entries(point.params).map(([k, v]) => `${k}=${v}`);
      const title = `CPUs${params.length === 0 ? "" : ` at ${params.join(", ")}`}`;
      const busy = point.perCpu.filter((c) => c.utilization > 0 || c.irqs > 0 || c.softnet.processed > 0 || c.softnet.dropped > 0);
      const rows = busy.map((c) => [
        c.cpu,
        `${(c.utilization * 100).toFixed(1)}%`,
        c.irqs,
        c.polls,
        c.polled,
        c.softnet.processed,
        c.softnet.dropped,
        c.softnet.timeSqueeze,
        c.softnet.receivedRps,
      ]);
      const idle = point.perCpu.length - busy.length;
      const table = textTable(["cpu", "busy", "irqs", "polls", "polled", "processed", "dropped", "time_squeeze", "received_rps"], rows);
      return `${title}\n${table}${idle > 0 ? `\n(${idle} idle CPU${idle === 1 ? "" : "s"} not shown)` : ""}`;
    })
    .join("\n\n");
}
