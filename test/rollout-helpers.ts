/** Shared by the rollout tests: a fake host tree (sysfs, procfs, /etc) and the stubs that act on it. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const STUBS = resolve("test/fixtures/rollout");

export interface FakeHost {
  readonly dev: string;
  readonly maxQueues: number;
  readonly queues: number;
  readonly cpus: number;
  readonly irqbalance: boolean;
  /** Entries of the NIC's indirection table (default 128); 0: the NIC has none (ethtool -x: Operation not supported). */
  readonly indirSize?: number;
  /** "rx": a NIC like veth, whose queues are rx-only channels without interrupts (default: combined channels, one IRQ each). */
  readonly channels?: "combined" | "rx";
  /** false: no /proc/sys/net/core/rps_sock_flow_entries, as inside a network namespace (default true). */
  readonly sockFlowSysctl?: boolean;
  /** The rx coalescing ethtool -c shows: adaptive-rx, rx-usecs, rx-frames (absent: -c is not supported). */
  readonly coalesce?: readonly [string, string, string];
  /** napi_defer_hard_irqs and gro_flush_timeout in the device's sysfs (absent: neither file). */
  readonly defer?: readonly [number, number];
}

/** A host tree as the kernel shows it: queues, their IRQs (numbered as the ethtool stub numbers them), sysctls, irqbalance's file. */
export function makeFakeRoot(root: string, h: FakeHost): void {
  const w = (path: string, text: string): void => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  w(`.nic/${h.dev}/max`, `${h.maxQueues}\n`);
  w(`.nic/${h.dev}/combined`, `${h.queues}\n`);
  w(`.nic/${h.dev}/cpus`, `${h.cpus}\n`);
  w(`.nic/${h.dev}/configured`, "0\n");
  w(`.nic/${h.dev}/kind`, `${h.channels ?? "combined"}\n`);
  w(`.nic/${h.dev}/table`, `${Array.from({ length: h.indirSize ?? 128 }, (_, i) => i % h.queues).join(" ")}\n`);
  w("sys/devices/system/cpu/online", h.cpus === 1 ? "0\n" : `0-${h.cpus - 1}\n`);
  w(".systemd/active", `${h.irqbalance ? 1 : 0}\n`);
  w(".systemd/enabled", `${h.irqbalance ? 1 : 0}\n`);
  if (h.sockFlowSysctl !== false) w("proc/sys/net/core/rps_sock_flow_entries", "0\n");
  if (h.coalesce !== undefined) w(`.nic/${h.dev}/coalesce`, `${h.coalesce.join(" ")}\n`);
  if (h.defer !== undefined) {
    w(`sys/class/net/${h.dev}/napi_defer_hard_irqs`, `${h.defer[0]}\n`);
    w(`sys/class/net/${h.dev}/gro_flush_timeout`, `${h.defer[1]}\n`);
  }
  w("etc/default/irqbalance", "# irqbalance's environment file\nIRQBALANCE_ONESHOT=0\n");
  const zero = "0".repeat(Math.ceil(h.cpus / 4));
  const base = 32 + 16 * h.queues;
  let interrupts = "           CPU0       CPU1\n   0:         42          0   IO-APIC   2-edge      timer\n";
  for (let q = 0; q < h.queues; q++) {
    w(`sys/class/net/${h.dev}/queues/rx-${q}/rps_cpus`, `${zero}\n`);
    w(`sys/class/net/${h.dev}/queues/rx-${q}/rps_flow_cnt`, "0\n");
    if (h.channels === "rx") continue;
    w(`proc/irq/${base + q}/smp_affinity_list`, `0-${h.cpus - 1}\n`);
    interrupts += `${String(base + q).padStart(4)}:          0          0  PCI-MSI-edge      ${h.dev}-TxRx-${q}\n`;
  }
  w("proc/interrupts", interrupts);
}

/** Every file under `root`, path → content. */
export function tree(root: string, dir = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(root, dir)).sort()) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) for (const [k, v] of tree(root, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(root, rel), "utf8"));
  }
  return out;
}

export interface ShRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The stub calls of this run. */
  readonly calls: string[];
}

/** `sh SCRIPT ARGS…` in `cwd` against the fake root, with the ethtool and systemctl stubs. */
export function runSh(cwd: string, root: string, script: string, ...args: string[]): ShRun {
  const log = join(cwd, "stub.log");
  writeFileSync(log, "");
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", NICSIM_ROOT: root, ETHTOOL: join(STUBS, "ethtool"), SYSTEMCTL: join(STUBS, "systemctl"), NICSIM_STUB_LOG: log };
  const r = spawnSync("sh", [script, ...args], { cwd, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: readFileSync(log, "utf8").split("\n").filter((l) => l !== "") };
}

/** Whether shellcheck is installed (it comes from the distribution's package registry). */
export function hasShellcheck(): boolean {
  return spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * A snapshot directory of the fake host, laid out as the snapshot script writes one: the
 * ethtool stub's `-l` and `-x` output (a failing command as a line in `errors`, as the script
 * records it), and copies of the tree's /proc and /sys.
 */
export function snapshotOf(cwd: string, root: string, snapshot: string, h: FakeHost): void {
  const put = (path: string, text: string): void => {
    mkdirSync(join(snapshot, path, ".."), { recursive: true });
    writeFileSync(join(snapshot, path), text);
  };
  put("manifest", `format=nicsim-snapshot 1\ndevices=${h.dev}\n`);
  put("cmd/nproc.txt", `${h.cpus}\n`);
  put("cmd/irqbalance-pgrep.txt", h.irqbalance ? "812 /usr/sbin/irqbalance --foreground\n" : "");
  put("cmd/irqbalance-systemctl.txt", h.irqbalance ? "active\n" : "inactive\n");
  const errors: string[] = [];
  for (const opt of ["l", "x"]) {
    const r = runSh(cwd, root, join(STUBS, "ethtool"), `-${opt}`, h.dev);
    if (r.status === 0) put(`ethtool/${h.dev}/${opt}.txt`, r.stdout);
    else errors.push(`ethtool -${opt} ${h.dev}: exit ${r.status ?? "?"}: ${r.stderr.replace(/\n/g, " ")}`);
  }
  put("errors", errors.map((e) => `${e}\n`).join(""));
  cpSync(join(root, "proc"), join(snapshot, "fs/proc"), { recursive: true });
  cpSync(join(root, "sys"), join(snapshot, "fs/sys"), { recursive: true });
}
