/**
 * The application on the step machine (plan.app; engine/app-threads.ts holds the threads and
 * sockets, engine/cpu-sharing.ts their turns with ksoftirqd), as functions over the engine's
 * state: a CPU with nothing else to do runs its thread until the thread's phase ends or something
 * wakes the CPU, which cuts the thread's stretch there with its time credited exactly; a reply
 * the thread sends completes on its tx queue, whose next NAPI poll reaps it (docs/application.md).
 */
import { SLEEPING } from "./app-threads.js";
import type { EngineState } from "./simulation-state.js";

/**
 * CPU c, with nothing else to do at cpuNow[c], runs its thread: phases that take no time end at
 * once (returns true when the thread has gone to sleep: the CPU goes on idling); otherwise the
 * CPU leaves the heap running it (returns false).
 */
export function runApp(s: EngineState, c: number, thread: number): boolean {
  const app = s.app;
  if (app === null) return true;
  const now = s.cpuNow[c];
  for (;;) {
    const ns = app.phaseLength(thread);
    if (ns > 0) break;
    endAppPhase(s, c, thread, now);
    if (app.phase[thread] === SLEEPING) return true;
  }
  // SMT: a stretch started while a sibling is busy runs at smtSpeed (smt-cores.ts), and keeps the core busy.
  const core = s.smtCore[c];
  const rate = core >= 0 && s.coreBusyUntil[core] > now ? s.plan.smtSpeed : 1;
  s.appRate[c] = rate;
  const phaseEnd = (app.phaseEnd[thread] = now + app.left[thread] / rate);
  if (core >= 0 && phaseEnd > s.coreBusyUntil[core]) s.coreBusyUntil[core] = phaseEnd;
  s.appRunning[c] = 1;
  s.appStart[c] = now;
  s.idle[c] = 1;
  const p = s.arrPos[c];
  let next = p < s.arrEnd[c] ? s.arrTime[p] : Infinity;
  // A coalescing deadline interrupts the thread too.
  if (s.cpuDue[c] < next) next = s.cpuDue[c];
  // …and so does the end of its turn against ksoftirqd or another thread of this CPU.
  next = s.sharing.turnLimit(c, next);
  s.heap.keys[c + 1] = next < phaseEnd ? next : phaseEnd;
  return false;
}

/** CPU c's step at cpuNow[c] interrupts (or ends) its running thread's phase: count the time it ran. */
export function preemptApp(s: EngineState, c: number): void {
  const app = s.app;
  if (app === null) return;
  const now = s.cpuNow[c];
  const thread = s.sharing.running[c];
  const phaseEnd = app.phaseEnd[thread];
  creditApp(s, c, now < phaseEnd ? now : phaseEnd);
  if (now >= phaseEnd) endAppPhase(s, c, thread, phaseEnd);
  else app.left[thread] = (phaseEnd - now) * s.appRate[c];
}

/** CPU c's thread ran from appStart[c] to `until`: add it to the CPU's application time (window only). */
export function creditApp(s: EngineState, c: number, until: number): void {
  s.appRunning[c] = 0;
  const from = s.appStart[c] > s.warm ? s.appStart[c] : s.warm;
  const to = until < s.end ? until : s.end;
  if (to > from) s.cpuApp[c] += to - from;
}

/**
 * The phase of CPU c's thread ended at `now`: a recvmsg that returned records its flow's CPU for
 * RFS; a reply handed to the driver goes to its tx queue (its completion raises the queue's
 * interrupt) and, with an egress cap, to the shapers.
 */
function endAppPhase(s: EngineState, c: number, thread: number, now: number): void {
  const app = s.app;
  const plan = s.plan.app;
  if (app === null || plan === null) return;
  const flow = app.complete(thread, now);
  if (flow >= 0 && s.plan.rfs !== null) s.recordApp(flow);
  const sent = app.replied;
  if (sent >= 0) {
    postTxCompletion(s, c, plan.flowTxQueue[sent], now);
    s.egress?.reply(now, s.plan.replySlot?.[sent] ?? 0);
  }
  for (let k = 0; k < app.unroutable; k++) s.egress?.reply(now, -1);
}

/**
 * A reply CPU c sent at `now` is on tx queue q: the NIC completes it, and the queue's NAPI poll
 * reaps the completion (tx before rx, in the same poll) — raising the queue's interrupt unless
 * its NAPI is already scheduled.
 */
function postTxCompletion(s: EngineState, c: number, q: number, now: number): void {
  s.txPending[q]++;
  if (s.napiSched[q] === 1) return;
  s.napiSched[q] = 1;
  s.interruptFrom(c, q, now);
}

/** The poll of queue q on CPU c begins with its tx completions: their cost joins the poll's (stepWork[c]). */
export function reapTx(s: EngineState, c: number, q: number): void {
  const k = s.txPending[q];
  s.txPending[q] = 0;
  const ns = s.plan.app?.txCompletionNs ?? 0;
  s.stepWork[c] += k * ns * s.plan.cpuWorkFactor[c];
  if (s.cpuNow[c] >= s.warm) s.cpuTxCompletions[c] += k;
}
