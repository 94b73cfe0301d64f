/**
 * The scenario's `bandwidth` section: the cloud's bandwidth caps (issue 5, facts/cloud-host.md).
 * The field checks are here; the profile's rules (egress ≤ 200 Mbps under ecs, ingress derived
 * from egress, internal tiers) are `resolveBandwidth`'s, whose errors are reported at
 * `bandwidth.<key>`. The engine applies the ingress cap as a `tc police` policer (exceed: drop)
 * in arrival order before the NIC: public traffic meets the public ingress cap, private traffic
 * (`traffic.network: private`, or with `auto` sources all private: RFC 1918 / ULA) the internal
 * bandwidth.
 */
import { resolveBandwidth, type CloudBandwidth, type BandwidthProfileName } from "../shaping/cloud-bandwidth.js";
import { ShapingParamError } from "../shaping/errors.js";
import { classifyPrefixes } from "../shaping/private-address.js";
import { tbfProfile, type TbfParams } from "../shaping/token-bucket-shaper.js";
import { ConfigError } from "./errors.js";
import { flag } from "./field-types.js";
import type { Traffic } from "./scenario.js";
import { enumOf, int, num, obj, optional } from "./schema-dsl.js";
import type { Infer } from "./schema-dsl.js";

export const bandwidthSection = obj(
  {
    egressMbps: optional(
      num({
        exclusiveMin: 0,
        unit: "Mbps",
        description: "Public egress bandwidth bought (at most 200 under profile ecs). Omitted: no public caps.",
      }),
    ),
    ingressMbps: optional(
      num({
        exclusiveMin: 0,
        unit: "Mbps",
        description: "Public ingress cap. Under ecs: derived from egress (max(100, egress)) when omitted, at most that when given.",
      }),
    ),
    internalGbps: optional(
      num({
        exclusiveMin: 0,
        unit: "Gbps",
        description: "Internal bandwidth for private traffic: 1, 10 or 25 under ecs (default 10); none without it under profile none.",
      }),
    ),
    egressBurst: optional(
      int({
        min: 1,
        max: 1 << 30,
        unit: "bytes",
        description: "The egress shaper's bucket (tc tbf burst). Default: 10 ms at the cap, at least 16 KiB. At least reply.size.",
      }),
    ),
    egressLatencyMs: optional(
      num({
        exclusiveMin: 0,
        max: 60_000,
        unit: "ms",
        description: "The egress shaper's latency (tc tbf latency: limit = rate × latency + burst). Default 50.",
      }),
    ),
    egressLimit: optional(
      int({
        min: 1,
        max: 1 << 30,
        unit: "bytes",
        description: "The egress shaper's queue (tc tbf limit), instead of egressLatencyMs: give one or the other.",
      }),
    ),
    egressPeakrateMbps: optional(
      num({
        exclusiveMin: 0,
        unit: "Mbps",
        description: "The egress shaper's peak rate (tc tbf peakrate): bursts leave no faster than this. Above the egress cap; needs egressMtu.",
      }),
    ),
    egressMtu: optional(
      int({ min: 1, max: 1 << 30, unit: "bytes", description: "The egress shaper's peak bucket (tc tbf mtu/minburst), with egressPeakrateMbps." }),
    ),
    egressMpu: optional(
      int({ min: 0, max: 65535, unit: "bytes", description: "The fewest bytes the egress shaper charges a packet (tc tbf mpu). Default 0." }),
    ),
    egressOverhead: optional(
      int({ min: 0, max: 65535, unit: "bytes", description: "Bytes the egress shaper adds to every packet's length (tc tbf overhead). Default 0." }),
    ),
    reply: optional(
      obj(
        {
          size: int({ min: 42, max: 65535, unit: "bytes", description: "Frame size of each reply." }),
          ratio: num({ exclusiveMin: 0, max: 64, default: 1, description: "Replies per delivered packet (0.5: every other packet)." }),
        },
        { description: "A reply stream: delivered packets produce replies that leave through the egress cap." },
      ),
    ),
    ingressBurst: optional(
      int({
        min: 1,
        max: 1 << 30,
        unit: "bytes",
        description: "The ingress policer's bucket (tc police burst). Default: 10 ms at the cap, at least 64 KiB.",
      }),
    ),
    ingressMtu: optional(
      int({
        min: 1,
        max: 65535,
        unit: "bytes",
        description: "Longer frames exceed the ingress policer whatever its tokens (tc police mtu). Default 65535: the cap limits rate, not size.",
      }),
    ),
    arpBackground: optional(
      flag({
        description:
          "The ~200 Kbps of ARP broadcast an instance receives from its subnet (60-byte frames, Poisson), policed with the traffic by the ingress cap. Default: true under profile ecs, false under none.",
      }),
    ),
    ingressExceed: enumOf(["drop", "pass"], {
      default: "drop",
      description: "What the ingress policer does with a packet that exceeds (tc police conform-exceed): drop it, or pass it and count it.",
    }),
  },
  { description: "Bandwidth caps before the CPU (issue 5). Without this section no cap applies." },
);

export type CheckedBandwidth = Infer<typeof bandwidthSection>;

/** The ingress cap the engine polices arrivals with. */
export interface IngressCap {
  /** bits per second */
  readonly rateBps: number;
  readonly burstBytes: number;
  /** tc police mtu: longer frames exceed. */
  readonly mtuBytes: number;
  /** tc police conform-exceed: an exceeding packet is dropped, or passed and counted. */
  readonly exceed: "drop" | "pass";
  /** The subnet's ARP broadcast background policed with the traffic, bits per second (0: none). */
  readonly arpBps: number;
  /** Which cap it is: the public ingress cap or the internal bandwidth (all-private sources). */
  readonly kind: "public" | "internal";
}

/** The egress shaper the reply stream leaves through. */
export interface EgressCap {
  readonly rateBps: number;
  readonly burstBytes: number;
  /** tc tbf limit (bytes) or latency (ns): exactly one is set. */
  readonly limitBytes?: number;
  readonly latencyNs?: number;
  /** tc tbf peakrate (bits/s) and mtu (bytes): both or neither. */
  readonly peakrateBps?: number;
  readonly mtuBytes?: number;
  readonly mpuBytes: number;
  readonly overheadBytes: number;
  readonly replyBytes: number;
  readonly replyRatio: number;
  /** Which cap shapes the replies: the public egress cap or the internal bandwidth. */
  readonly kind: "public" | "internal";
}

export interface BandwidthConfig {
  readonly caps: CloudBandwidth;
  /** Whether the traffic counts as private (`traffic.network`, or every source prefix private). */
  readonly privateTraffic: boolean;
  /** null: no cap applies to this traffic. */
  readonly ingress: IngressCap | null;
  /** null: no reply stream, or no cap applies to it. */
  readonly egress: EgressCap | null;
}

/** The tc tbf parameters of an egress cap, for shaping/token-bucket-shaper.ts. */
export function egressTbfParams(cap: EgressCap): TbfParams {
  return {
    rateBps: cap.rateBps,
    burstBytes: cap.burstBytes,
    ...(cap.limitBytes !== undefined ? { limitBytes: cap.limitBytes } : { latencyNs: cap.latencyNs }),
    ...(cap.peakrateBps !== undefined ? { peakrateBps: cap.peakrateBps, mtuBytes: cap.mtuBytes } : {}),
    mpuBytes: cap.mpuBytes,
    overheadBytes: cap.overheadBytes,
    minPacketBytes: cap.replyBytes,
  };
}

/** The `bandwidth` key behind each tbf parameter, for error messages. */
const TBF_KEYS: Readonly<Record<string, string>> = {
  rateBps: "egressMbps",
  burstBytes: "egressBurst",
  limitBytes: "egressLimit",
  latencyNs: "egressLatencyMs",
  peakrateBps: "egressPeakrateMbps",
  mtuBytes: "egressMtu",
  mpuBytes: "egressMpu",
  overheadBytes: "egressOverhead",
  minPacketBytes: "reply.size",
};

/** Default shaper bucket: 10 ms of the rate, at least 16 KiB. */
export function defaultEgressBurst(rateBps: number): number {
  return Math.max(16384, Math.round((rateBps / 8) * 0.01));
}

/** Default policer bucket: 10 ms of the rate, at least 64 KiB. */
export function defaultIngressBurst(rateBps: number): number {
  return Math.max(65536, Math.round((rateBps / 8) * 0.01));
}

/**
 * Whether traffic is private (meets the internal bandwidth rather than the public caps):
 * `traffic.network` when it says, else whether every source prefix is private.
 */
export function isPrivateTraffic(traffic: Pick<Traffic, "network" | "src">): boolean {
  return traffic.network === "auto" ? classifyPrefixes(traffic.src) === "private" : traffic.network === "private";
}

/**
 * With a bandwidth section and `network: auto`, sources that are partly private and partly
 * public (0.0.0.0/0, or a list of both kinds) are not guessed at. @throws ConfigError
 */
function checkNetworkIsDecidable(traffic: Pick<Traffic, "network" | "src">): void {
  if (traffic.network !== "auto" || classifyPrefixes(traffic.src) !== "mixed") return;
  throw new ConfigError(
    "traffic.network",
    `"auto" cannot tell which bandwidth traffic.src uses: its prefixes are partly private (RFC 1918 / ULA) and partly public; say public or private`,
  );
}

/** Resolve the section under the scenario's profile for the scenario's traffic. @throws ConfigError */
export function resolveBandwidthSection(
  checked: CheckedBandwidth,
  profile: BandwidthProfileName,
  traffic: Pick<Traffic, "network" | "src">,
  path: string,
): BandwidthConfig {
  let caps: CloudBandwidth;
  try {
    caps = resolveBandwidth(profile, checked);
  } catch (e) {
    if (e instanceof ShapingParamError) throw new ConfigError(`${path}.${e.key}`, e.detail);
    throw e;
  }
  checkNetworkIsDecidable(traffic);
  const privateTraffic = isPrivateTraffic(traffic);
  const rateBps = privateTraffic
    ? caps.internalGbps === null
      ? null
      : Math.round(caps.internalGbps * 1e9)
    : caps.ingressMbps === null
      ? null
      : Math.round(caps.ingressMbps * 1e6);
  const ingress: IngressCap | null =
    rateBps === null
      ? null
      : {
          rateBps,
          burstBytes: checked.ingressBurst ?? defaultIngressBurst(rateBps),
          mtuBytes: checked.ingressMtu ?? 65535,
          exceed: checked.ingressExceed,
          arpBps: caps.arpBackgroundBps,
          kind: privateTraffic ? "internal" : "public",
        };
  return { caps, privateTraffic, ingress, egress: resolveEgress(checked, caps, privateTraffic, path) };
}

function resolveEgress(checked: CheckedBandwidth, caps: CloudBandwidth, privateTraffic: boolean, path: string): EgressCap | null {
  const reply = checked.reply;
  if (reply === undefined) return null;
  const rateBps = privateTraffic
    ? caps.internalGbps === null
      ? null
      : Math.round(caps.internalGbps * 1e9)
    : caps.egressMbps === null
      ? null
      : Math.round(caps.egressMbps * 1e6);
  if (rateBps === null) return null;
  const burstBytes = checked.egressBurst ?? Math.max(defaultEgressBurst(rateBps), reply.size);
  if (burstBytes < reply.size) {
    throw new ConfigError(`${path}.egressBurst`, `${burstBytes} bytes is smaller than a reply (reply.size ${reply.size}): tbf would drop every reply`);
  }
  if (checked.egressLimit !== undefined && checked.egressLatencyMs !== undefined) {
    throw new ConfigError(`${path}.egressLimit`, "give egressLimit or egressLatencyMs, not both (tc tbf takes one of limit and latency)");
  }
  if ((checked.egressPeakrateMbps === undefined) !== (checked.egressMtu === undefined)) {
    const [given, missing] = checked.egressMtu === undefined ? ["egressPeakrateMbps", "egressMtu"] : ["egressMtu", "egressPeakrateMbps"];
    throw new ConfigError(`${path}.${missing}`, `is required with ${given} (tc tbf's peak bucket needs both peakrate and mtu)`);
  }
  const egress: EgressCap = {
    rateBps,
    burstBytes,
    ...(checked.egressLimit !== undefined ? { limitBytes: checked.egressLimit } : { latencyNs: Math.round((checked.egressLatencyMs ?? 50) * 1e6) }),
    ...(checked.egressPeakrateMbps !== undefined ? { peakrateBps: Math.round(checked.egressPeakrateMbps * 1e6), mtuBytes: checked.egressMtu } : {}),
    mpuBytes: checked.egressMpu ?? 0,
    overheadBytes: checked.egressOverhead ?? 0,
    replyBytes: reply.size,
    replyRatio: reply.ratio,
    kind: privateTraffic ? "internal" : "public",
  };
  try {
    tbfProfile(egressTbfParams(egress));
  } catch (e) {
    if (e instanceof ShapingParamError) throw new ConfigError(`${path}.${TBF_KEYS[e.key] ?? "egressMbps"}`, `the egress shaper cannot be built: ${e.detail}`);
    throw e;
  }
  return egress;
}
