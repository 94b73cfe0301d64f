/**
 * Peers: interrupt CPUs that steer packets to each other with RPS (rps_cpus ffff or the
 * vendor-default mask on a multi-queue NIC), as functions over the engine's state.
 *
 * A peer takes its hand-offs and IPIs from channels, as a sink does (engine/hand-off-channels.ts,
 * sink-mail.ts): a steering CPU posts them and never touches the peer's backlog, and the peer
 * applies each at its own step boundaries in (time, sender) order — the order the event heap runs
 * them in. What a steering CPU does depends only on its own arrivals and on the mail it takes
 * itself, never on the state of the CPUs it steers to (enqueue_to_backlog's verdict and whether
 * an IPI is owed are judged by the receiver), so a peer need not keep in step with the others:
 * it may run up to the earliest time any CPU that steers to it could post the next message, its
 * `safe` time, instead of stopping at every other CPU's next step.
 *
 * `safe` of a CPU for each peer it steers to, taken when it stops (`updateSafe`): its next step
 * when a message to that peer may come at once (a hand-off to it ends its current item, or its
 * round owes it an IPI); else one steer's time after its next step when a packet for that peer
 * waits in its ring, or after the arrival of its next packet that RPS hands to that peer (no
 * hand-off before its packet arrives and is steered). Mail it takes can only delay what it does,
 * never advance it: inbound work adds time.
 *
 * An idle peer is not woken by the IPI that makes its backlog's NAPI run; it finds the IPI when it
 * next runs (sink-mail.ts `wakeByMail`, at its next arrival or when the arrival generator settles every peer up
 * to its time) and resumes from the IPI's time. Until its next arrival it has nothing but its
 * backlog to process, which posts no mail, so no other CPU's horizon depended on it.
 */
import { GEN, STEER, type EngineState } from "./simulation-state.js";

/** Take CPU c's `safe` time for each peer it steers to, now that it has stopped (its heap key is its next step). */
export function updateSafe(s: EngineState, c: number): void {
  const key = s.heap.keys[c + 1];
  const nCpu = s.nCpu;
  const base = c * nCpu;
  const flushBase = s.senderSlot[c] * nCpu;
  // A hand-off to a peer that ends its current item.
  const target = s.compTarget[c];
  const handing = s.compKind[c] === STEER ? target : -1;
  // Else a packet for the peer must still be taken and steered: no sooner than one steer's time
  // (plan costs that are exponential draws have no such floor) after its next step, or after it
  // arrives.
  const steerMin = s.steerMin[c];
  const flowRps = s.plan.flowRpsCpu;
  const arrFlow = s.arrFlow;
  const end = s.arrEnd[c];
  const safe = s.safe;
  const targets = s.peerTargetList;
  const flushMark = s.flushMark;
  const peerInRing = s.peerInRing;
  const peerScan = s.peerScan;
  const arrTime = s.arrTime;
  const pos = s.arrPos[c];
  for (let i = s.peerTargetStart[c]; i < s.peerTargetStart[c + 1]; i++) {
    const r = targets[i];
    // …or at once: the hand-off that ends its current item, or the IPI its round owes the peer.
    if (r === handing || flushMark[flushBase + r] === 1) safe[base + r] = key;
    else if (peerInRing[base + r] > 0) safe[base + r] = key + steerMin;
    else {
      // The next of its arrivals that RPS hands to this peer (a forward scan, kept between calls).
      let p = peerScan[base + r];
      if (p < pos) p = pos;
      while (p < end && flowRps[arrFlow[p]] !== r) p++;
      peerScan[base + r] = p;
      if (p === end) safe[base + r] = s.window[2];
      else safe[base + r] = (arrTime[p] > key ? arrTime[p] : key) + steerMin;
    }
  }
}

/**
 * Peer c's horizon into horizon[0]: the earliest `safe` time of the CPUs that steer to it, or the
 * arrival generator's next time if earlier. (Read from the heap's keys, not passed: a double
 * argument to a call V8 does not inline is boxed.)
 */
export function peerHorizon(s: EngineState, c: number): void {
  const safe = s.safe;
  const list = s.peerSenderList;
  const nCpu = s.nCpu;
  let h = s.heap.keys[GEN];
  for (let i = s.peerSenderStart[c]; i < s.peerSenderStart[c + 1]; i++) {
    const t = safe[list[i] * nCpu + c];
    if (t < h) h = t;
  }
  s.horizon[0] = h;
}

