import type { CpuResult, PointResult } from "./result-model.js";
import { textTable } from "./text-table.js";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The window of a CPU split like `mpstat -P ALL`: %irq, %soft (softirq on the way out of an
 * interrupt), %ksoftirqd (softirq run by ksoftirqd, which mpstat counts in %soft too), %app
 * (application threads: %usr + %sys), %idle. A file written before version 4 has only `utilization`: the receive path's
 * time then goes under %soft and %app reads 0.
 */
function timeColumns(c: CpuResult): string[] {
  const t = c.time ?? { irq: 0, softirq: c.utilization, ksoftirqd: 0, app: 0, idle: Math.max(0, 1 - c.utilization) };
  return [pct(t.irq), pct(t.softirq), pct(t.ksoftirqd ?? 0), pct(t.app), pct(t.idle)];
}

/**
 * Per-CPU tables, one per point: where each CPU's time went (%irq, %soft, %app, %idle) beside
 * hard IRQs, NAPI polls, packets polled, tx completions reaped (replies of an application) and the counters of /proc/net/softnet_stat (processed, dropped,
 * time_squeeze, received_rps). CPUs that did nothing are left out and counted in a line under
 * the table.
 */
export function perCpuTables(points: readonly PointResult[]): string {
  return points
    .map((point) => {
      const params = Object.entries(point.params).map(([k, v]) => `${k}=${v}`);
      const title = `CPUs${params.length === 0 ? "" : ` at ${params.join(", ")}`}`;
      const busy = point.perCpu.filter((c) => c.utilization > 0 || (c.app ?? 0) > 0 || c.irqs > 0 || c.softnet.processed > 0 || c.softnet.dropped > 0);
      const rows = busy.map((c) => [
        c.cpu,
        ...timeColumns(c),
        c.irqs,
        c.polls,
        c.polled,
        c.txCompletions ?? 0,
        c.softnet.processed,
        c.softnet.dropped,
        c.softnet.timeSqueeze,
        c.softnet.receivedRps,
      ]);
      const idle = point.perCpu.length - busy.length;
      const table = textTable(["cpu", "%irq", "%soft", "%ksoftirqd", "%app", "%idle", "irqs", "polls", "polled", "tx_done", "processed", "dropped", "time_squeeze", "received_rps"], rows);
      return `${title}\n${table}${idle > 0 ? `\n(${idle} idle CPU${idle === 1 ? "" : "s"} not shown)` : ""}`;
    })
    .join("\n\n");
}
