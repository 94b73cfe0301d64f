import type { Nic, Scenario, Traffic } from "../config/scenario.js";
import type { IrqbalanceState } from "../irq/irqbalance/daemon.js";
import { placeQueueIrqs, startIrqbalance } from "../irq/place-queues.js";
import { parseCpuMask } from "../rps/cpumask.js";
import { RfsTables } from "../rps/rfs.js";
import { rpsTargetCpu } from "../rps/rps-map.js";
import { rpsFlowHashes, softwareFlowHashes } from "../rps/skb-hash.js";
import { FIELD_DPORT, FIELD_SPORT } from "../rss/fields.js";
import { parseHashFields, type RssFlowType } from "../rss/fields.js";
import { hashFlowColumns, type HashForm } from "../rss/flow-hash.js";
import { fillIndirection, queueOf } from "../rss/indirection.js";
import { rssKeyBytes } from "../rss/key.js";
import { rssHashProfile } from "../rss/profile.js";
import { generateFlowSet, type FlowSet } from "../traffic/flow-set.js";
import { compileFlowRoutes, type FlowRoutes } from "./flow-routes.js";
import { Prng } from "../traffic/prng.js";
import { compileAppPlan, type AppPlan } from "../app/app-plan.js";
import { coalesces, defersIrqs, type DimProfileTable } from "../config/sections/coalesce.js";
import type { EgressCap, IngressCap, NicIngressCap } from "../config/sections/bandwidth.js";

/**
 * The RSS facts of a job's flow set: the flows (drawn exactly as the engine draws them), the
 * hash and the rx queue of each flow on the receiving NIC. `compilePlan` and `nicsim rss spread`
 * both get them from `compileFlowRss`, so the two cannot disagree.
 */
export interface FlowRss {
  readonly flows: FlowSet;
  /** Index into `scenario.nics` of the receiving NIC. */
  readonly nic: number;
  readonly flowType: RssFlowType;
  /** Hashed fields (`FIELD_*` bits of rss/fields.ts) for that flow type. */
  readonly fields: number;
  /** The hash form the flow set was hashed with (rss/flow-hash.ts). */
  readonly form: HashForm;
  /** The key bytes this job used (the random key drawn from `seed` for `key: random`). */
  readonly key: Uint8Array;
  /** The NIC's indirection table. */
  readonly indir: Uint16Array;
  readonly flowHash: Uint32Array;
  /** rx queue of each flow, numbered within the receiving NIC: `indir[hash mod size]`. */
  readonly flowNicQueue: Int32Array;
}

/**
 * Draw the job's flow set and compute each flow's RSS hash and rx queue: the `traffic` section
 * and the receiving NIC's `rss` (a resolved `Scenario` has both). Cold.
 */
export function compileFlowRss(sections: { readonly traffic: Traffic; readonly nics: readonly Nic[] }, seed: number): FlowRss {
  const { nics, traffic } = sections;
  const flows = generateFlowSet(traffic, new Prng(seed, 0));
  const nic = nics[traffic.nic];
  const rss = nic.rss;
  const flowType: RssFlowType = `${traffic.protocol}${flows.family}`;
  const fields = parseHashFields(rss.fields[flowType]);
  const key = rssKeyBytes(rss.keySpec, seed);
  const profile = rssHashProfile(key, rss.hfunc, fields, rss.inputXfrm);
  const indir = fillIndirection(rss.indir, rss.indirSize, nic.queues);
  const flowHash = new Uint32Array(flows.count);
  const form = hashFlowColumns(profile, flows, flowHash);
  const flowNicQueue = new Int32Array(flows.count);
  for (let f = 0; f < flows.count; f++) flowNicQueue[f] = queueOf(indir, flowHash[f]);
  return { flows, nic: traffic.nic, flowType, fields, form, key, indir, flowHash, flowNicQueue };
}

/**
 * A scenario compiled for one job: every per-flow fact (RSS hash, rx queue, IRQ CPU, RPS CPU)
 * computed once, costs turned from cycles into ns, all in flat typed arrays. Cold code: runs
 * once per job, before the first packet.
 */
export interface Plan {
  readonly cpus: number;
  /** rx queues of all NICs, numbered NIC by NIC (the IRQ vector number). */
  readonly queues: number;
  readonly queueNic: Int32Array;
  /** Queue index within its NIC. */
  readonly queueIndex: Int32Array;
  readonly queueRing: Int32Array;
  /**
   * Per queue, its NIC's interrupt coalescing (config/sections/coalesce.ts): rx-frames (0: no
   * limit; 1: no coalescing, the first packet interrupts at once) and rx-usecs in ns (0 without
   * coalescing).
   */
  readonly queueCoalesceFrames: Int32Array;
  readonly queueCoalesceNs: Float64Array;
  /**
   * Per queue, napi_defer_hard_irqs (empty polls the interrupt stays masked for) and its repoll
   * timer gro_flush_timeout in ns; both 0 when the NIC does not defer.
   */
  readonly queueDeferPolls: Int32Array;
  readonly queueDeferNs: Float64Array;
  /**
   * Per queue, net DIM's rx profile table when its NIC runs adaptive-rx (engine/net-dim.ts), else
   * null; null as a whole when no NIC does.
   */
  readonly queueDimProfiles: readonly (DimProfileTable | null)[] | null;
  /** Some queue coalesces, defers its interrupt or runs net DIM: the engine then keeps per-queue deadlines. */
  readonly coalescing: boolean;
  /** CPU that takes the queue's interrupt and runs its NAPI poll (at the start of the run). */
  readonly queueCpu: Int32Array;
  /**
   * `irq.policy: irqbalance`: the daemon after its first scan, which placed `queueCpu` (its later
   * scans run in the engine: engine/irqbalance-timer.ts); null for the other policies.
   */
  readonly irqbalance: IrqbalanceState | null;
  readonly flows: FlowSet;
  readonly flowHash: Uint32Array;
  /**
   * The hash RPS and RFS steer each flow by (skb_get_hash): the NIC's hash when the driver reports
   * it as an L4 hash, else the stack's software flow hash (rps/skb-hash.ts).
   */
  readonly flowRpsHash: Uint32Array;
  readonly flowQueue: Int32Array;
  /**
   * Steering of each flow: the RPS target CPU, -1 when the flow is processed where it was
   * polled, or RFS_PER_PACKET when RFS decides per packet (then `flowMapCpu` is the fallback).
   */
  readonly flowRpsCpu: Int32Array;
  /** The RPS map's CPU for each flow (-1: no map or hash 0): RFS's fallback. */
  readonly flowMapCpu: Int32Array;
  /** CPU of the application reading each flow (-1: not given). */
  readonly flowAppCpu: Int32Array;
  /** RFS tables, or null when RFS is off for every queue. */
  readonly rfs: RfsTables | null;
  /**
   * The flows' route verdicts (drop cause, lookup time, leaving NIC), or null without a
   * `routing` section: then every packet is delivered at the stack's base cost.
   */
  readonly routes: FlowRoutes | null;
  /** The ingress cap arrivals are policed with before the NIC, or null: none. */
  readonly ingressCap: IngressCap | null;
  /** The receiving NIC's own ingress cap, policing before the instance's, or null: none. */
  readonly nicIngressCap: NicIngressCap | null;
  /** Whether the receiving NIC is the primary one (nics[0]), where the ARP background arrives. */
  readonly receivesOnPrimary: boolean;
  /** The reply stream and the egress shaper it leaves through, or null: none. */
  readonly egressCap: EgressCap | null;
  /**
   * With a reply stream: each flow's egress device (index into `egressCap.devices`: the routing
   * device its replies leave by, or 0, the receiving NIC, without routing; -1: no route).
   */
  readonly replySlot: Int16Array | null;
  /** The application reading the datagrams (`app` section), or null: none is charged. */
  readonly app: AppPlan | null;
  /**
   * Nothing beyond the receive path: no routing section, no bandwidth cap, no application. The step machine then
   * delivers ring packets in its inline loop (simulation.ts `runCpu`), without route or reply checks.
   */
  readonly plain: boolean;
  /** `traffic.bulk`: arrivals come in bursts whose last segment carries PSH (the arrival columns' `push`). */
  readonly bulk: boolean;
  /**
   * GRO of the bulk TCP segments (traffic.bulk on a NIC with `gro: on`; engine/gro-tables.ts), or
   * null. Single-packet TCP messages carry PSH and GRO passes them up alone, as if it were off,
   * so only bulk traffic needs it.
   */
  readonly gro: GroPlan | null;
  readonly costNs: CostNs;
  /**
   * Per CPU: the factor on its per-packet work — 1, or 1 + costs.numaRemotePercent / 100 on a CPU
   * of another NUMA node than the NIC's (when the NIC's node is known).
   */
  readonly cpuWorkFactor: Float64Array;
  /** Per CPU: its NUMA node (an RPS hand-off between nodes costs costNs.rpsCrossNode more). */
  readonly cpuNode: Int32Array;
  /** Per CPU: its physical core, numbered across packages (SMT siblings share one). */
  readonly cpuCore: Int32Array;
  /**
   * Fraction of its solo speed a CPU keeps for a work item it starts while another thread of its
   * core is busy (host.smtSpeed; 1: siblings do not slow each other). See engine/smt-cores.ts.
   */
  readonly smtSpeed: number;
  readonly exponentialCosts: boolean;
  /**
   * The scheduler's slice: how long ksoftirqd and an application thread each run in turn on a
   * CPU. sysctl_sched_base_slice (0.75 ms, kernel/sched/fair.c) scaled like the kernel scales it
   * at boot: × (1 + log2(min(CPUs, 8))) (SCHED_TUNABLESCALING_LOG).
   */
  readonly schedSliceNs: number;
  readonly napiWeight: number;
  readonly netdevBudget: number;
  readonly netdevBudgetNs: number;
  readonly maxBacklog: number;
  readonly devWeight: number;
  readonly warmupNs: number;
  readonly durationNs: number;
}

export interface GroPlan {
  /** Each flow's skb hash when GRO sees it (skb_get_hash_raw): the NIC's hash, 0 when it reports none. */
  readonly flowRxHash: Uint32Array;
  /** Frame bytes of a segment that are not TCP payload. */
  readonly headerBytes: number;
}

export interface CostNs {
  readonly hardIrq: number;
  readonly poll: number;
  readonly driver: number;
  readonly stack: number;
  readonly perByte: number;
  readonly rpsEnqueue: number;
  readonly ipi: number;
  readonly rpsCrossNode: number;
  readonly groPerSegment: number;
}

/** Each CPU's physical core, numbered 0.. in order of first appearance: one per (package, core). */
function physicalCores(cpus: readonly { readonly package: number; readonly core: number }[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(cpus, (cpu) => {
    const key = `${cpu.package}/${cpu.core}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}

/** The NIC each flow's replies leave by: routing's output device, else the receiving NIC (-1: no route or not a NIC). */
function replyNics(routes: FlowRoutes | null, nics: readonly Nic[], receiving: number, flows: number): Int32Array {
  const out = new Int32Array(flows).fill(receiving);
  if (routes === null) return out;
  const nicOf = routes.devices.map((name) => nics.findIndex((n) => n.name === name));
  for (let f = 0; f < flows; f++) out[f] = routes.outDev[f] < 0 ? -1 : nicOf[routes.outDev[f]];
  return out;
}

/** `flowRpsCpu` value of a flow whose target RFS picks per packet. */
export const RFS_PER_PACKET = -2;

export function compilePlan(scenario: Scenario, seed: number): Plan {
  const { host, nics, traffic, costs, kernel, run } = scenario;
  const queues = nics.reduce((sum, nic) => sum + nic.queues, 0);
  const queueNic = new Int32Array(queues);
  const queueIndex = new Int32Array(queues);
  const queueRing = new Int32Array(queues);
  const queueCoalesceFrames = new Int32Array(queues);
  const queueCoalesceNs = new Float64Array(queues);
  const queueDeferPolls = new Int32Array(queues);
  const queueDeferNs = new Float64Array(queues);
  const queueDim: (DimProfileTable | null)[] = [];
  const nicBase: number[] = [];
  let v = 0;
  nics.forEach((nic, n) => {
    nicBase.push(v);
    for (let q = 0; q < nic.queues; q++, v++) {
      queueNic[v] = n;
      queueIndex[v] = q;
      queueRing[v] = nic.ringSize;
      // (1: no coalescing, the first packet interrupts.)
      queueCoalesceFrames[v] = coalesces(nic.coalesce) ? nic.coalesce.rxFrames : 1;
      queueCoalesceNs[v] = coalesces(nic.coalesce) ? nic.coalesce.rxUsecs * 1000 : 0;
      queueDim.push(nic.coalesce.adaptiveRx ? nic.coalesce.dimProfiles : null);
      if (defersIrqs(nic.coalesce)) {
        queueDeferPolls[v] = nic.coalesce.deferHardIrqs;
        queueDeferNs[v] = nic.coalesce.groFlushTimeoutNs;
      }
    }
  });
  const irqSetup = { irq: scenario.irq, host, nics };
  const irqbalance = scenario.irq.policy === "irqbalance" ? startIrqbalance(irqSetup) : null;
  const queueCpu = irqbalance === null ? placeQueueIrqs(irqSetup) : Int32Array.from(irqbalance.cpuOf);

  const { flows, flowHash, flowNicQueue, fields } = compileFlowRss({ traffic, nics }, seed);
  const portsHashed = (fields & (FIELD_SPORT | FIELD_DPORT)) !== 0;
  // The stack's own flow hash, computed once when RPS or the application's replies need it.
  let software: Uint32Array | null = null;
  const softwareHashes = (): Uint32Array => (software ??= softwareFlowHashes(flows, traffic.protocol === "tcp" ? 6 : 17, seed));
  const flowRpsHash = rpsFlowHashes(nics[traffic.nic].rss.hashReport, portsHashed, flowHash, softwareHashes);
  const nic = nics[traffic.nic];
  // One map per rx queue of the receiving NIC (a queue without a mask has the empty map).
  const masks = nic.rps.cpus.map((mask) => parseCpuMask(mask, host.cpus));
  const noMap: number[] = [];
  const rpsMaps = Array.from({ length: nic.queues }, (_, q) => masks[q] ?? noMap);
  const rfsTables = new RfsTables(
    kernel.rpsSockFlowEntries,
    nics.flatMap((n) => new Array<number>(n.queues).fill(n.rps.flowCnt)),
    host.cpus,
  );
  const routes =
    scenario.routing === undefined
      ? null
      : compileFlowRoutes(scenario.routing, flows, { iif: nic.name, protocol: traffic.protocol, nsPerRule: costs.routeRule / host.ghz });
  const app =
    scenario.app === undefined
      ? null
      : compileAppPlan(scenario.app, {
          flows,
          cpus: host.cpus,
          ghz: host.ghz,
          seed,
          softwareHashes,
          nics,
          nicBase,
          flowOutNic: replyNics(routes, nics, traffic.nic, flows.count),
          txCompletionCycles: costs.txCompletion,
        });
  const apps = traffic.appCpus;
  // RFS can only steer flows whose socket records a CPU (sock_rps_record_flow): TCP in
  // ESTABLISHED and connected UDP; an unconnected UDP socket leaves them to plain RPS.
  const recordsCpu = traffic.socket === "connected" && (apps.length > 0 || app !== null);
  const flowQueue = new Int32Array(flows.count);
  const flowRpsCpu = new Int32Array(flows.count);
  const flowMapCpu = new Int32Array(flows.count);
  const flowAppCpu = new Int32Array(flows.count);
  let anyRfs = false;
  for (let f = 0; f < flows.count; f++) {
    const q = flowNicQueue[f];
    const queue = nicBase[traffic.nic] + q;
    flowQueue[f] = queue;
    flowMapCpu[f] = rpsTargetCpu(rpsMaps[q], flowRpsHash[f]);
    flowAppCpu[f] = app !== null ? app.threadCpu[app.flowThread[f]] : apps.length === 0 ? -1 : apps[f % apps.length];
    // RFS can only steer once an application has written the sock flow table, and never a
    // packet with hash 0 (get_rps_cpu skips those).
    const rfs = rfsTables.active(queue) && recordsCpu && flowRpsHash[f] !== 0;
    flowRpsCpu[f] = rfs ? RFS_PER_PACKET : flowMapCpu[f];
    anyRfs ||= rfs;
  }

  const ingressCap = scenario.bandwidth?.ingress ?? null;
  const egressCap = scenario.bandwidth?.egress ?? null;
  const nicIngressCap = scenario.bandwidth?.nicIngress ?? null;
  const replySlot = egressCap === null ? null : routes === null ? new Int16Array(flows.count) : Int16Array.from(routes.outDev);
  const ns = (cycles: number): number => cycles / host.ghz;
  return {
    cpus: host.cpus,
    queues,
    queueNic,
    queueIndex,
    queueRing,
    queueCoalesceFrames,
    queueCoalesceNs,
    queueDeferPolls,
    queueDeferNs,
    queueDimProfiles: nics.some((n) => n.coalesce.adaptiveRx) ? queueDim : null,
    coalescing: nics.some((n) => coalesces(n.coalesce) || defersIrqs(n.coalesce) || n.coalesce.adaptiveRx),
    queueCpu,
    irqbalance,
    flows,
    flowHash,
    flowRpsHash,
    flowQueue,
    flowRpsCpu,
    flowMapCpu,
    flowAppCpu,
    rfs: anyRfs ? rfsTables : null,
    routes,
    ingressCap,
    nicIngressCap,
    receivesOnPrimary: traffic.nic === 0,
    egressCap,
    replySlot,
    app,
    plain: routes === null && ingressCap === null && nicIngressCap === null && egressCap === null && app === null,
    bulk: traffic.bulk !== null,
    gro:
      traffic.bulk === null || !nic.gro
        ? null
        : {
            flowRxHash: nic.rss.hashReport === "none" ? new Uint32Array(flows.count) : Uint32Array.from(flowHash),
            headerBytes: traffic.bulk.frameBytes - traffic.bulk.segment,
          },
    costNs: {
      hardIrq: ns(costs.hardIrq),
      poll: ns(costs.pollOverhead),
      driver: ns(costs.driverPerPacket),
      stack: ns(costs.stackPerPacket),
      perByte: ns(costs.perByte),
      rpsEnqueue: ns(costs.rpsEnqueue),
      ipi: ns(costs.ipi),
      rpsCrossNode: ns(costs.rpsCrossNode),
      groPerSegment: ns(costs.groPerSegment),
    },
    cpuWorkFactor: Float64Array.from(host.topology.cpus, (cpu) =>
      host.topology.nicNode >= 0 && cpu.node !== host.topology.nicNode ? 1 + costs.numaRemotePercent / 100 : 1,
    ),
    cpuNode: Int32Array.from(host.topology.cpus, (cpu) => cpu.node),
    cpuCore: physicalCores(host.topology.cpus),
    smtSpeed: host.smtSpeed,
    exponentialCosts: costs.distribution === "exponential",
    schedSliceNs: 750_000 * (1 + Math.floor(Math.log2(Math.min(host.cpus, 8)))),
    napiWeight: kernel.napiWeight,
    netdevBudget: kernel.netdevBudget,
    netdevBudgetNs: kernel.netdevBudgetNs,
    maxBacklog: kernel.maxBacklog,
    devWeight: kernel.devWeight,
    warmupNs: run.warmupNs,
    durationNs: run.durationNs,
  };
}
