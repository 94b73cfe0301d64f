/**
 * A snapshot → a complete scenario, as YAML whose every value says where it was read.
 *
 * host      CPUs (online list), clock (cpufreq base, /proc/cpuinfo), topology from lscpu -p
 *           (sockets, cores, threads, NUMA nodes; nicsim numbers first threads before siblings,
 *           a host numbered otherwise is warned about), the NIC's NUMA node, isolated CPUs.
 * nics      max/current queues (ethtool -l; else the sysfs rx-N count), ring (ethtool -g),
 *           RSS key, function, input transform and indirection table (ethtool -x), hashed fields
 *           (ethtool -n rx-flow-hash), rps_cpus and rps_flow_cnt per queue, the driver kind and
 *           the device's MSI-X vectors with their IRQ numbers and names (/proc/interrupts,
 *           nic-vectors.ts); XPS (nics[].xps); coalescing (ethtool -c, napi_defer_hard_irqs,
 *           gro_flush_timeout: nic-coalesce.ts).
 * irq       irqbalance when it runs (its banned CPUs and options from its environment file),
 *           else `explicit`: each queue vector's effective_affinity_list (where it is delivered),
 *           else its smp_affinity_list; round-robin with a warning when no vectors are found.
 * kernel    the net.core sysctls.
 * traffic   not in a snapshot: a marked block; rate, mean size and protocol measured when the
 *           counters say (measured-traffic.ts), everything else marked ASSUMED.
 * routing   the `ip -j` dumps through the routing importer (src/routing/import).
 * Missing inputs are warnings (returned, and written at the top) with the default used.
 */
import { HOST_DEFAULTS } from "../../config/sections/host.js";
import { KERNEL_DEFAULTS } from "../../config/sections/kernel.js";
import { NIC_DEFAULTS } from "../../config/sections/nics.js";
import { RSS_DEFAULTS } from "../../config/sections/rss.js";
import { TRAFFIC_DEFAULTS } from "../../config/sections/traffic.js";
import { LoadError } from "../../config/errors.js";
import { loadScenarioText } from "../../config/load.js";
import { DumpCollector } from "../../routing/import/dump-files.js";
import { importHost } from "../../routing/import/host-import.js";
import { CpuMaskError, parseCpuMask } from "../../rps/cpumask.js";
import { RSS_FLOW_TYPES } from "../../rss/fields.js";
import { rxQueues } from "../parse/ethtool-channels.js";
import type { HostSnapshot, NicFacts, Sourced } from "../read-snapshot.js";
import { type Entry, block, comment, commentedYaml, items, map, value } from "./commented-yaml.js";
import { measuredTraffic } from "./measured-traffic.js";
import { nicCoalesceEntry } from "./nic-coalesce.js";
import { nicVectorEntries } from "./nic-vectors.js";

export interface ImportOptions {
  /** NICs to import (default: those up with an address, else every NIC in the snapshot). */
  readonly nics?: readonly string[];
  /** The NIC that receives the traffic (default: the one that received most). */
  readonly receiver?: string;
}

export interface ImportedScenario {
  readonly yaml: string;
  readonly warnings: readonly string[];
}

interface Address {
  readonly dev: string;
  readonly cidr: string;
  readonly family: 4 | 6;
}

function addresses(snapshot: HostSnapshot): Address[] {
  const text = snapshot.files.text("cmd/ip-j-addr.json");
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LoadError(`${snapshot.source}/cmd/ip-j-addr.json`, "not JSON");
  }
  const out: Address[] = [];
  for (const link of Array.isArray(parsed) ? parsed : []) {
    const l = link as { ifname?: unknown; addr_info?: unknown };
    if (typeof l.ifname !== "string" || !Array.isArray(l.addr_info)) continue;
    for (const a of l.addr_info as { family?: unknown; local?: unknown; prefixlen?: unknown; scope?: unknown }[]) {
      if (typeof a.local !== "string" || typeof a.prefixlen !== "number" || a.scope === "link" || a.scope === "host") continue;
      if (a.family === "inet") out.push({ dev: l.ifname, cidr: `${a.local}/${a.prefixlen}`, family: 4 });
      else if (a.family === "inet6") out.push({ dev: l.ifname, cidr: `${a.local}/${a.prefixlen}`, family: 6 });
    }
  }
  return out;
}

class Importer {
  readonly warnings: string[] = [];

  constructor(private readonly snapshot: HostSnapshot) {}

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Why the script could not read something, for a warning. */
  why(what: string): string {
    const reason = this.snapshot.files.whyNotRead(what);
    return reason === undefined ? "not in the snapshot" : reason;
  }

  host(receiver: NicFacts): Entry {
    const h = this.snapshot.host;
    const entries: Entry[] = [value("cpus", h.cpus.value, h.cpus.from)];
    if (h.ghz === null) {
      this.warn(`host.ghz: the snapshot has no clock (/proc/cpuinfo, cpufreq); using ${HOST_DEFAULTS.ghz} GHz`);
      entries.push(value("ghz", HOST_DEFAULTS.ghz, "DEFAULT: no clock in the snapshot"));
    } else {
      entries.push(value("ghz", Number(h.ghz.value.toFixed(3)), h.ghz.from));
    }
    const topo: Entry[] = [];
    const layout = h.layout;
    if (layout === null) {
      this.warn("host.topology: neither lscpu -p nor sysfs topology in the snapshot; one socket of single-thread cores assumed");
    } else {
      const rows = layout.value;
      const sockets = new Set(rows.map((r) => r.socket)).size;
      const cores = new Set(rows.map((r) => `${r.socket}/${r.core}`)).size;
      const coresPerSocket = Math.max(1, Math.round(cores / sockets));
      const threadsPerCore = Math.max(1, Math.round(rows.length / cores));
      const nodes = new Set(rows.map((r) => r.node).filter((n) => n >= 0)).size || 1;
      topo.push(value("sockets", sockets, layout.from), value("coresPerSocket", coresPerSocket), value("threadsPerCore", threadsPerCore), value("numaNodes", nodes));
      // A snapshot shows the siblings, not how much they slow each other: the assumption, said as one.
      if (threadsPerCore > 1) topo.push(value("smtSpeed", HOST_DEFAULTS.smtSpeed, "DEFAULT: assumed; speed of a thread while its sibling is busy (docs/smt.md: measure it)"));
      // nicsim numbers thread 0 of every core first: CPU c is core c mod (sockets × cores).
      const total = sockets * coresPerSocket;
      const firstThreadOf = new Map<string, number>();
      const mismatch = rows.some((r) => {
        const key = `${r.socket}/${r.core}`;
        if (!firstThreadOf.has(key)) firstThreadOf.set(key, r.cpu);
        return firstThreadOf.get(key) !== r.cpu % total;
      });
      if (sockets * coresPerSocket * threadsPerCore !== rows.length || mismatch) {
        this.warn(`host.topology: this host numbers its CPUs otherwise than nicsim (first threads of all cores, then siblings); the shape is kept, CPU ids may differ (${layout.from})`);
      }
    }
    const numa = receiver.numaNode;
    topo.push(
      numa === null
        ? value("nicNode", -1, `unknown: ${receiver.devicePath === null ? `${receiver.name} has no device (virtual NIC)` : `/sys/class/net/${receiver.name}/device/numa_node ${this.why(`/sys/class/net/${receiver.name}/device/numa_node`)}`}`)
        : value("nicNode", numa.value, numa.from),
    );
    const isolated = [h.isolated?.value, h.nohzFull?.value].filter((v): v is string => v !== undefined && v !== "" && v !== "(null)");
    if (isolated.length > 0) topo.push(value("isolated", isolated.join(","), "/sys/devices/system/cpu/isolated ∪ nohz_full"));
    if (topo.length > 0) entries.push(map("topology", topo));
    return map("host", entries);
  }

  nic(n: NicFacts, addrs: readonly Address[], cpus: number): Entry {
    const e: Entry[] = [value("name", n.name, n.driver === null ? undefined : `driver ${n.driver.value} (${n.driver.from})`)];
    const mine = addrs.filter((a) => a.dev === n.name);
    e.push(value("addresses", mine.map((a) => a.cidr), "ip -j addr show"));
    const ch = n.channels === null ? null : rxQueues(n.channels.value);
    let queues: number;
    if (ch !== null && ch.current !== null && n.channels !== null) {
      queues = ch.current;
      e.push(value("maxQueues", Math.max(ch.max ?? queues, queues), `${n.channels.from}: pre-set maximum`));
      e.push(value("queues", queues, `${n.channels.from}: current`));
    } else {
      queues = Math.max(1, n.rxQueues.length);
      this.warn(`nics.${n.name}.queues: ethtool -l ${n.name} ${this.why(`ethtool -l ${n.name}`)}; using the ${queues} rx queue(s) sysfs lists`);
      e.push(value("maxQueues", queues, `ls /sys/class/net/${n.name}/queues (ethtool -l: ${this.why(`ethtool -l ${n.name}`)})`));
      e.push(value("queues", queues, `ls /sys/class/net/${n.name}/queues`));
    }
    const vectors = nicVectorEntries(n, queues);
    e.push(...vectors.entries);
    if (vectors.warning !== null) this.warn(vectors.warning);
    if (n.rings !== null && n.rings.value.rx !== null) e.push(value("ringSize", n.rings.value.rx, n.rings.from));
    else {
      this.warn(`nics.${n.name}.ringSize: ethtool -g ${n.name} ${this.why(`ethtool -g ${n.name}`)}; using ${NIC_DEFAULTS.ringSize}`);
      e.push(value("ringSize", NIC_DEFAULTS.ringSize, `DEFAULT: ethtool -g ${n.name} ${this.why(`ethtool -g ${n.name}`)}`));
    }
    const gro = n.features?.value.get("generic-receive-offload");
    if (n.features !== null && gro !== undefined) e.push(value("gro", gro ? "on" : "off", `${n.features.from}: generic-receive-offload`));
    e.push(this.rss(n, queues));
    e.push(this.rps(n, queues, cpus));
    e.push(...this.xps(n, queues));
    const coalesce = nicCoalesceEntry(n);
    e.push(coalesce.entry);
    for (const w of coalesce.warnings) this.warn(w);
    return { kind: "map", key: "", entries: e };
  }

  /**
   * nics[].xps: each combined channel's tx queue's xps_cpus, when sysfs gives one for each; a
   * partial or different set is left as a comment (and a warning).
   */
  xps(n: NicFacts, queues: number): Entry[] {
    const given = n.txQueues.slice(0, queues).map((q) => q.xpsCpus?.value ?? null);
    if (given.every((mask) => mask === null)) return [];
    const from = `/sys/class/net/${n.name}/queues/tx-N/xps_cpus`;
    if (given.length === queues && given.every((mask) => mask !== null)) return [value("xps", given as string[], from)];
    const listed = n.txQueues.map((q, i) => (q.xpsCpus === null ? null : `tx-${i} ${q.xpsCpus.value}`)).filter((v) => v !== null);
    this.warn(`nics.${n.name}.xps: xps_cpus of only some of the ${queues} tx queues; left out`);
    return [comment(`xps_cpus of only some tx queues (left out): ${listed.join(", ")}  (${from})`)];
  }

  rss(n: NicFacts, queues: number): Entry {
    const e: Entry[] = [];
    const x = n.rxfh;
    const from = x?.from ?? `ethtool -x ${n.name}`;
    if (x !== null && x.value.key !== null && (x.value.key.length === 40 || x.value.key.length === 52)) {
      e.push(value("key", x.value.key.map((b) => b.toString(16).padStart(2, "0")).join(":"), from));
    } else {
      const why = x === null ? `ethtool -x ${n.name} ${this.why(`ethtool -x ${n.name}`)}` : x.value.key === null ? "no key (Operation not supported)" : `a ${x.value.key.length}-byte key (nicsim models 40 or 52)`;
      this.warn(`nics.${n.name}.rss.key: ${why}; using nicsim's default (${RSS_DEFAULTS.key})`);
      e.push(value("key", RSS_DEFAULTS.key, `DEFAULT: ${x === null ? why : `${from}: ${why}`}`));
    }
    const hf = x?.value.hfunc ?? null;
    if (hf === "toeplitz" || hf === "xor") e.push(value("hfunc", hf, from));
    else {
      if (hf !== null) this.warn(`nics.${n.name}.rss.hfunc: ${hf} is not modelled; using toeplitz`);
      e.push(value("hfunc", "toeplitz", hf === null ? `DEFAULT: ${from} shows no function` : `DEFAULT: ${from} shows ${hf}, not modelled`));
    }
    if (x !== null && x.value.inputXfrm !== null) e.push(value("inputXfrm", x.value.inputXfrm, from));
    const fields: Entry[] = [];
    for (const type of RSS_FLOW_TYPES) {
      const h = n.flowHash[type];
      const letters = h === undefined ? "" : [...h.value].filter((c) => "sdfn".includes(c)).join("");
      if (h !== undefined && letters !== "" && letters === h.value) fields.push(value(type, letters, h.from));
      else {
        const cmd = `ethtool -n ${n.name} rx-flow-hash ${type}`;
        const why = h === undefined ? `${cmd} ${this.why(cmd)}` : h.value === "" ? `${cmd}: None (the NIC hashes nothing; the kernel's software hash decides)` : `${cmd}: ${h.value} (letters beyond sdfn are not modelled)`;
        if (queues > 1) this.warn(`nics.${n.name}.rss.fields.${type}: ${why}; using ${RSS_DEFAULTS.fields}`);
        fields.push(value(type, RSS_DEFAULTS.fields, `DEFAULT: ${why}`));
      }
    }
    e.push(map("fields", fields));
    const table = x?.value.table ?? null;
    if (table !== null && table.length > 0) {
      const power = (table.length & (table.length - 1)) === 0;
      const inRange = table.every((q) => q < queues);
      const isDefault = table.every((q, i) => q === i % queues);
      if (power && inRange) {
        e.push(value("indirSize", table.length, from));
        e.push(isDefault ? value("indir", "default", `${from}: entry i = i mod ${queues}`) : value("indir", table, from));
      } else {
        const why = !power ? `${table.length} entries, not a power of two` : `an entry names a queue ≥ ${queues}`;
        this.warn(`nics.${n.name}.rss.indir: ${why}; using the default table`);
        e.push(value("indir", "default", `DEFAULT: ${from}: ${why}`));
      }
    } else {
      const why = x === null ? `ethtool -x ${n.name} ${this.why(`ethtool -x ${n.name}`)}` : `${from}: no table (Operation not supported)`;
      if (queues > 1) this.warn(`nics.${n.name}.rss.indir: ${why}; using the default table (i mod ${queues})`);
      e.push(value("indir", "default", `DEFAULT: ${why}`));
    }
    return map("rss", e);
  }

  rps(n: NicFacts, queues: number, cpus: number): Entry {
    const masks: Sourced<string>[] = [];
    for (let q = 0; q < queues; q++) {
      const m = n.rxQueues[q]?.rpsCpus ?? null;
      if (m === null) {
        masks.push({ value: "0", from: `DEFAULT (off): /sys/class/net/${n.name}/queues/rx-${q}/rps_cpus not read` });
        continue;
      }
      try {
        parseCpuMask(m.value, cpus);
        masks.push(m);
      } catch (error) {
        if (!(error instanceof CpuMaskError)) throw error;
        this.warn(`nics.${n.name}.rps.cpus[${q}]: ${m.value} (${m.from}): ${error.message}; RPS off for that queue`);
        masks.push({ value: "0", from: `DEFAULT (off): ${m.from} reads ${m.value}` });
      }
    }
    const same = masks.every((m) => m.value === masks[0].value);
    const counts = n.rxQueues.slice(0, queues).map((q) => q.rpsFlowCnt?.value ?? 0);
    const flowCnt = Math.max(0, ...counts);
    if (counts.some((c) => c !== flowCnt)) this.warn(`nics.${n.name}.rps.flowCnt: queues differ (${counts.join(", ")}); nicsim has one value, using the largest`);
    const base = `/sys/class/net/${n.name}/queues/rx-N`;
    return map("rps", [
      same ? value("cpus", masks[0]?.value ?? "0", `${base}/rps_cpus (every queue)`) : value("cpus", masks.map((m) => m.value), `${base}/rps_cpus per queue`),
      value("flowCnt", flowCnt, `${base}/rps_flow_cnt`),
    ]);
  }

  irq(nics: readonly NicFacts[]): Entry {
    const ib = this.snapshot.irqbalance;
    if (ib.running?.value === true) {
      const e: Entry[] = [value("policy", "irqbalance", ib.running.from)];
      const s: Entry[] = [];
      const cfg = ib.config;
      const cmd = ib.commandLine ?? "";
      const runOpt = (long: string, short: string): string | undefined => new RegExp(`(?:--${long}[= ]|\\s-${short} ?)(\\S+)`).exec(cmd)?.[1];
      const fromCmd = `pgrep -a irqbalance: ${cmd}`;
      const deepestRun = runOpt("deepestcache", "c");
      if (deepestRun !== undefined) s.push(value("deepestcache", Number(deepestRun), fromCmd));
      const intervalRun = runOpt("interval", "t");
      if (intervalRun !== undefined) s.push(value("interval", Number(intervalRun), fromCmd));
      if (/--oneshot|\s-o(\s|$)/.test(cmd)) s.push(value("oneshot", true, fromCmd));
      const has = (key: string): boolean => s.some((x) => x.kind === "value" && x.key === key);
      if (cfg !== null) {
        const banned = cfg.value.get("IRQBALANCE_BANNED_CPULIST");
        if (banned !== undefined) s.push(value("bannedCpus", banned, `${cfg.from}: IRQBALANCE_BANNED_CPULIST`));
        if (cfg.value.has("IRQBALANCE_BANNED_CPUS")) this.warn(`irq.irqbalance: IRQBALANCE_BANNED_CPUS (a mask, ${cfg.from}) is not read; write it as bannedCpus, a CPU list`);
        const args = cfg.value.get("IRQBALANCE_ARGS") ?? "";
        const opt = (long: string, short: string): string | undefined => new RegExp(`(?:--${long}[= ]|-${short} ?)(\\S+)`).exec(args)?.[1];
        const deepest = opt("deepestcache", "c");
        if (deepest !== undefined && !has("deepestcache")) s.push(value("deepestcache", Number(deepest), `${cfg.from}: IRQBALANCE_ARGS`));
        const interval = opt("interval", "t");
        if (interval !== undefined && !has("interval")) s.push(value("interval", Number(interval), `${cfg.from}: IRQBALANCE_ARGS`));
        if (/--oneshot|(^|\s)-o(\s|$)/.test(args) || cfg.value.get("IRQBALANCE_ONESHOT") !== undefined) if (!has("oneshot")) s.push(value("oneshot", true, cfg.from));
        const banirqs = [...args.matchAll(/(?:--banirq[= ]|-i ?)(\d+)/g)].map((m) => Number(m[1]));
        if (banirqs.length > 0) s.push(value("bannedIrqs", banirqs, `${cfg.from}: IRQBALANCE_ARGS (host IRQ numbers, as in nics[].vectors)`));
      }
      if (s.length > 0) e.push(map("irqbalance", s));
      return map("irq", e);
    }
    const runningNote = ib.running === null ? "irqbalance: not known" : `irqbalance not running (${ib.running.from})`;
    const withIrqs = nics.filter((n) => n.queueIrqs.length > 0);
    if (withIrqs.length === 0) {
      this.warn(`irq: no queue vectors of ${nics.map((n) => n.name).join(", ")} in /proc/interrupts (virtual NICs?); using round-robin`);
      return map("irq", [value("policy", "round-robin", `DEFAULT: no NIC queue vectors in /proc/interrupts; ${runningNote}`)]);
    }
    const affinity: Entry[][] = [];
    for (const n of nics) {
      const queues = this.queuesOf(n);
      for (let q = 0; q < queues; q++) {
        const v = n.queueIrqs.find((i) => i.queue === q) ?? n.queueIrqs.find((i) => i.queue === -1);
        if (v === undefined) {
          this.warn(`irq.affinity: ${n.name} rx-${q} has no vector in /proc/interrupts; nicsim keeps the activation default (all CPUs)`);
          affinity.push([value("smp_affinity_list", `0-${this.snapshot.host.cpus.value - 1}`, `DEFAULT: ${n.name} rx-${q}: no vector in /proc/interrupts`)]);
          continue;
        }
        const eff = v.effectiveAffinityList;
        const list = eff !== null && eff.value !== "" ? eff : v.smpAffinityList;
        if (list === null) {
          this.warn(`irq.affinity: /proc/irq/${v.irq}/smp_affinity_list ${this.why(`/proc/irq/${v.irq}/smp_affinity_list`)}; all CPUs assumed`);
          affinity.push([value("smp_affinity_list", `0-${this.snapshot.host.cpus.value - 1}`, `DEFAULT: IRQ ${v.irq} ${v.name}: affinity not read`)]);
          continue;
        }
        const also = list === eff && v.smpAffinityList !== null ? ` (smp_affinity_list ${v.smpAffinityList.value})` : "";
        affinity.push([value("smp_affinity_list", list.value, `${n.name} rx-${q}: IRQ ${v.irq} ${v.name}, ${list.from}${also}`)]);
      }
    }
    return map("irq", [value("policy", "explicit", `the affinity read for each queue vector; ${runningNote}`), items("affinity", affinity)]);
  }

  private queuesCache = new Map<string, number>();

  queuesOf(n: NicFacts): number {
    return this.queuesCache.get(n.name) ?? 1;
  }

  rememberQueues(n: NicFacts): void {
    const ch = n.channels === null ? null : rxQueues(n.channels.value);
    this.queuesCache.set(n.name, ch?.current ?? Math.max(1, n.rxQueues.length));
  }

  kernel(): Entry {
    const s = this.snapshot.sysctls;
    const e: Entry[] = [value("napiWeight", KERNEL_DEFAULTS.napiWeight, "NAPI_POLL_WEIGHT, the drivers' usual weight (not in /proc)")];
    const sysctl = (key: string, name: string, fallback: number, transform: (v: number) => number = (v) => v): void => {
      const v = s.get(name);
      if (v === undefined || !/^\d+$/.test(v.value)) {
        this.warn(`kernel.${key}: /proc/sys/net/core/${name} ${this.why(`/proc/sys/net/core/${name}`)}; using ${fallback}`);
        e.push(value(key, fallback, `DEFAULT: /proc/sys/net/core/${name} not read`));
      } else e.push(value(key, transform(Number(v.value)), v.from));
    };
    sysctl("netdevBudget", "netdev_budget", KERNEL_DEFAULTS.netdevBudget);
    sysctl("netdevBudgetUsecs", "netdev_budget_usecs", KERNEL_DEFAULTS.netdevBudgetUsecs);
    sysctl("maxBacklog", "netdev_max_backlog", KERNEL_DEFAULTS.maxBacklog);
    sysctl("rpsSockFlowEntries", "rps_sock_flow_entries", KERNEL_DEFAULTS.rpsSockFlowEntries);
    const bias = Number(s.get("dev_weight_rx_bias")?.value ?? "1") || 1;
    sysctl("devWeight", "dev_weight", KERNEL_DEFAULTS.devWeight, (v) => v * bias);
    return map("kernel", e);
  }

  traffic(receiver: NicFacts, nicIndex: number, addrs: readonly Address[]): Entry[] {
    const measured = measuredTraffic(this.snapshot, receiver.name);
    const dst = addrs.find((a) => a.dev === receiver.name && a.family === 4) ?? addrs.find((a) => a.dev === receiver.name);
    const family = dst?.family ?? 4;
    const e: Entry[] = [
      value("nic", receiver.name, nicIndex === 0 ? "the NIC that received most" : "given"),
      value("flows", TRAFFIC_DEFAULTS.flows, "ASSUMED: the counters do not tell flows apart"),
      value("src", family === 4 ? "198.18.0.0/15" : "2001:2::/48", "ASSUMED: senders are not in the snapshot (a benchmarking range, RFC 2544 / RFC 5180)"),
      value("dst", dst === undefined ? (family === 4 ? "10.0.0.1" : "fd00::1") : dst.cidr.replace(/\/\d+$/, ""), dst === undefined ? `ASSUMED: ${receiver.name} has no address` : `${receiver.name}'s address (ip -j addr show)`),
    ];
    const protocol = measured?.protocol ?? null;
    e.push(value("protocol", protocol ?? TRAFFIC_DEFAULTS.protocol, protocol === null ? "ASSUMED: /proc/net/snmp shows no UDP or TCP input" : `more ${protocol.toUpperCase()} than ${protocol === "udp" ? "TCP" : "UDP"} input (/proc/net/snmp, ${measured?.basis.startsWith("measured") ? "over the samples" : "since boot"})`));
    const size = measured?.meanBytes ?? null;
    const mtu = Number(this.snapshot.files.text(`fs/sys/class/net/${receiver.name}/mtu`)?.trim() ?? "1500") || 1500;
    if (size === null) e.push(value("size", TRAFFIC_DEFAULTS.size, "ASSUMED: no received bytes in the counters"));
    else if (size > mtu + 18) {
      // GRO/LRO-merged receives: /proc/net/dev counts the merged skbs, not the frames on the wire.
      this.warn(`traffic.size: ${receiver.name} received ${Math.round(size)} bytes per packet on average, more than its MTU ${mtu}: the device merges segments (LRO/GRO); using MTU + 18`);
      e.push(value("size", mtu + 18, `ASSUMED: the mean received size (${Math.round(size)} bytes, ${measured?.basis}) exceeds the MTU: merged segments`));
    } else e.push(value("size", Math.max(60, Math.round(size)), `mean frame, ${measured?.basis} (the size mix is not in the counters)`));
    const pps = measured?.pps ?? 0;
    if (measured === null || pps < 1) {
      const why = measured === null ? "no /proc/net/dev counters for it" : `it received ${pps.toFixed(2)} packets/s`;
      this.warn(`traffic.load: ${why}; set the load to study (ASSUMED 100000 pps)`);
      e.push(map("load", [value("pps", 100000, `ASSUMED: ${why}`)]));
    } else {
      e.push(map("load", [value("pps", Math.round(pps), measured.basis)]));
    }
    return [
      comment("---- traffic: NOT in the snapshot ---------------------------------------------\nA snapshot records the host, not who sends to it. Values marked ASSUMED are nicsim's\nchoices: replace them with the traffic to study; the others come from the counters named."),
      map("traffic", e),
      comment("---- end of traffic ----------------------------------------------------------"),
    ];
  }

  routing(): Entry | null {
    const collector = new DumpCollector(undefined);
    const names = ["ip-j-link.json", "ip-j-addr.json", "ip-j-4-rule.json", "ip-j-6-rule.json", "ip-j-4-route.json", "ip-j-6-route.json"];
    let any = false;
    try {
      for (const name of names) {
        const text = this.snapshot.files.text(`cmd/${name}`);
        if (text === undefined) continue;
        any = collector.add({ source: `cmd/${name}`, text }) || any;
      }
      if (!any) {
        this.warn("routing: no ip -j dumps in the snapshot; no routing section");
        return null;
      }
      const config = importHost(collector.dumps(undefined), 4);
      const devices = config.devices.map((d) => [value("name", d.name), value("state", d.state)]);
      const sysctls = Object.entries(config.sysctls).map(([k, v]) => value(k, String(v)));
      return map("routing", [
        value("family", config.family === 6 ? "inet6" : "inet"),
        items("devices", devices, "ip -j link show"),
        ...(sysctls.length > 0 ? [map("sysctls", sysctls)] : []),
        block("batch", config.batch === "" ? "\n" : config.batch, "rebuilt from ip -j addr/rule/route show (src/routing/import)"),
      ], "from the snapshot's ip -j dumps");
    } catch (error) {
      if (!(error instanceof LoadError)) throw error;
      this.warn(`routing: not imported: ${error.message}`);
      return null;
    }
  }
}

/** Build the scenario of a snapshot; the YAML is validated before it is returned. */
export function importScenario(snapshot: HostSnapshot, options: ImportOptions = {}): ImportedScenario {
  const im = new Importer(snapshot);
  const addrs = addresses(snapshot);
  let nics: NicFacts[];
  if (options.nics !== undefined && options.nics.length > 0) {
    nics = options.nics.map((name) => {
      const n = snapshot.nics.find((x) => x.name === name);
      if (n === undefined) throw new LoadError(snapshot.source, `no NIC ${JSON.stringify(name)} in the snapshot (it has ${snapshot.nics.map((x) => x.name).join(", ") || "none"})`);
      return n;
    });
  } else {
    nics = snapshot.nics.filter((n) => n.operstate !== "down" && addrs.some((a) => a.dev === n.name));
    if (nics.length === 0) nics = [...snapshot.nics];
  }
  if (nics.length === 0) throw new LoadError(snapshot.source, "the snapshot has no NIC (manifest devices is empty)");
  for (const n of nics) im.rememberQueues(n);
  let receiverIndex = 0;
  if (options.receiver !== undefined) {
    receiverIndex = nics.findIndex((n) => n.name === options.receiver);
    if (receiverIndex < 0) throw new LoadError(snapshot.source, `--receiver ${options.receiver}: not among the imported NICs (${nics.map((n) => n.name).join(", ")})`);
  } else {
    let best = -1;
    nics.forEach((n, i) => {
      const pps = measuredTraffic(snapshot, n.name)?.pps ?? 0;
      if (pps > best) {
        best = pps;
        receiverIndex = i;
      }
    });
  }
  const receiver = nics[receiverIndex];
  const host = im.host(receiver);
  const nicEntries = nics.map((n) => im.nic(n, addrs, snapshot.host.cpus.value));
  const irq = im.irq(nics);
  const kernel = im.kernel();
  const traffic = im.traffic(receiver, options.receiver === undefined ? 0 : 1, addrs);
  const routing = im.routing();
  const m = snapshot.manifest;
  const header = [
    `nicsim import: host ${m.get("hostname") ?? "?"} (kernel ${snapshot.host.kernelRelease?.value ?? "?"}), snapshot ${snapshot.source}`,
    `taken ${m.get("started") ?? "?"} by script version ${m.get("script_version") ?? "?"}${m.get("uid") === "0" ? " as root" : m.get("uid") === undefined ? "" : ` as uid ${m.get("uid")}`}.`,
    "Each value says where it was read; DEFAULT marks a value the snapshot lacked, ASSUMED one it cannot know.",
  ];
  if (im.warnings.length > 0) header.push("Warnings:", ...im.warnings.map((w) => `  - ${w}`));
  const entries: Entry[] = [
    comment(header.join("\n")),
    value("profile", "none", "a real host: the cloud plan's caps are not in a snapshot (set ecs and add a bandwidth section to apply them)"),
    host,
    items("nics", nicEntries.map((e) => (e.kind === "map" ? e.entries : [e]))),
    irq,
    kernel,
    ...traffic,
    map("run", [value("duration", "200ms", "nicsim's choice"), value("warmup", "20ms"), value("seed", 1)]),
    ...(routing === null ? [] : [routing]),
  ];
  const yaml = commentedYaml(entries);
  loadScenarioText(yaml, "the imported scenario"); // a scenario nicsim itself refuses is a bug here: it throws
  return { yaml, warnings: im.warnings };
}
