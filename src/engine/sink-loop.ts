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

/** Where a pure sink is at its step boundary (`sinkPhase`): idle (its IPI, when pending, comes next), a round's start, or polling. */
export const SINK_IDLE = 0;
const SINK_ROUND = 1;
const SINK_POLL = 2;

/** Run pure sink c from its clock until its next step boundary at or after the horizon, or until it idles with no IPI left in its inbox. */
export function runSinkLoop(s: EngineState, c: number): void {
  const plan = s.plan;
  const cost = plan.costNs;
  const inbox = s.inboxes[c];
  const channels = inbox.channels;
  const src = inbox.src;
  const mailAt = inbox.next;
  const ipiPending = s.ipiPending;
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
  const plain = plan.plain;
  const latencyBuf = s.latencyBuf;
  let latencyFill = s.latencyFill;
  // Its clock, phase and counters in locals (nobody else reads a pure sink's state while it
  // runs), stored back on the way out; busy time starts from the array, so its additions happen
  // in the step machine's order and give the same double. (Its backlog NAPI and IPI state stay
  // in the engine's arrays, where `applyMessage` keeps them: locals of their own, with the
  // messages applied inline, measured no faster.)
  let now = s.cpuNow[c];
  let phase = s.sinkPhase[c];
  let done = s.pollWork[c];
  let rxLimit = s.rxLimit[c];
  let busy = s.cpuBusyNs[c];
  let ipis = 0;
  let polls = 0;
  let squeezes = 0;
  let delivered = 0;
  let deliveredBytes = 0;
  for (;;) {
    // A boundary at or after the horizon waits for the next call: later messages may precede it.
    if (now >= limit) break;
    // The messages that precede this boundary, in (time, sender) order (sink-mail.ts
    // `applyInbox`, inline). An idle sink with no IPI pending sleeps until
    // a message makes one pending: it moves to each message's time (those before the horizon:
    // a later one may yet be preceded by one not posted), and the IPI's is its next boundary.
    while (nextCh >= 0) {
      const t = mailAt[nextCh];
      if (phase === SINK_IDLE && ipiPending[c] === 0) {
        if (!(t < limit)) break;
        now = t;
      } else if (t > now || (t === now && src[nextCh] > c)) break;
      applyMessage(s, c, channels[nextCh], inbox.take(nextCh), src[nextCh]);
      nextCh = inbox.earliest();
    }
    let work: number;
    if (phase === SINK_IDLE) {
      if (ipiPending[c] === 0) break;
      // The IPI (rps_trigger_softirq).
      ipiPending[c] = 0;
      if (now >= warm) ipis++;
      work = cost.ipi;
      phase = SINK_ROUND;
    } else if (phase === SINK_ROUND) {
      // net_rx_action starts and polls the backlog NAPI.
      rxLimit = now + plan.netdevBudgetNs;
      done = 0;
      if (now >= warm) polls++;
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
      if (to > from) busy += to - from;
      now = stop;
      if (stop >= end) {
        // Still on the CPU when the run ends (counted in flight).
        s.compKind[c] = DELIVER;
        s.compArr[c] = arrival;
        break;
      }
      // Its delivery: with route verdicts or caps the step machine's own `deliver`; without them
      // its latency, inline.
      if (!plain) {
        s.cpuNow[c] = stop;
        s.compArr[c] = arrival;
        s.compFlow[c] = flow;
        s.compLen[c] = len;
        s.latencyFill = latencyFill;
        s.deliver(c);
        latencyFill = s.latencyFill;
      } else if (arrival >= warm) {
        latencyBuf[latencyFill++] = stop - arrival;
        if (latencyFill === latencyBuf.length) {
          s.latency.recordBatch(latencyBuf, latencyFill);
          latencyFill = 0;
        }
        delivered++;
        deliveredBytes += len;
      }
      continue;
    } else {
      // The poll ends: a full one is repolled in a new round, otherwise the NAPI completes; the
      // round ends (time_squeeze when it spent the budget or its time).
      if ((budget - done <= 0 || now >= rxLimit) && now >= warm) squeezes++;
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
    if (to > from) busy += to - from;
    now = stop;
  }
  s.cpuNow[c] = now;
  s.sinkPhase[c] = phase;
  s.pollWork[c] = done;
  s.rxLimit[c] = rxLimit;
  s.cpuBusyNs[c] = busy;
  s.cpuReceivedRps[c] += ipis;
  s.cpuPolls[c] += polls;
  s.cpuTimeSqueeze[c] += squeezes;
  s.latencyFill = latencyFill;
  s.deliveredPackets += delivered;
  s.deliveredBytes += deliveredBytes;
  s.cpuProcessed[c] += delivered;
}
