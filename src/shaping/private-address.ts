/**
 * Private or public: which bandwidth a remote address draws on under the cloud profile
 * (docs/cloud-profile.md: public traffic meets the bought egress/ingress caps, private traffic the
 * shared internal bandwidth).
 *
 * Private means:
 *   IPv4  RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16
 *   IPv6  unique local addresses (RFC 4193): fc00::/7 — the IPv6 counterpart of RFC 1918 (a VPC
 *         has at most one IPv6 address per instance, docs/cloud-profile.md, and that one is
 *         global; ULA is what a private IPv6 network would use)
 * Everything else is public by this rule, including 100.64.0.0/10 (RFC 6598 shared space),
 * link-local, loopback and IPv4-mapped IPv6. A scenario whose "public-looking" peers are in fact
 * inside the provider's network says so with `traffic.network: private`.
 *
 * Addresses come as the words the config layer parses (config/addresses.ts `Prefix`): one
 * uint32 for IPv4, four for IPv6, most significant first. A prefix is `private` when all of it
 * lies in a private block, `public` when none of it does, `mixed` when it straddles (0.0.0.0/0,
 * 172.0.0.0/8) — the config layer should refuse to guess and ask for `traffic.network`.
 */

/** A prefix as the config layer holds it (structurally the same as config's `Prefix`). */
export interface PrefixWords {
  readonly family: 4 | 6;
  /** Network address words, most significant first: 1 for IPv4, 4 for IPv6. */
  readonly words: readonly number[];
  /** Prefix length in bits. */
  readonly length: number;
}

export type AddressClass = "private" | "public" | "mixed";

/** RFC 1918 blocks as [network, prefix length]. */
export const PRIVATE_IPV4_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
];
/** fc00::/7, the first word's top 7 bits. */
export const PRIVATE_IPV6_BLOCK = [0xfc000000, 7] as const;

/** The top `bits` bits of a 32-bit word as an unsigned number (bits 0..32). */
function top(word: number, bits: number): number {
  return bits === 0 ? 0 : (word >>> (32 - bits)) >>> 0;
}

/** Hot: whether an IPv4 address (uint32) is RFC 1918 private. */
export function isPrivateIpv4(address: number): boolean {
  const a = address >>> 0;
  return a >>> 24 === 10 || a >>> 20 === 0xac1 || a >>> 16 === 0xc0a8;
}

/** Hot: whether an IPv6 address, given its first (most significant) word, is a ULA (fc00::/7). */
export function isPrivateIpv6(firstWord: number): boolean {
  return firstWord >>> 25 === 0x7e;
}

/** How a [network, length] prefix relates to a block: inside it, containing it, or disjoint. */
function relate(word: number, length: number, block: number, blockLength: number): AddressClass {
  if (length >= blockLength) return top(word, blockLength) === top(block, blockLength) ? "private" : "public";
  return top(word, length) === top(block, length) ? "mixed" : "public";
}

/**
 * Cold: whether a whole prefix is private, public or mixed. Only the first word matters: every
 * private block is shorter than 32 bits.
 */
export function classifyPrefix(prefix: PrefixWords): AddressClass {
  const word = prefix.words[0] >>> 0;
  if (prefix.family === 6) return relate(word, Math.min(prefix.length, 32), PRIVATE_IPV6_BLOCK[0], PRIVATE_IPV6_BLOCK[1]);
  for (const [block, blockLength] of PRIVATE_IPV4_BLOCKS) {
    const r = relate(word, prefix.length, block, blockLength);
    if (r !== "public") return r;
  }
  return "public";
}

/** Cold: the class of a set of prefixes (a traffic pool): private or public if all agree, else mixed. */
export function classifyPrefixes(prefixes: readonly PrefixWords[]): AddressClass {
  let result: AddressClass | undefined;
  for (const p of prefixes) {
    const c = classifyPrefix(p);
    if (c === "mixed" || (result !== undefined && c !== result)) return "mixed";
    result = c;
  }
  return result ?? "public";
}
