/**
 * A host nicsim simulates, seen through the files the snapshot script would record: the
 * counters of `runJob` jobs written as /proc/stat, /proc/interrupts, softnet_stat and
 * /proc/net/dev before and after each job, one snapshot directory per job (one offered rate).
 * Faithful to the kernel's forms: /proc/stat in whole USER_HZ ticks (floored, as
 * nsec_to_clock_t does), softnet_stat in hex with the CPU id in column 13, the queue vectors
 * named as virtio_net names them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JobCounters } from "../src/engine/counters.js";

const hex = (v: number): string => Math.round(v).toString(16).padStart(8, "0");

interface Base {
  /** ns of irq+softirq time before the job, per CPU (so ticks do not start at 0). */
  readonly busyNs: number;
  readonly irqs: number;
  readonly packets: number;
}

function procStat(cpus: number, busyNs: readonly number[], idleTicks: number): string {
  const lines = [`cpu  0 0 0 0 0 0 0 0 0 0`];
  for (let c = 0; c < cpus; c++) lines.push(`cpu${c} 100 0 200 ${idleTicks} 0 0 ${Math.floor(busyNs[c] / 1e7)} 0 0 0`);
  return `${lines.join("\n")}\nintr 0\nctxt 0\n`;
}

function procInterrupts(cpus: number, irqs: readonly number[]): string {
  const head = `${" ".repeat(11)}${Array.from({ length: cpus }, (_, c) => `CPU${c}`.padEnd(11)).join("")}`;
  const rows = Array.from({ length: cpus }, (_, q) => {
    const counts = Array.from({ length: cpus }, (_, c) => String(c === q ? irqs[c] : 0).padStart(10)).join(" ");
    return ` ${String(40 + q).padStart(3)}: ${counts}  PCI-MSIX-0000:00:04.0  ${q + 1}-edge      virtio1-input.${q}`;
  });
  return `${head}\n${rows.join("\n")}\n LOC: ${Array.from({ length: cpus }, () => "1000".padStart(10)).join(" ")}   Local timer interrupts\n`;
}

function softnet(cpus: number, processed: readonly number[], dropped: readonly number[], squeezed: readonly number[]): string {
  return Array.from({ length: cpus }, (_, c) =>
    [processed[c], dropped[c], squeezed[c], 0, 0, 0, 0, 0, 0, 0, 0, 0, c, 0, 0].map(hex).join(" "),
  ).join("\n") + "\n";
}

function netDev(packets: number, bytes: number): string {
  return `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: ${bytes} ${packets}    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`;
}

/**
 * Write one snapshot of the simulated host for one job: the job's counters between two samples.
 * Needs one rx queue per CPU (queue q's vector on CPU q), as /proc/interrupts counts per vector.
 */
export function writeSimulatedSnapshot(dir: string, job: JobCounters, cpus: number, ghz: number, base: Base): void {
  for (let q = 0; q < job.queueCpu.length; q++) {
    if (job.queueCpu[q] !== q) throw new Error(`writeSimulatedSnapshot needs queue ${q} on CPU ${q}, got CPU ${job.queueCpu[q]}`);
  }
  const put = (path: string, text: string): void => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put("manifest", `format=nicsim-snapshot 1\nscript_version=1\nhostname=simulated\ndevices=eth0\nmeasure_seconds=${job.windowNs / 1e9}\nsamples=2\n`);
  put("errors", "");
  put("cmd/nproc.txt", `${cpus}\n`);
  put("fs/proc/cpuinfo", `processor\t: 0\nmodel name\t: nicsim simulated host @ ${ghz.toFixed(2)}GHz\n`);
  put("fs/sys/class/net/eth0/device.readlink", "/sys/devices/pci0000:00/0000:00:04.0/virtio1\n");
  put("fs/sys/class/net/eth0/operstate", "up\n");
  const zero = new Array<number>(cpus).fill(0);
  const before = {
    busy: new Array<number>(cpus).fill(base.busyNs),
    irqs: new Array<number>(cpus).fill(base.irqs),
    packets: new Array<number>(cpus).fill(base.packets),
  };
  const after = {
    busy: before.busy.map((b, c) => b + job.cpuBusyNs[c]),
    irqs: before.irqs.map((b, c) => b + job.cpuIrqs[c]),
    packets: before.packets.map((b, c) => b + job.cpuProcessed[c]),
  };
  put("fs/proc/interrupts", procInterrupts(cpus, before.irqs));
  const uptime0 = 1000;
  const samples = [
    { k: 0, s: before, up: uptime0, dropped: zero, squeezed: zero, rx: base.packets * cpus },
    { k: 1, s: after, up: uptime0 + job.windowNs / 1e9, dropped: [...job.cpuDropped], squeezed: [...job.cpuTimeSqueeze], rx: base.packets * cpus + job.deliveredPackets },
  ];
  for (const { k, s, up, dropped, squeezed, rx } of samples) {
    const meanBytes = job.deliveredPackets > 0 ? job.deliveredBytes / job.deliveredPackets : 0;
    put(`samples/${k}/uptime`, `${up.toFixed(2)} 0.00\n`);
    put(`samples/${k}/fs/proc/stat`, procStat(cpus, s.busy, Math.round(up * 100)));
    put(`samples/${k}/fs/proc/interrupts`, procInterrupts(cpus, s.irqs));
    put(`samples/${k}/fs/proc/net/softnet_stat`, softnet(cpus, s.packets, dropped, squeezed));
    put(`samples/${k}/fs/proc/net/dev`, netDev(rx, Math.round(rx * meanBytes)));
  }
}
