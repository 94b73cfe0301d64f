/**
 * The hash RPS and RFS steer by: `skb_get_hash()` (include/linux/skbuff.h), not always the NIC's.
 *
 * - The NIC's RSS hash is used only when the driver reported it as an L4 hash
 *   (`skb_set_hash(skb, hash, PKT_HASH_TYPE_L4)`: the NIC hashed the ports too). A driver that
 *   reports every hash as L3, or reports none (virtio-net without VIRTIO_NET_F_HASH_REPORT, the
 *   common cloud NIC), leaves `skb->l4_hash` clear, and `skb_get_hash` computes the software flow
 *   hash instead: `__skb_get_hash` → `__flow_hash_from_keys` (net/core/flow_dissector.c), SipHash
 *   over the dissected addresses, ports and protocol — addresses and ports put in a fixed order
 *   first (`__flow_hash_consistentify`), so both directions hash alike — with a key drawn at boot
 *   (`hashrnd`); a zero result becomes 1.
 * - The key is random per boot, so only the spread of the software hash matters, not its exact
 *   values: nicsim draws the key from the job's seed and mixes the same fields with a keyed 32-bit
 *   hash (MurmurHash3's mixing steps), in the same order-independent way.
 *
 * Cold: once per flow when a plan is compiled.
 */
import type { FlowSet } from "../traffic/flow-set.js";
import { murmurFinish, murmurMix } from "../traffic/murmur3.js";
import { Prng } from "../traffic/prng.js";

/** What the NIC's driver tells the stack about its RSS hash (`nics[].rss.hashReport`). */
export type HashReport = "l4" | "l3" | "none";

/** The random stream of the software hash's key (apart from the flows', arrivals', costs' and ARP's). */
const SOFTWARE_HASH_STREAM = 3;

/** Whether address a (words at a·w of `x`) orders before address b (of `y`), word by word. */
function addressBefore(x: Uint32Array, a: number, y: Uint32Array, b: number, w: number): boolean {
  for (let i = 0; i < w; i++) {
    if (x[a * w + i] !== y[b * w + i]) return x[a * w + i] >>> 0 < y[b * w + i] >>> 0;
  }
  return false;
}

/**
 * The software flow hash of every flow (`__skb_get_hash`): a keyed hash of protocol, addresses
 * and ports, consistentified, never 0. `protocol` is the IP protocol number.
 */
export function softwareFlowHashes(flows: FlowSet, protocol: number, seed: number): Uint32Array {
  const rng = new Prng(seed, SOFTWARE_HASH_STREAM);
  const key = rng.nextU32() | 0;
  const out = new Uint32Array(flows.count);
  const w = flows.words;
  for (let f = 0; f < flows.count; f++) {
    // __flow_hash_consistentify: the smaller address first (ports swapped with them).
    const swap = addressBefore(flows.dst, f, flows.src, f, w);
    const first = swap ? flows.dst : flows.src;
    const second = swap ? flows.src : flows.dst;
    let h = murmurMix(key, protocol);
    for (let i = 0; i < w; i++) h = murmurMix(h, first[f * w + i]);
    for (let i = 0; i < w; i++) h = murmurMix(h, second[f * w + i]);
    const p1 = swap ? flows.dport[f] : flows.sport[f];
    const p2 = swap ? flows.sport[f] : flows.dport[f];
    h = murmurMix(h, (p1 << 16) | p2);
    const hash = murmurFinish(h, 4 + 8 * w + 4);
    out[f] = hash === 0 ? 1 : hash;
  }
  return out;
}

/**
 * The hash RPS/RFS use for each flow: the NIC's when the driver reports an L4 hash and the NIC
 * hashed the ports for this flow type (`portsHashed`), else the software flow hash.
 */
export function rpsFlowHashes(report: HashReport, portsHashed: boolean, nicHash: Uint32Array, software: () => Uint32Array): Uint32Array {
  return report === "l4" && portsHashed ? nicHash : software();
}
