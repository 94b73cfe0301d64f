/**
 * Shared by the rss tests: the published Toeplitz verification suite
 * (test/fixtures/toeplitz-vectors.json: Microsoft's "Verifying the RSS hash calculation" table,
 * the same values as DPDK app/test/test_thash.c) and helpers to turn its addresses into
 * the words and wire bytes the hash functions take.
 */
import { readFileSync } from "node:fs";

export interface VectorCase {
  readonly case: number;
  readonly src_ip: string;
  readonly src_port: number;
  readonly dst_ip: string;
  readonly dst_port: number;
  readonly hash_l3: string;
  readonly hash_l3l4: string;
  readonly hash_l3_u32: number;
  readonly hash_l3l4_u32: number;
  readonly input_l3_hex: string;
  readonly input_l3l4_hex: string;
  readonly derived_not_published: {
    readonly l3l4_index_in_128_entry_table: number;
    readonly l3_index_in_128_entry_table: number;
  };
}

export interface VectorSuite {
  readonly key: { readonly length_bytes: number; readonly hex: string; readonly bytes: readonly number[] };
  readonly ipv4: readonly VectorCase[];
  readonly ipv6: readonly VectorCase[];
  readonly derived_extras_not_published: {
    readonly ipv4_case1_l3l4_swapped_src_dst_with_ms_key: string;
    readonly symmetric_key: {
      readonly hex: string;
      readonly ipv4_case1_l3l4_forward: string;
      readonly ipv4_case1_l3l4_reverse: string;
    };
  };
}

export const suite: VectorSuite = JSON.parse(
  readFileSync(new URL("./fixtures/toeplitz-vectors.json", import.meta.url), "utf8"),
) as VectorSuite;

/** `a.b.c.d` → uint32, most significant byte first. */
export function ipv4Word(text: string): number {
  const parts = text.split(".").map((p) => Number.parseInt(p, 10));
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad IPv4 ${text}`);
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** An IPv6 address (with at most one `::`) → 4 uint32 words, most significant first. */
export function ipv6Words(text: string): Uint32Array {
  const halves = text.split("::");
  if (halves.length > 2) throw new Error(`bad IPv6 ${text}`);
  const groupsOf = (s: string): number[] => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) throw new Error(`bad IPv6 ${text}`);
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = ((groups[2 * i] << 16) | groups[2 * i + 1]) >>> 0;
  return words;
}

/** Words (most significant byte first) and then 16-bit ports, as the wire-order input bytes. */
export function wireBytes(words: ArrayLike<number>, ports: readonly number[] = []): Uint8Array {
  const out = new Uint8Array(words.length * 4 + ports.length * 2);
  for (let i = 0; i < words.length; i++) {
    out[4 * i] = words[i] >>> 24;
    out[4 * i + 1] = words[i] >>> 16;
    out[4 * i + 2] = words[i] >>> 8;
    out[4 * i + 3] = words[i];
  }
  const base = words.length * 4;
  for (let i = 0; i < ports.length; i++) {
    out[base + 2 * i] = ports[i] >>> 8;
    out[base + 2 * i + 1] = ports[i];
  }
  return out;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function bytesOfHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
