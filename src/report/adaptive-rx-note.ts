/**
 * The lines under a results table for points where a NIC runs adaptive-rx (net DIM,
 * engine/net-dim.ts): per point, how many times DIM changed a queue's profile, and the rx-usecs /
 * rx-frames the queues ended the run with (first replication), so a reader sees where DIM
 * settled without the JSON.
 */
import type { PointResult } from "./result-model.js";

function pointLine(p: PointResult): string {
  const dim = p.adaptiveRx;
  if (dim === undefined) return "";
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
  const last = new Map<string, string>();
  for (const c of dim.changes) if (c.replication === 0) last.set(`${c.nic}/${c.queue}`, `rx-usecs ${c.rxUsecs} rx-frames ${c.rxFrames}`);
  const ends = new Map<string, number>();
  for (const v of last.values()) ends.set(v, (ends.get(v) ?? 0) + 1);
  const endText = [...ends].map(([v, n]) => `${v} on ${n} queue${n === 1 ? "" : "s"}`).join(", ");
  const n = dim.changes.filter((c) => c.replication === 0).length;
  return `adaptive-rx${params === "" ? "" : ` (${params})`}: net DIM changed a profile ${n} time${n === 1 ? "" : "s"}${endText === "" ? "; every queue kept its configured values" : `; ended at ${endText}`}${p.replications > 1 ? " (replication 1)" : ""}`;
}

/** One line per point with adaptive-rx, or "" when no point has it. */
export function adaptiveRxNote(points: readonly PointResult[]): string {
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
