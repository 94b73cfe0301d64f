/**
 * shaping — the bandwidth caps a cloud host meets before its CPUs: the egress shaper (`tc tbf`),
 * the ingress policer (`tc police`) and the cloud's bandwidth rules.
 *
 * What it models
 *   token-bucket-shaper.ts  tbf: rate, burst, limit | latency, peakrate + mtu, mpu, overhead;
 *                           tokens as ns; a FIFO that waits for tokens (never reorders) and
 *                           tail-drops at `limit` bytes; packets over max_size dropped. Computes
 *                           each packet's departure time in arrival order.
 *   policer.ts              police: rate, burst, mtu, peakrate, conform-exceed; no queue; a packet
 *                           conforms or exceeds on arrival. tc's default exceed action
 *                           `reclassify` passes the packet (nicsim has no later classifier).
 *   cloud-bandwidth.ts      the ecs profile: egress ≤ 200 Mbps, ingress = max(100, egress) unless
 *                           given lower, internal 1/10/25 Gbps, caps per instance unless per NIC,
 *                           ~200 Kbps ARP background.
 *   private-address.ts      RFC 1918 / ULA fc00::/7 → private (internal bandwidth), else public.
 *   transmit-time.ts        psched_l2t_ns: ns of tokens per packet, exact integer arithmetic.
 *   errors.ts               ShapingParamError: the one error of the cold code, naming the key.
 *   Not modelled: GSO segmentation, linklayer atm, pkt_rate/avrate policing, HTB-style sharing
 *   between classes, the provider's own (unpublished) enforcement algorithm — the caps are
 *   modelled with the Linux tools people use to reproduce them.
 *
 * Config: the scenario's `bandwidth` section (config/sections/bandwidth.ts, the keys and their
 * checks) and `traffic.network`; the engine applies the caps (engine/ingress-policing.ts,
 * engine/egress-path.ts). Caps per NIC are `bandwidth.nics`, in series with the instance's.
 *
 * Inputs   cold: params objects in kernel units (bits/s, bytes, ns). Hot: arrival time (ns, from
 *          the engine's clock, never decreasing) and frame length (bytes), scalar or as
 *          Float64Array/Uint16Array columns [0, n).
 * Outputs  shaper: departure time ≥ arrival, or SHAPER_DROPPED_OVERSIZE / SHAPER_DROPPED_LIMIT
 *          (`offer`: SHAPER_ACCEPTED and the departure in `lastDepartureNs`);
 *          policer: POLICE_CONFORM / POLICE_EXCEED (and whether its action drops).
 * Counters shaper (SHAPER_COUNTERS): accepted, acceptedBytes, delayed, delayNs, droppedOversize,
 *          droppedLimit, droppedBytes, ringFull, peakBacklogBytes. Policer (POLICER_COUNTERS):
 *          conform, conformBytes, exceed, exceedBytes, exceedMtu, dropped, droppedBytes. The
 *          engine reports shaper drops as the drop cause `egressCap` and policer drops as
 *          `ingressCap`; the shaper's delay is queueing delay, reported apart from CPU latency.
 *
 * Hot and cold: `tbfProfile`, `policerProfile`, `resolveBandwidth` and the classifiers of whole
 * prefixes validate and may throw ShapingParamError (with the parameter as `key`);
 * `TokenBucketShaper.offer`/`enqueueBatch`, `Policer.check`/`checkBatch`, `transmitNs`,
 * `isPrivateIpv4`/`isPrivateIpv6` never allocate, validate or throw (`enqueue` returns a double,
 * boxed where V8 does not inline it: engine loops use `offer` + `lastDepartureNs`). Nothing
 * reads a clock. Mutable state lives in Float64Arrays and fields are `declare`d: see the notes in
 * the classes for why and what it measured.
 * Measured (bench/shaping.bench.ts, Node 20, 2-vCPU AMD EPYC VM, IMIX frames, Poisson arrivals
 * at 0.5x / 2x a 200 Mbit/s cap; ns per packet, ±0.1-0.5%; results/shaping-bench.json):
 *   shaper  offer 15.5 / 26.8 (42 with peakrate) · enqueue 26 / 37 · enqueueBatch(256) 19 / 30
 *   policer check 6.3 / 7.0 · checkBatch(256) 9.3 / 9.8
 * At 2x the shaper waits, tail-drops and mispredicts its verdict branches. The batch forms are
 * not faster than an inlined scalar loop: each departure depends on the previous one, so a batch
 * saves the caller's loop, not work. With V8's cumulative inlining budget raised
 * (--max-inlined-bytecode-size-cumulative=3000) offer runs at 8.4 / 17: the budget, not the
 * arithmetic, sets the figure.
 *
 * Example
 *   const shaper = new TokenBucketShaper(tbfProfile({ rateBps: 8e6, burstBytes: 3000, limitBytes: 10_000 }));
 *   shaper.enqueue(0, 1000);          // 0        (the bucket holds 3000 bytes)
 *   shaper.enqueue(0, 1000);          // 0
 *   shaper.enqueue(0, 1000);          // 0
 *   shaper.enqueue(0, 1000);          // 1000000  (1000 bytes at 8 Mbit/s = 1 ms of tokens)
 *   const police = new Policer(policerProfile({ rateBps: 8e6, burstBytes: 2000, exceed: "drop", macHeaderBytes: 0 }));
 *   police.check(0, 1000);            // POLICE_CONFORM
 *
 * See also
 *   docs/calibration.md (tc-tbf(8), tc-police(8), what 200 Mbps means in pps)
 *   docs/cloud-profile.md "Bandwidth"
 *   tc-tbf(8), tc-police(8); net/sched/sch_tbf.c, net/sched/act_police.c
 */
export { ShapingParamError } from "./errors.js";
export { transmitNs, transmitNsExact, transmitRate, type TransmitRate } from "./transmit-time.js";
export {
  SHAPER_ACCEPTED,
  SHAPER_COUNTERS,
  SHAPER_DROPPED_LIMIT,
  SHAPER_DROPPED_OVERSIZE,
  SHAPER_MAX_RING_SLOTS,
  TokenBucketShaper,
  tbfLimitFromLatency,
  tbfProfile,
  type ShaperCounter,
  type TbfParams,
  type TbfProfile,
} from "./token-bucket-shaper.js";
export {
  POLICER_COUNTERS,
  POLICE_ACTIONS,
  POLICE_CONFORM,
  POLICE_DEFAULT_MTU,
  POLICE_EXCEED,
  Policer,
  policerProfile,
  type PoliceAction,
  type PoliceVerdict,
  type PolicerCounter,
  type PolicerParams,
  type PolicerProfile,
} from "./policer.js";
export {
  ARP_BACKGROUND_BPS,
  BANDWIDTH_PROFILES,
  ECS_DEFAULT_INTERNAL_GBPS,
  ECS_INGRESS_FLOOR_MBPS,
  ECS_INTERNAL_GBPS,
  ECS_MAX_EGRESS_MBPS,
  arpBackgroundPps,
  ecsIngressMbps,
  egressCapProblem,
  mbpsToBps,
  resolveBandwidth,
  type BandwidthParams,
  type BandwidthProfileName,
  type CloudBandwidth,
} from "./cloud-bandwidth.js";
export {
  PRIVATE_IPV4_BLOCKS,
  PRIVATE_IPV6_BLOCK,
  classifyPrefix,
  classifyPrefixes,
  isPrivateIpv4,
  isPrivateIpv6,
  type AddressClass,
  type PrefixWords,
} from "./private-address.js";
