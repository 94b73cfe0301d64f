/**
 * A NIC's `rss` section: receive-side scaling, which rx queue a flow's hash selects — the key,
 * hash function and input transform (`ethtool -X`), the hashed fields per flow type
 * (`ethtool -N rx-flow-hash`) and the indirection table.
 *
 *   nics[].rss: { key, hfunc, hashReport, inputXfrm, fields { tcp4, udp4, tcp6, udp6 },
 *                 indirSize, indir }
 *
 * Resolved: `Rss`, checked against the NIC's queue count and driver (rss/ does the hashing).
 */
import type { DriverKind } from "../../irq/device-vectors.js";
import { RSS_FLOW_TYPES, parseHashFields } from "../../rss/fields.js";
import type { RssFlowType } from "../../rss/fields.js";
import { IndirSpecError, fillIndirection, formatIndirSpec } from "../../rss/indirection.js";
import type { IndirSpec } from "../../rss/indirection.js";
import type { RssKeySpec } from "../../rss/key.js";
import { RSS_HFUNCS, RSS_INPUT_XFRMS, xfrmAllowedFor } from "../../rss/profile.js";
import type { RssHfunc, RssInputXfrm } from "../../rss/profile.js";
import { ConfigError, show } from "../errors.js";
import { hashFields, indirSpec, rssKey } from "../field-types.js";
import { joinIndex, joinKey } from "../paths.js";
import { enumOf, int, obj } from "../schema-dsl.js";
import type { Infer, Schema } from "../schema-dsl.js";

export const RSS_DEFAULTS = {
  /**
   * The Microsoft verification key: deterministic, so runs are comparable. (Linux itself uses a
   * random 52-byte key per boot — `"random"` models that: `netdev_rss_key_fill()`, net/core/utils.c.)
   */
  key: "microsoft",
  /** The RSS hash function: Toeplitz, what RSS NICs use by default. */
  hfunc: "toeplitz",
  /** No symmetric input transform (the kernel's default input_xfrm). */
  inputXfrm: "none",
  /**
   * Hash fields per flow type: the 4-tuple everywhere. Defaults are driver-specific; several
   * drivers hash UDP on "sd" only (docs/receive-path.md, "Hashed fields") — set `udp4: sd` to model them.
   */
  fields: "sdfn",
  /** Indirection table entries: the most common hardware size (Documentation/networking/scaling.rst). */
  indirSize: 128,
  /** The driver's default fill, entry i = i mod queues (`ethtool_rxfh_indir_default`). */
  indir: "default",
} as const;

export const rssSchema = obj(
  {
    key: rssKey({
      default: RSS_DEFAULTS.key,
      description:
        'Toeplitz hash key: "microsoft" (the verification key), "random" (52 bytes drawn from each job\'s seed, like the kernel\'s per-boot netdev_rss_key), "symmetric" (6d:5a repeated, 40 bytes), or 40/52 bytes of hex as `ethtool -x` prints them (6d:5a:...) or plain.',
    }),
    hfunc: enumOf(RSS_HFUNCS, {
      default: RSS_DEFAULTS.hfunc,
      description:
        "Hash function (`ethtool -X hfunc`): toeplitz, or xor = nicsim's XOR of the input's 32-bit words (the key is not used; see src/rss/profile.ts).",
    }),
    hashReport: enumOf(["auto", "l4", "l3", "none"], {
      default: "auto",
      description:
        "What the driver tells the stack about the RSS hash, which decides the hash RPS and RFS steer by (skb_get_hash, include/linux/skbuff.h): l4, the hash with its type (an L4 hash when the NIC hashed the ports: RPS reuses it); l3, every hash as L3; none, no hash. Without an L4 hash the stack computes its own from the 4-tuple (__skb_get_hash). auto: none for virtio-net (no VIRTIO_NET_F_HASH_REPORT, the common cloud NIC), else l4.",
    }),
    inputXfrm: enumOf(RSS_INPUT_XFRMS, {
      default: RSS_DEFAULTS.inputXfrm,
      description:
        "Input transform (`ethtool -X xfrm`): symmetric-xor feeds (src^dst, src^dst, sport^dport, sport^dport), symmetric-or-xor (src|dst, src^dst, sport|dport, sport^dport); needs every flow type's fields in src/dst pairs.",
    }),
    fields: obj(
      Object.fromEntries(
        RSS_FLOW_TYPES.map((type) => [
          type,
          hashFields({
            default: RSS_DEFAULTS.fields,
            description: `Fields hashed for ${type} (\`ethtool -N IF rx-flow-hash ${type} LETTERS\`): s IP source, d IP destination, f source port, n destination port.`,
          }),
        ]),
      ) as Record<RssFlowType, Schema<string>>,
      {
        default: {},
        description: 'Hash input per flow type, as ethtool letters. Default "sdfn" for all; several drivers hash UDP on "sd" only.',
      },
    ),
    indirSize: int({
      min: 1,
      max: 65536,
      powerOfTwo: true,
      default: RSS_DEFAULTS.indirSize,
      description: "Indirection table size (`ethtool -x`), a power of two.",
      unit: "entries",
    }),
    indir: indirSpec({
      default: RSS_DEFAULTS.indir,
      description:
        'Indirection table as `ethtool -X` sets it: "default" (entry i = i mod queues), "equal N", "start S equal N", "weight W0 W1 ...", or a list of indirSize queue numbers. queue = table[hash mod indirSize].',
    }),
  },
  { default: {}, description: "Receive-side scaling: which rx queue a flow's hash selects." },
);

export type CheckedRss = Infer<typeof rssSchema>;

export interface Rss {
  /**
   * The key as configured: fixed bytes (`microsoft`, `symmetric`, hex) or `random` (drawn from
   * each job's seed: `rssKeyBytes(keySpec, seed)` in rss/key.ts). Default `microsoft`.
   */
  readonly keySpec: RssKeySpec;
  /**
   * The fixed key bytes (40 or 52), the same as `keySpec.bytes`; empty for a `random` key, whose
   * bytes exist only per job. Default: the Microsoft verification key.
   */
  readonly key: Uint8Array;
  /** `ethtool -X hfunc`: toeplitz (default) or xor (nicsim's definition: rss/profile.ts). */
  readonly hfunc: RssHfunc;
  /** `ethtool -X xfrm`: none (default), symmetric-xor or symmetric-or-xor. */
  readonly inputXfrm: RssInputXfrm;
  /**
   * What the driver reports with the hash (skb_set_hash): l4 (its type: L4 when the ports were
   * hashed), l3 (always L3) or none. RPS and RFS reuse only an L4 hash (rps/skb-hash.ts).
   */
  readonly hashReport: "l4" | "l3" | "none";
  /** Hashed fields per flow type as canonical ethtool letters (`sdfn`, `sd`, …). Default `sdfn`. */
  readonly fields: Readonly<Record<RssFlowType, string>>;
  /** Indirection table size (power of two). Default 128. */
  readonly indirSize: number;
  /** Indirection table as `ethtool -X` sets it; checked against `queues`. Default `default`. */
  readonly indir: IndirSpec;
}

export function resolveRss(rss: CheckedRss, queues: number, path: string, driver: DriverKind): Rss {
  if (rss.inputXfrm !== "none") {
    for (const type of RSS_FLOW_TYPES) {
      if (!xfrmAllowedFor(parseHashFields(rss.fields[type]))) {
        throw new ConfigError(
          joinKey(path, "inputXfrm"),
          `${show(rss.inputXfrm)} needs every flow type's fields in source/destination pairs (s with d, f with n), ` +
            `as the kernel's ethtool_check_xfrm_rxfh requires; ${joinKey(joinKey(path, "fields"), type)} is ${show(rss.fields[type])}`,
        );
      }
    }
  }
  try {
    fillIndirection(rss.indir, rss.indirSize, queues);
  } catch (error) {
    if (!(error instanceof IndirSpecError)) throw error;
    const at = rss.indir.kind === "list" && error.entry !== undefined ? joinIndex(joinKey(path, "indir"), error.entry) : joinKey(path, "indir");
    const what = rss.indir.kind === "list" ? "" : `${show(formatIndirSpec(rss.indir))}: `;
    throw new ConfigError(at, `${what}${error.message}`);
  }
  const key = rss.key.kind === "fixed" ? rss.key.bytes : new Uint8Array(0);
  // virtio-net without VIRTIO_NET_F_HASH_REPORT sets no skb hash (drivers/net/virtio_net.c).
  const hashReport = rss.hashReport === "auto" ? (driver === "virtio-net" ? "none" : "l4") : rss.hashReport;
  return { keySpec: rss.key, key, hfunc: rss.hfunc, inputXfrm: rss.inputXfrm, hashReport, fields: rss.fields, indirSize: rss.indirSize, indir: rss.indir };
}
