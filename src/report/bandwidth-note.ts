/**
 * The lines under a results table about bandwidth caps: for a scenario with a `bandwidth`
 * section, per point, the cap that policed the traffic, what it dropped, and the point's
 * bottleneck; for one without, that no public cap applies.
 */
import type { EgressResult, PointResult } from "./result-model.js";

const mbps = (bps: number): string => `${+(bps / 1e6).toFixed(2)} Mbps`;

/** Replies per NIC, when a NIC has a cap of its own or replies leave by more than one NIC. */
function byNic(e: EgressResult): string {
  const nics = e.byNic ?? [];
  if (nics.length < 2 && nics.every((n) => n.capBps === null) && (e.unroutable ?? 0) === 0) return "";
  const each = nics.map((n) => `${n.nic} ${n.replies}${n.capBps === null ? "" : ` (own cap ${mbps(n.capBps)})`}, ${n.dropped} dropped`);
  if ((e.unroutable ?? 0) > 0) each.push(`${e.unroutable} without a route`);
  return `; replies by NIC: ${each.join("; ")}`;
}

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
      : `; replies ${e.replies}, sent ${(e.sentBps / 1e6).toFixed(2)} of ${(e.capBps / 1e6).toFixed(2)} Mbps, egressCap drops ${e.dropped}, shaper delay p50 ${(e.delayUs.p50 / 1000).toFixed(1)} ms p99 ${(e.delayUs.p99 / 1000).toFixed(1)} ms${byNic(e)}`;
  const ingress = b.ingressExceed === "pass" ? `ingress exceeded ${b.ingressExceeded} (passed: ingress.exceed pass)` : `ingressCap drops ${p.drops.ingressCap ?? 0}`;
  const nicIngress = b.nicIngress === undefined ? "" : `; ${b.nicIngress.nic}'s own ingress cap ${mbps(b.nicIngress.capBps)} dropped ${b.nicIngress.dropped}`;
  const arp = b.arpBackground === undefined || b.arpBackground.bps === 0 ? "" : `; ARP background ${b.arpBackground.packets} frames, ${b.arpBackground.dropped} dropped`;
  return `bandwidth${params === "" ? "" : ` (${params})`}: ${cap}; ${ingress}${nicIngress}${arp}${egress}; bottleneck ${b.bottleneck}`;
}

/** Said once under the results of a scenario without a `bandwidth` section. */
export const NO_BANDWIDTH_SECTION = "bandwidth: no cap applies (the scenario has no bandwidth section)";

/** One line per point with a bandwidth section, or, when no point has one, that no cap applies. */
export function bandwidthNote(points: readonly PointResult[]): string {
  if (points.length > 0 && points.every((p) => p.bandwidth === undefined)) return NO_BANDWIDTH_SECTION;
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
