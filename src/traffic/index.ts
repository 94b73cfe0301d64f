/**
 * traffic — what arrives at the NIC.
 *
 * Models: a set of flows drawn from the scenario's address pools (IPv4 or IPv6, UDP or TCP,
 * port ranges), flow popularity (uniform or Zipf with exponent s), frame sizes (fixed, `imix`
 * 64/576/1500 bytes at 7:4:1, or a weighted list) and the arrival process (Poisson or constant
 * rate) at an offered load in pps or Mbps of frame bytes.
 *
 * Config keys (`traffic.*`): flows, src, dst, protocol, srcPort, dstPort, weights, size,
 * arrival, load { pps | mbps }, nic.
 * Randomness: only from `Prng`, seeded per job by `deriveSeed(seed, point, replication)`.
 * See also: engine/ (consumes batches), rss/ (hashes the flow tuples).
 */
export { Prng, deriveSeed } from "./prng.js";
export { AliasTable } from "./alias-table.js";
export { generateFlowSet, type FlowSet } from "./flow-set.js";
export { PacketSource, meanSize, offeredPps } from "./packet-source.js";
