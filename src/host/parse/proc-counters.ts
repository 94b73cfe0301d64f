/**
 * Small procfs counter files:
 * - /proc/stat `cpuN user nice system idle iowait irq softirq steal …` in USER_HZ ticks
 *   (fs/proc/stat.c; USER_HZ is 100 on every architecture Linux exports to userspace);
 * - /proc/softirqs: a `CPUn` header, then `NET_RX:` etc. with one count per CPU;
 * - /proc/uptime: seconds since boot (two decimals), then idle seconds;
 * - /proc/net/dev: two header lines, then `dev: rx bytes packets errs drop fifo frame compressed
 *   multicast tx bytes packets errs drop fifo colls carrier compressed`;
 * - /proc/net/snmp: pairs of `Proto: names…` / `Proto: values…` lines.
 */
import { SnapshotFormatError, count, cpuHeader, numberedLines } from "./format-error.js";

export interface CpuTicks {
  readonly cpu: number;
  readonly user: number;
  readonly system: number;
  readonly idle: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

export function parseProcStat(text: string, file: string): CpuTicks[] {
  const out: CpuTicks[] = [];
  for (const { n, text: line } of numberedLines(text)) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (m === null) continue;
    const v = m[2].trim().split(/\s+/);
    if (v.length < 7) throw new SnapshotFormatError(file, n, `cpu${m[1]}`, `${v.length} fields; need at least 7 (user … softirq)`);
    const names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
    const at = (i: number): number => (v[i] === undefined ? 0 : count(v[i], file, n, `cpu${m[1]} ${names[i]}`));
    out.push({ cpu: Number(m[1]), user: at(0), system: at(2), idle: at(3), irq: at(5), softirq: at(6), steal: at(7) });
  }
  if (out.length === 0) throw new SnapshotFormatError(file, 0, "", "no cpuN lines");
  return out;
}

/** Per-CPU counts of one softirq (default NET_RX), by CPU id. */
export function parseProcSoftirqs(text: string, file: string, name = "NET_RX"): Map<number, number> {
  const { cpus, lines } = cpuHeader(text, file);
  for (const { n, text: line } of lines.slice(1)) {
    const m = /^\s*([A-Z_]+):\s*(.*)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const v = m[2].trim().split(/\s+/);
    if (v.length !== cpus.length) throw new SnapshotFormatError(file, n, name, `${v.length} counts for ${cpus.length} CPUs`);
    return new Map(cpus.map((cpu, i) => [cpu, count(v[i], file, n, `${name} CPU${cpu}`)]));
  }
  throw new SnapshotFormatError(file, 0, name, "no such row");
}

export function parseUptime(text: string, file: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s/.exec(text);
  if (m === null) throw new SnapshotFormatError(file, 1, "uptime", `${JSON.stringify(text.trim())} does not start with seconds`);
  return Number(m[1]);
}

export interface DevCounters {
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly rxDrop: number;
  readonly txBytes: number;
  readonly txPackets: number;
}

export function parseProcNetDev(text: string, file: string): Map<string, DevCounters> {
  const out = new Map<string, DevCounters>();
  for (const { n, text: line } of numberedLines(text)) {
    const m = /^\s*([^\s:]+):\s*(.*)$/.exec(line);
    if (m === null || /\|/.test(line)) continue;
    const v = m[2].trim().split(/\s+/);
    if (v.length < 16) throw new SnapshotFormatError(file, n, m[1], `${v.length} counters; /proc/net/dev has 16`);
    const at = (i: number, field: string): number => count(v[i], file, n, `${m[1]} ${field}`);
    out.set(m[1], { rxBytes: at(0, "rx bytes"), rxPackets: at(1, "rx packets"), rxDrop: at(3, "rx drop"), txBytes: at(8, "tx bytes"), txPackets: at(9, "tx packets") });
  }
  return out;
}

/** /proc/net/snmp as `Proto.Name` → value (e.g. `Udp.InDatagrams`). */
export function parseProcNetSnmp(text: string, file: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = numberedLines(text);
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i].text.split(/\s+/);
    const values = lines[i + 1].text.split(/\s+/);
    if (names[0] !== values[0] || names.length !== values.length) {
      throw new SnapshotFormatError(file, lines[i + 1].n, names[0] ?? "", "a values line that does not match its names line");
    }
    const proto = names[0].replace(/:$/, "");
    for (let k = 1; k < names.length; k++) {
      if (!/^-?\d+$/.test(values[k])) throw new SnapshotFormatError(file, lines[i + 1].n, `${proto}.${names[k]}`, `${JSON.stringify(values[k])} is not a number`);
      out.set(`${proto}.${names[k]}`, Number(values[k]));
    }
  }
  return out;
}
