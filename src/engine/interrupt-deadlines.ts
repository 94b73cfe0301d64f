/**
 * Interrupt deadlines per rx queue (nics[].coalesce, adaptive-rx), as functions over the engine's
 * state: rx-usecs / rx-frames coalescing of the device interrupt, NAPI's deferred interrupts
 * (napi_defer_hard_irqs with the gro_flush_timeout repoll timer) and net DIM's profile changes.
 * Each queue has at most one deadline (`dueAt`, `dueKind`, on CPU `dueCpu`); each CPU keeps the
 * earliest of its own (`cpuDue`), which the step machine checks at its step boundaries
 * (simulation.ts) and which wakes an idle CPU. Rules and sources: docs/coalescing.md.
 */
import type { EngineState } from "./simulation-state.js";

/** What a queue's deadline does: raise its coalesced interrupt, or repoll its NAPI (napi_defer_hard_irqs). */
const DUE_IRQ = 1;
const DUE_TIMER = 2;

/**
 * The poll of rx queue q completed (napi_complete_done re-enabled its interrupt; a deferring
 * completion does not count, as it returns false to the driver): the driver hands net DIM its
 * counters (virtio_net.c virtnet_poll → virtnet_rx_dim_update; mlx5e_napi_poll →
 * mlx5e_handle_rx_dim), and a new profile applies to the queue's next interrupt timer.
 */
export function sampleNetDim(s: EngineState, q: number, now: number): void {
  const profile = s.dim?.sample(q, now) ?? null;
  if (profile === null) return;
  s.dim?.log.push({ timeNs: now, queue: q, profile: s.dim.profileIx[q], rxUsecs: profile.usec, rxFrames: profile.pkts });
  s.coalesceNs[q] = profile.usec * 1000;
  // pkts 1 would mean "no coalescing" to the engine; every net DIM profile has 64 or more.
  s.coalesceFrames[q] = profile.pkts;
}

/**
 * A packet arrived at time t on unmasked queue q, whose NIC coalesces: the interrupt fires on
 * CPU c rx-usecs after the first packet since the queue was unmasked, or when rx-frames packets
 * have arrived (rx-frames > 0), whichever comes first (include/uapi/linux/ethtool.h, struct
 * ethtool_coalesce; docs/coalescing.md). A deadline at or before t has fired first: the packet
 * then simply waits in the ring for the poll.
 */
export function coalesceArrival(s: EngineState, c: number, q: number, t: number): void {
  const count = s.coalesceCount[q];
  if (count > 0 && s.dueAt[q] <= t) {
    raiseQueueIrq(s, q);
    return;
  }
  s.coalesceCount[q] = count + 1;
  if (count === 0) arm(s, c, q, t + s.coalesceNs[q], DUE_IRQ);
  const frames = s.coalesceFrames[q];
  if (frames > 0 && count + 1 >= frames) raiseQueueIrq(s, q);
}

/** Queue q's interrupt fires (on the CPU that armed or counted it): masked until its poll completes. */
function raiseQueueIrq(s: EngineState, q: number): void {
  const c = s.dueAt[q] === Infinity ? s.queueCpu[q] : s.dueCpu[q];
  s.coalesceCount[q] = 0;
  disarm(s, q);
  s.napiSched[q] = 1;
  s.pendingIrqs.append(c, q);
}

/**
 * napi_complete_done (net/core/dev.c) with napi_defer_hard_irqs: a poll that found work
 * (re)loads the count of polls to defer; while it is above 0 the poll completes with the
 * device interrupt left masked and NAPI's timer (gro_flush_timeout) repolls it. Returns
 * whether the interrupt stays masked.
 */
export function deferIrq(s: EngineState, c: number, q: number, done: number, now: number): boolean {
  if (done > 0) s.deferLeft[q] = s.plan.queueDeferPolls[q];
  if (s.deferLeft[q] === 0) return false;
  s.deferLeft[q]--;
  arm(s, c, q, now + s.plan.queueDeferNs[q], DUE_TIMER);
  return true;
}

/** Set queue q's deadline on CPU c. */
function arm(s: EngineState, c: number, q: number, at: number, kind: number): void {
  s.dueAt[q] = at;
  s.dueKind[q] = kind;
  s.dueCpu[q] = c;
  if (at < s.cpuDue[c]) {
    s.cpuDue[c] = at;
    // An idle CPU (leftover arrivals entering rings before a batch) wakes at the deadline.
    if (s.idle[c] === 1 && s.sink[c] === 0 && at < s.heap.keys[c + 1]) {
      s.heap.keys[c + 1] = at;
      s.heap.reorder(c + 1);
    }
  }
}

function disarm(s: EngineState, q: number): void {
  const c = s.dueCpu[q];
  if (c < 0) return;
  const at = s.dueAt[q];
  s.dueAt[q] = Infinity;
  s.dueCpu[q] = -1;
  if (at === s.cpuDue[c]) s.cpuDue[c] = earliestDue(s, c);
}

function earliestDue(s: EngineState, c: number): number {
  let due = Infinity;
  for (let q = 0; q < s.nQ; q++) if (s.dueCpu[q] === c && s.dueAt[q] < due) due = s.dueAt[q];
  return due;
}

/** Fire the deadlines of CPU c that are due by `now`, in queue order: interrupts and NAPI repolls. */
export function fireDue(s: EngineState, c: number, now: number): void {
  for (let q = 0; q < s.nQ; q++) {
    if (s.dueCpu[q] !== c || s.dueAt[q] > now) continue;
    if (s.dueKind[q] === DUE_IRQ) raiseQueueIrq(s, q);
    else {
      // napi_watchdog: schedule the NAPI; its interrupt is still masked (napiSched stays 1).
      s.dueAt[q] = Infinity;
      s.dueCpu[q] = -1;
      s.timerPending[q] = 1;
      s.pendingIrqs.append(c, q);
    }
  }
  s.cpuDue[c] = earliestDue(s, c);
}

/** Queue q's interrupt fires now, from elsewhere (a tx completion): a coalescing timer armed for its received packets is overtaken. */
export function overtakeCoalescing(s: EngineState, q: number): void {
  if (s.dueCpu[q] >= 0 && s.dueKind[q] === DUE_IRQ) {
    s.coalesceCount[q] = 0;
    disarm(s, q);
  }
}
