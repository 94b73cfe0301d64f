/**
 * The tight loop of a peer (cpu-loops.ts, peer-mail.ts): a CPU that takes one queue's interrupt,
 * steers its packets with RPS to other CPUs or to its own backlog, and takes hand-offs from other
 * CPUs by mail — or of a CPU that steers so but takes nothing from others and is not isolated (it
 * steers to its own backlog too: rps_cpus including the interrupt CPU on a single-queue NIC),
 * which runs it ahead to the next arrival batch. Its net_rx_action has two NAPIs, the ring's (R)
 * and the backlog's (B), so the step machine's poll, round and repoll lists (simulation.ts
 * `softirqStep`, `endRound`) shrink to three small codes of at most two entries each, kept in
 * locals. Each step boundary does what the
 * step machine's does, in its order (net/core/dev.c: net_rx_action, napi_poll,
 * enqueue_to_backlog, process_backlog, net_rps_send_ipi): the mail due by then
 * (sink-mail.ts `applyMessage`), the completion of the item that ends there (a delivery, or the
 * hand-off that ends a packet's driver work), the arrivals into the ring (the queue's interrupt
 * unless its NAPI is scheduled), then the next item — the hard IRQ, else the IPI, else the next
 * packet of the NAPI being polled, else the list operations up to the next poll or to idle. The
 * same items at the same clock values with the same busy-time additions, so the oracle tests hold
 * it to the step machine byte for byte.
 *
 * It runs up to its horizon (peer-mail.ts `peerHorizon`) and leaves the in-flight item in the
 * engine's completion columns, as the step machine does; idle, it takes an IPI from its mail
 * before its next arrival (sink-mail.ts `wakeByMail`) or jumps to that arrival when it comes
 * before the horizon.
 * Plans with an application, GRO, SMT or interrupt deadlines do not run it; with route verdicts
 * or caps it delivers through the step machine's `deliver`.
 *
 * Measured (bench 4-queue point, whole jobs, best of 11 interleaved runs in both orders, against
 * the step machine on the heap): rps_cpus ffff 1.33–1.54× (2.3 → 3.6 M simulated packets per
 * CPU-second), vendor-default 1.23–1.30×. Running the step machine itself under the same mail and
 * horizons cut its heap turns from 2.5 to 0.9 per packet yet measured 6–25% slower: the step's
 * own work, not the heap, was the cost. A single queue steering to CPUs 0-7 (itself included) at
 * 3 Mpps: 1.31–1.35× against the step machine running ahead; examples/routing-two-enis.yaml with
 * rps_cpus ff on its receiving NIC at 2 Mpps: 1.38–1.42×.
 */
import { HAND_OFF } from "./hand-off-channels.js";
import { applyMessage, postIpis, wakeByMail } from "./sink-mail.js";
import { DELIVER, NONE, STEER, type EngineState } from "./simulation-state.js";

/** NAPI tokens in the list codes: a list is 0 (empty), t (one entry) or t1 + 3·t2 (two). */
const R = 1;
const B = 2;

function append(list: number, t: number): number {
  return list === 0 ? t : list + 3 * t;
}

/** `a` followed by `b` (the two hold different NAPIs, so at most two entries in all). */
function concat(a: number, b: number): number {
  return a === 0 ? b : b === 0 ? a : a + 3 * b;
}

/**
 * The hand-off that ends a packet's driver work on CPU c at `stamp[0]`, the packet being
 * (`time`, `flow`, `len`)[i]: posted to target r's channel (sink-mail.ts `postHandOff`), or
 * enqueue_to_backlog on c's own backlog. Returns whether that scheduled c's backlog NAPI (the
 * caller puts it on its poll list).
 */
function handOff(s: EngineState, c: number, r: number, stamp: Float64Array, time: Float64Array, flow: Int32Array, len: Uint16Array, i: number): boolean {
  if (r !== c) {
    const sender = s.senderSlot[c];
    const at = sender * s.nCpu + r;
    s.channelTo[at].post(HAND_OFF, stamp, 0, time, flow, len, i);
    if (s.flushMark[at] === 0) {
      s.flushMark[at] = 1;
      s.flushList[sender * s.nCpu + s.flushCount[sender]++] = r;
    }
    return false;
  }
  if (!s.backlogs.enqueue(c, time, flow, len, i)) {
    if (time[i] >= s.window[0]) {
      s.dropsBacklog++;
      s.cpuDropped[c]++;
    }
    return false;
  }
  const napi = s.nQ + c;
  if (s.napiSched[napi] === 1) return false;
  s.napiSched[napi] = 1;
  return true;
}

/** Run peer c from its clock until its next step would start at or after the horizon, or it idles. */
export function runPeerLoop(s: EngineState, c: number): void {
  const plan = s.plan;
  const cost = plan.costNs;
  const nQ = s.nQ;
  const nCpu = s.nCpu;
  const q = s.peerQueue[c];
  const bNapi = nQ + c;
  const warm = s.window[0];
  const end = s.window[1];
  const never = s.window[2];
  const horizon = s.horizon[0];
  const keys = s.heap.keys;
  const napiSched = s.napiSched;
  const ipiPending = s.ipiPending;
  const backlogs = s.backlogs;
  const busyNs = s.cpuBusyNs;
  const weight = plan.napiWeight;
  const devWeight = plan.devWeight;
  const factor = plan.cpuWorkFactor[c];
  const exponential = plan.exponentialCosts;
  const rng = s.costRng[c];
  const inline = cost.driver + cost.stack;
  const steerNs = cost.driver + cost.rpsEnqueue;
  const stackNs = cost.stack;
  const perByte = cost.perByte;
  const cpuNode = plan.cpuNode;
  const node = cpuNode[c];
  const crossNode = cost.rpsCrossNode;
  const flowRps = plan.flowRpsCpu;
  const flowToPeer = s.flowToPeer;
  // Route verdicts and caps: a route's lookup time in the stack's work, and the step machine's
  // `deliver` for each delivery; without them a delivery is its latency.
  const routes = plan.routes;
  const plain = plan.plain;
  // Its ring and its arrivals.
  const ringBase = s.ringBase[q];
  const ringCap = s.ringCap[q];
  const ringTime = s.ringTime;
  const ringFlow = s.ringFlow;
  const ringLen = s.ringLen;
  let ringHead = s.ringHead[q];
  let ringCount = s.ringCount[q];
  const arrTime = s.arrTime;
  const arrFlow = s.arrFlow;
  const arrLen = s.arrLen;
  const arrEnd = s.arrEnd[c];
  let arrPos = s.arrPos[c];
  // Its mail, and its channels out.
  const inbox = s.inboxes[c];
  const channels = inbox.channels;
  const src = inbox.src;
  const mailAt = inbox.next;
  let nextCh = inbox.earliest();
  const sender = s.senderSlot[c];
  const flushCount = s.flushCount;
  const stamp = s.peerStamp;
  const latencyBuf = s.latencyBuf;
  let latencyFill = s.latencyFill;
  let delivered = 0;
  let deliveredBytes = 0;
  let polled = 0;
  const peerInRing = s.peerInRing;
  const pairBase = c * nCpu;
  // net_rx_action's state.
  let now = s.cpuNow[c];
  let kind = s.compKind[c];
  // Its queue's interrupt pending (raised here, or by the generator's intake between calls: the
  // engine's pending-IRQ list holds it between calls).
  let irq = s.pendingIrqs.popFront(c) === q ? 1 : 0;
  let poll = s.peerPoll[c];
  let round = s.peerRound[c];
  let repoll = s.peerRepoll[c];
  let cur = s.peerCur[c];
  let inRx = s.inRx[c];
  let budget = s.budget[c];
  let rxLimit = s.rxLimit[c];
  let done = s.pollWork[c];
  s.idle[c] = 0;
  for (;;) {
    // Mail posted before this boundary (at it, by a smaller CPU: the heap runs it first): sink-mail.ts
    // `applyInbox` inline, as the sink loop has it (calling it measured ~10% slower there).
    while (nextCh >= 0) {
      const t = mailAt[nextCh];
      if (t > now || (t === now && src[nextCh] > c)) break;
      applyMessage(s, c, channels[nextCh], inbox.take(nextCh), src[nextCh]);
      nextCh = inbox.earliest();
    }
    // The item that ends now.
    if (kind !== NONE) {
      s.cpuNow[c] = now;
      if (kind === DELIVER) {
        s.latencyFill = latencyFill;
        s.deliver(c);
        latencyFill = s.latencyFill;
      } else {
        stamp[0] = now;
        if (handOff(s, c, s.compTarget[c], stamp, s.compArr, s.compFlow, s.compLen, c)) poll = append(poll, B);
      }
      kind = NONE;
    }
    // Arrivals by now enter the ring; the first into an unscheduled NAPI raises the interrupt.
    while (arrPos < arrEnd && arrTime[arrPos] <= now) {
      const t = arrTime[arrPos];
      const f = arrFlow[arrPos];
      if (ringCount >= ringCap) {
        if (t >= warm) {
          s.dropsRxRing++;
          s.queueDrops[q]++;
        }
      } else {
        let slot = ringHead + ringCount;
        if (slot >= ringCap) slot -= ringCap;
        slot += ringBase;
        ringTime[slot] = t;
        ringFlow[slot] = f;
        ringLen[slot] = arrLen[arrPos];
        ringCount++;
        if (flowToPeer[f] === 1) peerInRing[pairBase + flowRps[f]]++;
        if (t >= warm) s.queueRx[q]++;
        if (napiSched[q] === 0) {
          napiSched[q] = 1;
          irq = 1;
        }
      }
      arrPos++;
    }
    let work: number;
    if (irq === 1) {
      // Hard IRQ: napi_schedule of the ring's NAPI.
      irq = 0;
      poll = append(poll, R);
      s.queueIrqs[q]++;
      if (now >= warm) s.cpuIrqs[c]++;
      work = cost.hardIrq;
    } else if (ipiPending[c] === 1) {
      // RPS IPI: schedule the backlog's NAPI.
      ipiPending[c] = 0;
      poll = append(poll, B);
      if (now >= warm) s.cpuReceivedRps[c]++;
      work = cost.ipi;
    } else if (cur !== 0 && (cur === R ? done < weight && ringCount > 0 : done < devWeight && backlogs.size(c) > 0)) {
      // One NAPI poll, packet by packet (simulation.ts `runCpu`'s inner loop).
      const fromRing = cur === R;
      const limit = fromRing ? weight : devWeight;
      const nextArrival = arrPos < arrEnd ? arrTime[arrPos] : never;
      const nextMail = nextCh >= 0 ? mailAt[nextCh] : never;
      work = 0;
      while (done < limit) {
        let flow: number;
        let len: number;
        let arrival: number;
        let target = -1;
        let slot: number;
        if (fromRing) {
          if (ringCount === 0) break;
          slot = ringBase + ringHead;
          ringHead = ringHead + 1 === ringCap ? 0 : ringHead + 1;
          ringCount--;
          flow = ringFlow[slot];
          len = ringLen[slot];
          arrival = ringTime[slot];
          if (arrival >= warm) polled++;
          if (flowToPeer[flow] === 1) peerInRing[pairBase + flowRps[flow]]--;
          target = flowRps[flow];
        } else {
          slot = backlogs.dequeue(c);
          if (slot < 0) break;
          flow = backlogs.flow[slot];
          len = backlogs.len[slot];
          arrival = backlogs.time[slot];
        }
        done++;
        // RPS: the hand-off when the driver work ends; else the stack's work, then the delivery.
        let w: number;
        if (target >= 0) {
          w = steerNs * factor;
          if (cpuNode[target] !== node) w += crossNode;
        } else {
          w = fromRing ? inline + perByte * len : stackNs + perByte * len;
          if (routes !== null) w += routes.ns[flow];
          w *= factor;
        }
        if (exponential) w *= rng.nextExp();
        const stop = now + w;
        // An item that ends at or past the horizon completes at the next call's first boundary;
        // one into its own backlog with mail due by its end, at the next boundary (the mail first).
        if (stop >= horizon || (target === c && stop >= nextMail)) {
          work = w;
          kind = target >= 0 ? STEER : DELIVER;
          s.compArr[c] = arrival;
          s.compFlow[c] = flow;
          s.compLen[c] = len;
          s.compTarget[c] = target;
          break;
        }
        const to = stop < end ? stop : end;
        const from = now > warm ? now : warm;
        if (to > from) busyNs[c] += to - from;
        now = stop;
        if (target >= 0) {
          stamp[0] = stop;
          if (handOff(s, c, target, stamp, ringTime, ringFlow, ringLen, slot)) poll = append(poll, B);
        } else if (!plain) {
          // Its delivery: the step machine's own `deliver` (the route's verdict, the reply, the latency).
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
        // An arrival or mail due: the next boundary takes it (an arrival may raise the interrupt,
        // while the ring's NAPI is not the one polled).
        if (nextArrival <= now) break;
        if (nextMail <= now) break;
      }
      if (work === 0) continue;
    } else {
      // net_rx_action's list operations (simulation.ts `softirqStep`), up to the next poll or idle.
      work = -1;
      /** The round spent its budget or its time (time_squeeze): it ends at the next list step. */
      let squeezed = false;
      for (;;) {
        if (cur === 0) {
          if (inRx === 0) {
            if (poll === 0) break;
            inRx = 1;
            budget = plan.netdevBudget;
            rxLimit = now + plan.netdevBudgetNs;
            round = concat(round, poll);
            poll = 0;
          }
          if (round === 0 && !squeezed && repoll === 0 && poll !== 0) {
            round = poll; // NAPIs scheduled during the round: same budget ("goto start").
            poll = 0;
          } else if (round === 0 || squeezed) {
            // The round ends (its list ran out, or its budget or time): poll_list = the rest,
            // then those scheduled meanwhile, then the repolls; then the IPIs.
            poll = concat(concat(round, poll), repoll);
            round = 0;
            repoll = 0;
            inRx = 0;
            squeezed = false;
            if (flushCount[sender] > 0) {
              s.cpuNow[c] = now;
              postIpis(s, c, sender);
            }
            continue;
          }
          cur = round % 3;
          round = ((round - cur) / 3) | 0;
          done = 0;
          if (now >= warm) s.cpuPolls[c]++;
          work = cost.poll;
          break;
        }
        // The poll ends: a NAPI that used its whole weight is repolled in the next round;
        // otherwise it completes (the ring's interrupt is unmasked).
        const n = cur;
        cur = 0;
        if (done === (n === R ? weight : devWeight)) repoll = append(repoll, n);
        else if (n === R) {
          napiSched[q] = 0;
          s.deferLeft[q] = 0;
        } else napiSched[bNapi] = 0;
        budget -= done;
        if (budget <= 0 || now >= rxLimit) {
          if (now >= warm) s.cpuTimeSqueeze[c]++;
          squeezed = true;
        }
      }
      if (work < 0) {
        // Nothing to do: an IPI in its mail wakes it; else it waits for its next arrival.
        s.cpuNow[c] = now;
        s.arrPos[c] = arrPos;
        if (wakeByMail(s, c)) {
          now = s.cpuNow[c];
          nextCh = inbox.earliest();
          continue;
        }
        nextCh = inbox.earliest();
        const next = arrPos < arrEnd ? arrTime[arrPos] : never;
        if (next < horizon) {
          now = next;
          continue;
        }
        s.idle[c] = 1;
        keys[c + 1] = next;
        break;
      }
    }
    const stop = now + work;
    const from = now > warm ? now : warm;
    const to = stop < end ? stop : end;
    if (to > from) busyNs[c] += to - from;
    now = stop;
    if (now >= horizon) {
      keys[c + 1] = now;
      break;
    }
  }
  s.cpuNow[c] = now;
  s.compKind[c] = kind;
  if (irq === 1) s.pendingIrqs.append(c, q);
  s.peerPoll[c] = poll;
  s.peerRound[c] = round;
  s.peerRepoll[c] = repoll;
  s.peerCur[c] = cur;
  s.inRx[c] = inRx;
  s.budget[c] = budget;
  s.rxLimit[c] = rxLimit;
  s.pollWork[c] = done;
  s.ringHead[q] = ringHead;
  s.ringCount[q] = ringCount;
  s.arrPos[c] = arrPos;
  s.latencyFill = latencyFill;
  s.cpuPolled[c] += polled;
  s.cpuProcessed[c] += delivered;
  s.deliveredPackets += delivered;
  s.deliveredBytes += deliveredBytes;
}
