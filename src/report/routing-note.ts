/**
 * The lines under a results table for a scenario with a `routing` section: per point, the route
 * drops by cause and the NICs delivered traffic leaves by (a reply out of the wrong NIC is how a
 * missing policy rule shows), so a reader sees what the routing did without the JSON.
 */
import type { PointResult } from "./result-model.js";

const share = (n: number, total: number): string => `${total > 0 ? Math.round((100 * n) / total) : 0}%`;

function pointLine(p: PointResult): string {
  const routing = p.routing;
  if (routing === undefined) return "";
  const drops = Object.entries(p.drops.route ?? {}).filter(([, n]) => n > 0);
  const leaving = Object.entries(routing.leavesBy).filter(([, n]) => n > 0);
  const delivered = leaving.reduce((s, [, n]) => s + n, 0) + routing.replyUnroutable;
  const parts = [
    drops.length === 0 ? "no route drops" : `route drops: ${drops.map(([cause, n]) => `${cause} ${n}`).join(", ")}`,
    leaving.length === 0 ? "" : `traffic leaves by ${leaving.map(([dev, n]) => `${dev} ${share(n, delivered)}`).join(", ")}`,
    routing.replyUnroutable === 0 ? "" : `replies without a route ${share(routing.replyUnroutable, delivered)}`,
  ].filter((s) => s !== "");
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
  return `routing${params === "" ? "" : ` (${params})`}: ${parts.join("; ")}`;
}

/** One line per point with routing, or "" when no point has it. */
export function routingNote(points: readonly PointResult[]): string {
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
