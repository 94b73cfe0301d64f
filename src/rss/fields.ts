/**
 * Hash-field selection: which packet fields feed the RSS hash, per flow type, as
 * `ethtool -N IF rx-flow-hash TYPE LETTERS` sets it (ethtool(8); docs/receive-path.md, "Hashed fields").
 *
 * Letters nicsim models: `s` IP source, `d` IP destination, `f` L4 bytes 0-1 (the source
 * port of TCP/UDP), `n` L4 bytes 2-3 (the destination port). Order of the letters does not
 * matter; the input is always laid out source address, destination address, source port,
 * destination port — only the selected ones, each in network byte order:
 *
 *   IPv4 `sd` 8 B · `sdfn` 12 B · `sdf` 10 B · `fn` 4 B …   IPv6 `sd` 32 B · `sdfn` 36 B …
 *
 * The other ethtool letters are refused with what ethtool means by them: `m` L2 destination
 * MAC, `v` VLAN tag, `t` L3 protocol field, `r` discard the flow type, `e` GTP TEID (ice).
 *
 * Cold code: parsing and layout. The gather in `gatherInput` is used by the generic hash path
 * (flow-hash.ts), once per flow when a flow set is compiled.
 */

/** Flow types nicsim generates traffic for (TCP/UDP over IPv4/IPv6). */
export const RSS_FLOW_TYPES = ["tcp4", "udp4", "tcp6", "udp6"] as const;
export type RssFlowType = (typeof RSS_FLOW_TYPES)[number];

/** Field bits, in input order. The values are nicsim's own; the kernel's RXH_* bits differ. */
export const FIELD_SRC = 1;
export const FIELD_DST = 2;
export const FIELD_SPORT = 4;
export const FIELD_DPORT = 8;

/** The 2-tuple and the 4-tuple, the two selections with their own table-driven forms. */
export const FIELDS_SD = FIELD_SRC | FIELD_DST;
export const FIELDS_SDFN = FIELD_SRC | FIELD_DST | FIELD_SPORT | FIELD_DPORT;

const LETTER_BITS: Readonly<Record<string, number>> = { s: FIELD_SRC, d: FIELD_DST, f: FIELD_SPORT, n: FIELD_DPORT };

/** What ethtool means by the letters nicsim does not model. */
const UNMODELLED: Readonly<Record<string, string>> = {
  m: "the L2 destination MAC address",
  v: "the VLAN tag",
  t: "the L3 protocol field",
  r: "discard all packets of this flow type",
  e: "the GTP tunnel endpoint ID (TEID, ice only)",
};

const MODELLED_PHRASE = "s (IP source), d (IP destination), f (L4 bytes 0-1: source port), n (L4 bytes 2-3: destination port)";

/** A letter string that is not a selection nicsim can hash on. The message says why. */
export class RssFieldsError extends Error {
  override readonly name = "RssFieldsError";
}

/**
 * `"sdfn"` → field bits. Letters in any order, repeats allowed (ethtool ORs them).
 *
 * @throws RssFieldsError for an empty string, an ethtool letter nicsim does not model, or a
 *   character that is not an ethtool letter at all.
 */
export function parseHashFields(text: string): number {
  if (text.length === 0) throw new RssFieldsError(`no letters; use one or more of ${MODELLED_PHRASE}`);
  let bits = 0;
  for (const letter of text) {
    const bit = LETTER_BITS[letter];
    if (bit !== undefined) {
      bits |= bit;
      continue;
    }
    const meaning = UNMODELLED[letter];
    if (meaning !== undefined) {
      throw new RssFieldsError(
        `letter "${letter}" means ${meaning} to ethtool, which nicsim does not model; use ${MODELLED_PHRASE}`,
      );
    }
    throw new RssFieldsError(`"${letter}" is not an ethtool rx-flow-hash letter; use ${MODELLED_PHRASE}`);
  }
  return bits;
}

/** Field bits → the canonical letters, in input order (`sdfn`, `sd`, `sdn`, …). */
export function formatHashFields(bits: number): string {
  return (bits & FIELD_SRC ? "s" : "") + (bits & FIELD_DST ? "d" : "") + (bits & FIELD_SPORT ? "f" : "") + (bits & FIELD_DPORT ? "n" : "");
}

/** Field names in input order, for messages and reports ("src dst sport dport"). */
export function describeHashFields(bits: number): string {
  const names: string[] = [];
  if (bits & FIELD_SRC) names.push("src");
  if (bits & FIELD_DST) names.push("dst");
  if (bits & FIELD_SPORT) names.push("sport");
  if (bits & FIELD_DPORT) names.push("dport");
  return names.join(" ");
}

/** Bytes of hash input for these fields: 4 or 16 per address, 2 per port. */
export function inputLength(bits: number, family: 4 | 6): number {
  const address = family === 4 ? 4 : 16;
  return (bits & FIELD_SRC ? address : 0) + (bits & FIELD_DST ? address : 0) + (bits & FIELD_SPORT ? 2 : 0) + (bits & FIELD_DPORT ? 2 : 0);
}

/** Where a field sits in the input, in bits from the start (MSB of byte 0 = bit 0). */
export interface FieldPosition {
  /** First input bit of the field (its most significant bit). */
  readonly offsetBits: number;
  /** Field width in bits: 32 or 128 for an address, 16 for a port. */
  readonly widthBits: number;
}

/**
 * The position of one field (`FIELD_*`) in the input laid out for `bits`, or undefined when the
 * field is not selected.
 */
export function fieldPosition(bits: number, field: number, family: 4 | 6): FieldPosition | undefined {
  if ((bits & field) === 0) return undefined;
  const before = bits & (field - 1); // the selected fields that come earlier in the input
  return { offsetBits: 8 * inputLength(before, family), widthBits: field === FIELD_SRC || field === FIELD_DST ? (family === 4 ? 32 : 128) : 16 };
}

/**
 * Write the hash input of one tuple into `out` (at least 36 bytes): the selected fields in
 * order src, dst, sport, dport, each most significant byte first. Addresses are `words` 32-bit
 * words (1 for IPv4, 4 for IPv6) starting at `srcAt` / `dstAt`. Returns the input length.
 */
export function gatherInput(
  bits: number,
  words: 1 | 4,
  src: ArrayLike<number>,
  srcAt: number,
  dst: ArrayLike<number>,
  dstAt: number,
  sport: number,
  dport: number,
  out: Uint8Array,
): number {
  let n = 0;
  if (bits & FIELD_SRC) n = putWords(out, n, src, srcAt, words);
  if (bits & FIELD_DST) n = putWords(out, n, dst, dstAt, words);
  if (bits & FIELD_SPORT) {
    out[n++] = (sport >>> 8) & 255;
    out[n++] = sport & 255;
  }
  if (bits & FIELD_DPORT) {
    out[n++] = (dport >>> 8) & 255;
    out[n++] = dport & 255;
  }
  return n;
}

function putWords(out: Uint8Array, n: number, words: ArrayLike<number>, at: number, count: number): number {
  for (let i = 0; i < count; i++) {
    const w = words[at + i];
    out[n++] = w >>> 24;
    out[n++] = (w >>> 16) & 255;
    out[n++] = (w >>> 8) & 255;
    out[n++] = w & 255;
  }
  return n;
}
