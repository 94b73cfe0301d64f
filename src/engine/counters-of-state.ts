/**
 * The job's counters read off the engine's state at the end of a run (engine/counters.ts declares
 * them): the step machine's, plus the isolated CPUs' totals, the caps' and the application's.
 */
import { LatencyHistogram } from "../stats/latency-histogram.js";
import type { JobCounters } from "./counters.js";
import { scansBeforeRun } from "./irqbalance-timer.js";
import { DELIVERED_BYTES, DELIVERED_PACKETS, OFFERED_BYTES, OFFERED_PACKETS, RING_DROPS } from "./isolated-cpus.js";
import { NONE, type EngineState } from "./simulation-state.js";

/** Packets that arrived in the window and are still in a ring, a backlog or on a CPU. */
function countInFlight(s: EngineState): number {
  const warm = s.window[0];
  let n = 0;
  for (let q = 0; q < s.nQ; q++) {
    for (let i = 0; i < s.ringCount[q]; i++) {
      let slot = s.ringHead[q] + i;
      if (slot >= s.ringCap[q]) slot -= s.ringCap[q];
      if (s.ringTime[s.ringBase[q] + slot] >= warm) n++;
    }
  }
  // With GRO every skb past the ring is an aggregate: held, passed up, in a backlog or on a CPU.
  if (s.gro !== null) n += s.gro.countArrivedSince(warm);
  for (let c = 0; c < s.nCpu; c++) {
    if (s.gro === null) n += s.backlogs.countArrivedSince(c, warm);
    if (s.mailed[c] === 1) n += s.inboxes[c].countArrivedSince(warm);
    if (s.gro === null && s.compKind[c] !== NONE && s.compArr[c] >= warm) n++;
    for (let p = s.arrPos[c]; p < s.arrEnd[c]; p++) if (s.arrTime[p] >= warm) n++;
  }
  return n;
}

export function jobCounters(s: EngineState): JobCounters {
  return {
    windowNs: s.end - s.warm,
    generatedPackets: s.generated,
    // Offered load includes what the ingress cap dropped before the NIC.
    offeredPackets: s.offeredPackets + (s.isolated?.totals[OFFERED_PACKETS] ?? 0) + (s.ingress?.dropped[0] ?? 0),
    offeredBytes: s.offeredBytes + (s.isolated?.totals[OFFERED_BYTES] ?? 0) + (s.ingress?.dropped[1] ?? 0),
    deliveredPackets: s.deliveredPackets + (s.isolated?.totals[DELIVERED_PACKETS] ?? 0),
    deliveredBytes: s.deliveredBytes + (s.isolated?.totals[DELIVERED_BYTES] ?? 0),
    dropsRxRing: s.dropsRxRing + (s.isolated?.totals[RING_DROPS] ?? 0),
    dropsBacklog: s.dropsBacklog,
    groAggregates: s.groAggregates,
    groSegments: s.groSegments,
    dropsIngressCap: s.ingress?.dropped[0] ?? 0,
    ingressExceeded: s.ingress?.exceeded[0] ?? 0,
    arpPackets: s.ingress?.arp[0] ?? 0,
    arpDropped: s.ingress?.arp[1] ?? 0,
    dropsNicIngressCap: s.ingress?.nicDropped[0] ?? 0,
    egressDevices: s.egress?.perDevice ?? new Float64Array(0),
    replyPackets: s.egress?.counts[0] ?? 0,
    dropsEgressCap: s.egress?.counts[1] ?? 0,
    egressBytes: s.egress?.counts[2] ?? 0,
    egressDelay: s.egress?.delay ?? new LatencyHistogram(),
    inFlight: countInFlight(s) + (s.isolated?.countInFlight() ?? 0),
    appReceived: s.app?.received ?? 0,
    appReceivedBytes: s.app?.receivedBytes ?? 0,
    appThreadReads: s.app?.threadReads ?? new Float64Array(0),
    dropsSocketRcvbuf: s.app?.dropped ?? 0,
    inSockets: s.app?.countArrivedSince(s.warm) ?? 0,
    appLatency: s.app?.latency ?? new LatencyHistogram(),
    cpuAppNs: s.cpuApp,
    cpuKsoftirqdNs: s.sharing.ksoftirqdNs,
    cpuTxCompletions: s.cpuTxCompletions,
    appReplies: s.app?.replies ?? 0,
    responseLatency: s.app?.responseLatency ?? new LatencyHistogram(),
    latency: s.latency,
    queueCpu: s.plan.queueCpu,
    queueRx: s.queueRx,
    queueDrops: s.queueDrops,
    cpuBusyNs: s.cpuBusyNs,
    cpuIrqs: s.cpuIrqs,
    cpuPolls: s.cpuPolls,
    cpuPolled: s.cpuPolled,
    cpuProcessed: s.cpuProcessed,
    cpuDropped: s.cpuDropped,
    cpuTimeSqueeze: s.cpuTimeSqueeze,
    cpuReceivedRps: s.cpuReceivedRps,
    cpuBacklogPeak: s.backlogs.peak,
    routeDrops: s.routeDrops,
    outDevPackets: s.outDevPackets,
    irqbalanceScans: s.irqTimer === null ? scansBeforeRun(s.plan) : s.irqTimer.scans,
    irqMoves: s.irqTimer === null ? [] : s.irqTimer.moves,
    dimChanges: s.dim === null ? [] : s.dim.changesInTimeOrder(),
  };
}
