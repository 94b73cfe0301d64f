/**
 * The scenario's `bandwidth` section: the cloud's bandwidth caps (docs/cloud-profile.md).
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
import { enumOf, int, num, obj, optional, record } from "./schema-dsl.js";
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
    nics: optional(
      record(
        obj(
          {
            ingressMbps: optional(num({ exclusiveMin: 0, unit: "Mbps", description: "This NIC's ingress cap: a policer before the instance's." })),
            egressMbps: optional(num({ exclusiveMin: 0, unit: "Mbps", description: "This NIC's egress cap: a tbf shaper before the instance's." })),
            ingressBurst: optional(int({ min: 1, max: 1 << 30, unit: "bytes", description: "Its policer's bucket. Default: 10 ms at its cap, at least 64 KiB." })),
            egressBurst: optional(int({ min: 1, max: 1 << 30, unit: "bytes", description: "Its shaper's bucket. Default: 10 ms at its cap, at least 16 KiB; at least reply.size." })),
          },
          { description: "Caps of one NIC, in series with the instance's: what passes through the NIC meets both." },
        ),
        {
          description:
            "Caps per NIC, by NIC name. The instance's caps hold whatever the NICs are (more NICs add no bandwidth); a NIC cap limits that NIC further. Ingress: the receiving NIC's cap polices its arrivals. Egress: replies leave by the NIC routing picks (the receiving NIC without a routing section) and meet its shaper, then the instance's.",
        },
      ),
    ),
    ingressExceed: enumOf(["drop", "pass"], {
      default: "drop",
      description: "What the ingress policer does with a packet that exceeds (tc police conform-exceed): drop it, or pass it and count it.",
    }),
  },
  { description: "Bandwidth caps before the CPU. Without this section no cap applies." },
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
  /**
   * The NICs replies leave by (the routing devices with a routing section, else the receiving
   * NIC), and each one's own shaper (null: none) that replies meet before the instance's.
   */
  readonly devices: readonly string[];
  readonly nicShapers: readonly (NicEgressCap | null)[];
  /** Which cap shapes the replies: the public egress cap or the internal bandwidth. */
  readonly kind: "public" | "internal";
}

/** A NIC's own ingress cap (`bandwidth.nics.<name>.ingressMbps`): a policer before the instance's. */
export interface NicIngressCap {
  readonly nic: string;
  readonly rateBps: number;
  readonly burstBytes: number;
}

/** A NIC's own egress shaper (`bandwidth.nics.<name>.egressMbps`): tbf before the instance's. */
export interface NicEgressCap {
  readonly rateBps: number;
  readonly burstBytes: number;
  /** The instance shaper's latency rule: limit = rate × latency + burst. */
  readonly latencyNs: number;
}

export interface BandwidthConfig {
  readonly caps: CloudBandwidth;
  /** Whether the traffic counts as private (`traffic.network`, or every source prefix private). */
  readonly privateTraffic: boolean;
  /** null: no cap applies to this traffic. */
  readonly ingress: IngressCap | null;
  /** null: no reply stream, or no cap applies to it. */
  readonly egress: EgressCap | null;
  /** The receiving NIC's own ingress cap, or null. */
  readonly nicIngress: NicIngressCap | null;
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

/** The NICs a bandwidth section can name, and which receive and send the traffic. */
export interface BandwidthNics {
  /** Every NIC of the scenario. */
  readonly nics: readonly string[];
  /** The NIC the traffic arrives on. */
  readonly receiving: string;
  /** The NICs replies can leave by: the routing devices, or the receiving NIC without routing. */
  readonly egressDevices: readonly string[];
}

/** Resolve the section under the scenario's profile for the scenario's traffic. @throws ConfigError */
export function resolveBandwidthSection(
  checked: CheckedBandwidth,
  profile: BandwidthProfileName,
  traffic: Pick<Traffic, "network" | "src">,
  nics: BandwidthNics,
): BandwidthConfig {
  const path = "bandwidth";
  for (const name of Object.keys(checked.nics ?? {})) {
    if (!nics.nics.includes(name)) throw new ConfigError(`${path}.nics.${name}`, `is not a NIC; NICs: ${nics.nics.join(", ")}`);
  }
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
  return { caps, privateTraffic, ingress, egress: resolveEgress(checked, caps, privateTraffic, nics.egressDevices, path), nicIngress: nicIngressCap(checked, nics.receiving) };
}

/** The receiving NIC's own ingress cap, or null. */
function nicIngressCap(checked: CheckedBandwidth, receiving: string): NicIngressCap | null {
  const own = checked.nics?.[receiving];
  if (own?.ingressMbps === undefined) return null;
  const rateBps = Math.round(own.ingressMbps * 1e6);
  return { nic: receiving, rateBps, burstBytes: own.ingressBurst ?? defaultIngressBurst(rateBps) };
}

/** Each egress device's own shaper, or null. @throws ConfigError for a bucket smaller than a reply */
function nicShapers(checked: CheckedBandwidth, devices: readonly string[], replyBytes: number, latencyNs: number, path: string): (NicEgressCap | null)[] {
  return devices.map((name) => {
    const own = checked.nics?.[name];
    if (own?.egressMbps === undefined) return null;
    const rateBps = Math.round(own.egressMbps * 1e6);
    const burstBytes = own.egressBurst ?? Math.max(defaultEgressBurst(rateBps), replyBytes);
    if (burstBytes < replyBytes) {
      throw new ConfigError(`${path}.nics.${name}.egressBurst`, `${burstBytes} bytes is smaller than a reply (reply.size ${replyBytes}): tbf would drop every reply`);
    }
    try {
      tbfProfile({ rateBps, burstBytes, latencyNs, minPacketBytes: replyBytes });
    } catch (e) {
      if (e instanceof ShapingParamError) throw new ConfigError(`${path}.nics.${name}.egressMbps`, `the NIC's shaper cannot be built: ${e.detail}`);
      throw e;
    }
    return { rateBps, burstBytes, latencyNs };
  });
}

function resolveEgress(
  checked: CheckedBandwidth,
  caps: CloudBandwidth,
  privateTraffic: boolean,
  devices: readonly string[],
  path: string,
): EgressCap | null {
  const reply = checked.reply;
  if (reply === undefined) return null;
  const nicWithEgressCap = Object.entries(checked.nics ?? {}).find(([, own]) => own.egressMbps !== undefined);
  const rateBps = privateTraffic
    ? caps.internalGbps === null
      ? null
      : Math.round(caps.internalGbps * 1e9)
    : caps.egressMbps === null
      ? null
      : Math.round(caps.egressMbps * 1e6);
  if (rateBps === null) {
    if (nicWithEgressCap !== undefined) {
      throw new ConfigError(
        `${path}.nics.${nicWithEgressCap[0]}.egressMbps`,
        `needs the instance's egress cap (${path}.egressMbps${privateTraffic ? " or internalGbps" : ""}): a NIC's shaper sits in series with it`,
      );
    }
    return null;
  }
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
  const latencyNs = Math.round((checked.egressLatencyMs ?? 50) * 1e6);
  const egress: EgressCap = {
    rateBps,
    burstBytes,
    ...(checked.egressLimit !== undefined ? { limitBytes: checked.egressLimit } : { latencyNs }),
    ...(checked.egressPeakrateMbps !== undefined ? { peakrateBps: Math.round(checked.egressPeakrateMbps * 1e6), mtuBytes: checked.egressMtu } : {}),
    mpuBytes: checked.egressMpu ?? 0,
    overheadBytes: checked.egressOverhead ?? 0,
    replyBytes: reply.size,
    replyRatio: reply.ratio,
    devices,
    // A NIC's shaper takes the instance's latency rule (its default 50 ms when egressLimit is given).
    nicShapers: nicShapers(checked, devices, reply.size, latencyNs, path),
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
