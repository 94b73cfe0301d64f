import type { Scenario } from "../config/scenario.js";
import type { PointSettings } from "./result-model.js";

/** What a point's scenario makes the engine use (result-model.ts `PointSettings`). */
export function pointSettings(scenario: Scenario): PointSettings {
  const { run, host, kernel: k, costs: c } = scenario;
  return {
    durationNs: run.durationNs,
    warmupNs: run.warmupNs,
    cpus: host.cpus,
    ghz: host.ghz,
    kernel: {
      napiWeight: k.napiWeight,
      netdevBudget: k.netdevBudget,
      netdevBudgetUsecs: k.netdevBudgetNs / 1000,
      maxBacklog: k.maxBacklog,
      rpsSockFlowEntries: k.rpsSockFlowEntries,
      devWeight: k.devWeight,
    },
    costs: {
      hardIrq: c.hardIrq,
      pollOverhead: c.pollOverhead,
      driverPerPacket: c.driverPerPacket,
      stackPerPacket: c.stackPerPacket,
      perByte: c.perByte,
      rpsEnqueue: c.rpsEnqueue,
      ipi: c.ipi,
      routeRule: c.routeRule,
      numaRemotePercent: c.numaRemotePercent,
      rpsCrossNode: c.rpsCrossNode,
      groPerSegment: c.groPerSegment,
      txCompletion: c.txCompletion,
      distribution: c.distribution,
    },
    ...(host.topology.cpus.some((cpu) => cpu.thread > 0) ? { smtSpeed: host.smtSpeed } : {}),
  };
}
