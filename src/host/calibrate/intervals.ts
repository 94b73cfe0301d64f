/**
 * The measurement intervals of snapshots: each pair of consecutive `--measure` samples of one
 * snapshot, per CPU: irq+softirq time from /proc/stat (USER_HZ ticks of 10 ms), packets
 * processed (softnet_stat column 1), interrupts taken, drops (column 2) and time squeezes
 * (column 3). Interrupts are the NIC queue vectors' counts in /proc/interrupts on that CPU;
 * a host whose NICs show no queue vectors (veth, loopback: packets enter through netif_rx)
 * counts NET_RX softirq runs from /proc/softirqs instead, and says so.
 */
import type { CounterSample, HostSnapshot } from "../read-snapshot.js";
import { SnapshotFormatError } from "../parse/format-error.js";

/** USER_HZ: the unit of /proc/stat times on every architecture (include/asm-generic/param.h). */
export const USER_HZ = 100;

export interface CpuInterval {
  readonly cpu: number;
  /** irq + softirq time, ns. */
  readonly busyNs: number;
  readonly busyTicks: number;
  readonly packets: number;
  readonly interrupts: number;
  readonly dropped: number;
  readonly squeezed: number;
}

export interface Interval {
  /** `SNAPSHOT samples i→j`, for messages. */
  readonly name: string;
  readonly seconds: number;
  readonly cpus: readonly CpuInterval[];
  /** Packets processed by all CPUs per second. */
  readonly pps: number;
  /** Mean frame bytes of the NICs' received packets (/proc/net/dev), null when unknown. */
  readonly meanBytes: number | null;
}

export type InterruptSource = "queue-irqs" | "net-rx-softirqs";

export function interruptSource(snapshot: HostSnapshot): InterruptSource {
  return snapshot.nics.some((n) => n.queueIrqs.length > 0) ? "queue-irqs" : "net-rx-softirqs";
}

function interruptsByCpu(snapshot: HostSnapshot, sample: CounterSample, source: InterruptSource, file: string): Map<number, number> {
  const out = new Map<number, number>();
  if (source === "net-rx-softirqs") {
    if (sample.netRx === null) throw new SnapshotFormatError(file, 0, "", "no /proc/softirqs, and no NIC queue vectors in /proc/interrupts: nothing counts interrupts");
    return new Map(sample.netRx);
  }
  const irqs = new Set(snapshot.nics.flatMap((n) => n.queueIrqs.map((q) => String(q.irq))));
  for (const row of sample.interrupts.rows) {
    if (!irqs.has(row.irq)) continue;
    row.counts.forEach((c, i) => {
      const cpu = sample.interrupts.cpus[i];
      out.set(cpu, (out.get(cpu) ?? 0) + c);
    });
  }
  return out;
}

export function snapshotIntervals(snapshot: HostSnapshot): Interval[] {
  const source = interruptSource(snapshot);
  const nicNames = new Set(snapshot.nics.map((n) => n.name));
  const out: Interval[] = [];
  for (let k = 1; k < snapshot.samples.length; k++) {
    const a = snapshot.samples[k - 1];
    const b = snapshot.samples[k];
    const file = `${snapshot.source}/samples/${b.index}`;
    const seconds = b.uptime - a.uptime;
    if (!(seconds > 0)) throw new SnapshotFormatError(`${file}/uptime`, 1, "uptime", `not after sample ${a.index}'s`);
    const irqA = interruptsByCpu(snapshot, a, source, file);
    const irqB = interruptsByCpu(snapshot, b, source, file);
    const cpus: CpuInterval[] = [];
    for (const tb of b.stat) {
      const ta = a.stat.find((t) => t.cpu === tb.cpu);
      const sa = a.softnet.cpus.find((c) => c.cpu === tb.cpu);
      const sb = b.softnet.cpus.find((c) => c.cpu === tb.cpu);
      if (ta === undefined || sa === undefined || sb === undefined) continue; // offline in one of the samples
      const ticks = tb.irq + tb.softirq - (ta.irq + ta.softirq);
      cpus.push({
        cpu: tb.cpu,
        busyTicks: ticks,
        busyNs: (ticks * 1e9) / USER_HZ,
        packets: sb.processed - sa.processed,
        interrupts: (irqB.get(tb.cpu) ?? 0) - (irqA.get(tb.cpu) ?? 0),
        dropped: sb.dropped - sa.dropped,
        squeezed: sb.timeSqueeze - sa.timeSqueeze,
      });
    }
    let bytes = 0;
    let packets = 0;
    if (a.netDev !== null && b.netDev !== null) {
      for (const [dev, cb] of b.netDev) {
        const ca = a.netDev.get(dev);
        if (ca === undefined || !nicNames.has(dev)) continue;
        bytes += cb.rxBytes - ca.rxBytes;
        packets += cb.rxPackets - ca.rxPackets;
      }
    }
    out.push({
      name: `${snapshot.source} samples ${a.index}→${b.index}`,
      seconds,
      cpus,
      pps: cpus.reduce((s, c) => s + c.packets, 0) / seconds,
      meanBytes: packets > 0 ? bytes / packets : null,
    });
  }
  return out;
}
