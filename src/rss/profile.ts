/**
 * RSS hash profile: key, hash function, input fields and input transform of one flow type,
 * checked and precomputed once (params → profile → runtime). The passes in `flow-hash.ts` read
 * only the profile.
 *
 * hfunc (`ethtool -X … hfunc`, Documentation/networking/ethtool-netlink.rst):
 *   toeplitz  the RSS hash of the Microsoft spec, table-driven (toeplitz.ts).
 *   xor       nicsim's definition: the XOR of the input's 32-bit big-endian words, the last word
 *             zero-padded (IPv4 `sdfn`: src ^ dst ^ (sport << 16 | dport)). The key is not used.
 *             What NICs compute is not public in the sources we could read: mlx5 programs its
 *             hardware's "inverted XOR8" and bit-reverses the indirection table index to make it
 *             act as XOR; ice refuses `hfunc xor`. Treat results with xor as a model.
 *
 * input_xfrm (`ethtool -X … xfrm`, kernel Documentation/networking/scaling.rst), applied to the
 * fields before the hash:
 *   symmetric-xor     src, dst → (src^dst, src^dst); sport, dport → (sp^dp, sp^dp)
 *   symmetric-or-xor  src, dst → (src|dst, src^dst); sport, dport → (sp|dp, sp^dp)
 * Allowed only when the hashed fields come in source/destination pairs — `s` with `d`, `f` with
 * `n` — the kernel's `ethtool_check_xfrm_rxfh` rule (nicsim models no other letters).
 */
import { FIELD_DPORT, FIELD_DST, FIELD_SPORT, FIELD_SRC, formatHashFields } from "./fields.js";
import { TOEPLITZ_MAX_INPUT, toeplitzTable } from "./toeplitz.js";

export const RSS_HFUNCS = ["toeplitz", "xor"] as const;
export type RssHfunc = (typeof RSS_HFUNCS)[number];

export const RSS_INPUT_XFRMS = ["none", "symmetric-xor", "symmetric-or-xor"] as const;
export type RssInputXfrm = (typeof RSS_INPUT_XFRMS)[number];

export interface RssHashProfile {
  readonly hfunc: RssHfunc;
  /** Toeplitz lookup table for inputs of up to 36 bytes; empty for `xor`. */
  readonly table: Uint32Array;
  /** Hashed fields (`FIELD_*` bits). */
  readonly fields: number;
  readonly xfrm: RssInputXfrm;
}

/** A profile that cannot be built: an input transform over unpaired fields, no fields. */
export class RssProfileError extends Error {
  override readonly name = "RssProfileError";
}

/**
 * Whether an input transform may be used with these fields: source and destination come
 * together or not at all, for addresses and for ports (`ethtool_check_xfrm_rxfh`).
 */
export function xfrmAllowedFor(fields: number): boolean {
  const ips = fields & (FIELD_SRC | FIELD_DST);
  const ports = fields & (FIELD_SPORT | FIELD_DPORT);
  return (ips === 0 || ips === (FIELD_SRC | FIELD_DST)) && (ports === 0 || ports === (FIELD_SPORT | FIELD_DPORT));
}

/**
 * Checks and precomputes. Cold.
 *
 * @throws RssProfileError when `fields` is empty or `xfrm` is not allowed for `fields`;
 *   RangeError from `toeplitzTable` when the key is shorter than 40 bytes.
 */
export function rssHashProfile(key: Uint8Array, hfunc: RssHfunc, fields: number, xfrm: RssInputXfrm): RssHashProfile {
  if (fields === 0) throw new RssProfileError("no hash fields selected");
  if (xfrm !== "none" && !xfrmAllowedFor(fields)) {
    throw new RssProfileError(
      `input_xfrm ${xfrm} needs source/destination pairs (s with d, f with n); fields "${formatHashFields(fields)}" are not`,
    );
  }
  const table = hfunc === "toeplitz" ? toeplitzTable(key, TOEPLITZ_MAX_INPUT) : new Uint32Array(0);
  return { hfunc, table, fields, xfrm };
}
