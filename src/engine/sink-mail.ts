/**
 * RPS hand-offs by mail, to sinks (CPUs that only receive them: engine/cpu-loops.ts) and to
 * peers (engine/peer-mail.ts), as functions over the engine's state. The steering CPU posts each
 * hand-off and, when its round ends, an IPI to its channel to the receiver
 * (engine/hand-off-channels.ts); the receiver applies them in its own timeline exactly where the
 * event-ordered engine would have: enqueue_to_backlog at the
 * hand-off's time (drop at netdev_max_backlog; the first packet into an unscheduled backlog owes
 * its sender an IPI), and the IPI when the sender's net_rx_action round ends (net/core/dev.c:
 * enqueue_to_backlog, rps_ipi_queued, net_rps_send_ipi).
 *
 * Measured (rps_cpus fff0 on the bench point: four senders running ahead, twelve sinks; whole
 * jobs, best of 15 interleaved runs, four runs in alternating orders): reading the channels in
 * place instead of first merging per-sender outboxes into one inbox per sink was 1.01–1.08× as
 * fast; the merge had been 21% of the job's profile.
 */
import { HAND_OFF, IPI, type HandOffChannel } from "./hand-off-channels.js";
import type { EngineState } from "./simulation-state.js";

/** CPU c hands the packet it completed off to sink or peer r: post it to their channel (enqueued there later). */
export function postHandOff(s: EngineState, c: number, r: number): void {
  const sender = s.senderSlot[c];
  const at = sender * s.nCpu + r;
  s.channelTo[at].post(HAND_OFF, s.cpuNow, c, s.compArr, s.compFlow, s.compLen, c);
  if (s.flushMark[at] === 0) {
    s.flushMark[at] = 1;
    s.flushList[sender * s.nCpu + s.flushCount[sender]++] = r;
  }
}

/** End of CPU c's round: post an IPI to every CPU it handed packets to by mail (each judges whether it is owed one). */
export function postIpis(s: EngineState, c: number, sender: number): void {
  const base = sender * s.nCpu;
  for (let i = 0; i < s.flushCount[sender]; i++) {
    const r = s.flushList[base + i];
    s.flushMark[base + r] = 0;
    s.channelTo[base + r].post(IPI, s.cpuNow, c, s.compArr, s.compFlow, s.compLen, c);
  }
  s.flushCount[sender] = 0;
}

/**
 * Apply the messages of sink c's inbox that precede its step boundary at cpuNow[c]: those
 * posted earlier, and those posted at the same time by a CPU the event heap runs first at that
 * time (a smaller number). (At a boundary an IPI woke, the messages up to the waker's were
 * applied by `wakeByMail`: the heap ran those CPUs before the woken one.)
 */
export function applyInbox(s: EngineState, c: number): void {
  const inbox = s.inboxes[c];
  const boundary = s.cpuNow[c];
  for (let from = inbox.earliest(); from >= 0; from = inbox.earliest()) {
    const t = inbox.next[from];
    if (t > boundary || (t === boundary && inbox.src[from] > c)) break;
    applyMessage(s, c, inbox.channels[from], inbox.take(from), inbox.src[from]);
  }
}

/**
 * Apply message k of channel `ch` (from CPU `src`) to sink c as the event-ordered engine does at
 * its time: enqueue_to_backlog (drop at the limit; the first packet into an unscheduled backlog
 * owes its sender an IPI), or the sender's IPI. Returns whether an IPI is now pending.
 */
export function applyMessage(s: EngineState, c: number, ch: HandOffChannel, k: number, src: number): boolean {
  if (ch.kind[k] === HAND_OFF) {
    if (!s.backlogs.enqueue(c, ch.arrival, ch.flow, ch.len, k)) {
      if (ch.arrival[k] >= s.window[0]) {
        s.dropsBacklog++;
        s.cpuDropped[c]++;
      }
      return false;
    }
    const napi = s.nQ + c;
    if (s.napiSched[napi] === 0) {
      s.napiSched[napi] = 1;
      s.ipiOwedBy[c] = src;
    }
    return false;
  }
  if (s.ipiOwedBy[c] !== src) return false;
  s.ipiOwedBy[c] = -1;
  s.ipiPending[c] = 1;
  return true;
}

/**
 * Idle CPU c (a sink, or a peer: peer-mail.ts): apply its messages posted before its horizon and
 * up to its next own arrival (at that arrival's time only a smaller CPU's, which the heap runs
 * first), and wake it at the first IPI among them (cpuNow[c] := its time). Returns whether an IPI
 * woke it. (At a boundary an IPI woke, the messages up to the waker's are applied: the heap ran
 * those CPUs before the woken one.)
 */
export function wakeByMail(s: EngineState, c: number): boolean {
  const inbox = s.inboxes[c];
  const p = s.arrPos[c];
  const hasArrival = p < s.arrEnd[c];
  for (let from = inbox.earliest(); from >= 0; from = inbox.earliest()) {
    const t = inbox.next[from];
    if (!(t < s.horizon[0])) break;
    if (hasArrival) {
      const next = s.arrTime[p];
      if (t > next || (t === next && inbox.src[from] > c)) break;
    }
    if (applyMessage(s, c, inbox.channels[from], inbox.take(from), inbox.src[from])) {
      s.cpuNow[c] = t;
      return true;
    }
  }
  return false;
}

/**
 * Idle sink c: woken by an IPI in its mail (`wakeByMail`), else at its next own arrival if that
 * comes before the horizon. Returns false when it stays idle past the horizon.
 */
export function sinkWake(s: EngineState, c: number): boolean {
  if (wakeByMail(s, c)) return true;
  const p = s.arrPos[c];
  if (p < s.arrEnd[c] && s.arrTime[p] < s.horizon[0]) {
    s.cpuNow[c] = s.arrTime[p];
    return true;
  }
  return false;
}

/**
 * At the end of the run: hand-offs posted after a sink's or peer's last step (its next one falls
 * after the end) still met its backlog then, as they would have in time order.
 */
export function drainSinks(s: EngineState): void {
  const sinks = s.mailedList;
  for (let i = 0; i < sinks.length; i++) {
    const r = sinks[i];
    const inbox = s.inboxes[r];
    for (let from = inbox.earliest(); from >= 0; from = inbox.earliest()) applyMessage(s, r, inbox.channels[from], inbox.take(from), inbox.src[from]);
  }
}
