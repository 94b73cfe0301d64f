/**
 * The scenario's `bandwidth` section: the cloud's bandwidth caps (docs/cloud-profile.md), with
 * the tc options of the shaper and the policer that enforce them, nested as tc spells them.
 *
 *   bandwidth:
 *     egress:  { mbps, burst, latency | limit, peakrate, mtu, mpu, overhead }   # tc-tbf(8)
 *     ingress: { mbps, burst, mtu, exceed }                                    # tc-police(8)
 *     internalGbps, reply { size, ratio }, arpBackground
 *     nics: { <NIC name>: { egress: { mbps, burst }, ingress: { mbps, burst } } }
 *
 * Units are the flat keys' (Mbps for rates, bytes for sizes, ms for latency), not tc's own
 * ("5mbit", "50ms"). The first format's flat keys (`egressMbps`, `ingressBurst`, …; per NIC
 * `egressMbps`, …) still work: `nestBandwidth` moves each to its nested key and reports it as a
 * deprecated key (config/notices.ts); a flat key given with its nested replacement is an error
 * naming both. Errors name the key the file used.
 *
 * The profile's rules (egress <= 200 Mbps under ecs, ingress derived from egress, internal tiers)
 * are `resolveBandwidth`'s (shaping/cloud-bandwidth.ts). The engine applies the ingress cap as a
 * `tc police` policer in arrival order before the NIC: public traffic meets the public ingress
 * cap, private traffic (`traffic.network: private`, or with `auto` sources all private:
 * RFC 1918 / ULA) the internal bandwidth. Replies leave through the egress `tc tbf` shaper.
 */
import { resolveBandwidth, type CloudBandwidth, type BandwidthProfileName } from "../../shaping/cloud-bandwidth.js";
import { ShapingParamError } from "../../shaping/errors.js";
import { classifyPrefixes } from "../../shaping/private-address.js";
import { tbfProfile, type TbfParams } from "../../shaping/token-bucket-shaper.js";
import { ConfigError } from "../errors.js";
import { flag } from "../field-types.js";
import type { ConfigNotice } from "../notices.js";
import { joinKey } from "../paths.js";
import { enumOf, int, num, obj, optional, record } from "../schema-dsl.js";
import type { Infer, Schema } from "../schema-dsl.js";
import type { Traffic } from "./traffic.js";

// ---------------------------------------------------------------------------------------------
// The file shape

/** `bandwidth.egress`: the instance's egress shaper, tc tbf's options (tc-tbf(8)). */
const egressFields = {
  mbps: optional(
    num({
      exclusiveMin: 0,
      unit: "Mbps",
      description: "Public egress bandwidth bought (tc tbf rate; at most 200 under profile ecs). Omitted: no public caps.",
    }),
  ),
  burst: optional(
    int({
      min: 1,
      max: 1 << 30,
      unit: "bytes",
      description: "The shaper's bucket (tc tbf burst). Default: 10 ms at the cap, at least 16 KiB. At least reply.size.",
    }),
  ),
  latency: optional(
    num({
      exclusiveMin: 0,
      max: 60_000,
      unit: "ms",
      description: "The longest a reply may wait in the shaper (tc tbf latency: limit = rate × latency + burst). Default 50. Give latency or limit, not both.",
    }),
  ),
  limit: optional(
    int({
      min: 1,
      max: 1 << 30,
      unit: "bytes",
      description: "The shaper's queue (tc tbf limit), instead of latency: give one or the other.",
    }),
  ),
  peakrate: optional(
    num({
      exclusiveMin: 0,
      unit: "Mbps",
      description: "The shaper's peak rate (tc tbf peakrate): bursts leave no faster than this. Above the egress cap; needs mtu.",
    }),
  ),
  mtu: optional(int({ min: 1, max: 1 << 30, unit: "bytes", description: "The shaper's peak bucket (tc tbf mtu/minburst), with peakrate." })),
  mpu: optional(int({ min: 0, max: 65535, unit: "bytes", description: "The fewest bytes the shaper charges a packet (tc tbf mpu). Default 0." })),
  overhead: optional(int({ min: 0, max: 65535, unit: "bytes", description: "Bytes the shaper adds to every packet's length (tc tbf overhead). Default 0." })),
};

/** `bandwidth.ingress`: the instance's ingress policer, tc police's options (tc-police(8)). */
const ingressFields = {
  mbps: optional(
    num({
      exclusiveMin: 0,
      unit: "Mbps",
      description: "Public ingress cap (tc police rate). Under ecs: derived from egress (max(100, egress)) when omitted, at most that when given.",
    }),
  ),
  burst: optional(
    int({
      min: 1,
      max: 1 << 30,
      unit: "bytes",
      description: "The policer's bucket (tc police burst). Default: 10 ms at the cap, at least 64 KiB.",
    }),
  ),
  mtu: optional(
    int({
      min: 1,
      max: 65535,
      unit: "bytes",
      description: "Longer frames exceed the policer whatever its tokens (tc police mtu). Default 65535: the cap limits rate, not size.",
    }),
  ),
  exceed: optional(
    enumOf(["drop", "pass"], {
      description: "What the policer does with a packet that exceeds (tc police conform-exceed): drop it (the default), or pass it and count it.",
    }),
  ),
};

/** `bandwidth.nics.<name>.egress`: a NIC's own shaper, before the instance's. */
const nicEgressFields = {
  mbps: optional(num({ exclusiveMin: 0, unit: "Mbps", description: "This NIC's egress cap: a tbf shaper before the instance's." })),
  burst: optional(int({ min: 1, max: 1 << 30, unit: "bytes", description: "Its shaper's bucket. Default: 10 ms at its cap, at least 16 KiB; at least reply.size." })),
};

/** `bandwidth.nics.<name>.ingress`: a NIC's own policer, before the instance's. */
const nicIngressFields = {
  mbps: optional(num({ exclusiveMin: 0, unit: "Mbps", description: "This NIC's ingress cap: a policer before the instance's." })),
  burst: optional(int({ min: 1, max: 1 << 30, unit: "bytes", description: "Its policer's bucket. Default: 10 ms at its cap, at least 64 KiB." })),
};

/** The first format's flat keys and the nested key (`egress.<key>`, `ingress.<key>`) of each. */
const FLAT_KEYS = {
  egress: { egressMbps: "mbps", egressBurst: "burst", egressLatencyMs: "latency", egressLimit: "limit", egressPeakrateMbps: "peakrate", egressMtu: "mtu", egressMpu: "mpu", egressOverhead: "overhead" },
  ingress: { ingressMbps: "mbps", ingressBurst: "burst", ingressMtu: "mtu", ingressExceed: "exceed" },
} as const;

/** The same for a NIC's caps (`bandwidth.nics.<name>`). */
const NIC_FLAT_KEYS = {
  egress: { egressMbps: "mbps", egressBurst: "burst" },
  ingress: { ingressMbps: "mbps", ingressBurst: "burst" },
} as const;

type FlatFields<T extends Readonly<Record<string, string>>, F> = {
  readonly [K in keyof T]: F extends Readonly<Record<T[K], Schema<unknown>>> ? F[T[K]] : never;
};

/** The flat keys of a group, each the nested key's schema marked deprecated (published so). */
function flatFields<T extends Readonly<Record<string, string>>, F extends Readonly<Record<string, Schema<unknown>>>>(
  keys: T,
  fields: F,
  replacement: string,
): FlatFields<T, F> {
  return Object.fromEntries(
    Object.entries(keys).map(([flat, nested]) => [flat, optional(fields[nested], { deprecated: `${replacement}.${nested}` })]),
  ) as FlatFields<T, F>;
}

const nicCaps = obj(
  {
    egress: optional(obj(nicEgressFields, { description: "This NIC's egress shaper (tc tbf), in series with the instance's." })),
    ingress: optional(obj(nicIngressFields, { description: "This NIC's ingress policer (tc police), in series with the instance's." })),
    ...flatFields(NIC_FLAT_KEYS.egress, nicEgressFields, "egress"),
    ...flatFields(NIC_FLAT_KEYS.ingress, nicIngressFields, "ingress"),
  },
  { description: "Caps of one NIC, in series with the instance's: what passes through the NIC meets both." },
);

export const bandwidthSchema = obj(
  {
    egress: optional(
      obj(egressFields, {
        description: "The instance's egress cap and the tc tbf shaper replies leave through (tc-tbf(8) options, in Mbps, bytes and ms).",
      }),
    ),
    ingress: optional(
      obj(ingressFields, {
        description: "The instance's ingress cap and the tc police policer arrivals meet before the NIC (tc-police(8) options, in Mbps and bytes).",
      }),
    ),
    internalGbps: optional(
      num({
        exclusiveMin: 0,
        unit: "Gbps",
        description: "Internal bandwidth for private traffic: 1, 10 or 25 under ecs (default 10); none without it under profile none.",
      }),
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
    arpBackground: optional(
      flag({
        description:
          "The ~200 Kbps of ARP broadcast an instance receives from its subnet (60-byte frames, Poisson), policed with the traffic by the ingress cap. Default: true under profile ecs, false under none.",
      }),
    ),
    nics: optional(
      record(nicCaps, {
        description:
          "Caps per NIC, by NIC name. The instance's caps hold whatever the NICs are (more NICs add no bandwidth); a NIC cap limits that NIC further. Ingress: the receiving NIC's cap polices its arrivals. Egress: replies leave by the NIC routing picks (the receiving NIC without a routing section) and meet its shaper, then the instance's.",
      }),
    ),
    ...flatFields(FLAT_KEYS.egress, egressFields, "bandwidth.egress"),
    ...flatFields(FLAT_KEYS.ingress, ingressFields, "bandwidth.ingress"),
  },
  { description: "Bandwidth caps before the CPU. Without this section no cap applies." },
);

export type CheckedBandwidth = Infer<typeof bandwidthSchema>;

// ---------------------------------------------------------------------------------------------
// Flat keys → nested keys

type EgressSettings = Infer<ReturnType<typeof obj<typeof egressFields>>>;
type IngressSettings = Infer<ReturnType<typeof obj<typeof ingressFields>>>;
type NicEgressSettings = Infer<ReturnType<typeof obj<typeof nicEgressFields>>>;
type NicIngressSettings = Infer<ReturnType<typeof obj<typeof nicIngressFields>>>;

/** The section with every setting at its nested key, and where the file wrote each one. */
export interface NestedBandwidth {
  readonly egress: EgressSettings;
  readonly ingress: IngressSettings;
  readonly nics: Readonly<Record<string, { readonly egress: NicEgressSettings; readonly ingress: NicIngressSettings }>>;
  /**
   * The key the file wrote a setting at, relative to `bandwidth` (`egressMbps` or `egress.mbps`),
   * by its nested key (`egress.mbps`, `nics.eth1.ingress.burst`): errors name what the user wrote.
   */
  readonly written: (nested: string) => string;
  /** The flat keys the file used, each with its replacement. */
  readonly notices: readonly ConfigNotice[];
}

/** Moves one group's flat keys into the nested group. @throws ConfigError when both are given */
function nestGroup<G extends object>(
  nested: G | undefined,
  holder: Readonly<Record<string, unknown>>,
  keys: Readonly<Record<string, string>>,
  where: { readonly base: string; readonly group: string },
  written: Map<string, string>,
  notices: ConfigNotice[],
): G {
  const out: Record<string, unknown> = { ...nested };
  for (const [flat, key] of Object.entries(keys)) {
    if (holder[flat] === undefined) continue;
    const flatPath = joinKey(where.base, flat);
    const nestedPath = joinKey(joinKey(where.base, where.group), key);
    if (out[key] !== undefined) {
      throw new ConfigError(`bandwidth.${flatPath}`, `and bandwidth.${nestedPath} set the same thing; keep bandwidth.${nestedPath} (the flat key is deprecated)`);
    }
    out[key] = holder[flat];
    written.set(nestedPath, flatPath);
    notices.push({ kind: "deprecated-key", key: `bandwidth.${flatPath}`, replacement: `bandwidth.${nestedPath}` });
  }
  return out as G;
}

/** The checked section with every flat key moved to its nested key. @throws ConfigError */
export function nestBandwidth(checked: CheckedBandwidth): NestedBandwidth {
  const written = new Map<string, string>();
  const notices: ConfigNotice[] = [];
  const egress = nestGroup(checked.egress, checked, FLAT_KEYS.egress, { base: "", group: "egress" }, written, notices);
  const ingress = nestGroup(checked.ingress, checked, FLAT_KEYS.ingress, { base: "", group: "ingress" }, written, notices);
  const nics: Record<string, { egress: NicEgressSettings; ingress: NicIngressSettings }> = {};
  for (const [name, caps] of Object.entries(checked.nics ?? {})) {
    const base = joinKey("nics", name);
    nics[name] = {
      egress: nestGroup(caps.egress, caps, NIC_FLAT_KEYS.egress, { base, group: "egress" }, written, notices),
      ingress: nestGroup(caps.ingress, caps, NIC_FLAT_KEYS.ingress, { base, group: "ingress" }, written, notices),
    };
  }
  return { egress, ingress, nics, written: (nested) => written.get(nested) ?? nested, notices };
}

// ---------------------------------------------------------------------------------------------
// The resolved section

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

/**
 * The egress shaper the reply stream leaves through: tc tbf's parameters (TbfParams: exactly one
 * of limit and latency, peakrate with mtu; mpu and overhead resolved to numbers), and the replies.
 */
export interface EgressCap
  extends Pick<TbfParams, "rateBps" | "burstBytes" | "limitBytes" | "latencyNs" | "peakrateBps" | "mtuBytes">,
    Required<Pick<TbfParams, "mpuBytes" | "overheadBytes">> {
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

/** A NIC's own ingress cap (`bandwidth.nics.<name>.ingress`): a policer before the instance's. */
export interface NicIngressCap {
  readonly nic: string;
  readonly rateBps: number;
  readonly burstBytes: number;
}

/** A NIC's own egress shaper (`bandwidth.nics.<name>.egress`): tbf before the instance's. */
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
): { readonly bandwidth: BandwidthConfig; readonly notices: readonly ConfigNotice[] } {
  const section = nestBandwidth(checked);
  const at = (nested: string): string => `bandwidth.${section.written(nested)}`;
  for (const name of Object.keys(section.nics)) {
    if (!nics.nics.includes(name)) throw new ConfigError(joinKey("bandwidth.nics", name), `is not a NIC; NICs: ${nics.nics.join(", ")}`);
  }
  let caps: CloudBandwidth;
  try {
    caps = resolveBandwidth(profile, {
      egressMbps: section.egress.mbps,
      ingressMbps: section.ingress.mbps,
      internalGbps: checked.internalGbps,
      arpBackground: checked.arpBackground,
    });
  } catch (e) {
    if (e instanceof ShapingParamError) throw new ConfigError(at(CAPS_KEYS[e.key] ?? e.key), e.detail);
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
          burstBytes: section.ingress.burst ?? defaultIngressBurst(rateBps),
          mtuBytes: section.ingress.mtu ?? 65535,
          exceed: section.ingress.exceed ?? "drop",
          arpBps: caps.arpBackgroundBps,
          kind: privateTraffic ? "internal" : "public",
        };
  const bandwidth: BandwidthConfig = {
    caps,
    privateTraffic,
    ingress,
    egress: resolveEgress(section, checked.reply, caps, privateTraffic, nics.egressDevices, at),
    nicIngress: nicIngressCap(section, nics.receiving),
  };
  return { bandwidth, notices: section.notices };
}

/** The nested key behind each of resolveBandwidth's parameters. */
const CAPS_KEYS: Readonly<Record<string, string>> = { egressMbps: "egress.mbps", ingressMbps: "ingress.mbps", internalGbps: "internalGbps" };

/** The receiving NIC's own ingress cap, or null. */
function nicIngressCap(section: NestedBandwidth, receiving: string): NicIngressCap | null {
  const own = section.nics[receiving]?.ingress;
  if (own?.mbps === undefined) return null;
  const rateBps = Math.round(own.mbps * 1e6);
  return { nic: receiving, rateBps, burstBytes: own.burst ?? defaultIngressBurst(rateBps) };
}

/** Each egress device's own shaper, or null. @throws ConfigError for a bucket smaller than a reply */
function nicShapers(section: NestedBandwidth, devices: readonly string[], replyBytes: number, latencyNs: number, at: (nested: string) => string): (NicEgressCap | null)[] {
  return devices.map((name) => {
    const own = section.nics[name]?.egress;
    if (own?.mbps === undefined) return null;
    const base = joinKey("nics", name);
    const rateBps = Math.round(own.mbps * 1e6);
    const burstBytes = own.burst ?? Math.max(defaultEgressBurst(rateBps), replyBytes);
    if (burstBytes < replyBytes) {
      throw new ConfigError(at(`${base}.egress.burst`), `${burstBytes} bytes is smaller than a reply (reply.size ${replyBytes}): tbf would drop every reply`);
    }
    try {
      tbfProfile({ rateBps, burstBytes, latencyNs, minPacketBytes: replyBytes });
    } catch (e) {
      if (e instanceof ShapingParamError) throw new ConfigError(at(`${base}.egress.mbps`), `the NIC's shaper cannot be built: ${e.detail}`);
      throw e;
    }
    return { rateBps, burstBytes, latencyNs };
  });
}

/** The nested key behind each tbf parameter, for error messages. */
const TBF_KEYS: Readonly<Record<string, string>> = {
  rateBps: "egress.mbps",
  burstBytes: "egress.burst",
  limitBytes: "egress.limit",
  latencyNs: "egress.latency",
  peakrateBps: "egress.peakrate",
  mtuBytes: "egress.mtu",
  mpuBytes: "egress.mpu",
  overheadBytes: "egress.overhead",
  minPacketBytes: "reply.size",
};

function resolveEgress(
  section: NestedBandwidth,
  reply: CheckedBandwidth["reply"],
  caps: CloudBandwidth,
  privateTraffic: boolean,
  devices: readonly string[],
  at: (nested: string) => string,
): EgressCap | null {
  if (reply === undefined) return null;
  const egress = section.egress;
  const nicWithEgressCap = Object.entries(section.nics).find(([, own]) => own.egress.mbps !== undefined);
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
        at(`${joinKey("nics", nicWithEgressCap[0])}.egress.mbps`),
        `needs the instance's egress cap (bandwidth.egress.mbps${privateTraffic ? " or internalGbps" : ""}): a NIC's shaper sits in series with it`,
      );
    }
    return null;
  }
  const burstBytes = egress.burst ?? Math.max(defaultEgressBurst(rateBps), reply.size);
  if (burstBytes < reply.size) {
    throw new ConfigError(at("egress.burst"), `${burstBytes} bytes is smaller than a reply (reply.size ${reply.size}): tbf would drop every reply`);
  }
  const name = (nested: string): string => section.written(nested);
  if (egress.limit !== undefined && egress.latency !== undefined) {
    throw new ConfigError(at("egress.limit"), `give ${name("egress.limit")} or ${name("egress.latency")}, not both (tc tbf takes one of limit and latency)`);
  }
  if ((egress.peakrate === undefined) !== (egress.mtu === undefined)) {
    const [given, missing] = egress.mtu === undefined ? ["egress.peakrate", "egress.mtu"] : ["egress.mtu", "egress.peakrate"];
    throw new ConfigError(at(missing), `is required with ${name(given)} (tc tbf's peak bucket needs both peakrate and mtu)`);
  }
  const latencyNs = Math.round((egress.latency ?? 50) * 1e6);
  const cap: EgressCap = {
    rateBps,
    burstBytes,
    ...(egress.limit !== undefined ? { limitBytes: egress.limit } : { latencyNs }),
    ...(egress.peakrate !== undefined ? { peakrateBps: Math.round(egress.peakrate * 1e6), mtuBytes: egress.mtu } : {}),
    mpuBytes: egress.mpu ?? 0,
    overheadBytes: egress.overhead ?? 0,
    replyBytes: reply.size,
    replyRatio: reply.ratio,
    devices,
    // A NIC's shaper takes the instance's latency rule (its default 50 ms when a limit is given).
    nicShapers: nicShapers(section, devices, reply.size, latencyNs, at),
    kind: privateTraffic ? "internal" : "public",
  };
  try {
    tbfProfile(egressTbfParams(cap));
  } catch (e) {
    if (e instanceof ShapingParamError) throw new ConfigError(at(TBF_KEYS[e.key] ?? "egress.mbps"), `the egress shaper cannot be built: ${e.detail}`);
    throw e;
  }
  return cap;
}
