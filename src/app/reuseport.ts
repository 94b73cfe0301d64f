/**
 * Which SO_REUSEPORT socket of a group receives each flow: `reuseport_select_sock`
 * (net/core/sock_reuseport.c) picks member `reciprocal_scale(hash, n)` — the high 32 bits of
 * hash × n — of the n sockets, where the hash is `udp_ehashfn` (net/ipv4/udp.c): a jhash of the
 * local address and port and the remote address and port, keyed with a secret drawn at boot.
 * The secret is random per boot, so only the spread matters: nicsim draws it from the job's
 * seed and mixes the same fields with a keyed 32-bit hash (MurmurHash3's steps), as it does for
 * the software flow hash (rps/skb-hash.ts). Cold: once per flow when a plan is compiled.
 */
import type { FlowSet } from "../traffic/flow-set.js";
import { murmurFinish, murmurMix } from "../traffic/murmur3.js";
import { Prng } from "../traffic/prng.js";

/** The random stream of the reuseport hash's secret (apart from the flows', arrivals', costs' and the other hashes'). */
const REUSEPORT_STREAM = 5;

/** reciprocal_scale(hash, n) (include/linux/kernel.h): hash × n / 2^32, an integer in [0, n). */
export function reciprocalScale(hash: number, n: number): number {
  return Math.floor(((hash >>> 0) * n) / 2 ** 32);
}

/** The member (0..members-1) of a reuseport group of `members` sockets that receives each flow. */
export function reuseportMembers(flows: FlowSet, members: number, seed: number): Int32Array {
  const secret = new Prng(seed, REUSEPORT_STREAM).nextU32() | 0;
  const out = new Int32Array(flows.count);
  const w = flows.words;
  for (let f = 0; f < flows.count; f++) {
    let h = secret;
    for (let i = 0; i < w; i++) h = murmurMix(h, flows.dst[f * w + i]);
    h = murmurMix(h, flows.dport[f]);
    for (let i = 0; i < w; i++) h = murmurMix(h, flows.src[f * w + i]);
    h = murmurMix(h, flows.sport[f]);
    out[f] = reciprocalScale(murmurFinish(h, 8 * w + 8), members);
  }
  return out;
}
