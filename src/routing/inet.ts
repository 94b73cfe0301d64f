/**
 * Addresses as iproute2 reads and prints them. The cold model keeps every address as a bigint
 * (IPv4 below 2^32), so one set of mask helpers serves both families; the compiled lookups
 * (`fast/`) turn IPv4 into uint32 numbers once.
 *
 * Reading follows iproute2's `get_addr_1`/`get_prefix_1`: IPv4 may be short (`10/8`, `10.1`)
 * and each part is read with base 0 (`0x0a`, `012`); `/N` or a dotted netmask; `default`,
 * `all` and `any` are the zero-length prefix. IPv6 goes through `ip-address` (load time only:
 * docs/libraries.md, "ip-address"; loaded on the first IPv6 text, ip-address-library.ts). Printing
 * IPv6 follows glibc `inet_ntop`.
 */
import { ipAddressLibrary } from "./ip-address-library.js";
import type { Family } from "./types.js";

export const V4_BITS = 32;
export const V6_BITS = 128;

/** Bits in an address of the family. */
export function familyBits(family: Family): number {
  return family === 4 ? V4_BITS : V6_BITS;
}

/** The mask of a /len prefix in the family, as a bigint. */
export function prefixMask(family: Family, len: number): bigint {
  const bits = BigInt(familyBits(family));
  if (len <= 0) return 0n;
  return ((1n << BigInt(len)) - 1n) << (bits - BigInt(len));
}

/** Whether `addr` lies in `net/len`. */
export function inPrefix(family: Family, addr: bigint, net: bigint, len: number): boolean {
  return ((addr ^ net) & prefixMask(family, len)) === 0n;
}

/** Leading bits two addresses share. */
export function commonPrefixLength(family: Family, a: bigint, b: bigint): number {
  const bits = familyBits(family);
  let x = a ^ b;
  if (x === 0n) return bits;
  let n = 0;
  while (x > 0n) {
    x >>= 1n;
    n++;
  }
  return bits - n;
}

/** Reads IPv4 text the way iproute2's `get_addr_ipv4` does; undefined when it is not one. */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length < 1 || parts.length > 4) return undefined;
  let value = 0n;
  for (let i = 0; i < 4; i++) {
    let byte = 0;
    if (i < parts.length) {
      const n = strtoul0(parts[i]);
      if (n === undefined || n > 255) return undefined;
      byte = n;
    }
    value = (value << 8n) | BigInt(byte);
  }
  return value;
}

/** `strtoul(s, &end, 0)` that must consume the whole string. */
function strtoul0(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]*$/.test(text)) return parseInt(text, 8);
  if (/^[1-9][0-9]*$/.test(text)) return parseInt(text, 10);
  return undefined;
}

/** Reads IPv6 text (no zone); undefined when it is not one. */
export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(":") || text.includes("%") || text.includes("/")) return undefined;
  const { Address6 } = ipAddressLibrary();
  if (!Address6.isValid(text)) return undefined;
  return new Address6(text).bigInt();
}

/** An address in the given family, or in either when `family` is undefined. */
export function parseAddress(text: string, family: Family | undefined): { family: Family; addr: bigint } | undefined {
  if (family !== 6 && !text.includes(":")) {
    const addr = parseIpv4(text);
    if (addr !== undefined) return { family: 4, addr };
  }
  if (family !== 4) {
    const addr = parseIpv6(text);
    if (addr !== undefined) return { family: 6, addr };
  }
  return undefined;
}

export interface ParsedPrefix {
  /** Undefined for `default`/`all`/`any` read without a family. */
  readonly family: Family | undefined;
  readonly addr: bigint;
  readonly len: number;
  /** Whether a length was written (`10.0.0.0/24`, `default`) rather than a bare address. */
  readonly lengthGiven: boolean;
}

/** Reads `ADDR[/LEN]`, `ADDR/NETMASK` or `default`/`all`/`any` as iproute2's `get_prefix` does. */
export function parsePrefix(text: string, family: Family | undefined): ParsedPrefix | undefined {
  if (text === "default" || text === "all" || text === "any") return { family, addr: 0n, len: 0, lengthGiven: true };
  const slash = text.indexOf("/");
  const head = slash < 0 ? text : text.slice(0, slash);
  const parsed = parseAddress(head, family);
  if (parsed === undefined) return undefined;
  const bits = familyBits(parsed.family);
  if (slash < 0) return { family: parsed.family, addr: parsed.addr, len: bits, lengthGiven: false };
  const lenText = text.slice(slash + 1);
  let len: number | undefined;
  if (/^[0-9]+$/.test(lenText)) len = Number(lenText);
  else if (parsed.family === 4) len = netmaskLength(lenText);
  if (len === undefined || len > bits) return undefined;
  return { family: parsed.family, addr: parsed.addr, len, lengthGiven: true };
}

/** A dotted netmask (`255.255.255.0`) as a length, if it is a contiguous mask. */
function netmaskLength(text: string): number | undefined {
  const mask = parseIpv4(text);
  if (mask === undefined || text.split(".").length !== 4) return undefined;
  let len = 0;
  while (len < 32 && (mask & (1n << BigInt(31 - len))) !== 0n) len++;
  return (mask & ~prefixMask(4, len) & 0xffffffffn) === 0n ? len : undefined;
}

/** Prints an address as iproute2 does (`inet_ntop`). */
export function formatAddress(family: Family, addr: bigint): string {
  return family === 4 ? formatIpv4(addr) : formatIpv6(addr);
}

export function formatIpv4(addr: bigint | number): string {
  const n = typeof addr === "bigint" ? Number(addr) : addr >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** glibc `inet_ntop6`: the longest run (≥ 2) of zero groups becomes `::`; IPv4-mapped tails. */
export function formatIpv6(addr: bigint): string {
  const words: number[] = [];
  for (let i = 7; i >= 0; i--) words.push(Number((addr >> BigInt(i * 16)) & 0xffffn));
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  const embedsV4 =
    bestBase === 0 && (bestLen === 6 || (bestLen === 7 && words[7] !== 1) || (bestLen === 5 && words[5] === 0xffff));
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ":";
      continue;
    }
    if (i > 0) out += ":";
    if (i === 6 && embedsV4) {
      out += formatIpv4((addr & 0xffffffffn) as bigint);
      break;
    }
    out += words[i].toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) out += ":";
  return out;
}

/** `ADDR/LEN`, or the bare address for a host prefix. */
export function formatPrefix(family: Family, addr: bigint, len: number): string {
  return len === familyBits(family) ? formatAddress(family, addr) : `${formatAddress(family, addr)}/${len}`;
}

// ---------------------------------------------------------------------------------------------
// Address classes the kernel tests (`ipv4_is_*`).

export function isV4Multicast(addr: bigint): boolean {
  return addr >> 28n === 0xen;
}
export function isV4LimitedBroadcast(addr: bigint): boolean {
  return addr === 0xffffffffn;
}
/**
 * `ipv4_is_zeronet`: only 0.0.0.0 since Linux 5.3 ("Allow 0.0.0.0/8 as a valid address range");
 * the rest of 0.0.0.0/8 is ordinary unicast, as a destination, a source and a prefix.
 */
export function isV4Zeronet(addr: bigint): boolean {
  return addr === 0n;
}
export function isV4Loopback(addr: bigint): boolean {
  return addr >> 24n === 127n;
}
/** 224.0.0.0/24: link-local multicast. */
export function isV4LocalMulticast(addr: bigint): boolean {
  return addr >> 8n === 0xe00000n;
}

export function isV6Multicast(addr: bigint): boolean {
  return addr >> 120n === 0xffn;
}
export function isV6LinkLocal(addr: bigint): boolean {
  return addr >> 118n === 0x3fan;
}
export const V6_LOOPBACK = 1n;

/** `__ipv6_addr_src_scope`: 14 global, 5 site, 2 link-local, 1 loopback; a multicast address's own scope. */
export function sourceScope6(addr: bigint): number {
  if (isV6Multicast(addr)) return Number((addr >> 112n) & 0xfn);
  if (addr === V6_LOOPBACK) return 1;
  if (addr >> 118n === 0x3fan) return 2;
  if (addr >> 118n === 0x3fbn) return 5;
  return 14;
}
