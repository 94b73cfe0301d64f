/**
 * `rollout`: from a chosen scenario (a tune document's winner, or a scenario file) and the
 * host's current state (a scenario describing it — what `nicsim import` writes — or a snapshot
 * directory), the rollout script and a summary of what it changes.
 *
 * Checks made before writing anything: the NIC exists on the host, it has the channels asked
 * for, the CPU count matches the one the masks were made for, the table is one `ethtool -X` can
 * write, and a running irqbalance is handled (`ban-irqs` or `stop`) when the script pins IRQs.
 */
import { statSync } from "node:fs";
import { ConfigError, LoadError } from "../config/errors.js";
import { loadScenarioFile } from "../config/load.js";
import type { Scenario, ScenarioFile } from "../config/scenario.js";
import { expandSweep } from "../config/sweep.js";
import { readSnapshot, type Sourced } from "../host/read-snapshot.js";
import type { EthtoolRxfh } from "../host/parse/ethtool-rxfh.js";
import { rxQueues } from "../host/parse/ethtool-channels.js";
import { placeQueueIrqs } from "../irq/place-queues.js";
import { fillIndirection, formatIndirSpec, IndirSpecError, type IndirSpec } from "../rss/indirection.js";
import { isMapping } from "../config/paths.js";
import { coalesces, type Coalesce } from "../config/sections/coalesce.js";
import { ethtoolWordsFor } from "./indir-ethtool-words.js";
import { TUNE_KIND } from "./tune-model.js";
import { rolloutScript, type IrqbalanceHandling, type RolloutTarget } from "./rollout-script.js";

export class RolloutError extends Error {
  override readonly name = "RolloutError";
}

export interface HostNic {
  readonly name: string;
  readonly maxQueues: number | null;
  readonly queues: number | null;
  /** The IRQ name of its queues as a printf format (`eth0-TxRx-%d`), when the host shows it. */
  readonly irqName: string | null;
  readonly rpsCpus: readonly string[];
  /**
   * The NIC's indirection table size as the host shows it (`ethtool -x`): entries, or "none"
   * when the NIC has no table ethtool can read or write; null when the host's description does
   * not say (a snapshot without `ethtool -x`).
   */
  readonly indirSize: number | "none" | null;
  /** Where indirSize was read, for messages: `ethtool -x eth0`, `host.yaml nics[0].rss.indirSize`. */
  readonly indirFrom: string;
  /** The channels that carry its rx queues (`ethtool -l`): combined, or rx-only as veth has; null: unknown. */
  readonly channelKind: "combined" | "rx" | null;
  /** Its rx queue vectors found in /proc/interrupts (0: none, as veth; null: unknown). */
  readonly queueIrqs: number | null;
  /** Its rx coalescing (`ethtool -c`; a field null where it shows n/a), or null: unknown. */
  readonly coalesce: HostCoalesce | null;
  /** napi_defer_hard_irqs and gro_flush_timeout (ns), or null: unknown. */
  readonly defer: { readonly polls: number; readonly timeoutNs: number } | null;
  /** Where coalesce was read, for messages. */
  readonly coalesceFrom: string;
}

export interface HostCoalesce {
  readonly adaptive: "on" | "off" | null;
  readonly rxUsecs: number | null;
  readonly rxFrames: number | null;
}

export interface HostState {
  readonly source: string;
  readonly cpus: number;
  readonly nics: readonly HostNic[];
  /** Whether irqbalance runs (null: unknown). */
  readonly irqbalanceRunning: boolean | null;
  /**
   * Whether /proc/sys/net/core/rps_sock_flow_entries is there to read and write (null: unknown).
   * Inside a network namespace it is not: the sysctl belongs to the initial namespace.
   */
  readonly sockFlowSysctl: boolean | null;
}

/** The host as a scenario of its current state (one point). */
export function hostFromScenario(scenario: Scenario, source: string): HostState {
  return {
    source,
    cpus: scenario.host.cpus,
    nics: scenario.nics.map((n, i) => ({
      name: n.name,
      maxQueues: n.maxQueues,
      queues: n.queues,
      irqName: null,
      rpsCpus: n.rps.cpus,
      indirSize: n.rss.indirSize,
      indirFrom: `${source} nics[${i}].rss.indirSize`,
      channelKind: null,
      queueIrqs: null,
      coalesce: { adaptive: "off", rxUsecs: n.coalesce.rxUsecs, rxFrames: n.coalesce.rxFrames },
      defer: { polls: n.coalesce.deferHardIrqs, timeoutNs: n.coalesce.groFlushTimeoutNs },
      coalesceFrom: `${source} nics[${i}].coalesce`,
    })),
    irqbalanceRunning: scenario.irq.policy === "irqbalance",
    sockFlowSysctl: true,
  };
}

/** `eth0-TxRx-3` of queue 3 → `eth0-TxRx-%d`; a name the queue number does not end → null. */
export function irqNameFormat(name: string, queue: number): string | null {
  const action = name.split("@")[0];
  const m = new RegExp(`^(.*\\D)${queue}$`).exec(action);
  return m === null || m[1].includes("%") ? null : `${m[1]}%d`;
}

/**
 * The table size `ethtool -x` showed: its entries; "none" when the NIC has no table (the part
 * reads "Operation not supported", or the command failed so, as on veth); null when the
 * snapshot does not say.
 */
function snapshotIndirSize(rxfh: Sourced<EthtoolRxfh> | null, dev: string, whyNotRead: string | undefined): Pick<HostNic, "indirSize" | "indirFrom"> {
  const cmd = `ethtool -x ${dev}`;
  if (rxfh === null) {
    if (whyNotRead !== undefined && /not supported/i.test(whyNotRead)) return { indirSize: "none", indirFrom: `${cmd}: ${whyNotRead.trim()}` };
    return { indirSize: null, indirFrom: `${cmd} (${whyNotRead === undefined ? "not in the snapshot" : `not read: ${whyNotRead.trim()}`})` };
  }
  const table = rxfh.value.table;
  return { indirSize: table === null || table.length === 0 ? "none" : table.length, indirFrom: rxfh.from };
}

const SOCK_FLOW_SYSCTL = "/proc/sys/net/core/rps_sock_flow_entries";

/**
 * The value the kernel keeps and shows back for an RFS table size: the next power of two
 * (net/core/net-sysfs.c store_rps_dev_flow_table_cnt for rps_flow_cnt, net/core/sysctl_net_core.c
 * rps_sock_flow_sysctl for rps_sock_flow_entries); 0 stays 0. Writing it so keeps a second run
 * from writing again.
 */
export function rfsTableSize(entries: number): number {
  if (entries <= 1) return entries;
  let size = 1;
  while (size < entries) size *= 2;
  return size;
}

function snapshotCoalesce(c: ReadonlyMap<string, string>): HostCoalesce {
  const count = (key: string): number | null => {
    const v = c.get(key);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const adaptive = c.get("adaptive-rx");
  return { adaptive: adaptive === "on" || adaptive === "off" ? adaptive : null, rxUsecs: count("rx-usecs"), rxFrames: count("rx-frames") };
}

export function hostFromSnapshot(path: string): HostState {
  const snap = readSnapshot(path);
  return {
    source: path,
    cpus: snap.host.cpus.value,
    nics: snap.nics.map((n) => {
      const channels = n.channels === null ? null : rxQueues(n.channels.value);
      const first = n.queueIrqs.find((q) => q.kind !== "shared");
      return {
        name: n.name,
        maxQueues: channels?.max ?? null,
        queues: channels?.current ?? null,
        irqName: first === undefined ? null : irqNameFormat(first.name, first.queue),
        rpsCpus: n.rxQueues.map((q) => q.rpsCpus?.value ?? "?"),
        ...snapshotIndirSize(n.rxfh, n.name, snap.files.whyNotRead(`ethtool -x ${n.name}`)),
        channelKind: n.channels === null ? null : n.channels.value.max.combined !== null ? "combined" : n.channels.value.max.rx !== null ? "rx" : null,
        queueIrqs: snap.interrupts === null ? null : n.queueIrqs.filter((q) => q.kind !== "shared").length,
        coalesce: n.coalesce === null ? null : snapshotCoalesce(n.coalesce.value),
        defer: n.deferHardIrqs === null || n.groFlushTimeoutNs === null ? null : { polls: n.deferHardIrqs.value, timeoutNs: n.groFlushTimeoutNs.value },
        coalesceFrom: n.coalesce?.from ?? `ethtool -c ${n.name} (not in the snapshot)`,
      };
    }),
    irqbalanceRunning: snap.irqbalance.running?.value ?? null,
    sockFlowSysctl: snap.sysctls.has("rps_sock_flow_entries")
      ? true
      : /absent/.test(snap.files.whyNotRead(SOCK_FLOW_SYSCTL) ?? "")
        ? false
        : null,
  };
}

/** Reads a scenario file (the CLI passes its own, which prints the file's notices). */
export type ScenarioLoader = (path: string) => ScenarioFile;

/** `--host PATH`: a snapshot directory, or a scenario file of the host as it is. */
export function readHost(path: string, load: ScenarioLoader = loadScenarioFile): HostState {
  let dir = false;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    throw new LoadError(path, "no such file or directory");
  }
  if (dir) return hostFromSnapshot(path);
  const file = load(path);
  if (file.points.length !== 1) throw new ConfigError("sweep", `${path} describes a host as it is: it cannot have a sweep`);
  return hostFromScenario(file.points[0].scenario, path);
}

/** `--from PATH`: a tune document (its best scenario) or a scenario file of one point. */
export function readChosen(path: string, text: string, load: ScenarioLoader = loadScenarioFile): { scenario: Scenario; what: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (isMapping(doc) && doc.kind === TUNE_KIND) {
    if (!isMapping(doc.bestScenario)) throw new LoadError(path, "the tune document has no best scenario (no candidate could be simulated)");
    const ranking = Array.isArray(doc.ranking) ? doc.ranking : [];
    const best = isMapping(ranking[0]) && isMapping(ranking[0].settings) ? Object.entries(ranking[0].settings).map(([k, v]) => `${k}=${String(v)}`).join(" ") : "best";
    return { scenario: expandSweep(doc.bestScenario)[0].scenario, what: `${path} (tune's best: ${best})` };
  }
  const file = load(path);
  if (file.points.length !== 1) throw new ConfigError("sweep", `${path} has ${file.points.length} sweep points; rollout applies one setting (remove the sweep)`);
  return { scenario: file.points[0].scenario, what: path };
}

/** `ethtool -X` arguments for a table spec; a list only when an ethtool fill gives it. */
function ethtoolForm(spec: IndirSpec, table: Uint16Array, queues: number): string {
  if (spec.kind !== "list") return formatIndirSpec(spec);
  const words = ethtoolWordsFor(table, queues);
  if (words === null) {
    throw new RolloutError("the indirection table is an explicit list that ethtool -X cannot write (it writes default, equal N, start S equal N, weight W…); give it as one of those");
  }
  return words;
}

/** The table the rollout writes, at the host's table size, and what to tell about it. */
interface TablePlan {
  /** `ethtool -X` arguments, or null to leave the NIC's table alone (it has none). */
  readonly form: string | null;
  readonly table: readonly number[];
  readonly line: string;
}

function isDefaultSpread(spec: IndirSpec, queues: number): boolean {
  return spec.kind === "default" || (spec.kind === "equal" && spec.start === 0 && spec.count === queues);
}

/**
 * The chosen table at the size the host's NIC has (`ethtool -x`), since ethtool fills
 * `equal`/`weight` over the device's own table. A weight or list table tuned at another size
 * carried other buckets, so it is refused; a default or equal spread means the same at any size.
 * A NIC without a table keeps none (the default spread is all it can have).
 */
function planTable(spec: IndirSpec, chosenSize: number, queues: number, dev: string, hostNic: HostNic): TablePlan {
  const shown = spec.kind === "list" ? "an explicit table" : formatIndirSpec(spec);
  if (hostNic.indirSize === "none") {
    if (!isDefaultSpread(spec, queues)) throw new RolloutError(`the chosen table (${shown}) cannot be set: ${dev} has no indirection table (${hostNic.indirFrom})`);
    return { form: null, table: [], line: `indirection table: none on ${dev} (${hostNic.indirFrom}); left alone` };
  }
  const size = hostNic.indirSize ?? chosenSize;
  if (size !== chosenSize && (spec.kind === "weight" || spec.kind === "list")) {
    throw new RolloutError(
      `the chosen table (${shown}) was made for ${chosenSize} entries but ${hostNic.indirFrom} shows ${size}; tune a scenario of this host (nicsim import writes its table size)`,
    );
  }
  let table: Uint16Array;
  try {
    table = fillIndirection(spec, size, queues);
  } catch (error) {
    if (error instanceof IndirSpecError) throw new RolloutError(`the chosen table (${shown}) does not fit ${dev}'s ${size}-entry table: ${error.message}`);
    throw error;
  }
  const form = ethtoolForm(spec, table, queues);
  const where =
    hostNic.indirSize === null
      ? `; ${size} entries assumed (the chosen scenario's): ${hostNic.indirFrom}, the script refuses another size`
      : size === chosenSize
        ? `; ${size} entries (${hostNic.indirFrom})`
        : `; ${size} entries (${hostNic.indirFrom}; the chosen scenario simulated ${chosenSize})`;
  return { form, table: Array.from(table), line: `indirection table: ethtool -X ${dev} ${form}${where}` };
}

export interface RolloutRequest {
  readonly chosen: Scenario;
  readonly chosenFrom: string;
  readonly host: HostState;
  /** The NIC to move (default: the one the chosen scenario's traffic arrives on). */
  readonly nic?: string;
  readonly irqbalance?: IrqbalanceHandling;
  /** Overrides the IRQ name format. */
  readonly irqName?: string;
  readonly generator: string;
}

export interface Rollout {
  readonly script: string;
  readonly target: RolloutTarget;
  /** What changes, for people: `queues 8 → 4`, … */
  readonly summary: readonly string[];
}

/** `1024`, or `1024 (1000 rounded up as the kernel does)`. */
function rfsLine(entries: number): string {
  const size = rfsTableSize(entries);
  return size === entries ? String(size) : `${size} (${entries} rounded up as the kernel does)`;
}

/** rps_sock_flow_entries to write, or null to leave it to a host that does not show it (RFS off only). */
function sockFlowEntries(wanted: number, host: HostState): number | null {
  if (host.sockFlowSysctl !== false) return rfsTableSize(wanted);
  if (wanted === 0) return null;
  throw new RolloutError(
    `rps_sock_flow_entries ${wanted} asked for, but ${host.source} has no ${SOCK_FLOW_SYSCTL} (inside a network namespace it belongs to the initial one); set it on the host, or choose settings with RFS off`,
  );
}

/**
 * The rx coalescing the script sets, or null to leave the NIC's alone: it sets it when the chosen
 * settings differ from the host's (a host that runs adaptive-rx differs from every fixed
 * setting), or, the host's unknown, when they are not "no coalescing". A host showing rx-usecs
 * 0 or n/a counts as none (config/sections/coalesce.ts).
 * The summary line says what it sets, or the host's coalescing kept; none kept says nothing.
 */
function planCoalesce(chosen: Coalesce, host: HostNic, dev: string): { target: RolloutTarget["coalesce"]; line: string | null } {
  const want = `rx-usecs ${chosen.rxUsecs} rx-frames ${chosen.rxFrames}`;
  const set = { adaptive: "off" as const, rxUsecs: chosen.rxUsecs, rxFrames: chosen.rxFrames };
  const h = host.coalesce;
  if (h === null) {
    if (!coalesces(chosen)) return { target: null, line: null };
    return { target: set, line: `coalescing: ethtool -C ${dev} adaptive-rx off ${want} (the host's: ${host.coalesceFrom})` };
  }
  for (const [key, wanted, off] of [["rx-usecs", chosen.rxUsecs, 0], ["rx-frames", chosen.rxFrames, 0]] as const) {
    const has = key === "rx-usecs" ? h.rxUsecs : h.rxFrames;
    if (has === null && wanted !== off) throw new RolloutError(`${dev} has no ${key} (${host.coalesceFrom} shows n/a); the chosen settings need ${key} ${wanted}`);
  }
  const usecs = h.rxUsecs ?? 0;
  const frames = h.rxFrames ?? 0;
  const none = !coalesces({ rxUsecs: usecs, rxFrames: frames });
  const same = h.adaptive !== "on" && (none ? !coalesces(chosen) : usecs === chosen.rxUsecs && frames === chosen.rxFrames);
  const shown = `${h.adaptive === null ? "" : `adaptive-rx ${h.adaptive}, `}rx-usecs ${h.rxUsecs ?? "n/a"}, rx-frames ${h.rxFrames ?? "n/a"}`;
  if (same) return { target: null, line: none ? null : `coalescing: ${want}, as the host has (${host.coalesceFrom})` };
  return { target: set, line: `coalescing: ethtool -C ${dev}${h.adaptive === "on" ? " adaptive-rx off" : ""} ${want} (now ${shown}: ${host.coalesceFrom})` };
}

/** napi_defer_hard_irqs and gro_flush_timeout to write, or null to leave them (the same, or unknown and off). */
function planDefer(chosen: Coalesce, host: HostNic): { target: RolloutTarget["defer"]; line: string | null } {
  const want = { polls: chosen.deferHardIrqs, timeoutNs: chosen.groFlushTimeoutNs };
  const shown = `napi_defer_hard_irqs ${want.polls}, gro_flush_timeout ${want.timeoutNs} ns`;
  const h = host.defer;
  const off = want.polls === 0 && want.timeoutNs === 0;
  if (h === null ? off : h.polls === want.polls && h.timeoutNs === want.timeoutNs) {
    return { target: null, line: off ? null : `deferred interrupts: ${shown}, as the host has` };
  }
  return { target: want, line: `deferred interrupts: ${shown}${h === null ? "" : ` (now ${h.polls}, ${h.timeoutNs} ns)`}` };
}

export function planRollout(request: RolloutRequest): Rollout {
  const { chosen, host } = request;
  const index = request.nic === undefined ? chosen.traffic.nic : chosen.nics.findIndex((n) => n.name === request.nic);
  const nic = chosen.nics[index];
  if (nic === undefined) throw new RolloutError(`--nic ${request.nic ?? ""}: the chosen scenario has no such NIC (${chosen.nics.map((n) => n.name).join(", ")})`);
  const hostNic = host.nics.find((n) => n.name === nic.name);
  if (hostNic === undefined) throw new RolloutError(`the host (${host.source}) has no NIC ${nic.name} (it has ${host.nics.map((n) => n.name).join(", ") || "none"})`);
  if (hostNic.maxQueues !== null && nic.queues > hostNic.maxQueues) {
    throw new RolloutError(`${nic.name}: ${nic.queues} queues asked for, but the host's NIC has at most ${hostNic.maxQueues} ${hostNic.channelKind ?? "combined"} channels`);
  }
  if (host.cpus !== chosen.host.cpus) {
    throw new RolloutError(`the chosen settings are for ${chosen.host.cpus} CPUs but the host has ${host.cpus}; tune a scenario of this host`);
  }
  const table = planTable(nic.rss.indir, nic.rss.indirSize, nic.queues, nic.name, hostNic);
  // No queue vector to pin (veth; a NIC whose vectors the snapshot did not find): the IRQs are left
  // alone unless --irq-name says how they are named.
  const noVectors = hostNic.queueIrqs === 0 && request.irqName === undefined;
  const pins = chosen.irq.policy !== "irqbalance" && !noVectors;
  let affinity: string[] | null = null;
  if (pins) {
    const first = chosen.nics.slice(0, index).reduce((a, n) => a + n.queues, 0);
    affinity = Array.from(placeQueueIrqs(chosen).subarray(first, first + nic.queues), String);
  }
  const handling = request.irqbalance ?? "refuse";
  if (pins && host.irqbalanceRunning === true && handling === "refuse") {
    throw new RolloutError(
      `irqbalance runs on the host (${host.source}) and would move the IRQs this rollout pins; pass --irqbalance ban-irqs (ban them with --banirq) or --irqbalance stop`,
    );
  }
  const coalescing = planCoalesce(nic.coalesce, hostNic, nic.name);
  const deferral = planDefer(nic.coalesce, hostNic);
  const rpsCpus = nic.rps.cpus.length === nic.queues ? nic.rps.cpus : Array.from({ length: nic.queues }, (_, q) => nic.rps.cpus[Math.min(q, nic.rps.cpus.length - 1)]);
  const target: RolloutTarget = {
    nic: nic.name,
    queues: nic.queues,
    cpus: chosen.host.cpus,
    indirForm: table.form,
    indirTable: table.table,
    affinity,
    rpsCpus,
    rpsFlowCnt: rfsTableSize(nic.rps.flowCnt),
    sockFlowEntries: sockFlowEntries(chosen.kernel.rpsSockFlowEntries, host),
    coalesce: coalescing.target,
    defer: deferral.target,
  };
  const irqName = request.irqName ?? hostNic.irqName ?? `${nic.name}-TxRx-%d`;
  if (!/^[^%']*%d[^%']*$/.test(irqName)) throw new RolloutError(`--irq-name "${irqName}": give the queue IRQ name with one %d for the queue number, e.g. eth0-TxRx-%d`);
  const summary = [
    `${nic.name}: ${hostNic.channelKind ?? "combined"} channels ${hostNic.queues ?? "?"} → ${nic.queues}`,
    table.line,
    ...(coalescing.line === null ? [] : [coalescing.line]),
    ...(deferral.line === null ? [] : [deferral.line]),
    affinity !== null
      ? `IRQ affinity by queue: ${affinity.join(" ")} (IRQs named ${irqName})`
      : noVectors
        ? `IRQ affinity: none to set (${host.source} shows no queue interrupts of ${nic.name} in /proc/interrupts; --irq-name FORMAT names them)`
        : "IRQ affinity: left to irqbalance",
    `rps_cpus by queue: ${rpsCpus.join(" ")}; rps_flow_cnt ${rfsLine(nic.rps.flowCnt)}; rps_sock_flow_entries ${
      target.sockFlowEntries === null ? `left alone (${host.source} has no ${SOCK_FLOW_SYSCTL}: a network namespace shows none)` : rfsLine(chosen.kernel.rpsSockFlowEntries)
    }`,
    `irqbalance: ${host.irqbalanceRunning === true ? (pins ? handling : "runs; the IRQs are left to it") : host.irqbalanceRunning === false ? "not running" : `unknown; if it runs the script ${pins ? (handling === "refuse" ? "refuses" : handling) : "leaves the IRQs to it"}`}`,
  ];
  const script = rolloutScript(target, {
    irqName,
    irqbalance: handling,
    about: [
      `Written by ${request.generator} rollout: moves ${nic.name} of the host ${host.source} to the settings of ${request.chosenFrom}.`,
      ...summary,
    ],
  });
  return { script, target, summary };
}
