/**
 * The lines under a results table for points where GRO applies (`traffic.bulk` on a NIC with
 * `gro: on`): per point, the skbs GRO passed up and the segments they carried, so a reader sees
 * the merge (the stack runs once per skb) without the JSON.
 */
import type { PointResult } from "./result-model.js";

function pointLine(p: PointResult): string {
  const gro = p.gro;
  if (gro === undefined) return "";
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
  return `gro${params === "" ? "" : ` (${params})`}: ${gro.segments} segments went up the stack as ${gro.aggregates} skbs, ${gro.segmentsPerAggregate} segments each`;
}

/** One line per point where GRO applies, or "" when it applies to none. */
export function groNote(points: readonly PointResult[]): string {
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
