/**
 * IPv4/IPv6 addresses and CIDR prefixes, parsed once at load time with `ip-address` into the
 * `Prefix` words the hot path compares (ip-address itself is far too slow per packet:
 * docs/libraries.md, "ip-address").
 *
 * Two readings of the same text:
 * - an interface address (`nics[].addresses`): `10.0.0.19/24` is the host 10.0.0.19 on a /24,
 *   so the address words are kept as written;
 * - a traffic pool (`traffic.src`, `traffic.dst`): `10.0.0.19/24` means the pool 10.0.0.0/24,
 *   so host bits are cleared. A plain address is a /32 (or /128) pool of one.
 */
import { Address4, Address6 } from "ip-address";
import { ConfigError, show } from "./errors.js";

/** An IPv4 or IPv6 prefix, parsed once at load time (ip-address) into 32-bit words. */
export interface Prefix {
  readonly family: 4 | 6;
  /** Network address, most significant word first: 1 word for IPv4, 4 for IPv6. */
  readonly words: readonly number[];
  /** Prefix length in bits (32 or 128 for a single address). */
  readonly length: number;
  /** The text the user wrote, for messages and reports. */
  readonly text: string;
}

/** A loose shape for the JSON Schema; `parsePrefix` does the real check. */
export const CIDR_PATTERN = "^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$";

const WORD = 0xffffffffn;

/** Parses an interface address (host bits kept). */
export function parseInterfaceAddress(value: unknown, path: string): Prefix {
  return parsePrefix(value, path, false);
}

/** Parses a traffic pool (host bits cleared). */
export function parsePoolPrefix(value: unknown, path: string): Prefix {
  return parsePrefix(value, path, true);
}

function parsePrefix(value: unknown, path: string, maskHostBits: boolean): Prefix {
  const text = typeof value === "string" ? value.trim() : "";
  const parsed = text === "" || /[\s%]/.test(text) ? undefined : tryParse(text);
  if (parsed === undefined) throw new ConfigError(path, `${show(value)} is not an IPv4/IPv6 CIDR`);
  const { family, address } = parsed;
  const bits = family === 4 ? 32 : 128;
  const length = address.subnetMask;
  let big = address.bigInt();
  if (maskHostBits) big &= prefixMask(bits, length);
  const words: number[] = [];
  for (let shift = bits - 32; shift >= 0; shift -= 32) words.push(Number((big >> BigInt(shift)) & WORD));
  return { family, words, length, text };
}

function tryParse(text: string): { family: 4; address: Address4 } | { family: 6; address: Address6 } | undefined {
  try {
    return text.includes(":") ? { family: 6, address: new Address6(text) } : { family: 4, address: new Address4(text) };
  } catch {
    return undefined;
  }
}

function prefixMask(bits: number, length: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - length)) - 1n);
}

/** Whether every address of `inner` lies in `outer`'s network (both read as networks). */
export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family || inner.length < outer.length) return false;
  for (let i = 0; i < outer.words.length; i++) {
    const bitsBefore = i * 32;
    const keep = Math.min(32, Math.max(0, outer.length - bitsBefore));
    if (keep === 0) break;
    const mask = keep === 32 ? 0xffffffff : ~(0xffffffff >>> keep) >>> 0;
    if (((outer.words[i] & mask) >>> 0) !== ((inner.words[i] & mask) >>> 0)) return false;
  }
  return true;
}

/** "IPv4" or "IPv6", for messages. */
export function familyName(prefix: Prefix): string {
  return prefix.family === 4 ? "IPv4" : "IPv6";
}
