/**
 * `readSnapshot(path)`: a snapshot directory (or its .tar.gz) read into facts, each with where
 * it came from (`from`: the command or file as a person would name it, e.g. `ethtool -l eth0`,
 * `/proc/irq/38/effective_affinity_list`). Unreadable content throws SnapshotFormatError
 * (file, line, field); absent content is null, and `whyAbsent` tells what the script recorded.
 */
import { parseCpuList } from "../rps/cpulist.js";
import type { RssFlowType } from "../rss/fields.js";
import { RSS_FLOW_TYPES } from "../rss/fields.js";
import { type LscpuRow, cpuinfoGhz, parseLscpuParse } from "./parse/cpu-files.js";
import { type EthtoolChannels, parseEthtoolChannels, parseEthtoolChannelsJson } from "./parse/ethtool-channels.js";
import { parseEthtoolFlowHash } from "./parse/ethtool-flow-hash.js";
import { parseEthtoolCoalesce, parseEthtoolCoalesceJson, parseEthtoolDriver, parseEthtoolStats } from "./parse/ethtool-key-value.js";
import { type EthtoolRings, parseEthtoolRings, parseEthtoolRingsJson } from "./parse/ethtool-rings.js";
import { type EthtoolRxfh, parseEthtoolRxfh, parseEthtoolRxfhJson } from "./parse/ethtool-rxfh.js";
import { SnapshotFormatError } from "./parse/format-error.js";
import {
  type CpuTicks,
  type DevCounters,
  parseProcNetDev,
  parseProcNetSnmp,
  parseProcSoftirqs,
  parseProcStat,
  parseUptime,
} from "./parse/proc-counters.js";
import { type DeviceIrq, type ProcInterrupts, type QueueIrq, nicDeviceIrqs, nicQueueIrqs, parseProcInterrupts } from "./parse/proc-interrupts.js";
import { type SoftnetStat, parseSoftnetStat } from "./parse/softnet-stat.js";
import { SnapshotFiles } from "./snapshot-files.js";

/** A value and where it was read. */
export interface Sourced<T> {
  readonly value: T;
  readonly from: string;
}

export interface HostFacts {
  readonly cpus: Sourced<number>;
  /** `lscpu -p=CPU,CORE,SOCKET,NODE` rows, or the same read from sysfs topology files. */
  readonly layout: Sourced<readonly LscpuRow[]> | null;
  readonly isolated: Sourced<string> | null;
  readonly nohzFull: Sourced<string> | null;
  readonly ghz: Sourced<number> | null;
  readonly kernelRelease: Sourced<string> | null;
}

export interface QueueIrqFacts extends QueueIrq {
  readonly smpAffinityList: Sourced<string> | null;
  readonly effectiveAffinityList: Sourced<string> | null;
}

export interface NicFacts {
  readonly name: string;
  readonly driver: Sourced<string> | null;
  readonly busInfo: string | null;
  /** The device's PCI address: bus-info, else the last address in the device link; null without one. */
  readonly pci: string | null;
  /** Where /sys/class/net/DEV/device points (null: a virtual device without one, as veth). */
  readonly devicePath: string | null;
  readonly operstate: string | null;
  readonly numaNode: Sourced<number> | null;
  readonly channels: Sourced<EthtoolChannels> | null;
  readonly rings: Sourced<EthtoolRings> | null;
  readonly rxfh: Sourced<EthtoolRxfh> | null;
  readonly flowHash: Partial<Record<RssFlowType, Sourced<string>>>;
  readonly coalesce: Sourced<ReadonlyMap<string, string>> | null;
  /** /sys/class/net/DEV/napi_defer_hard_irqs and gro_flush_timeout (ns); null: not read. */
  readonly deferHardIrqs: Sourced<number> | null;
  readonly groFlushTimeoutNs: Sourced<number> | null;
  /** rx-N directories in sysfs, each with its rps_cpus and rps_flow_cnt (null: not read). */
  readonly rxQueues: readonly { readonly rpsCpus: Sourced<string> | null; readonly rpsFlowCnt: Sourced<number> | null }[];
  readonly txQueues: readonly { readonly xpsCpus: Sourced<string> | null }[];
  /** The NIC's rx queue vectors found in /proc/interrupts, by queue. */
  readonly queueIrqs: readonly QueueIrqFacts[];
  /** Every vector of the NIC's device in /proc/interrupts, ascending IRQ numbers. */
  readonly deviceIrqs: readonly DeviceIrq[];
}

export interface IrqbalanceFacts {
  /** Whether the daemon ran when the snapshot was taken (null: the script could not tell). */
  readonly running: Sourced<boolean> | null;
  /** The first live daemon's command line (`pgrep -a`), whose options say how it runs. */
  readonly commandLine: string | null;
  /** Its environment file (IRQBALANCE_BANNED_CPULIST, IRQBALANCE_ARGS, …), if found. */
  readonly config: Sourced<ReadonlyMap<string, string>> | null;
}

/** One `--measure` sample: the counters at one moment. */
export interface CounterSample {
  readonly index: number;
  /** /proc/uptime seconds at the start and the end of the sample. */
  readonly uptime: number;
  readonly stat: readonly CpuTicks[];
  readonly softnet: SoftnetStat;
  readonly interrupts: ProcInterrupts;
  readonly netRx: ReadonlyMap<number, number> | null;
  readonly netDev: ReadonlyMap<string, DevCounters> | null;
  readonly snmp: ReadonlyMap<string, number> | null;
  readonly ethtoolStats: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface HostSnapshot {
  /** The path the user gave. */
  readonly source: string;
  readonly files: SnapshotFiles;
  readonly manifest: ReadonlyMap<string, string>;
  readonly host: HostFacts;
  readonly nics: readonly NicFacts[];
  /** net.core sysctls by name (`netdev_budget`, …). */
  readonly sysctls: ReadonlyMap<string, Sourced<string>>;
  readonly irqbalance: IrqbalanceFacts;
  readonly interrupts: Sourced<ProcInterrupts> | null;
  readonly samples: readonly CounterSample[];
}

export const NET_CORE_SYSCTLS = [
  "rps_sock_flow_entries",
  "netdev_budget",
  "netdev_budget_usecs",
  "netdev_max_backlog",
  "dev_weight",
  "dev_weight_rx_bias",
  "rmem_default",
  "rmem_max",
  "flow_limit_cpu_bitmap",
  "rps_default_mask",
] as const;

function sourced<T>(files: SnapshotFiles, path: string, from: string, parse: (text: string, file: string) => T): Sourced<T> | null {
  const text = files.text(path);
  return text === undefined ? null : { value: parse(text, path), from };
}

function trimmed(files: SnapshotFiles, path: string): Sourced<string> | null {
  const text = files.text(path);
  return text === undefined ? null : { value: text.trim(), from: path.replace(/^fs/, "") };
}

/** Prefer the JSON form (newer ethtool) and fall back on the text form. */
function ethtoolForm<T>(
  files: SnapshotFiles,
  dev: string,
  opt: string,
  text: (t: string, f: string) => T,
  json: (t: string, f: string) => T,
): Sourced<T> | null {
  return sourced(files, `ethtool/${dev}/${opt}.json`, `ethtool --json -${opt} ${dev}`, json) ?? sourced(files, `ethtool/${dev}/${opt}.txt`, `ethtool -${opt} ${dev}`, text);
}

function readHost(files: SnapshotFiles): HostFacts {
  const nproc = files.text("cmd/nproc.txt");
  const online = files.text("fs/sys/devices/system/cpu/online");
  let cpus: Sourced<number>;
  if (online !== undefined) {
    const ids = parseCpuList(online.trim(), 1 << 16);
    cpus = { value: ids.length, from: "/sys/devices/system/cpu/online" };
  } else if (nproc !== undefined) {
    if (!/^\s*\d+\s*$/.test(nproc)) throw new SnapshotFormatError("cmd/nproc.txt", 1, "nproc", `${JSON.stringify(nproc.trim())} is not a count`);
    cpus = { value: Number(nproc), from: "nproc" };
  } else {
    throw new SnapshotFormatError("cmd/nproc.txt", 0, "", "missing, and so is fs/sys/devices/system/cpu/online: the snapshot does not say how many CPUs the host has");
  }
  let layout = sourced(files, "cmd/lscpu-p.txt", "lscpu -p=CPU,CORE,SOCKET,NODE", parseLscpuParse);
  if (layout === null) {
    const rows: LscpuRow[] = [];
    for (let cpu = 0; cpu < cpus.value; cpu++) {
      const base = `fs/sys/devices/system/cpu/cpu${cpu}/topology`;
      const core = files.text(`${base}/core_id`);
      const pkg = files.text(`${base}/physical_package_id`);
      if (core === undefined || pkg === undefined) break;
      rows.push({ cpu, core: Number(core.trim()), socket: Number(pkg.trim()), node: -1 });
    }
    for (const node of files.list("fs/sys/devices/system/node")) {
      const list = files.text(`fs/sys/devices/system/node/${node}/cpulist`);
      if (list === undefined) continue;
      for (const cpu of parseCpuList(list.trim(), 1 << 16)) {
        const row = rows[cpu];
        if (row !== undefined) rows[cpu] = { ...row, node: Number(node.replace("node", "")) };
      }
    }
    if (rows.length === cpus.value) layout = { value: rows, from: "/sys/devices/system/cpu/cpuN/topology" };
  }
  const baseKhz = files.text("fs/sys/devices/system/cpu/cpu0/cpufreq/base_frequency");
  const cpuinfo = files.text("fs/proc/cpuinfo");
  const fromInfo = cpuinfo === undefined ? null : cpuinfoGhz(cpuinfo);
  const ghz: Sourced<number> | null =
    baseKhz !== undefined && /^\d+\s*$/.test(baseKhz)
      ? { value: Number(baseKhz) / 1e6, from: "/sys/devices/system/cpu/cpu0/cpufreq/base_frequency" }
      : fromInfo === null
        ? null
        : { value: fromInfo.ghz, from: `/proc/cpuinfo (${fromInfo.from})` };
  return {
    cpus,
    layout,
    isolated: trimmed(files, "fs/sys/devices/system/cpu/isolated"),
    nohzFull: trimmed(files, "fs/sys/devices/system/cpu/nohz_full"),
    ghz,
    kernelRelease: trimmed(files, "cmd/uname-r.txt") === null ? null : { value: (files.text("cmd/uname-r.txt") ?? "").trim(), from: "uname -r" },
  };
}

/** A sysfs file holding one unsigned count, or null when the snapshot lacks it. */
function sysfsCount(files: SnapshotFiles, path: string, field: string): Sourced<number> | null {
  const t = trimmed(files, path);
  if (t === null) return null;
  if (!/^\d+$/.test(t.value)) throw new SnapshotFormatError(path, 1, field, `${JSON.stringify(t.value)} is not a count`);
  return { value: Number(t.value), from: t.from };
}

function readNic(files: SnapshotFiles, dev: string, interrupts: ProcInterrupts | null): NicFacts {
  const sys = `fs/sys/class/net/${dev}`;
  const info = sourced(files, `ethtool/${dev}/i.txt`, `ethtool -i ${dev}`, parseEthtoolDriver);
  const busInfo = info?.value.get("bus-info") || null;
  const devicePath = files.text(`${sys}/device.readlink`)?.trim() ?? null;
  const virtio = devicePath === null ? undefined : /\/(virtio\d+)$/.exec(devicePath)?.[1];
  const pci = busInfo ?? (devicePath === null ? undefined : /([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f])(?:\/virtio\d+)?$/.exec(devicePath)?.[1]);
  const numa = trimmed(files, `${sys}/device/numa_node`);
  if (numa !== null && !/^-?\d+$/.test(numa.value)) throw new SnapshotFormatError(`${sys}/device/numa_node`, 1, "numa_node", `${JSON.stringify(numa.value)} is not a number`);
  const flowHash: Partial<Record<RssFlowType, Sourced<string>>> = {};
  for (const type of RSS_FLOW_TYPES) {
    const h = sourced(files, `ethtool/${dev}/n-rx-flow-hash-${type}.txt`, `ethtool -n ${dev} rx-flow-hash ${type}`, parseEthtoolFlowHash);
    if (h !== null) flowHash[type] = h;
  }
  const rxNames = files.list(`${sys}/queues`).filter((q) => /^rx-\d+$/.test(q));
  const txNames = files.list(`${sys}/queues`).filter((q) => /^tx-\d+$/.test(q));
  const rxQueues = rxNames.map((q) => {
    const flowCnt = trimmed(files, `${sys}/queues/${q}/rps_flow_cnt`);
    if (flowCnt !== null && !/^\d+$/.test(flowCnt.value)) throw new SnapshotFormatError(`${sys}/queues/${q}/rps_flow_cnt`, 1, "rps_flow_cnt", `${JSON.stringify(flowCnt.value)} is not a count`);
    return { rpsCpus: trimmed(files, `${sys}/queues/${q}/rps_cpus`), rpsFlowCnt: flowCnt === null ? null : { value: Number(flowCnt.value), from: flowCnt.from } };
  });
  const txQueues = txNames.map((q) => ({ xpsCpus: trimmed(files, `${sys}/queues/${q}/xps_cpus`) }));
  const identity = { dev, ...(pci === undefined ? {} : { pci }), ...(virtio === undefined ? {} : { virtio }) };
  const deviceIrqs = interrupts === null ? [] : nicDeviceIrqs(interrupts, identity);
  const queueIrqs =
    interrupts === null
      ? []
      : nicQueueIrqs(interrupts, identity).map((q) => ({
          ...q,
          smpAffinityList: trimmed(files, `fs/proc/irq/${q.irq}/smp_affinity_list`),
          effectiveAffinityList: trimmed(files, `fs/proc/irq/${q.irq}/effective_affinity_list`),
        }));
  return {
    name: dev,
    driver: info === null ? null : { value: info.value.get("driver") ?? "", from: info.from },
    busInfo,
    pci: pci ?? null,
    devicePath,
    operstate: files.text(`${sys}/operstate`)?.trim() ?? null,
    numaNode: numa === null ? null : { value: Number(numa.value), from: numa.from },
    channels: ethtoolForm(files, dev, "l", parseEthtoolChannels, parseEthtoolChannelsJson),
    rings: ethtoolForm(files, dev, "g", parseEthtoolRings, parseEthtoolRingsJson),
    rxfh: ethtoolForm(files, dev, "x", parseEthtoolRxfh, parseEthtoolRxfhJson),
    flowHash,
    coalesce: ethtoolForm(files, dev, "c", parseEthtoolCoalesce, parseEthtoolCoalesceJson),
    deferHardIrqs: sysfsCount(files, `${sys}/napi_defer_hard_irqs`, "napi_defer_hard_irqs"),
    groFlushTimeoutNs: sysfsCount(files, `${sys}/gro_flush_timeout`, "gro_flush_timeout"),
    rxQueues,
    txQueues,
    queueIrqs,
    deviceIrqs,
  };
}

function readIrqbalance(files: SnapshotFiles): IrqbalanceFacts {
  const pgrep = files.text("cmd/irqbalance-pgrep.txt");
  const systemctl = files.text("cmd/irqbalance-systemctl.txt");
  let running: Sourced<boolean> | null = null;
  // Zombies (`[irqbalance] <defunct>`) have exited: only live processes count.
  const live = (pgrep ?? "").split("\n").filter((l) => /irqbalance/.test(l) && !/<defunct>/.test(l));
  if (pgrep !== undefined) running = { value: live.length > 0, from: "pgrep -a irqbalance" };
  const commandLine = live[0]?.replace(/^\s*\d+\s+/, "") ?? null;
  if ((running === null || !running.value) && systemctl !== undefined && /^active\s*$/.test(systemctl)) running = { value: true, from: "systemctl is-active irqbalance" };
  let config: Sourced<ReadonlyMap<string, string>> | null = null;
  for (const path of ["/etc/default/irqbalance", "/etc/sysconfig/irqbalance"]) {
    const text = files.text(`fs${path}`);
    if (text === undefined) continue;
    const values = new Map<string, string>();
    for (const line of text.split("\n")) {
      const m = /^\s*(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line);
      if (m !== null) values.set(m[1], m[2].trim().replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1"));
    }
    config = { value: values, from: path };
    break;
  }
  return { running, commandLine, config };
}

function readSample(files: SnapshotFiles, index: number, devices: readonly string[]): CounterSample {
  const base = `samples/${index}`;
  const need = <T>(path: string, parse: (t: string, f: string) => T): T => {
    const text = files.text(`${base}/${path}`);
    if (text === undefined) {
      const why = files.whyNotRead(`/${path.replace(/^fs\//, "")}`);
      throw new SnapshotFormatError(`${base}/${path}`, 0, "", `missing${why === undefined ? "" : ` (${why})`}: the sample cannot be used`);
    }
    return parse(text, `${base}/${path}`);
  };
  const optional = <T>(path: string, parse: (t: string, f: string) => T): T | null => {
    const text = files.text(`${base}/${path}`);
    return text === undefined ? null : parse(text, `${base}/${path}`);
  };
  const ethtoolStats = new Map<string, ReadonlyMap<string, number>>();
  for (const dev of devices) {
    const s = optional(`ethtool/${dev}/S.txt`, parseEthtoolStats);
    if (s !== null) ethtoolStats.set(dev, s);
  }
  const start = need("uptime", parseUptime);
  const end = optional("uptime.end", parseUptime) ?? start;
  return {
    index,
    uptime: (start + end) / 2,
    stat: need("fs/proc/stat", parseProcStat),
    softnet: need("fs/proc/net/softnet_stat", parseSoftnetStat),
    interrupts: need("fs/proc/interrupts", parseProcInterrupts),
    netRx: optional("fs/proc/softirqs", (t, f) => parseProcSoftirqs(t, f)),
    netDev: optional("fs/proc/net/dev", parseProcNetDev),
    snmp: optional("fs/proc/net/snmp", parseProcNetSnmp),
    ethtoolStats,
  };
}

/** Read a snapshot directory or .tar.gz made by the snapshot script. */
export function readSnapshot(path: string): HostSnapshot {
  const files = SnapshotFiles.open(path);
  const interrupts = sourced(files, "fs/proc/interrupts", "/proc/interrupts", parseProcInterrupts);
  const devices = (files.manifest.get("devices") ?? "").split(/\s+/).filter((d) => d !== "");
  const sysctls = new Map<string, Sourced<string>>();
  for (const name of NET_CORE_SYSCTLS) {
    const v = trimmed(files, `fs/proc/sys/net/core/${name}`);
    if (v !== null) sysctls.set(name, v);
  }
  const samples = files
    .list("samples")
    .filter((s) => /^\d+$/.test(s))
    .map((s) => readSample(files, Number(s), devices));
  return {
    source: path,
    files,
    manifest: files.manifest,
    host: readHost(files),
    nics: devices.filter((d) => files.list(`fs/sys/class/net/${d}`).length > 0 || files.list(`ethtool/${d}`).length > 0).map((d) => readNic(files, d, interrupts?.value ?? null)),
    sysctls,
    irqbalance: readIrqbalance(files),
    interrupts,
    samples,
  };
}
