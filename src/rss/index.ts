/**
 * rss — the NIC's receive-side scaling: select the hash input, hash it (Toeplitz or xor), then
 * the indirection table → rx queue.
 *
 * What it models
 *   Hash input per flow type as `ethtool -N IF rx-flow-hash TYPE LETTERS` selects it
 *   (`fields.ts`: s, d, f, n), laid out in network byte order, source before destination:
 *     IPv4 `sd` 8 B · IPv4 `sdfn` 12 B · IPv6 `sd` 32 B · IPv6 `sdfn` 36 B · any other subset
 *   The hash (`profile.ts`): Toeplitz, or `xor` (XOR of the input's 32-bit words — nicsim's
 *   definition, see there), after an optional `input_xfrm` (symmetric-xor, symmetric-or-xor).
 *   Keys (`key.ts`): the Microsoft key, hex, the symmetric 6d5a key, a random 52-byte key per
 *   job seed (the kernel's per-boot `netdev_rss_key`). The indirection table (`indirection.ts`):
 *   `table[hash mod size]`, filled as `ethtool -X` does (default, equal, start/equal, weight,
 *   explicit list). Key quality (`key-quality.ts`): the GF(2) rank that bounds how many table
 *   entries a burst varying a few low bits of one field can reach. Spread (`spread.ts`): per
 *   queue shares and the table-size effect.
 *   Not modelled: ethtool letters m, v, t, r, e; the crc32 hfunc; IPv6 `_EX` hash types;
 *   extra RSS contexts.
 *
 * Config (scenario `nics[].rss`)
 *   key        "microsoft" (default) | "random" | "symmetric" | hex, 40 or 52 bytes
 *   hfunc      "toeplitz" (default) | "xor"
 *   inputXfrm  "none" (default) | "symmetric-xor" | "symmetric-or-xor"
 *   fields     { tcp4, udp4, tcp6, udp6 }: ethtool letters, each default "sdfn" (several
 *              drivers default UDP to "sd": set udp4/udp6 to model them)
 *   indirSize  entries in the indirection table, a power of two; default 128
 *   indir      "default" (default) | "equal N" | "start S equal N" | "weight W0 W1 …" | [q, …]
 *
 * Inputs  cold: key bytes, fields, table spec, table size, queue count. Hot: flow columns —
 *         addresses as uint32 words (most significant byte first), ports as uint16.
 * Outputs a Toeplitz lookup table per key (`toeplitzTable`, Uint32Array of 36×256); hashes as
 *         unsigned 32-bit numbers; queue numbers from the indirection table.
 * Counters none: pure functions; the engine counts packets per queue.
 *
 * Hot and cold: `key.ts`, `fields.ts`, `profile.ts`, `toeplitzTable`, the table fills,
 * `key-quality.ts` and `spread.ts` validate and may throw; the `hash*` functions, the column
 * kernels of `flow-hash.ts` and `queueOf` never validate or throw. `hashFlowColumns` picks the
 * form (ipv4/ipv6 × sd/sdfn table-driven on words, generic gathered bytes, xor) once per flow set.
 * Measured (bench/rss.bench.ts, Node 20, 2.45 GHz EPYC VM): IPv4 4-tuple ~10 ns per hash
 * scalar, 8.2-8.5 ns batch; IPv6 4-tuple ~31-34 ns. Details beside the loops in `toeplitz.ts`.
 *
 * Example
 *   const profile = rssHashProfile(MICROSOFT_RSS_KEY, "toeplitz", FIELDS_SDFN, "none"); // once
 *   const hash = hashTuple(profile, [0x420995bb], [0xa18e6450], 2794, 1766);            // 0x51ccc178
 *   const queue = queueOf(fillIndirection(parseIndirSpec("equal 4"), 128, 4), hash);    // 120 % 4 = 0
 *
 * See also
 *   docs/receive-path.md — the Toeplitz hash, keys, hashed fields and the indirection table
 *   test/fixtures/toeplitz-vectors.json — the published verification suite the tests check
 *   engine/plan.ts `compileFlowRss` — the one place a flow set gets its hashes and queues
 */

export {
  MICROSOFT_RSS_KEY,
  NETDEV_RSS_KEY_LEN,
  RSS_KEY_LENGTHS,
  RSS_KEY_NAMES,
  RSS_KEY_STREAM,
  RssKeyError,
  SYMMETRIC_RSS_KEY,
  formatRssKey,
  parseRssKey,
  parseRssKeySpec,
  randomRssKey,
  rssKeyBytes,
  type RssKeyName,
  type RssKeySpec,
} from "./key.js";
export {
  FIELDS_SD,
  FIELDS_SDFN,
  FIELD_DPORT,
  FIELD_DST,
  FIELD_SPORT,
  FIELD_SRC,
  RSS_FLOW_TYPES,
  RssFieldsError,
  describeHashFields,
  fieldPosition,
  formatHashFields,
  gatherInput,
  inputLength,
  parseHashFields,
  type FieldPosition,
  type RssFlowType,
} from "./fields.js";
export {
  RSS_HFUNCS,
  RSS_INPUT_XFRMS,
  RssProfileError,
  rssHashProfile,
  xfrmAllowedFor,
  type RssHashProfile,
  type RssHfunc,
  type RssInputXfrm,
} from "./profile.js";
export {
  hashColumnsBytes,
  hashColumnsIpv4Sd,
  hashColumnsIpv6Sd,
  hashColumnsIpv6Sdfn,
  hashFlowColumns,
  hashFormOf,
  hashTuple,
  xorColumns,
  type FlowColumns,
  type HashForm,
} from "./flow-hash.js";
export {
  TOEPLITZ_MAX_INPUT,
  hashIpv4,
  hashIpv4Ports,
  hashIpv4PortsBatch,
  hashIpv6,
  hashIpv6Ports,
  hashIpv6PortsAt,
  toeplitzHash,
  toeplitzTable,
} from "./toeplitz.js";
export {
  IndirSpecError,
  defaultIndirection,
  fillIndirection,
  formatIndirSpec,
  parseIndirSpec,
  queueOf,
  type IndirSpec,
} from "./indirection.js";
export { QUALITY_FIELDS, gf2Rank, keyQuality, keyWindow, type KeyQuality, type QualityField } from "./key-quality.js";
export {
  maxOverMean,
  nextPowerOfTwo,
  queueSpread,
  tableBalance,
  tableSizeEffect,
  type QueueShare,
  type QueueSpread,
  type TableBalance,
  type TableSizeEffect,
} from "./spread.js";
