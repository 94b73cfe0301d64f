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
import { readSnapshot } from "../host/read-snapshot.js";
import { rxQueues } from "../host/parse/ethtool-channels.js";
import { placeQueueIrqs } from "../irq/place-queues.js";
import { fillIndirection, formatIndirSpec, type IndirSpec } from "../rss/indirection.js";
import { isMapping } from "../config/paths.js";
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
}

export interface HostState {
  readonly source: string;
  readonly cpus: number;
  readonly nics: readonly HostNic[];
  /** Whether irqbalance runs (null: unknown). */
  readonly irqbalanceRunning: boolean | null;
}

/** The host as a scenario of its current state (one point). */
export function hostFromScenario(scenario: Scenario, source: string): HostState {
  return {
    source,
    cpus: scenario.host.cpus,
    nics: scenario.nics.map((n) => ({ name: n.name, maxQueues: n.maxQueues, queues: n.queues, irqName: null, rpsCpus: n.rps.cpus })),
    irqbalanceRunning: scenario.irq.policy === "irqbalance",
  };
}

/** `eth0-TxRx-3` of queue 3 → `eth0-TxRx-%d`; a name the queue number does not end → null. */
export function irqNameFormat(name: string, queue: number): string | null {
  const action = name.split("@")[0];
  const m = new RegExp(`^(.*\\D)${queue}$`).exec(action);
  return m === null || m[1].includes("%") ? null : `${m[1]}%d`;
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
      };
    }),
    irqbalanceRunning: snap.irqbalance.running?.value ?? null,
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

/** `ethtool -X` arguments for a table spec; a list only when it is a weight fill. */
function ethtoolForm(spec: IndirSpec, table: Uint16Array, queues: number): string {
  if (spec.kind !== "list") return formatIndirSpec(spec);
  const counts = new Array<number>(queues).fill(0);
  for (let i = 0; i < table.length; i++) {
    if (i > 0 && table[i] < table[i - 1]) {
      throw new RolloutError("the indirection table is an explicit list that ethtool -X cannot write (it writes equal N, weight W…, default); give it as weights");
    }
    counts[table[i]]++;
  }
  return `weight ${counts.join(" ")}`;
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

export function planRollout(request: RolloutRequest): Rollout {
  const { chosen, host } = request;
  const index = request.nic === undefined ? chosen.traffic.nic : chosen.nics.findIndex((n) => n.name === request.nic);
  const nic = chosen.nics[index];
  if (nic === undefined) throw new RolloutError(`--nic ${request.nic ?? ""}: the chosen scenario has no such NIC (${chosen.nics.map((n) => n.name).join(", ")})`);
  const hostNic = host.nics.find((n) => n.name === nic.name);
  if (hostNic === undefined) throw new RolloutError(`the host (${host.source}) has no NIC ${nic.name} (it has ${host.nics.map((n) => n.name).join(", ") || "none"})`);
  if (hostNic.maxQueues !== null && nic.queues > hostNic.maxQueues) {
    throw new RolloutError(`${nic.name}: ${nic.queues} queues asked for, but the host's NIC has at most ${hostNic.maxQueues} combined channels`);
  }
  if (host.cpus !== chosen.host.cpus) {
    throw new RolloutError(`the chosen settings are for ${chosen.host.cpus} CPUs but the host has ${host.cpus}; tune a scenario of this host`);
  }
  const table = fillIndirection(nic.rss.indir, nic.rss.indirSize, nic.queues);
  const pins = chosen.irq.policy !== "irqbalance";
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
  const rpsCpus = nic.rps.cpus.length === nic.queues ? nic.rps.cpus : Array.from({ length: nic.queues }, (_, q) => nic.rps.cpus[Math.min(q, nic.rps.cpus.length - 1)]);
  const target: RolloutTarget = {
    nic: nic.name,
    queues: nic.queues,
    indirForm: ethtoolForm(nic.rss.indir, table, nic.queues),
    indirTable: Array.from(table),
    affinity,
    rpsCpus,
    rpsFlowCnt: nic.rps.flowCnt,
    sockFlowEntries: chosen.kernel.rpsSockFlowEntries,
  };
  const irqName = request.irqName ?? hostNic.irqName ?? `${nic.name}-TxRx-%d`;
  if (!/^[^%']*%d[^%']*$/.test(irqName)) throw new RolloutError(`--irq-name "${irqName}": give the queue IRQ name with one %d for the queue number, e.g. eth0-TxRx-%d`);
  const summary = [
    `${nic.name}: combined channels ${hostNic.queues ?? "?"} → ${nic.queues}`,
    `indirection table: ethtool -X ${nic.name} ${target.indirForm}`,
    affinity === null ? "IRQ affinity: left to irqbalance" : `IRQ affinity by queue: ${affinity.join(" ")} (IRQs named ${irqName})`,
    `rps_cpus by queue: ${rpsCpus.join(" ")}; rps_flow_cnt ${target.rpsFlowCnt}; rps_sock_flow_entries ${target.sockFlowEntries}`,
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
