/**
 * The /sys and /proc text a host shows irqbalance, generated from a topology and the NICs'
 * vectors: what the daemon reads, nothing more. Pure: it returns directories (with their entries
 * in the order `readdir` must list them) and file contents; writing them is the caller's job.
 *
 * What is there (paths relative to the fake root; kernel formats):
 * - sys/devices/system/cpu/{online,isolated}, cpuN/topology/{physical_package_id,core_siblings},
 *   cpuN/cache/indexK/shared_cpu_map for K = 1 (the core's threads), 2 (L2), 3 (L3) — the
 *   daemon probes index1 upwards — and a cpuN/nodeM entry (the node link it looks for);
 * - sys/devices/system/node/nodeN/cpumap;
 * - sys/bus/pci/devices/<pci>/{class,vendor,device,subsystem_vendor,subsystem_device,numa_node,
 *   local_cpus} and msi_irqs/<irq>;
 * - proc/interrupts (one row per vector, a count column per CPU), proc/stat (cpu rows with the
 *   irq and softirq columns in USER_HZ ticks), proc/irq/<irq>/smp_affinity.
 * Masks are printed as the kernel prints them (`%*pb`, rps/cpumask.ts `formatCpuMask`).
 */
import { formatCpuMask } from "../rps/cpumask.js";
import type { DeviceVectors, DriverKind } from "./device-vectors.js";
import { kernfsOrder, type SysfsListing } from "./kernfs-order.js";
import { threadSiblings, type CpuTopology } from "./topology.js";

export interface SysfsView {
  /** Every directory (relative path), with its entries in `readdir` order; parents first. */
  readonly dirs: ReadonlyMap<string, readonly string[]>;
  /** Every file (relative path) and its content. */
  readonly files: ReadonlyMap<string, string>;
}

export interface ProcCounters {
  /** Per vector (allocation order), per CPU: interrupts since boot. */
  readonly interrupts: readonly (readonly number[])[];
  /** Per CPU: the irq and softirq columns of /proc/stat, in USER_HZ ticks since boot. */
  readonly irqTicks: readonly number[];
  readonly softirqTicks: readonly number[];
}

export interface SysfsViewInput {
  readonly topology: CpuTopology;
  readonly devices: DeviceVectors;
  readonly listing: SysfsListing;
  /** Per vector (allocation order): `smp_affinity`, ascending CPUs; default every CPU. */
  readonly masks?: readonly (readonly number[])[];
  /** Default: all zero. */
  readonly counters?: ProcCounters;
}

/** PCI vendor and device ids of each driver kind's NIC (what `lspci -n` shows). */
const PCI_IDS: Record<DriverKind, readonly [number, number]> = {
  "rx-only": [0x8086, 0x10fb],
  "virtio-net": [0x1af4, 0x1000],
  "txrx-misc": [0x8086, 0x1572],
  "txrx-other": [0x8086, 0x10fb],
  mlx5: [0x15b3, 0x1017],
  ena: [0x1d0f, 0xec20],
};

function hex4(n: number): string {
  return `0x${n.toString(16).padStart(4, "0")}`;
}

/** A CPU list as the kernel prints one (`%*pbl`): ranges joined by commas. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...cpus].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    parts.push(end === k ? `${sorted[k]}` : `${sorted[k]}-${sorted[end]}`);
    k = end + 1;
  }
  return parts.join(",");
}

function ordered(names: readonly string[], listing: SysfsListing): string[] {
  if (listing === "kernfs") return kernfsOrder(names);
  const num = (s: string): number => Number(/\d+$/.exec(s)?.[0] ?? Number.NaN);
  return [...names].sort((a, b) => {
    const na = num(a);
    const nb = num(b);
    if (a.replace(/\d+$/, "") === b.replace(/\d+$/, "") && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** /proc/interrupts as the kernel prints it (x86: `PCI-MSIX-<pci>` chip, `<n>-edge`). */
export function procInterrupts(topology: CpuTopology, devices: DeviceVectors, interrupts?: readonly (readonly number[])[]): string {
  const n = topology.cpus.length;
  const width = 10;
  const lines = [" ".repeat(4) + topology.cpus.map((c) => `CPU${c.cpu}`.padStart(width + 1)).join("")];
  const perNic = new Map<number, number>();
  devices.vectors.forEach((v, k) => {
    const entry = perNic.get(v.nic) ?? 0;
    perNic.set(v.nic, entry + 1);
    const address = devices.devices[v.nic].address;
    const counts = Array.from({ length: n }, (_, c) => String(interrupts?.[k]?.[c] ?? 0).padStart(width + 1)).join("");
    lines.push(`${String(v.irq).padStart(3)}:${counts}  PCI-MSIX-${address}  ${entry}-edge      ${v.name}`);
  });
  return lines.join("\n") + "\n";
}

/** /proc/stat's cpu rows (user nice system idle iowait irq softirq steal guest guest_nice). */
export function procStat(topology: CpuTopology, irqTicks?: readonly number[], softirqTicks?: readonly number[]): string {
  const rows = topology.cpus.map((c) => [100, 0, 100, 10000, 0, irqTicks?.[c.cpu] ?? 0, softirqTicks?.[c.cpu] ?? 0, 0, 0, 0]);
  const total = rows[0].map((_, k) => rows.reduce((sum, r) => sum + r[k], 0));
  const lines = [`cpu  ${total.join(" ")}`, ...rows.map((r, c) => `cpu${c} ${r.join(" ")}`), "intr 0", "ctxt 0", "btime 0", "processes 1"];
  return lines.join("\n") + "\n";
}

/** The fake /sys and /proc for one host and its NICs. */
export function sysfsView(input: SysfsViewInput): SysfsView {
  const { topology, devices, listing } = input;
  const n = topology.cpus.length;
  const all = topology.cpus.map((c) => c.cpu);
  const mask = (cpus: readonly number[]): string => formatCpuMask(cpus, n);
  const dirs = new Map<string, string[]>();
  const files = new Map<string, string>();
  const dir = (path: string, entries: readonly string[]): void => {
    dirs.set(path, ordered(entries, listing));
  };
  dir("", ["sys", "proc"]);
  dir("sys", ["devices", "bus"]);
  dir("sys/devices", ["system"]);
  dir("sys/devices/system", ["cpu", "node"]);
  dir("sys/bus", ["pci"]);
  dir("sys/bus/pci", ["devices"]);

  const cpuDir = "sys/devices/system/cpu";
  dir(cpuDir, ["online", "isolated", ...all.map((c) => `cpu${c}`)]);
  files.set(`${cpuDir}/online`, `${formatCpuList(all)}\n`);
  files.set(`${cpuDir}/isolated`, `${formatCpuList(topology.isolated)}\n`);
  for (const c of topology.cpus) {
    const base = `${cpuDir}/cpu${c.cpu}`;
    dir(base, ["topology", "cache", `node${c.node}`]);
    dir(`${base}/node${c.node}`, []);
    dir(`${base}/topology`, ["physical_package_id", "core_siblings"]);
    const pkg = all.filter((o) => topology.cpus[o].package === c.package);
    files.set(`${base}/topology/physical_package_id`, `${c.package}\n`);
    files.set(`${base}/topology/core_siblings`, `${mask(pkg)}\n`);
    dir(`${base}/cache`, ["index1", "index2", "index3"]);
    const shared = [threadSiblings(topology, c.cpu), all.filter((o) => topology.cpus[o].l2 === c.l2), all.filter((o) => topology.cpus[o].l3 === c.l3)];
    shared.forEach((cpus, k) => {
      dir(`${base}/cache/index${k + 1}`, ["shared_cpu_map"]);
      files.set(`${base}/cache/index${k + 1}/shared_cpu_map`, `${mask(cpus)}\n`);
    });
  }

  const nodeDir = "sys/devices/system/node";
  dir(nodeDir, ["online", "possible", ...topology.nodes.map((id) => `node${id}`)]);
  files.set(`${nodeDir}/online`, `${formatCpuList(topology.nodes)}\n`);
  files.set(`${nodeDir}/possible`, `${formatCpuList(topology.nodes)}\n`);
  for (const id of topology.nodes) {
    dir(`${nodeDir}/node${id}`, ["cpumap"]);
    files.set(`${nodeDir}/node${id}/cpumap`, `${mask(all.filter((o) => topology.cpus[o].node === id))}\n`);
  }

  const pciDir = "sys/bus/pci/devices";
  dir(pciDir, devices.devices.map((d) => d.address));
  const local = topology.nicNode < 0 ? all : all.filter((o) => topology.cpus[o].node === topology.nicNode);
  for (const d of devices.devices) {
    const base = `${pciDir}/${d.address}`;
    const [vendor, device] = PCI_IDS[d.driver];
    dir(base, ["class", "vendor", "device", "subsystem_vendor", "subsystem_device", "numa_node", "local_cpus", "msi_irqs"]);
    files.set(`${base}/class`, "0x020000\n");
    files.set(`${base}/vendor`, `${hex4(vendor)}\n`);
    files.set(`${base}/device`, `${hex4(device)}\n`);
    files.set(`${base}/subsystem_vendor`, `${hex4(vendor)}\n`);
    files.set(`${base}/subsystem_device`, `${hex4(1)}\n`);
    files.set(`${base}/numa_node`, `${topology.nicNode}\n`);
    files.set(`${base}/local_cpus`, `${mask(local)}\n`);
    const mine = devices.vectors.filter((v) => v.nic === d.nic);
    dir(`${base}/msi_irqs`, mine.map((v) => String(v.irq)));
    for (const v of mine) files.set(`${base}/msi_irqs/${v.irq}`, "msix\n");
  }

  dir("proc", ["interrupts", "stat", "irq"]);
  files.set("proc/interrupts", procInterrupts(topology, devices, input.counters?.interrupts));
  files.set("proc/stat", procStat(topology, input.counters?.irqTicks, input.counters?.softirqTicks));
  dir("proc/irq", devices.vectors.map((v) => String(v.irq)));
  devices.vectors.forEach((v, k) => {
    dir(`proc/irq/${v.irq}`, ["smp_affinity"]);
    files.set(`proc/irq/${v.irq}/smp_affinity`, `${mask(input.masks?.[k] ?? all)}\n`);
  });
  return { dirs, files };
}
