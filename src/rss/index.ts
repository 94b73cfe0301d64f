/**
 * rss — the NIC's receive-side scaling: Toeplitz hash, then indirection table → rx queue.
 *
 * What it models
 *   The hash a NIC computes over a packet's fields (Toeplitz, the RSS default `hfunc`), over
 *   inputs laid out in network byte order, source before destination:
 *     IPv4 `sd` 8 B · IPv4 `sdfn` 12 B · IPv6 `sd` 32 B · IPv6 `sdfn` 36 B
 *   and the indirection table that turns a hash into an rx queue: `table[hash mod size]`,
 *   filled round robin by default (`ethtool_rxfh_indir_default`, `ethtool -X equal N`).
 *   Not modelled here: hash-field selection (`ethtool -N rx-flow-hash`), the xor/crc32 hfuncs,
 *   `input_xfrm` symmetric modes, IPv6 extension-header (`_EX`) hash types.
 *
 * Config (scenario `nics[].rss`)
 *   key        bytes, 40 or 52 (`parseRssKey`); default `MICROSOFT_RSS_KEY`
 *   indirSize  entries in the indirection table; default 128
 *
 * Inputs  cold: key bytes, table size, queue count. Hot: addresses as uint32 words (most
 *         significant byte first), ports as uint16, or raw input bytes.
 * Outputs a precomputed lookup table per key (`toeplitzTable`, Uint32Array of 36×256); hashes
 *         as unsigned 32-bit numbers; queue numbers from the indirection table.
 * Counters none: pure functions; the engine counts packets per queue.
 *
 * Hot and cold: `key.ts`, `toeplitzTable` and `defaultIndirection` validate and may throw;
 * the `hash*`, `toeplitzHash` and `queueOf` functions never validate, allocate or throw.
 * Measured (bench/rss.bench.ts, Node 20, 2.45 GHz EPYC VM): IPv4 4-tuple ~10 ns per hash
 * scalar, 8.2-8.5 ns batch; IPv6 4-tuple ~31-34 ns. Details beside the loops in `toeplitz.ts`.
 *
 * Example
 *   const table = toeplitzTable(MICROSOFT_RSS_KEY);            // once per key
 *   const hash = hashIpv4Ports(table, 0x420995bb, 0xa18e6450, 2794, 1766); // 0x51ccc178
 *   const queue = queueOf(defaultIndirection(128, 4), hash);   // 120 % 4 = 0
 *
 * See also
 *   facts/linux-rx-path.md (shared design notes): (a) Toeplitz hash, (b) indirection table
 *   test/fixtures/toeplitz-vectors.json — the published verification suite the tests check
 */

export { MICROSOFT_RSS_KEY, RSS_KEY_LENGTHS, RssKeyError, formatRssKey, parseRssKey } from "./key.js";
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
export { defaultIndirection, queueOf } from "./indirection.js";
