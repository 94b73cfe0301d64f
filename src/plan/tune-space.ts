/**
 * The settings the tuner may change on a host, and the scenario each combination gives.
 *
 * Dimensions (each includes the scenario's own setting, `current`):
 * - `queues`: combined channels of the receiving NIC, 1 … maxQueues (`ethtool -L`);
 * - `irq`: where queue interrupts go — `round-robin`, `numa-local` (cpumask_local_spread on the
 *   NIC's node, as a driver that passes its node; only with a known NIC node), `irqbalance`;
 * - `rps`: rps_cpus of every rx queue — `off`, `all`, `numa-local` (the NIC node's CPUs),
 *   `all-but-irq` (every CPU no queue interrupt lands on), `all-but-app` (every CPU but
 *   `traffic.appCpus`; only when given), `vendor-default` (the cloud image rule);
 * - `indir`: the indirection table — `equal` (`ethtool -X equal N`, the default fill) or
 *   `rebalanced` (rebalance-indirection.ts: `ethtool -X weight …` from the flow set's
 *   per-bucket load);
 * - `rfs`: `off`, or `on` with rps_sock_flow_entries 32768 and rps_flow_cnt = 32768 / queues
 *   (the kernel's scaling.rst suggestion); only when `traffic.appCpus` is given, since RFS
 *   steers to where the application reads.
 * - `coalesce`: rx interrupt coalescing of the receiving NIC — `off`, `8us`, `50us` (`ethtool -C
 *   rx-usecs`, no frame limit); only when the scenario writes the NIC's `coalesce` section, so a
 *   scenario that does not opt in keeps the space (and the documents) it had before coalescing
 *   was modelled.
 *
 * A combination becomes a raw scenario document (the base without its sweep, the settings
 * written where a user would write them) and is validated like any scenario; one the kernel
 * would refuse (e.g. an explicit table naming a queue that no longer exists) is skipped with the
 * reason. Two combinations that resolve to the same host state share one fingerprint.
 */
import { ConfigError } from "../config/errors.js";
import { setNicQueues } from "../config/nic-queues.js";
import { isMapping } from "../config/paths.js";
import type { Scenario } from "../config/scenario.js";
import { validateScenario } from "../config/validate.js";
import { compileFlowRss } from "../engine/plan.js";
import { placeQueueIrqs } from "../irq/place-queues.js";
import { nodeCpus } from "../irq/topology.js";
import { formatCpuMask } from "../rps/cpumask.js";
import { fillIndirection, formatIndirSpec } from "../rss/indirection.js";
import { deriveSeed } from "../traffic/prng.js";
import { balancedWeights, bucketLoads } from "./rebalance-indirection.js";

export const IRQ_CHOICES = ["current", "round-robin", "numa-local", "irqbalance"] as const;
export const RPS_CHOICES = ["current", "off", "all", "numa-local", "all-but-irq", "all-but-app", "vendor-default"] as const;
export const INDIR_CHOICES = ["current", "equal", "rebalanced"] as const;
export const RFS_CHOICES = ["current", "off", "on"] as const;
export const COALESCE_CHOICES = ["current", "off", "8us", "50us"] as const;
const COALESCE_USECS: Record<(typeof COALESCE_CHOICES)[number], number | null> = { current: null, off: 0, "8us": 8, "50us": 50 };

export interface Settings {
  readonly queues: number;
  readonly irq: (typeof IRQ_CHOICES)[number];
  readonly rps: (typeof RPS_CHOICES)[number];
  readonly indir: (typeof INDIR_CHOICES)[number];
  readonly rfs: (typeof RFS_CHOICES)[number];
  /** Present only when the space has the `coalesce` dimension. */
  readonly coalesce?: (typeof COALESCE_CHOICES)[number];
}

export type SettingName = keyof Settings;

export interface Dimension {
  readonly name: SettingName;
  readonly values: readonly (number | string)[];
}

export interface TuneSpace {
  readonly dimensions: readonly Dimension[];
  readonly current: Settings;
  /** Combinations in all (the product of the dimension sizes). */
  readonly size: number;
}

/** What a candidate sets on the host, resolved (what rollout writes). */
export interface AppliedSettings {
  readonly nic: string;
  readonly queues: number;
  readonly irqPolicy: string;
  /** CPU of each rx queue's interrupt at the start (irqbalance: its first placement). */
  readonly irqCpus: readonly number[];
  /** rps_cpus of each rx queue. */
  readonly rpsCpus: readonly string[];
  readonly rpsFlowCnt: number;
  readonly rpsSockFlowEntries: number;
  /** The table, `ethtool -X` form (`equal 4`) or its entries. */
  readonly indir: string;
  readonly indirTable: readonly number[];
  /** rx-usecs and rx-frames of the receiving NIC, with the `coalesce` dimension only. */
  readonly coalesce?: { readonly rxUsecs: number; readonly rxFrames: number };
}

export type Candidate =
  | { readonly ok: true; readonly settings: Settings; readonly document: Record<string, unknown>; readonly scenario: Scenario; readonly applied: AppliedSettings; readonly fingerprint: string }
  | { readonly ok: false; readonly settings: Settings; readonly reason: string };

/**
 * The tuner's space around a scenario (validated `base`); `coalescing`: the scenario writes the
 * receiving NIC's `coalesce` section (`writesCoalescing`), which opts in to that dimension.
 */
export function tuneSpace(base: Scenario, coalescing = false): TuneSpace {
  const nic = base.nics[base.traffic.nic];
  const numa = base.host.topology.nicNode >= 0;
  const app = base.traffic.appCpus.length > 0;
  const dimensions: Dimension[] = [
    { name: "queues", values: Array.from({ length: nic.maxQueues }, (_, i) => i + 1) },
    { name: "irq", values: IRQ_CHOICES.filter((c) => c !== "numa-local" || numa) },
    { name: "rps", values: RPS_CHOICES.filter((c) => (c !== "numa-local" || numa) && (c !== "all-but-app" || app)) },
    { name: "indir", values: [...INDIR_CHOICES] },
    ...(app ? [{ name: "rfs" as const, values: [...RFS_CHOICES] }] : []),
    ...(coalescing ? [{ name: "coalesce" as const, values: [...COALESCE_CHOICES] }] : []),
  ];
  return {
    dimensions,
    current: { queues: nic.queues, irq: "current", rps: "current", indir: "current", rfs: "current", ...(coalescing ? { coalesce: "current" as const } : {}) },
    size: dimensions.reduce((p, d) => p * d.values.length, 1),
  };
}

/** Whether the raw scenario writes the `coalesce` section of its receiving NIC (`traffic.nic`, default 0). */
export function writesCoalescing(raw: Readonly<Record<string, unknown>>, base: Scenario): boolean {
  const nics = Array.isArray(raw.nics) ? (raw.nics as unknown[]) : [];
  const nic = nics[base.traffic.nic];
  return isMapping(nic) && nic.coalesce !== undefined;
}

/** `queues=4 irq=numa-local rps=all-but-irq indir=current rfs=current` (then `coalesce=8us` with that dimension). */
export function settingsLabel(s: Settings): string {
  return `queues=${s.queues} irq=${s.irq} rps=${s.rps} indir=${s.indir} rfs=${s.rfs}${s.coalesce === undefined ? "" : ` coalesce=${s.coalesce}`}`;
}

/** The settings that differ from `current`, as `rps current→all-but-irq`. */
export function changesFrom(current: Settings, s: Settings): string[] {
  return (Object.keys(current) as SettingName[]).filter((k) => current[k] !== s[k]).map((k) => `${k} ${String(current[k])}→${String(s[k])}`);
}

const mapping = (x: unknown): Record<string, unknown> => (isMapping(x) ? { ...x } : {});
const pow2Floor = (x: number): number => 2 ** Math.floor(Math.log2(Math.max(1, x)));
export const RFS_SOCK_FLOW_ENTRIES = 32768;

function except(all: number, out: readonly number[]): number[] {
  const gone = new Set(out);
  return Array.from({ length: all }, (_, c) => c).filter((c) => !gone.has(c));
}

/** The rx queue vectors of NIC `n` (vectors are numbered NIC by NIC). */
function nicVectors(s: Scenario, n: number): { first: number; count: number } {
  const first = s.nics.slice(0, n).reduce((a, x) => a + x.queues, 0);
  return { first, count: s.nics[n].queues };
}

/**
 * The candidate of `settings` on `raw` (no sweep). `seed` picks the flow set a rebalanced table
 * is fitted to: the one replication 0 draws (probe-runner.ts seeds configuration 0).
 */
export function buildCandidate(raw: Readonly<Record<string, unknown>>, base: Scenario, settings: Settings, seed: number): Candidate {
  try {
    return build(raw, base, settings, seed);
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, settings, reason: error.message };
    throw error;
  }
}

function build(raw: Readonly<Record<string, unknown>>, base: Scenario, settings: Settings, seed: number): Candidate {
  const n = base.traffic.nic;
  const doc = structuredClone(raw) as Record<string, unknown>;
  delete doc.sweep;
  const nics = (Array.isArray(doc.nics) ? doc.nics : []).map(mapping);
  doc.nics = nics;
  const nic = nics[n];
  const q = settings.queues;
  setNicQueues(nic, q);

  const irq = mapping(doc.irq);
  if (settings.irq !== "current") {
    delete irq.affinity;
    delete irq.driverHintNode;
    if (settings.irq === "numa-local") Object.assign(irq, { policy: "driver-hint", driverHintNode: "nic" });
    else irq.policy = settings.irq;
    doc.irq = irq;
  }
  if (settings.indir === "equal") nic.rss = { ...mapping(nic.rss), indir: `equal ${q}` };
  const usecs = settings.coalesce === undefined ? null : COALESCE_USECS[settings.coalesce];
  if (usecs !== null) nic.coalesce = { ...mapping(nic.coalesce), rxUsecs: usecs, rxFrames: 0 };
  const kernel = mapping(doc.kernel);
  let flowCnt: number | undefined;
  if (settings.rfs !== "current") {
    kernel.rpsSockFlowEntries = settings.rfs === "on" ? RFS_SOCK_FLOW_ENTRIES : 0;
    doc.kernel = kernel;
    flowCnt = settings.rfs === "on" ? pow2Floor(RFS_SOCK_FLOW_ENTRIES / q) : 0;
  }

  // The interrupts' CPUs decide `all-but-irq`; the placement does not depend on rps_cpus.
  const placed = validateScenario(doc);
  const cpus = base.host.cpus;
  const { first, count } = nicVectors(placed, n);
  const irqCpus = Array.from(placeQueueIrqs(placed).subarray(first, first + count));
  if (settings.rps !== "current" || flowCnt !== undefined) {
    const rps: Record<string, unknown> = isMapping(nic.rps) ? { ...nic.rps } : typeof nic.rps === "string" ? { cpus: nic.rps } : {};
    if (settings.rps !== "current") {
      const set =
        settings.rps === "off" ? [] :
        settings.rps === "all" ? except(cpus, []) :
        settings.rps === "numa-local" ? nodeCpus(base.host.topology, base.host.topology.nicNode) :
        settings.rps === "all-but-irq" ? except(cpus, irqCpus) :
        settings.rps === "all-but-app" ? except(cpus, base.traffic.appCpus) :
        undefined;
      if (set !== undefined && set.length === 0 && settings.rps !== "off") throw new ConfigError("rps", `${settings.rps} leaves no CPU`);
      rps.cpus = set === undefined ? "vendor-default" : set.length === 0 ? "0" : formatCpuMask(set, cpus);
    }
    if (flowCnt !== undefined) rps.flowCnt = flowCnt;
    nic.rps = rps;
  }
  if (settings.indir === "rebalanced") {
    const before = validateScenario(doc);
    const rss = compileFlowRss(before, deriveSeed(seed, 0, 0));
    const weights = before.traffic.weights.kind === "uniform" ? null : zipfWeights(rss.flowHash.length, before.traffic.weights.s);
    const split = balancedWeights(bucketLoads(rss.flowHash, weights, rss.indir.length), q);
    nic.rss = { ...mapping(nic.rss), indir: `weight ${split.join(" ")}` };
  }
  const scenario = validateScenario(doc);
  const final = scenario.nics[n];
  const indirTable = Array.from(fillIndirection(final.rss.indir, final.rss.indirSize, q));
  const applied: AppliedSettings = {
    nic: final.name,
    queues: q,
    irqPolicy: scenario.irq.policy === "driver-hint" && scenario.irq.driverHintNode === "nic" ? "numa-local" : scenario.irq.policy,
    irqCpus,
    rpsCpus: final.rps.cpus,
    rpsFlowCnt: final.rps.flowCnt,
    rpsSockFlowEntries: scenario.kernel.rpsSockFlowEntries,
    indir: final.rss.indir.kind === "list" ? "list" : formatIndirSpec(final.rss.indir),
    indirTable,
    ...(settings.coalesce === undefined ? {} : { coalesce: { rxUsecs: final.coalesce.rxUsecs, rxFrames: final.coalesce.rxFrames } }),
  };
  const fingerprint = JSON.stringify({ ...applied, indir: undefined });
  return { ok: true, settings, document: doc, scenario, applied, fingerprint };
}

/** Expected share weight of flow k under Zipf(s), as traffic/packet-source.ts draws flows. */
function zipfWeights(flows: number, s: number): Float64Array {
  const w = new Float64Array(flows);
  for (let k = 0; k < flows; k++) w[k] = Math.pow(k + 1, -s);
  return w;
}
