/**
 * A job's counters as one ArrayBuffer, so a worker can hand them back by moving the buffer
 * (transfer, not structured copy) and a shard file can carry them as base64.
 *
 * Layout: little-endian float64 words (exact for every counter: all are integers below 2^53 or
 * the engine's own doubles).
 *   [0] FORMAT, [1] queues Q, [2] cpus C, [3] histogram pairs H, [4] route drop causes R,
 *   [5] routing out-device slots D, [6] egress-delay histogram pairs E, [7] egress-device
 *   fields G,
 *   then the scalars (SCALARS order), the latency histogram's header (HIST order) and the
 *   egress-delay histogram's header (HIST order),
 *   then queueCpu[Q], queueRx[Q], queueDrops[Q], the CPU arrays (CPU_ARRAYS order) × C,
 *   routeDrops[R], outDevPackets[D], egressDevices[G],
 *   then H × (slot index, count) of the latency histogram's non-empty slots, then E × (slot
 *   index, count) of the egress-delay histogram's,
 *   then irqbalanceScans, M, and M × (timeNs, queue, from, to) of the irqMoves.
 * Format 2 added R and D (route verdicts), format 3 the bandwidth caps (dropsIngressCap,
 * replyPackets, dropsEgressCap, egressBytes, E and the egress-delay histogram), format 4 the
 * irqbalance tail, format 5 ingressExceeded (tc police conform-exceed pass), the ARP
 * background's arpPackets and arpDropped, dropsNicIngressCap, and G with the egressDevices (caps
 * per NIC); a buffer of another format is refused.
 * Decoding gives counters that are equal field for field, so merging decoded counters is the same
 * as merging the originals (test/pool-counters-codec-round-trips-exactly.test.ts).
 */
import type { QueueIrqMove } from "../engine/irqbalance-timer.js";
import type { JobCounters } from "../engine/simulation.js";
import { LatencyHistogram, type LatencyHistogramJson } from "../stats/latency-histogram.js";

const FORMAT = 5;
const SCALARS = [
  "windowNs",
  "generatedPackets",
  "offeredPackets",
  "offeredBytes",
  "deliveredPackets",
  "deliveredBytes",
  "dropsRxRing",
  "dropsBacklog",
  "dropsIngressCap",
  "ingressExceeded",
  "arpPackets",
  "arpDropped",
  "dropsNicIngressCap",
  "replyPackets",
  "dropsEgressCap",
  "egressBytes",
  "inFlight",
] as const;
const HIST = ["highestTrackableNs", "total", "min", "max", "sum", "clamped", "invalid"] as const;
const CPU_ARRAYS = [
  "cpuBusyNs",
  "cpuIrqs",
  "cpuPolls",
  "cpuPolled",
  "cpuProcessed",
  "cpuDropped",
  "cpuTimeSqueeze",
  "cpuReceivedRps",
] as const;
const HEAD = 8 + SCALARS.length + 2 * HIST.length;

/** Pack `counters` into a fresh ArrayBuffer (cold: once per job). */
export function encodeCounters(counters: JobCounters): ArrayBuffer {
  const hist = counters.latency.toJSON();
  const egress = counters.egressDelay.toJSON();
  const q = counters.queueCpu.length;
  const c = counters.cpuBusyNs.length;
  const r = counters.routeDrops.length;
  const d = counters.outDevPackets.length;
  const m = counters.irqMoves.length;
  const g = counters.egressDevices.length;
  const words = HEAD + 3 * q + CPU_ARRAYS.length * c + r + d + g + 2 * hist.counts.length + 2 * egress.counts.length + 2 + 4 * m;
  const view = new DataView(new ArrayBuffer(words * 8));
  let at = 0;
  const put = (x: number): void => {
    view.setFloat64(at, x, true);
    at += 8;
  };
  put(FORMAT);
  put(q);
  put(c);
  put(hist.counts.length);
  put(r);
  put(d);
  put(egress.counts.length);
  put(g);
  for (const key of SCALARS) put(counters[key]);
  for (const key of HIST) put(hist[key]);
  for (const key of HIST) put(egress[key]);
  for (const array of [counters.queueCpu, counters.queueRx, counters.queueDrops]) for (const x of array) put(x);
  for (const key of CPU_ARRAYS) for (const x of counters[key]) put(x);
  for (const x of counters.routeDrops) put(x);
  for (const x of counters.outDevPackets) put(x);
  for (const x of counters.egressDevices) put(x);
  for (const [index, count] of [...hist.counts, ...egress.counts]) {
    put(index);
    put(count);
  }
  put(counters.irqbalanceScans);
  put(m);
  for (const move of counters.irqMoves) {
    put(move.timeNs);
    put(move.queue);
    put(move.from);
    put(move.to);
  }
  return view.buffer as ArrayBuffer;
}

/** Unpack counters packed by `encodeCounters`. Throws RangeError on a buffer of another shape. */
export function decodeCounters(buffer: ArrayBuffer): JobCounters {
  const view = new DataView(buffer);
  const words = buffer.byteLength / 8;
  let at = 0;
  const get = (): number => {
    const x = view.getFloat64(at, true);
    at += 8;
    return x;
  };
  if (!Number.isInteger(words) || words < HEAD || get() !== FORMAT) throw new RangeError(`job counters: not a counters buffer of format ${FORMAT}`);
  const q = get();
  const c = get();
  const h = get();
  const r = get();
  const d = get();
  const e = get();
  const g = get();
  const fixed = HEAD + 3 * q + CPU_ARRAYS.length * c + r + d + g + 2 * h + 2 * e + 2;
  if (words < fixed) throw new RangeError("job counters: buffer length does not match its header");
  const scalars = Object.fromEntries(SCALARS.map((key) => [key, get()])) as Record<(typeof SCALARS)[number], number>;
  const histHead = Object.fromEntries(HIST.map((key) => [key, get()])) as Record<(typeof HIST)[number], number>;
  const egressHead = Object.fromEntries(HIST.map((key) => [key, get()])) as Record<(typeof HIST)[number], number>;
  const floats = (n: number): Float64Array => Float64Array.from({ length: n }, get);
  const queueCpu = Int32Array.from({ length: q }, get);
  const queueRx = floats(q);
  const queueDrops = floats(q);
  const cpu = Object.fromEntries(CPU_ARRAYS.map((key) => [key, floats(c)])) as Record<(typeof CPU_ARRAYS)[number], Float64Array>;
  const routeDrops = floats(r);
  const outDevPackets = floats(d);
  const egressDevices = floats(g);
  const counts: Array<readonly [number, number]> = [];
  for (let i = 0; i < h; i++) counts.push([get(), get()]);
  const egressCounts: Array<readonly [number, number]> = [];
  for (let i = 0; i < e; i++) egressCounts.push([get(), get()]);
  const irqbalanceScans = get();
  const m = get();
  if (words !== fixed + 4 * m) throw new RangeError("job counters: buffer length does not match its header");
  const irqMoves: QueueIrqMove[] = [];
  for (let i = 0; i < m; i++) irqMoves.push({ timeNs: get(), queue: get(), from: get(), to: get() });
  const json: LatencyHistogramJson = { ...histHead, counts };
  const egressDelay = LatencyHistogram.fromJSON({ ...egressHead, counts: egressCounts });
  return { ...scalars, latency: LatencyHistogram.fromJSON(json), egressDelay, queueCpu, queueRx, queueDrops, ...cpu, routeDrops, outDevPackets, egressDevices, irqbalanceScans, irqMoves };
}

/** Base64 of the buffer (for shard files). */
export function countersToBase64(buffer: ArrayBuffer): string {
  return Buffer.from(buffer).toString("base64");
}

/** Inverse of `countersToBase64` (a copy, aligned for DataView use). */
export function countersFromBase64(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, "base64");
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}
