/**
 * The lines under a results table about bandwidth caps: for a scenario with a `bandwidth`
 * section, per point, the cap that policed the traffic, what it dropped, and the point's
 * bottleneck; for one without, that no public cap applies.
 */
import type { PointResult } from "./result-model.js";

function pointLine(p: PointResult): string {
  const b = p.bandwidth;
  if (b === undefined) return "";
  const cap =
    b.appliedCap === "none"
      ? "no cap applies to this traffic"
      : b.appliedCap === "internal"
        ? `internal bandwidth ${b.internalGbps} Gbps (private sources)`
        : `ingress cap ${b.ingressMbps} Mbps (${b.ingressSource}${b.ingressSource === "derived" ? ` from ${b.egressMbps} Mbps egress` : ""}, ${b.profile})`;
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
  const e = b.egress;
  const egress =
    e === undefined
      ? b.egressMbps === null
        ? "; no public egress cap"
        : ""
      : `; replies ${e.replies}, sent ${(e.sentBps / 1e6).toFixed(2)} of ${(e.capBps / 1e6).toFixed(2)} Mbps, egressCap drops ${e.dropped}, shaper delay p50 ${(e.delayUs.p50 / 1000).toFixed(1)} ms p99 ${(e.delayUs.p99 / 1000).toFixed(1)} ms`;
  const ingress = b.ingressExceed === "pass" ? `ingress exceeded ${b.ingressExceeded} (passed: ingressExceed pass)` : `ingressCap drops ${p.drops.ingressCap ?? 0}`;
  const arp = b.arpBackground === undefined || b.arpBackground.bps === 0 ? "" : `; ARP background ${b.arpBackground.packets} frames, ${b.arpBackground.dropped} dropped`;
  return `bandwidth${params === "" ? "" : ` (${params})`}: ${cap}; ${ingress}${arp}${egress}; bottleneck ${b.bottleneck}`;
}

/** Said once under the results of a scenario without a `bandwidth` section. */
export const NO_BANDWIDTH_SECTION = "bandwidth: no cap applies (the scenario has no bandwidth section)";

/** One line per point with a bandwidth section, or, when no point has one, that no cap applies. */
export function bandwidthNote(points: readonly PointResult[]): string {
  if (points.length > 0 && points.every((p) => p.bandwidth === undefined)) return NO_BANDWIDTH_SECTION;
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
