/**
 * The tight loop of a sink that takes no interrupt of its own (cpu-loops.ts `sinkLoop`): a CPU
 * whose only work is the RPS hand-offs other CPUs post to its inbox (engine/sink-mail.ts). Its
 * net_rx_action reduces to the isolated loop's four states with the IPI in place of the hard IRQ
 * (net/core/dev.c): idle → the IPI (net_rps_send_ipi → rps_trigger_softirq) → a round starts
 * and polls the backlog NAPI → process_backlog's packets, at most dev_weight per poll → a repoll
 * in a new round, or completion (napi_complete: the next hand-off owes its sender an IPI again).
 * Each step boundary first applies the messages that precede it, in (time, sender) order, as the
 * step machine's `applyInbox` does; each item's time, busy share and delivery are the step
 * machine's, in the same order, so the oracle tests hold the two byte-identical.
 *
 * A pure sink never polls a ring, never sends, and no other CPU reads its state, so nothing but
 * its inbox steers it. (An IPI is owed only while its backlog NAPI is unscheduled, so it never
 * lands mid-poll.) A delivery is recorded when its item starts, as the isolated loop does: it
 * reads nothing that a later message changes.
 */
import { DELIVER, type EngineState } from "./simulation-state.js";
import { applyMessage } from "./sink-mail.js";

/** Where a pure sink is at its step boundary (`sinkPhase`). */
export const SINK_IDLE = 0;
const SINK_IPI = 1;
const SINK_ROUND = 2;
const SINK_POLL = 3;

/** Run pure sink c from its clock until its next step boundary at or after the horizon, or until it idles with no IPI left in its inbox. */
export function runSinkLoop(s: EngineState, c: number): void {
  const plan = s.plan;
  const cost = plan.costNs;
  const inbox = s.inboxes[c];
  const channels = inbox.channels;
  const src = inbox.src;
  const next = inbox.next;
  // The channel with the next message in (time, sender) order: senders post nothing while a
  // sink runs, so it changes only when this loop takes a message.
  let nextCh = inbox.earliest();
  const backlogs = s.backlogs;
  const warm = s.window[0];
  const end = s.window[1];
  const limit = s.horizon[0];
  const napi = s.nQ + c;
  const weight = plan.devWeight;
  const budget = plan.netdevBudget;
  const factor = plan.cpuWorkFactor[c];
  const exponential = plan.exponentialCosts;
  const rng = s.costRng[c];
  const stack = cost.stack;
  const perByte = cost.perByte;
  const routes = plan.routes;
  const busyNs = s.cpuBusyNs;
  let now = s.cpuNow[c];
  let phase = s.sinkPhase[c];
  let done = s.pollWork[c];
  let rxLimit = s.rxLimit[c];
  for (;;) {
    // A boundary at or after the horizon waits for the next call: later messages may precede it.
    if (now >= limit) break;
    // sink-mail.ts `applyInbox`, inline: calling it (the clock passed through cpuNow) measured
    // ~10% slower on rps_cpus fff0 (interleaved, both orders).
    while (nextCh >= 0) {
      const t = next[nextCh];
      if (t > now || (t === now && src[nextCh] > c)) break;
      applyMessage(s, c, channels[nextCh], inbox.take(nextCh), src[nextCh]);
      nextCh = inbox.earliest();
    }
    if (phase === SINK_IDLE) {
      if (s.ipiPending[c] === 1) phase = SINK_IPI;
      else {
        // Idle until a message makes the IPI pending (sink-mail.ts `sinkWake`, for a CPU with no
        // arrivals): its time is the next boundary.
        let woke = false;
        while (nextCh >= 0) {
          const t = next[nextCh];
          const ipi = applyMessage(s, c, channels[nextCh], inbox.take(nextCh), src[nextCh]);
          nextCh = inbox.earliest();
          if (ipi) {
            now = t;
            woke = true;
            break;
          }
        }
        if (!woke) break;
        continue;
      }
    }
    let work: number;
    if (phase === SINK_IPI) {
      s.ipiPending[c] = 0;
      if (now >= warm) s.cpuReceivedRps[c]++;
      work = cost.ipi;
      phase = SINK_ROUND;
    } else if (phase === SINK_ROUND) {
      // net_rx_action starts and polls the backlog NAPI.
      rxLimit = now + plan.netdevBudgetNs;
      done = 0;
      if (now >= warm) s.cpuPolls[c]++;
      work = cost.poll;
      phase = SINK_POLL;
    } else if (done < weight && backlogs.size(c) > 0) {
      // process_backlog's next packet: its stack work, then its delivery (or its route's drop).
      const slot = backlogs.dequeue(c);
      const flow = backlogs.flow[slot];
      const len = backlogs.len[slot];
      const arrival = backlogs.time[slot];
      done++;
      let w = stack + perByte * len;
      if (routes !== null) w += routes.ns[flow];
      w *= factor;
      if (exponential) w *= rng.nextExp();
      const stop = now + w;
      const from = now > warm ? now : warm;
      const to = stop < end ? stop : end;
      if (to > from) busyNs[c] += to - from;
      now = stop;
      if (stop >= end) {
        // Still on the CPU when the run ends (counted in flight).
        s.compKind[c] = DELIVER;
        s.compArr[c] = arrival;
        break;
      }
      // Its delivery: the step machine's own `deliver` (the route's verdict, the reply, the latency).
      s.cpuNow[c] = stop;
      s.compArr[c] = arrival;
      s.compFlow[c] = flow;
      s.compLen[c] = len;
      s.deliver(c);
      continue;
    } else {
      // The poll ends: a full one is repolled in a new round, otherwise the NAPI completes; the
      // round ends (time_squeeze when it spent the budget or its time).
      if ((budget - done <= 0 || now >= rxLimit) && now >= warm) s.cpuTimeSqueeze[c]++;
      if (done === weight) phase = SINK_ROUND;
      else {
        s.napiSched[napi] = 0;
        phase = SINK_IDLE;
      }
      continue;
    }
    const stop = now + work;
    const from = now > warm ? now : warm;
    const to = stop < end ? stop : end;
    if (to > from) busyNs[c] += to - from;
    now = stop;
  }
  s.cpuNow[c] = now;
  s.sinkPhase[c] = phase;
  s.pollWork[c] = done;
  s.rxLimit[c] = rxLimit;
}
