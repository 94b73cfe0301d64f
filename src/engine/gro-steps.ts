/**
 * GRO on the step machine (plan.gro; engine/gro-tables.ts holds the aggregates), as functions over
 * the engine's state: the poll of a ring hands each segment to GRO (napi_gro_receive), what GRO
 * passes up goes up the stack, or to its RPS CPU's backlog, one skb per aggregate, and the poll's
 * end flushes (net/core/gro.c: dev_gro_receive, napi_gro_flush; docs/gro.md).
 */
import { RFS_PER_PACKET } from "./plan.js";
import { DELIVER, NONE, STEER, type EngineState } from "./simulation-state.js";
import type { GroTables } from "./gro-tables.js";

/**
 * The next step of CPU c's poll of rx queue q with GRO, `full` when the poll used its whole
 * weight: what GRO passed up goes up the stack first, one skb each; then the next segment; then
 * the poll's end — napi_complete_done flushes every held aggregate, a NAPI to be repolled only
 * those from an earlier jiffy (__napi_poll, HZ=1000) — whose aggregates go up before it
 * completes. Returns true when the step takes CPU time (in stepWork[c]), false when the poll ends.
 */
export function groPollStep(s: EngineState, c: number, q: number, full: boolean): boolean {
  const gro = s.gro;
  if (gro === null) return false;
  if (gro.pending(c)) {
    startAggregate(s, c, gro.take(c));
    return true;
  }
  if (s.pollEnding[c] === 0) {
    if (!full && pollRingGro(s, c, q, gro)) {
      s.pollWork[c]++;
      return true;
    }
    s.pollEnding[c] = 1;
    if (gro.flush(q, c, full, s.cpuNow[c])) {
      startAggregate(s, c, gro.take(c));
      return true;
    }
  }
  s.pollEnding[c] = 0;
  return false;
}

/** `pollRing` with GRO: take one segment and hand it to napi_gro_receive (its cost into stepWork[c]); false if empty. */
function pollRingGro(s: EngineState, c: number, q: number, gro: GroTables): boolean {
  const slot = s.takeFromRing(q);
  if (slot < 0) return false;
  const arrival = s.ringTime[slot];
  if (arrival >= s.warm) s.cpuPolled[c]++;
  const dim = s.dim;
  if (dim !== null) {
    dim.pkts[q]++;
    dim.bytes[q] += s.ringLen[slot];
  }
  // Held, merged or passed up: the stack work of what GRO passes up follows as steps of its own.
  const merged = gro.receive(q, c, s.ringFlow[slot], arrival, s.ringLen[slot], s.ringPush[slot], s.cpuNow[c]);
  s.compKind[c] = NONE;
  const cost = s.plan.costNs;
  const work = (cost.driver + merged * cost.groPerSegment) * s.plan.cpuWorkFactor[c];
  s.stepWork[c] = s.plan.exponentialCosts ? work * s.costRng[c].nextExp() : work;
  return true;
}

/** `pollBacklog` with GRO: the next entry is an aggregate handed off by RPS — one skb, one stack pass. */
export function pollBacklogGro(s: EngineState, c: number, gro: GroTables): boolean {
  const backlogs = s.backlogs;
  const slot = backlogs.dequeue(c);
  if (slot < 0) return false;
  const a = backlogs.agg[slot];
  const flow = backlogs.flow[slot];
  s.compAgg[c] = a;
  s.compFlow[c] = flow;
  s.compKind[c] = DELIVER;
  s.compArr[c] = backlogs.time[slot];
  const cost = s.plan.costNs;
  const work = (cost.stack + cost.perByte * gro.bytes[a] + s.routeNs(flow)) * s.plan.cpuWorkFactor[c];
  s.stepWork[c] = s.plan.exponentialCosts ? work * s.costRng[c].nextExp() : work;
  return true;
}

/**
 * The next work item of CPU c is aggregate a that GRO passed up (its cost into stepWork[c]):
 * the stack's pass over it, or its RPS hand-off — once for all of its segments.
 */
function startAggregate(s: EngineState, c: number, a: number): void {
  const gro = s.gro;
  if (gro === null) return;
  const plan = s.plan;
  const cost = plan.costNs;
  const flow = gro.flow[a];
  s.compAgg[c] = a;
  s.compFlow[c] = flow;
  s.compArr[c] = gro.firstArrival(a);
  if (s.compArr[c] >= s.warm) {
    s.groAggregates++;
    s.groSegments += gro.segs[a];
  }
  let target = plan.flowRpsCpu[flow];
  if (target === RFS_PER_PACKET) target = s.rfsTarget(flow);
  let work: number;
  if (target < 0) {
    s.compKind[c] = DELIVER;
    work = (cost.stack + cost.perByte * gro.bytes[a] + s.routeNs(flow)) * plan.cpuWorkFactor[c];
  } else {
    s.compKind[c] = STEER;
    s.compTarget[c] = target;
    work = cost.rpsEnqueue * plan.cpuWorkFactor[c];
    if (plan.cpuNode[target] !== plan.cpuNode[c]) work += cost.rpsCrossNode;
  }
  s.stepWork[c] = plan.exponentialCosts ? work * s.costRng[c].nextExp() : work;
}

/** `deliver` of the GRO aggregate CPU c finished: each of its segments is delivered (or dropped by its route) now. */
export function deliverAggregate(s: EngineState, c: number, gro: GroTables): void {
  const a = s.compAgg[c];
  const flow = s.compFlow[c];
  const warm = s.warm;
  const routes = s.plan.routes;
  if (routes !== null) {
    const cause = routes.drop[flow];
    if (cause !== 0) {
      s.routeDrops[cause - 1] += gro.segmentsSince(a, warm);
      gro.free(a);
      return;
    }
    const out = routes.outDev[flow];
    s.outDevPackets[out < 0 ? routes.devices.length : out] += gro.segmentsSince(a, warm);
  }
  if (s.plan.rfs !== null && s.plan.flowAppCpu[flow] >= 0) s.recordApp(flow);
  const now = s.cpuNow[c];
  for (let seg = gro.firstSegment(a); seg >= 0; seg = gro.segNext[seg]) {
    if (s.egress !== null) s.egress.delivered(now, s.plan.replySlot?.[flow] ?? 0, c);
    const arrival = gro.segTime[seg];
    if (arrival < warm) continue;
    s.latencyBuf[s.latencyFill++] = now - arrival;
    if (s.latencyFill === s.latencyBuf.length) {
      s.latency.recordBatch(s.latencyBuf, s.latencyFill);
      s.latencyFill = 0;
    }
    s.deliveredPackets++;
    s.deliveredBytes += gro.segLen[seg];
    s.cpuProcessed[c]++;
  }
  gro.free(a);
}

/** `steer` of the GRO aggregate CPU c handed off to CPU r: one backlog entry (one skb) for all its segments. */
export function steerAggregate(s: EngineState, c: number, r: number, gro: GroTables): void {
  const a = s.compAgg[c];
  const flow = s.compFlow[c];
  if (!s.backlogs.enqueueAggregate(r, s.compArr[c], flow, a)) {
    const dropped = gro.segmentsSince(a, s.warm);
    s.dropsBacklog += dropped;
    s.cpuDropped[r] += dropped;
    gro.free(a);
    return;
  }
  s.enqueuedToBacklog(c, r, flow);
}
