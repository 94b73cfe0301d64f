import type { Scenario } from "../config/scenario.js";
import { JOB_COUNTERS, mergeJobCounters, type JobCounters } from "../engine/counters.js";
import { rowOf } from "../stats/counter-table.js";
import { hdrLibrary } from "../stats/hdr-library.js";
import { summarizeLatency } from "../stats/latency-summary.js";
import { meanInterval } from "./confidence.js";
import { ROUTE_DROP_CAUSES } from "../engine/flow-routes.js";
import { irqbalanceIdleReason } from "../irq/irqbalance-rescan-window.js";
import { nicVectors } from "../irq/place-queues.js";
import { bottleneckOf } from "./bottleneck.js";
import { pointSettings } from "./point-settings.js";
import type { AppResult, BandwidthResult, CpuResult, CpuTime, EgressResult, IrqbalanceResult, PointResult, QueueResult, ReplicationIntervals, RoutingResult } from "./result-model.js";

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** A job's packets dropped by route verdicts, all causes. */
function routeDropsOf(j: JobCounters): number {
  return j.routeDrops.reduce((a, b) => a + b, 0);
}

/** Per-replication throughput, p99 and drops, with their means and 95 % intervals. */
function replicationIntervals(jobs: readonly JobCounters[]): ReplicationIntervals {
  return {
    n: jobs.length,
    deliveredPps: meanInterval(
      jobs.map((j) => j.deliveredPackets / (j.windowNs / 1e9)),
      (x) => round(x, 1),
    ),
    p99Us: jobs.some((j) => j.latency.totalCount === 0)
      ? null
      : meanInterval(
          jobs.map((j) => summarizeLatency(j.latency).p99),
          (x) => round(x, 3),
        ),
    drops: meanInterval(
      jobs.map((j) => j.dropsRxRing + j.dropsBacklog + j.dropsIngressCap + routeDropsOf(j)),
      (x) => round(x, 1),
    ),
  };
}

/** irqbalance's scans and moves over the replications, in replication order. */
function irqbalanceResult(scenario: Scenario, perQueue: readonly QueueResult[], jobs: readonly JobCounters[]): IrqbalanceResult {
  const idle = irqbalanceIdleReason(scenario);
  return {
    scans: jobs.reduce((s, j) => s + j.irqbalanceScans, 0),
    moves: jobs.flatMap((j, replication) =>
      j.irqMoves.map((m) => ({
        replication,
        timeNs: m.timeNs,
        irq: perQueue[m.queue].irq ?? -1,
        nic: perQueue[m.queue].nic,
        queue: perQueue[m.queue].queue,
        from: m.from,
        to: m.to,
      })),
    ),
    intervalS: scenario.irq.irqbalance.interval,
    ...(idle === null ? {} : { idle }),
  };
}

/**
 * Turn the counters of a point's jobs (one per replication) into its result: counters summed,
 * histograms merged exactly, rates over the summed measurement windows; with two or more
 * replications, also each replication's figures as a mean and 95 % interval (`ci95`). The jobs
 * must be in replication order: the result then depends on nothing else (not on which thread ran
 * a job, nor when).
 */
export function pointResult(
  scenario: Scenario,
  params: Readonly<Record<string, number | string>>,
  seed: number,
  jobs: readonly JobCounters[],
): PointResult {
  const sum = (pick: (j: JobCounters) => number): number => jobs.reduce((s, j) => s + pick(j), 0);
  const totals = mergeJobCounters(jobs);
  const windowS = totals.windowNs / 1e9;
  const latency = totals.latency;

  const offered = totals.offeredPackets;
  const delivered = totals.deliveredPackets;
  const rxRing = totals.dropsRxRing;
  const backlog = totals.dropsBacklog;
  const inFlight = totals.inFlight;
  const routed = scenario.routing !== undefined;
  const routeDrops = Object.fromEntries(ROUTE_DROP_CAUSES.map((cause, i) => [cause, totals.routeDrops[i]]));
  const route = sum(routeDropsOf);
  const capped = scenario.bandwidth !== undefined;
  const ingressCap = totals.dropsIngressCap;
  const dropped = rxRing + backlog + route + ingressCap;
  const egressCap = scenario.bandwidth?.egress ?? null;
  const egressDrops = totals.dropsEgressCap;
  const egress =
    egressCap === null
      ? undefined
      : {
          capBps: egressCap.rateBps,
          replies: totals.replyPackets,
          dropped: egressDrops,
          sentBps: round((totals.egressBytes * 8) / windowS, 1),
          delayUs: totals.egressDelay.totalCount === 0 ? null : summarizeLatency(totals.egressDelay),
          byNic: egressCap.devices.map((nic, d) => ({
            nic,
            capBps: egressCap.nicShapers[d]?.rateBps ?? null,
            replies: totals.egressDevices[3 * d],
            dropped: totals.egressDevices[3 * d + 1],
            sentBps: round((totals.egressDevices[3 * d + 2] * 8) / windowS, 1),
          })),
          unroutable: totals.egressDevices[3 * egressCap.devices.length],
        };

  // The rows hold the counters declared per queue and per CPU (engine/counters.ts `json`).
  const perQueue: QueueResult[] = [];
  const device = nicVectors(scenario.nics, scenario.irq.firstIrq);
  let v = 0;
  for (const nic of scenario.nics) {
    for (let q = 0; q < nic.queues; q++, v++) {
      // The queue's rx vector's IRQ number (nics[].vectors, or numbered from irq.firstIrq).
      perQueue.push({ ...rowOf(JOB_COUNTERS, "queue", totals, v, windowS, { nic: nic.name, queue: q }), irq: device.vectors[device.rxVector[v]].irq });
    }
  }
  const perCpu: CpuResult[] = [];
  for (let c = 0; c < scenario.host.cpus; c++) {
    const row = rowOf(JOB_COUNTERS, "cpu", totals, c, windowS, { cpu: c });
    perCpu.push({ ...row, time: cpuTime(scenario, totals, c) });
  }
  // A CPU's whole load: the receive path and the application threads on it.
  const loads = perCpu.map((c) => round(c.utilization + c.app, 4));
  const app = scenario.app === undefined ? undefined : appResult(scenario, totals, windowS);
  const bottleneck = bottleneckOf(
    { rxRing, backlog, ingressCap, egressCap: egressDrops, socketRcvbuf: app?.socketRcvbuf ?? 0 },
    Math.max(...loads),
    egress ? egress.sentBps / egress.capBps : 0,
  );
  const rxNic = scenario.nics[scenario.traffic.nic].name;
  const rxQueues = perQueue.filter((q) => q.nic === rxNic).map((q) => q.packets + q.drops);
  const meanQueue = rxQueues.reduce((a, b) => a + b, 0) / rxQueues.length;

  return {
    params,
    seed,
    replications: jobs.length,
    offered: { pps: round(offered / windowS, 1), bps: round((totals.offeredBytes * 8) / windowS, 1), packets: offered },
    delivered: {
      pps: round(delivered / windowS, 1),
      bps: round((totals.deliveredBytes * 8) / windowS, 1),
      packets: delivered,
    },
    latencyUs: latency.totalCount === 0 ? null : summarizeLatency(latency),
    drops: { rxRing, backlog, ...(routed ? { route: routeDrops } : {}), ...(capped ? { ingressCap } : {}), ...(egress ? { egressCap: egressDrops } : {}), total: dropped },
    cpuUtilization: {
      max: Math.max(...loads),
      mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 4),
    },
    imbalance: meanQueue > 0 ? round(Math.max(...rxQueues) / meanQueue, 3) : 1,
    perQueue,
    perCpu,
    conservation: {
      offered,
      delivered,
      dropped,
      inFlight,
      ok: offered === delivered + dropped + inFlight,
    },
    bottleneck,
    ...(routed ? { routing: routingResult(scenario, totals) } : {}),
    ...(scenario.irq.policy === "irqbalance" ? { irqbalance: irqbalanceResult(scenario, perQueue, jobs) } : {}),
    ...(capped ? { bandwidth: bandwidthResult(scenario, totals, egress, bottleneck) } : {}),
    ...(scenario.traffic.bulk !== null && scenario.nics[scenario.traffic.nic].gro
      ? {
          gro: {
            aggregates: totals.groAggregates,
            segments: totals.groSegments,
            segmentsPerAggregate: totals.groAggregates === 0 ? 0 : round(totals.groSegments / totals.groAggregates, 2),
          },
        }
      : {}),
    ...(app ? { app } : {}),
    ...(scenario.nics.some((n) => n.coalesce.adaptiveRx)
      ? {
          adaptiveRx: {
            changes: jobs.flatMap((j, replication) =>
              j.dimChanges.map((d) => ({
                replication,
                timeNs: d.timeNs,
                nic: perQueue[d.queue].nic,
                queue: perQueue[d.queue].queue,
                profile: d.profile,
                rxUsecs: d.rxUsecs,
                rxFrames: d.rxFrames,
              })),
            ),
          },
        }
      : {}),
    ...(jobs.length > 1 ? { ci95: replicationIntervals(jobs) } : {}),
    latencyHdr: hdrLibrary().encodeIntoCompressedBase64(latency.toHdr()),
    settings: pointSettings(scenario),
  };
}

/**
 * CPU c's window split like mpstat: hard IRQ handler time from the counts of interrupts and RPS
 * IPIs times their fixed costs (neither is drawn from a distribution), softirq the rest of the
 * receive path's busy time (what ksoftirqd ran apart), the application's time, and idle what is
 * left.
 */
function cpuTime(scenario: Scenario, totals: JobCounters, c: number): CpuTime {
  const window = totals.windowNs;
  const ns = (cycles: number): number => cycles / scenario.host.ghz;
  const busy = totals.cpuBusyNs[c];
  const irqNs = Math.min(busy, totals.cpuIrqs[c] * ns(scenario.costs.hardIrq) + totals.cpuReceivedRps[c] * ns(scenario.costs.ipi));
  const share = (x: number): number => round(x / window, 4);
  const ksoftirqdNs = totals.cpuKsoftirqdNs[c];
  const irq = share(irqNs);
  const softirq = share(Math.max(0, busy - irqNs - ksoftirqdNs));
  const ksoftirqd = share(ksoftirqdNs);
  const app = share(totals.cpuAppNs[c]);
  return { irq, softirq, ksoftirqd, app, idle: round(Math.max(0, 1 - irq - softirq - ksoftirqd - app), 4) };
}

/** What the application read: its rate, socket drops and recvmsg latency, and its own conservation check. */
function appResult(scenario: Scenario, totals: JobCounters, windowS: number): AppResult {
  const received = totals.appReceived;
  const socketRcvbuf = totals.dropsSocketRcvbuf;
  const inSockets = totals.inSockets;
  const latency = totals.appLatency;
  const reply = scenario.app?.reply ?? null;
  return {
    threads: scenario.app?.threadCpus.length ?? 0,
    perThread: (scenario.app?.threadCpus ?? []).map((cpu, t) => ({ cpu, read: totals.appThreadReads[t] })),
    received: { pps: round(received / windowS, 1), bps: round((totals.appReceivedBytes * 8) / windowS, 1), packets: received },
    latencyUs: latency.totalCount === 0 ? null : summarizeLatency(latency),
    socketRcvbuf,
    inSockets,
    ok: totals.deliveredPackets === received + socketRcvbuf + inSockets,
    ...(reply === null
      ? {}
      : {
          replies: {
            pps: round(totals.appReplies / windowS, 1),
            bps: round((totals.appReplies * reply.size * 8) / windowS, 1),
            packets: totals.appReplies,
          },
          responseUs: totals.responseLatency.totalCount === 0 ? null : summarizeLatency(totals.responseLatency),
        }),
  };
}

/** Delivered packets by the NIC they leave by, of the merged jobs (slots: devices, then unroutable). */
function routingResult(scenario: Scenario, totals: JobCounters): RoutingResult {
  const devices = scenario.routing?.devices.map((d) => d.name) ?? [];
  const slot = (i: number): number => totals.outDevPackets[i] ?? 0;
  return {
    leavesBy: Object.fromEntries(devices.map((name, i) => [name, slot(i)])),
    replyUnroutable: slot(devices.length),
  };
}

/** The caps that applied and the point's bottleneck (scenarios with a `bandwidth` section). */
function bandwidthResult(
  scenario: Scenario,
  totals: JobCounters,
  egress: EgressResult | undefined,
  bottleneck: BandwidthResult["bottleneck"],
): BandwidthResult {
  const b = scenario.bandwidth;
  const caps = b?.caps;
  return {
    profile: caps?.profile ?? scenario.profile,
    egressMbps: caps?.egressMbps ?? null,
    ingressMbps: caps?.ingressMbps ?? null,
    ingressSource: caps?.ingressSource ?? "none",
    internalGbps: caps?.internalGbps ?? null,
    appliedCap: b?.ingress?.kind ?? "none",
    capBps: b?.ingress?.rateBps ?? 0,
    ingressExceed: b?.ingress?.exceed ?? "drop",
    ingressExceeded: totals.ingressExceeded,
    arpBackground: { bps: b?.ingress?.arpBps ?? 0, packets: totals.arpPackets, dropped: totals.arpDropped },
    ...(b?.nicIngress ? { nicIngress: { nic: b.nicIngress.nic, capBps: b.nicIngress.rateBps, dropped: totals.dropsNicIngressCap } } : {}),
    ...(egress ? { egress } : {}),
    bottleneck,
  };
}
