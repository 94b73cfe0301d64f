/**
 * The kernel's multipath (ECMP) hash and nexthop choice, as `ip route get` and a flow see them.
 *
 * The hash (`fib_multipath_hash` in net/ipv4/route.c, `rt6_multipath_hash` in net/ipv6/route.c)
 * fills a zeroed `struct flow_keys` with the fields the policy names, then
 * `fib_multipath_hash_from_keys` → `flow_hash_from_keys_seed` (net/core/flow_dissector.c):
 * sort the addresses and the ports (`__flow_hash_consistentify`, comparing them as the raw
 * network-order words a little-endian CPU loads), SipHash-2-4 over the keys from `basic` to the
 * end of the family's addresses, with the key (seed << 32 | seed) twice
 * (`fib_multipath_hash_construct_key`); a zero result becomes 1; the hash used is that >> 1.
 *
 *   policy 0 (L3): source and destination (IPv6: also flow label and IP protocol);
 *   policy 1 (L4): addresses, ports, IP protocol;
 *   policy 2 (inner L3 when encapsulated): as 0 for a `route get` packet;
 *   policy 3: the outer fields of `fib_multipath_hash_fields` (0x01 source, 0x02 destination,
 *   0x04 protocol, 0x08 flow label, 0x10 source port, 0x20 destination port).
 *
 * `net.ipv4.fib_multipath_hash_seed` (Linux 6.11+, both families) makes the choice repeatable;
 * at 0 the kernel hashes with a random seed, so its pick cannot be known: nicsim then hashes
 * with seed 0 — a choice by weight per flow — and `route get` lists every path the kernel
 * could have taken. IPv4 hashes the packet `inet_rtm_getroute` builds: source = `from` (0 when
 * absent), destination, protocol = `ipproto` (UDP when not given), ports only in a TCP or UDP
 * header. IPv6 hashes the flow: `from` or ::, destination, `ipproto` (0), the ports given.
 *
 * Nexthop choice: each live path owns a slice of [0, 2^31) in proportion to its weight
 * (`fib_rebalance`, `rt6_multipath_rebalance`: upper bound = round(w_sum << 31 / total) - 1;
 * dead paths, or linkdown ones under ignore_routes_with_linkdown, get -1).
 */
import type { MultipathSysctls } from "../types.js";

const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** SipHash-2-4 of `data` under the key (k0, k1), 64 bits (`siphash` in lib/siphash.c). */
export function siphash24(k0: bigint, k1: bigint, data: Uint8Array): bigint {
  let v0 = 0x736f6d6570736575n ^ k0;
  let v1 = 0x646f72616e646f6dn ^ k1;
  let v2 = 0x6c7967656e657261n ^ k0;
  let v3 = 0x7465646279746573n ^ k1;
  const round = (): void => {
    v0 = (v0 + v1) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK64;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & MASK64;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const word = (at: number, n: number): bigint => {
    let m = 0n;
    for (let i = n - 1; i >= 0; i--) m = (m << 8n) | BigInt(data[at + i]);
    return m;
  };
  const whole = data.length - (data.length % 8);
  for (let at = 0; at < whole; at += 8) {
    const m = word(at, 8);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  const b = ((BigInt(data.length) << 56n) | word(whole, data.length - whole)) & MASK64;
  v3 ^= b;
  round();
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & MASK64;
}

/** What the hash may read of a flow. */
export interface HashFlow {
  readonly family: 4 | 6;
  readonly src: bigint;
  readonly dst: bigint;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

const FIELD = { SRC_IP: 0x1, DST_IP: 0x2, IP_PROTO: 0x4, FLOWLABEL: 0x8, SRC_PORT: 0x10, DST_PORT: 0x20 } as const;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

/** `struct flow_keys` from `basic` on: offsets of the fields the hash uses. */
const AT = { IP_PROTO: 2, PORTS: 28, ADDRS: 36 } as const;

/** Bytes of `struct flow_keys` the hash covers, the selected fields set, consistentified. */
function keyBytes(flow: HashFlow, fields: number): Uint8Array {
  const addrBytes = flow.family === 4 ? 4 : 16;
  const out = new Uint8Array(flow.family === 4 ? 48 : 72);
  const src = (fields & FIELD.SRC_IP) !== 0 ? flow.src : 0n;
  const dst = (fields & FIELD.DST_IP) !== 0 ? flow.dst : 0n;
  // IPv4 hashes the packet `route get` builds (ports only in a TCP or UDP header); IPv6 the flow.
  const l4 = flow.family === 6 || flow.proto === IPPROTO_TCP || flow.proto === IPPROTO_UDP;
  let sport = l4 && (fields & FIELD.SRC_PORT) !== 0 ? flow.sport : 0;
  let dport = l4 && (fields & FIELD.DST_PORT) !== 0 ? flow.dport : 0;
  if ((fields & FIELD.IP_PROTO) !== 0) out[AT.IP_PROTO] = flow.proto;
  // Addresses: IPv4 compared as the little-endian load of network-order bytes; IPv6 by memcmp.
  const swapAddrs = flow.family === 4 ? le32(dst) < le32(src) : dst < src;
  putBig(out, AT.ADDRS, swapAddrs ? dst : src, addrBytes);
  putBig(out, AT.ADDRS + addrBytes, swapAddrs ? src : dst, addrBytes);
  if (le16(dport) < le16(sport)) [sport, dport] = [dport, sport];
  putBig(out, AT.PORTS, BigInt(sport), 2);
  putBig(out, AT.PORTS + 2, BigInt(dport), 2);
  return out;
}

function putBig(out: Uint8Array, at: number, value: bigint, bytes: number): void {
  for (let i = 0; i < bytes; i++) out[at + i] = Number((value >> BigInt(8 * (bytes - 1 - i))) & 0xffn);
}

/** A network-order 32-bit value as a little-endian CPU reads it. */
function le32(addr: bigint): number {
  const n = Number(addr & 0xffffffffn);
  return (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0;
}

function le16(port: number): number {
  return ((port & 0xff) << 8) | (port >>> 8);
}

/** The fields a policy hashes (outer headers only: a `route get` packet is not encapsulated). */
function policyFields(family: 4 | 6, policy: number, fields: number): number {
  switch (policy) {
    case 1:
      return FIELD.SRC_IP | FIELD.DST_IP | FIELD.IP_PROTO | FIELD.SRC_PORT | FIELD.DST_PORT;
    case 3:
      return fields;
    default:
      return family === 4 ? FIELD.SRC_IP | FIELD.DST_IP : FIELD.SRC_IP | FIELD.DST_IP | FIELD.IP_PROTO | FIELD.FLOWLABEL;
  }
}

/** `fib_multipath_hash_from_keys`: SipHash of the keys under the seed; never 0. */
function hashFromKeys(flow: HashFlow, fields: number, seed: number): number {
  const s = BigInt(seed >>> 0);
  const k = (s << 32n) | s;
  const h = Number(siphash24(k, k, keyBytes(flow, fields)) & 0xffffffffn);
  return h === 0 ? 1 : h;
}

function rol32(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** `jhash_2words(a, b, 0)` (include/linux/jhash.h). */
export function jhash2Words(a0: number, b0: number): number {
  const init = (0xdeadbeef + (2 << 2)) >>> 0;
  let a = (a0 + init) >>> 0;
  let b = (b0 + init) >>> 0;
  let c = init;
  c = ((c ^ b) - rol32(b, 14)) >>> 0;
  a = ((a ^ c) - rol32(c, 11)) >>> 0;
  b = ((b ^ a) - rol32(a, 25)) >>> 0;
  c = ((c ^ b) - rol32(b, 16)) >>> 0;
  a = ((a ^ c) - rol32(c, 4)) >>> 0;
  b = ((b ^ a) - rol32(a, 14)) >>> 0;
  c = ((c ^ b) - rol32(b, 24)) >>> 0;
  return c;
}

const OUTER_FIELDS = 0x3f;

/**
 * The 31-bit multipath hash of a flow (`fib_multipath_hash` / `rt6_multipath_hash`). IPv4
 * policy 3 hashes the packet (`fib_multipath_custom_hash_skb`): its outer hash (0 without outer
 * fields) and inner hash (0: not encapsulated) go through `jhash_2words`; IPv6 policy 3 hashes
 * the flow (`rt6_multipath_custom_hash_fl6`), 0 without outer fields.
 */
export function multipathHash(flow: HashFlow, sysctls: MultipathSysctls): number {
  const policy = flow.family === 4 ? sysctls.hashPolicy4 : sysctls.hashPolicy6;
  const fields = policyFields(flow.family, policy, flow.family === 4 ? sysctls.hashFields4 : sysctls.hashFields6);
  if (policy !== 3) return hashFromKeys(flow, fields, sysctls.hashSeed) >>> 1;
  const outer = (fields & OUTER_FIELDS) === 0 ? 0 : hashFromKeys(flow, fields, sysctls.hashSeed);
  return (flow.family === 4 ? jhash2Words(outer, 0) : outer) >>> 1;
}

/** Upper bounds of the paths' hash slices, in order: -1 for a path that is not alive. */
export function upperBounds(weights: readonly number[], alive: readonly boolean[]): number[] {
  let total = 0;
  weights.forEach((w, i) => {
    if (alive[i]) total += w;
  });
  let sum = 0;
  return weights.map((w, i) => {
    if (!alive[i] || total === 0) return -1;
    sum += w;
    const scaled = BigInt(sum) << 31n;
    const t = BigInt(total);
    return Number((scaled + t / 2n) / t) - 1;
  });
}

/**
 * `fib_select_multipath` (IPv4): the path whose slice holds the hash, preferring — when the
 * lookup has a source — a path whose own source address (`nh_saddr`) is that source. Returns
 * the chosen index, or -1 when no path is alive.
 */
export function selectPath4(hash: number, bounds: readonly number[], saddr: bigint, pathSaddr: (i: number) => bigint): number {
  let chosen = -1;
  let score = -1;
  for (let i = 0; i < bounds.length; i++) {
    if (bounds[i] === -1) continue;
    let s = 0;
    if (saddr !== 0n && pathSaddr(i) === saddr) s += 2;
    if (hash <= bounds[i]) s++;
    if (score < s) {
      chosen = i;
      if (s === 3 || (saddr === 0n && s === 1)) return i;
      score = s;
    }
  }
  return chosen;
}

/**
 * `fib6_select_path` over an ECMP group in list order (`first` is index 0): the first member
 * whose slice holds the hash, if the flow may use it (`usable`, `rt6_score_route` ≥ 0); else the
 * route the lookup chose (`matched`).
 */
export function selectPath6(hash: number, bounds: readonly number[], usable: (i: number) => boolean, matched: number): number {
  if (bounds.length === 0) return matched;
  if (hash <= bounds[0]) return usable(0) ? 0 : matched;
  for (let i = 1; i < bounds.length; i++) {
    if (hash > bounds[i]) continue;
    return usable(i) ? i : matched;
  }
  return matched;
}
