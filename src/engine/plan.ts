import type { Scenario } from "../config/scenario.js";
import { placeIrqs } from "../irq/placement.js";
import { parseCpuMask } from "../rps/cpumask.js";
import { rpsTargetCpu } from "../rps/rps-map.js";
import { defaultIndirection, queueOf } from "../rss/indirection.js";
import { hashIpv4Ports, hashIpv6Ports, toeplitzTable } from "../rss/toeplitz.js";
import { generateFlowSet, type FlowSet } from "../traffic/flow-set.js";
import { Prng } from "../traffic/prng.js";

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
  /** CPU that takes the queue's interrupt and runs its NAPI poll. */
  readonly queueCpu: Int32Array;
  readonly flows: FlowSet;
  readonly flowHash: Uint32Array;
  readonly flowQueue: Int32Array;
  /** RPS target CPU per flow, or -1 when the flow is processed where it was polled. */
  readonly flowRpsCpu: Int32Array;
  readonly costNs: CostNs;
  readonly exponentialCosts: boolean;
  readonly napiWeight: number;
  readonly netdevBudget: number;
  readonly netdevBudgetNs: number;
  readonly maxBacklog: number;
  readonly devWeight: number;
  readonly warmupNs: number;
  readonly durationNs: number;
}

export interface CostNs {
  readonly hardIrq: number;
  readonly poll: number;
  readonly driver: number;
  readonly stack: number;
  readonly perByte: number;
  readonly rpsEnqueue: number;
  readonly ipi: number;
}

export function compilePlan(scenario: Scenario, seed: number): Plan {
  const { host, nics, traffic, costs, kernel, run } = scenario;
  const queues = nics.reduce((sum, nic) => sum + nic.queues, 0);
  const queueNic = new Int32Array(queues);
  const queueIndex = new Int32Array(queues);
  const queueRing = new Int32Array(queues);
  const nicBase: number[] = [];
  let v = 0;
  nics.forEach((nic, n) => {
    nicBase.push(v);
    for (let q = 0; q < nic.queues; q++, v++) {
      queueNic[v] = n;
      queueIndex[v] = q;
      queueRing[v] = nic.ringSize;
    }
  });
  const queueCpu = placeIrqs(scenario.irq.policy, host.cpus, queues);

  const flows = generateFlowSet(traffic, new Prng(seed, 0));
  const nic = nics[traffic.nic];
  const key = toeplitzTable(nic.rss.key);
  const indir = defaultIndirection(nic.rss.indirSize, nic.queues);
  const rpsMaps = nic.rps.cpus.map((mask) => parseCpuMask(mask, host.cpus));
  const flowHash = new Uint32Array(flows.count);
  const flowQueue = new Int32Array(flows.count);
  const flowRpsCpu = new Int32Array(flows.count);
  const w = flows.words;
  for (let f = 0; f < flows.count; f++) {
    const hash =
      w === 1
        ? hashIpv4Ports(key, flows.src[f], flows.dst[f], flows.sport[f], flows.dport[f])
        : hashIpv6Ports(key, flows.src.subarray(f * 4, f * 4 + 4), flows.dst.subarray(f * 4, f * 4 + 4), flows.sport[f], flows.dport[f]);
    const q = queueOf(indir, hash);
    flowHash[f] = hash;
    flowQueue[f] = nicBase[traffic.nic] + q;
    flowRpsCpu[f] = rpsTargetCpu(rpsMaps[q] ?? [], hash);
  }

  const ns = (cycles: number): number => cycles / host.ghz;
  return {
    cpus: host.cpus,
    queues,
    queueNic,
    queueIndex,
    queueRing,
    queueCpu,
    flows,
    flowHash,
    flowQueue,
    flowRpsCpu,
    costNs: {
      hardIrq: ns(costs.hardIrq),
      poll: ns(costs.pollOverhead),
      driver: ns(costs.driverPerPacket),
      stack: ns(costs.stackPerPacket),
      perByte: ns(costs.perByte),
      rpsEnqueue: ns(costs.rpsEnqueue),
      ipi: ns(costs.ipi),
    },
    exponentialCosts: costs.distribution === "exponential",
    napiWeight: kernel.napiWeight,
    netdevBudget: kernel.netdevBudget,
    netdevBudgetNs: kernel.netdevBudgetNs,
    maxBacklog: kernel.maxBacklog,
    devWeight: kernel.devWeight,
    warmupNs: run.warmupNs,
    durationNs: run.durationNs,
  };
}
