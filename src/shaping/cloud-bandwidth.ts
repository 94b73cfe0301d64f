/**
 * The cloud's bandwidth rules (docs/cloud-profile.md, "Bandwidth"), as the `ecs` profile applies
 * them; `profile: none` (bare metal) keeps only what the scenario states. Cold code: it checks a
 * scenario's `bandwidth` figures and resolves the caps the engine builds shapers and policers from.
 *
 * The rules
 * - Egress is what the user buys: at most 200 Mbps under `ecs` (more is a validation error).
 * - Ingress follows egress: at most 100 Mbps while egress is below 100 Mbps, equal to egress once
 *   egress is above 100 Mbps. At exactly 100 Mbps the text names neither case, but both readings
 *   give 100 Mbps, so the rule is ingress = max(100, egress) with no gap or jump at the boundary
 *   (5 → 100, 99 → 100, 100 → 100, 150 → 150, 200 → 200). An ingress figure given explicitly
 *   may be lower than that (a tighter cap of the user's own) but not higher ("at most").
 * - Internal (private) bandwidth: 1 Gbps (not I/O-optimized), 10 or 25 Gbps (I/O-optimized),
 *   shared by all private traffic and not guaranteed; nicsim defaults to 10 (I/O-optimized is
 *   what is sold today) and models it as a cap per direction, like the public ones.
 * - Public bandwidth is dedicated to the instance; more elastic NICs do not add bandwidth: the
 *   caps are per instance (one bucket shared by every NIC). A NIC's own caps (the section's
 *   `nics`, config/sections/bandwidth.ts) sit in series with them, so NICs still never add any.
 * - A new instance receives about 200 Kbps of ARP broadcast from its subnet even when idle, and
 *   answers none of it (the requests are for other addresses). `arpBackgroundPps` turns that into
 *   a packet rate for a frame size.
 *
 * Errors are ShapingParamError with the parameter as `key` (`egressMbps`, `ingressMbps`,
 * `internalGbps`), for the config layer to turn into the key the file used
 * (config/sections/bandwidth.ts: `bandwidth.egress.mbps`, …).
 */
import { ShapingParamError } from "./errors.js";

export const BANDWIDTH_PROFILES = ["ecs", "none"] as const;
export type BandwidthProfileName = (typeof BANDWIDTH_PROFILES)[number];

/** The most public egress bandwidth a user can buy, Mbps. */
export const ECS_MAX_EGRESS_MBPS = 200;
/** Ingress is at least this while egress is lower, Mbps. */
export const ECS_INGRESS_FLOOR_MBPS = 100;
/** Internal bandwidth tiers, Gbps. */
export const ECS_INTERNAL_GBPS = [1, 10, 25] as const;
/** The internal tier nicsim assumes when none is given: I/O-optimized. */
export const ECS_DEFAULT_INTERNAL_GBPS = 10;
/** Idle ARP broadcast an instance receives, bits per second ("about 200 Kbps"). */
export const ARP_BACKGROUND_BPS = 200_000;

/** A scenario's `bandwidth` section, in file units (Mbps, Gbps). */
export interface BandwidthParams {
  /** Public egress cap bought, Mbps. Omitted: no public caps at all. */
  readonly egressMbps?: number;
  /** Public ingress cap, Mbps. Under `ecs`: derived from egress when omitted, at most that when given. */
  readonly ingressMbps?: number;
  /** Internal bandwidth, Gbps: 1, 10 or 25 under `ecs` (default 10); any positive figure under `none`. */
  readonly internalGbps?: number;
  /** Inject the subnet's ARP broadcast background. Default: true under `ecs`, false under `none`. */
  readonly arpBackground?: boolean;
}

/** The caps the engine should build, after the profile's rules. */
export interface CloudBandwidth {
  readonly profile: BandwidthProfileName;
  /** Public egress cap, Mbps; null: none. */
  readonly egressMbps: number | null;
  /** Public ingress cap, Mbps; null: none. */
  readonly ingressMbps: number | null;
  /** Where the ingress figure came from. */
  readonly ingressSource: "given" | "derived" | "none";
  /** Internal (private traffic) cap per direction, Gbps; null: none. */
  readonly internalGbps: number | null;
  /** ARP background on the primary NIC's ingress, bits per second; 0: none. */
  readonly arpBackgroundBps: number;
}

/** The `ecs` ingress cap for an egress figure, Mbps: max(100, egress). Assumes a valid egress. */
export function ecsIngressMbps(egressMbps: number): number {
  return egressMbps > ECS_INGRESS_FLOOR_MBPS ? egressMbps : ECS_INGRESS_FLOOR_MBPS;
}

/**
 * What is wrong with an egress figure under a profile, as a message without the field name, or
 * undefined when it is allowed. (The schema layer can use this as a check function.)
 */
export function egressCapProblem(egressMbps: number, profile: BandwidthProfileName): string | undefined {
  if (typeof egressMbps !== "number" || !Number.isFinite(egressMbps) || egressMbps <= 0) {
    return `${String(egressMbps)} is not a positive number of Mbps`;
  }
  if (profile === "ecs" && egressMbps > ECS_MAX_EGRESS_MBPS) {
    return `${egressMbps} Mbps exceeds the most public egress bandwidth an ecs instance can have (${ECS_MAX_EGRESS_MBPS} Mbps); use profile: none for a host outside that cloud`;
  }
  return undefined;
}

function positive(key: string, value: number, unit: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ShapingParamError(key, `${String(value)} is not a positive number of ${unit}`);
  }
  return value;
}

/**
 * Resolve a scenario's bandwidth caps under its profile. Cold. `params` undefined (no
 * `bandwidth` section): no caps at all, and no ARP background (the report should say that no
 * public cap was applied).
 *
 * @throws ShapingParamError for an egress above 200 Mbps under ecs, a non-positive figure, an
 *   ingress above what ecs allows or given without egress under ecs, an internal tier other than
 *   1, 10 or 25 Gbps under ecs.
 */
export function resolveBandwidth(profile: BandwidthProfileName, params: BandwidthParams | undefined): CloudBandwidth {
  if (params === undefined) {
    return {
      profile,
      egressMbps: null,
      ingressMbps: null,
      ingressSource: "none",
      internalGbps: null,
      arpBackgroundBps: 0,
    };
  }
  const ecs = profile === "ecs";

  let egressMbps: number | null = null;
  if (params.egressMbps !== undefined) {
    const problem = egressCapProblem(params.egressMbps, profile);
    if (problem !== undefined) throw new ShapingParamError("egressMbps", problem);
    egressMbps = params.egressMbps;
  }

  let ingressMbps: number | null = null;
  let ingressSource: CloudBandwidth["ingressSource"] = "none";
  if (params.ingressMbps !== undefined) {
    ingressMbps = positive("ingressMbps", params.ingressMbps, "Mbps");
    ingressSource = "given";
    if (ecs) {
      if (egressMbps === null) {
        throw new ShapingParamError("ingressMbps", "needs egress.mbps under the ecs profile: ingress follows the egress bandwidth bought");
      }
      const most = ecsIngressMbps(egressMbps);
      if (ingressMbps > most) {
        throw new ShapingParamError(
          "ingressMbps",
          `${ingressMbps} Mbps exceeds the ecs ingress cap for ${egressMbps} Mbps egress (${most} Mbps: 100 while egress is below 100, else equal to egress)`,
        );
      }
    }
  } else if (ecs && egressMbps !== null) {
    ingressMbps = ecsIngressMbps(egressMbps);
    ingressSource = "derived";
  }

  let internalGbps: number | null = null;
  if (params.internalGbps !== undefined) {
    internalGbps = positive("internalGbps", params.internalGbps, "Gbps");
    if (ecs && !(ECS_INTERNAL_GBPS as readonly number[]).includes(internalGbps)) {
      throw new ShapingParamError("internalGbps", `${internalGbps} is not an ecs internal bandwidth tier (${ECS_INTERNAL_GBPS.join(", ")} Gbps)`);
    }
  } else if (ecs) {
    internalGbps = ECS_DEFAULT_INTERNAL_GBPS;
  }

  return {
    profile,
    egressMbps,
    ingressMbps,
    ingressSource,
    internalGbps,
    arpBackgroundBps: (params.arpBackground ?? ecs) ? ARP_BACKGROUND_BPS : 0,
  };
}

/** Mbps (10⁶ bit/s, as clouds and tc's `mbit` count) to whole bits per second. */
export function mbpsToBps(mbps: number): number {
  return Math.round(mbps * 1e6);
}

/**
 * Packets per second of the ARP background for a frame size: an ARP request is 42 bytes padded to
 * the 60-byte minimum frame (64 with the FCS). Which one the "200 Kbps" counted is not stated; 60
 * is what the host's stack sees. 60 B → 416.67 pps, 64 B → 390.63 pps.
 */
export function arpBackgroundPps(frameBytes: 60 | 64 = 60, bps: number = ARP_BACKGROUND_BPS): number {
  return bps / (8 * frameBytes);
}
