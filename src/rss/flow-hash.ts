/**
 * The RSS hash of a whole flow set: one pass over the flow columns `[0, n)` with the form picked
 * once for the set (gather → hash, as VPP's software RSS node does).
 *
 * Forms (`hashFormOf`):
 *   ipv4-sd, ipv4-sdfn, ipv6-sd, ipv6-sdfn   Toeplitz, table-driven on 32-bit words: no gather
 *   toeplitz-bytes                           Toeplitz over gathered bytes: every other selection
 *   xor-words                                hfunc xor (profile.ts): XOR of the input's words
 * With an input transform the columns are transformed once (a copy), then the same forms run.
 *
 * The kernels below never validate, throw or allocate; `hashFlowColumns` allocates its
 * scratch (36 bytes, and the transformed copy) once per call, i.e. once per flow set. Sets of
 * WASM_MIN_FLOWS flows or more in a word form run on the WebAssembly kernels instead (same
 * hashes; toeplitz-wasm.ts), where WebAssembly is available.
 */
import { FIELDS_SD, FIELDS_SDFN, gatherInput } from "./fields.js";
import type { RssHashProfile } from "./profile.js";
import { hashIpv4PortsBatch, toeplitzHash } from "./toeplitz.js";
import { hashWordFormsWasm } from "./toeplitz-wasm.js";

/**
 * Flow sets at least this large take the WebAssembly kernels for the word forms (toeplitz-wasm.ts);
 * below it the copies in and out cost more than they save. Measured (bench/rss.bench.ts, median
 * of 5 runs): at 64 flows WebAssembly 5.8 ns per IPv4 4-tuple against 6.9 in JS; at 1024, 3.8
 * against 6.4.
 */
export const WASM_MIN_FLOWS = 64;

/** The flow tuples as columns: what `traffic/flow-set.ts` produces (a `FlowSet` fits). */
export interface FlowColumns {
  readonly count: number;
  /** 32-bit words per address: 1 (IPv4) or 4 (IPv6), most significant first. */
  readonly words: 1 | 4;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly sport: Uint16Array;
  readonly dport: Uint16Array;
}

export type HashForm = "ipv4-sd" | "ipv4-sdfn" | "ipv6-sd" | "ipv6-sdfn" | "toeplitz-bytes" | "xor-words";

/** The form a flow set with `words` words per address is hashed with. */
export function hashFormOf(profile: RssHashProfile, words: 1 | 4): HashForm {
  if (profile.hfunc === "xor") return "xor-words";
  if (profile.fields === FIELDS_SD) return words === 1 ? "ipv4-sd" : "ipv6-sd";
  if (profile.fields === FIELDS_SDFN) return words === 1 ? "ipv4-sdfn" : "ipv6-sdfn";
  return "toeplitz-bytes";
}

/**
 * `out[f]` = the RSS hash of flow f, for f in [0, flows.count). Returns the form used.
 * `out` must hold `flows.count` entries.
 */
export function hashFlowColumns(profile: RssHashProfile, flows: FlowColumns, out: Uint32Array): HashForm {
  const cols = profile.xfrm === "none" ? flows : transformColumns(flows, profile.xfrm === "symmetric-xor");
  const form = hashFormOf(profile, cols.words);
  const t = profile.table;
  const n = cols.count;
  if (n >= WASM_MIN_FLOWS && form !== "toeplitz-bytes" && form !== "xor-words" && hashWordFormsWasm(form, t, cols.src, cols.dst, cols.sport, cols.dport, out, n)) {
    return form;
  }
  switch (form) {
    case "ipv4-sd":
      hashColumnsIpv4Sd(t, cols.src, cols.dst, out, n);
      break;
    case "ipv4-sdfn":
      hashIpv4PortsBatch(t, cols.src, cols.dst, cols.sport, cols.dport, out, n);
      break;
    case "ipv6-sd":
      hashColumnsIpv6Sd(t, cols.src, cols.dst, out, n);
      break;
    case "ipv6-sdfn":
      hashColumnsIpv6Sdfn(t, cols.src, cols.dst, cols.sport, cols.dport, out, n);
      break;
    case "toeplitz-bytes":
      hashColumnsBytes(t, profile.fields, cols, out, n, new Uint8Array(36));
      break;
    case "xor-words":
      xorColumns(profile.fields, cols, out, n, new Uint8Array(40));
      break;
  }
  return form;
}

/** The hash of one tuple, through the same pass (addresses as words, ports as numbers). */
export function hashTuple(profile: RssHashProfile, src: ArrayLike<number>, dst: ArrayLike<number>, sport: number, dport: number): number {
  const words = src.length === 1 ? 1 : 4;
  const out = new Uint32Array(1);
  hashFlowColumns(
    profile,
    { count: 1, words, src: Uint32Array.from(src), dst: Uint32Array.from(dst), sport: Uint16Array.of(sport), dport: Uint16Array.of(dport) },
    out,
  );
  return out[0];
}

/** The input_xfrm of every flow: a transformed copy of the columns (cold, once per flow set). */
function transformColumns(flows: FlowColumns, xorOnly: boolean): FlowColumns {
  const src = new Uint32Array(flows.src.length);
  const dst = new Uint32Array(flows.dst.length);
  const sport = new Uint16Array(flows.count);
  const dport = new Uint16Array(flows.count);
  for (let i = 0; i < src.length; i++) {
    const s = flows.src[i];
    const d = flows.dst[i];
    src[i] = xorOnly ? s ^ d : s | d;
    dst[i] = s ^ d;
  }
  for (let f = 0; f < flows.count; f++) {
    const sp = flows.sport[f];
    const dp = flows.dport[f];
    sport[f] = xorOnly ? sp ^ dp : sp | dp;
    dport[f] = sp ^ dp;
  }
  return { count: flows.count, words: flows.words, src, dst, sport, dport };
}

// ---------------------------------------------------------------------------------------------
// Kernels. Table byte position p is at offset p*256 (toeplitz.ts).
// Measured through `hashFlowColumns` (Node 20, 2.45 GHz EPYC VM, 4096 random flows per pass,
// two alternating column sets so V8 cannot fold them in): ns per flow — ipv4-sd 6.4,
// ipv4-sdfn 8.1, ipv6-sd 22.3, ipv6-sdfn 26.2, toeplitz-bytes 33.6 (IPv4 sdf) / 90.3 (IPv6 sdn),
// xor-words 26.7 (IPv4 sdfn). The byte forms pay for the gather; they run once per flow set.

/** One 32-bit word at byte position `base / 256`. */
function word(t: Uint32Array, base: number, w: number): number {
  return t[base + (w >>> 24)] ^ t[base + 256 + ((w >>> 16) & 255)] ^ t[base + 512 + ((w >>> 8) & 255)] ^ t[base + 768 + (w & 255)];
}

/** IPv4 `sd`: src, dst (8 bytes). */
export function hashColumnsIpv4Sd(t: Uint32Array, src: Uint32Array, dst: Uint32Array, out: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = word(t, 0, src[i]) ^ word(t, 1024, dst[i]);
}

/** IPv6 `sd`: 4 source words, 4 destination words per flow (32 bytes). */
export function hashColumnsIpv6Sd(t: Uint32Array, src: Uint32Array, dst: Uint32Array, out: Uint32Array, n: number): void {
  for (let i = 0, w = 0; i < n; i++, w += 4) {
    out[i] =
      word(t, 0, src[w]) ^
      word(t, 1024, src[w + 1]) ^
      word(t, 2048, src[w + 2]) ^
      word(t, 3072, src[w + 3]) ^
      word(t, 4096, dst[w]) ^
      word(t, 5120, dst[w + 1]) ^
      word(t, 6144, dst[w + 2]) ^
      word(t, 7168, dst[w + 3]);
  }
}

/** IPv6 `sdfn`: 4 + 4 address words, then the ports (36 bytes). */
export function hashColumnsIpv6Sdfn(
  t: Uint32Array,
  src: Uint32Array,
  dst: Uint32Array,
  sport: Uint16Array,
  dport: Uint16Array,
  out: Uint32Array,
  n: number,
): void {
  for (let i = 0, w = 0; i < n; i++, w += 4) {
    out[i] =
      word(t, 0, src[w]) ^
      word(t, 1024, src[w + 1]) ^
      word(t, 2048, src[w + 2]) ^
      word(t, 3072, src[w + 3]) ^
      word(t, 4096, dst[w]) ^
      word(t, 5120, dst[w + 1]) ^
      word(t, 6144, dst[w + 2]) ^
      word(t, 7168, dst[w + 3]) ^
      word(t, 8192, (sport[i] << 16) | dport[i]);
  }
}

/** Any selection: gather the input bytes of each flow into `scratch` (≥ 36 bytes), hash them. */
export function hashColumnsBytes(t: Uint32Array, fields: number, cols: FlowColumns, out: Uint32Array, n: number, scratch: Uint8Array): void {
  const w = cols.words;
  for (let i = 0; i < n; i++) {
    const len = gatherInput(fields, w, cols.src, i * w, cols.dst, i * w, cols.sport[i], cols.dport[i], scratch);
    out[i] = toeplitzHash(t, scratch, len);
  }
}

/** hfunc xor: gather the input bytes, XOR them as big-endian 32-bit words (tail zero-padded). */
export function xorColumns(fields: number, cols: FlowColumns, out: Uint32Array, n: number, scratch: Uint8Array): void {
  const w = cols.words;
  for (let i = 0; i < n; i++) {
    const len = gatherInput(fields, w, cols.src, i * w, cols.dst, i * w, cols.sport[i], cols.dport[i], scratch);
    scratch[len] = 0;
    scratch[len + 1] = 0;
    scratch[len + 2] = 0;
    let h = 0;
    for (let b = 0; b < len; b += 4) h ^= (scratch[b] << 24) | (scratch[b + 1] << 16) | (scratch[b + 2] << 8) | scratch[b + 3];
    out[i] = h >>> 0;
  }
}
