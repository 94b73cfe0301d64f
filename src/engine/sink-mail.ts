/**
 * RPS hand-offs to sinks (CPUs that only receive them: engine/cpu-loops.ts), as functions over
 * the engine's state. The steering CPU posts each hand-off and, when its round ends, an IPI to
 * the sink's inbox (engine/hand-off-inbox.ts); the sink applies them in its own timeline exactly
 * where the event-ordered engine would have: enqueue_to_backlog at the hand-off's time (drop at
 * netdev_max_backlog; the first packet into an unscheduled backlog owes its sender an IPI), and
 * the IPI when the sender's net_rx_action round ends (net/core/dev.c: enqueue_to_backlog,
 * rps_ipi_queued, net_rps_send_ipi).
 */
import { HAND_OFF, IPI } from "./hand-off-inbox.js";
import type { EngineState } from "./simulation-state.js";

/** CPU c hands the packet it completed off to sink r: post it to r's inbox (enqueued there later). */
export function postHandOff(s: EngineState, c: number, r: number): void {
  const sender = s.senderSlot[c];
  if (s.staged) s.outboxes[sender].stage(HAND_OFF, c, r, s.cpuNow, c, s.compArr, s.compFlow, s.compLen, c);
  else s.inboxes[r].post(HAND_OFF, c, s.cpuNow, s.compArr, s.compFlow, s.compLen, c);
  const at = sender * s.nCpu + r;
  if (s.flushMark[at] === 0) {
    s.flushMark[at] = 1;
    s.flushList[sender * s.nCpu + s.flushCount[sender]++] = r;
  }
}

/** End of CPU c's round: post an IPI to every sink it handed packets to (each judges whether it is owed one). */
export function postIpis(s: EngineState, c: number, sender: number): void {
  const base = sender * s.nCpu;
  for (let i = 0; i < s.flushCount[sender]; i++) {
    const r = s.flushList[base + i];
    s.flushMark[base + r] = 0;
    if (s.staged) s.outboxes[sender].stage(IPI, c, r, s.cpuNow, c, s.compArr, s.compFlow, s.compLen, c);
    else s.inboxes[r].post(IPI, c, s.cpuNow, s.compArr, s.compFlow, s.compLen, c);
  }
  s.flushCount[sender] = 0;
}

/**
 * Apply the messages of sink c's inbox that precede its step boundary at cpuNow[c]: those
 * posted earlier, and those posted at the same time by a CPU the event heap runs first at that
 * time (a smaller number). (At a boundary an IPI woke, the messages up to the waker's were
 * applied by `sinkWake`: the heap ran those CPUs before the woken one.)
 */
export function applyInbox(s: EngineState, c: number): void {
  const box = s.inboxes[c];
  const boundary = s.cpuNow[c];
  while (box.head < box.tail) {
    const k = box.head;
    const t = box.stamp[k];
    if (t > boundary || (t === boundary && box.src[k] > c)) break;
    box.head = k + 1;
    applyMessage(s, c, k);
  }
}

/**
 * Apply message k of sink c's inbox as the event-ordered engine does at its time:
 * enqueue_to_backlog (drop at the limit; the first packet into an unscheduled backlog owes
 * its sender an IPI), or the sender's IPI. Returns whether an IPI is now pending.
 */
export function applyMessage(s: EngineState, c: number, k: number): boolean {
  const box = s.inboxes[c];
  if (box.kind[k] === HAND_OFF) {
    if (!s.backlogs.enqueue(c, box.arrival, box.flow, box.len, k)) {
      if (box.arrival[k] >= s.window[0]) {
        s.dropsBacklog++;
        s.cpuDropped[c]++;
      }
      return false;
    }
    const napi = s.nQ + c;
    if (s.napiSched[napi] === 0) {
      s.napiSched[napi] = 1;
      s.ipiOwedBy[c] = box.src[k];
    }
    return false;
  }
  if (s.ipiOwedBy[c] !== box.src[k]) return false;
  s.ipiOwedBy[c] = -1;
  s.ipiPending[c] = 1;
  return true;
}

/**
 * Idle sink c: apply its messages up to its next own arrival; wake it at the first IPI among
 * them (cpuNow[c] := its time), else at that arrival if it comes before the horizon. Returns
 * false when it stays idle past the horizon.
 */
export function sinkWake(s: EngineState, c: number): boolean {
  const box = s.inboxes[c];
  const p = s.arrPos[c];
  const hasArrival = p < s.arrEnd[c];
  while (box.head < box.tail) {
    const k = box.head;
    if (hasArrival) {
      const t = box.stamp[k];
      const next = s.arrTime[p];
      if (t > next || (t === next && box.src[k] > c)) break;
    }
    box.head = k + 1;
    if (applyMessage(s, c, k)) {
      s.cpuNow[c] = box.stamp[k];
      return true;
    }
  }
  if (hasArrival && s.arrTime[p] < s.horizon[0]) {
    s.cpuNow[c] = s.arrTime[p];
    return true;
  }
  return false;
}

/**
 * At the end of the run: hand-offs posted after a sink's last step (its next one falls after
 * the end) still met its backlog then, as they would have in time order.
 */
export function drainSinks(s: EngineState): void {
  if (s.staged) deliverOutboxes(s, Infinity);
  const sinks = s.sinkList;
  for (let i = 0; i < sinks.length; i++) {
    const r = sinks[i];
    const box = s.inboxes[r];
    while (box.head < box.tail) applyMessage(s, r, box.head++);
  }
}

/**
 * Before the sinks replay up to time `until`, every sender has posted what it sends before then
 * (one running the isolated loop may have posted later ones too): merge the senders' messages
 * before `until` into the sinks' inboxes in (time, sender) order — the order of the event heap,
 * each sender's own messages (a hand-off, then its round's IPI) in the order it posted them. A
 * no-op unless some sender runs ahead (`staged`).
 */
export function deliverOutboxes(s: EngineState, until: number): void {
  const boxes = s.outboxes;
  // (The bound read back from a typed array: a loop value merged with the boxed parameter would
  // be boxed on every update — measured: 64 bytes of garbage per message.)
  const bound = s.mergeBound;
  bound[0] = until;
  for (;;) {
    let best = -1;
    let bestStamp = bound[0];
    // Slots are numbered in CPU order, so the first of equal stamps is the smaller CPU.
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i];
      if (box.head < box.tail && box.stamp[box.head] < bestStamp) {
        best = i;
        bestStamp = box.stamp[box.head];
      }
    }
    if (best < 0) break;
    const box = boxes[best];
    box.moveHeadTo(s.inboxes[box.dst[box.head]]);
  }
  for (let i = 0; i < boxes.length; i++) if (boxes[i].head === boxes[i].tail) boxes[i].head = boxes[i].tail = 0;
}
