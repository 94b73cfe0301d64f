/**
 * The lines under a results table about the application: for a scenario with an `app` section,
 * per point, what its threads read of what the stack delivered and where the rest is; for one
 * without, that application work is not charged.
 */
import type { PointResult } from "./result-model.js";

/** Said once under the results of a scenario without an `app` section. */
export const NO_APP_SECTION =
  "application: not modelled (no app section): only the receive path is charged; the time of the CPUs' own threads counts as idle";

function pointLine(p: PointResult): string {
  const a = p.app;
  if (a === undefined) return "";
  const params = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(" ");
  const latency = a.latencyUs === null ? "nothing read" : `recvmsg p50 ${a.latencyUs.p50.toFixed(1)} µs p99 ${a.latencyUs.p99.toFixed(1)} µs`;
  const conservation = a.ok ? "" : "; COUNTS DO NOT ADD UP (delivered ≠ read + dropped + in sockets)";
  const response = a.responseUs ?? null;
  const replies =
    a.replies === undefined
      ? ""
      : `; ${a.replies.packets} replies, request → reply ${response === null ? "none sent" : `p50 ${response.p50.toFixed(1)} µs p99 ${response.p99.toFixed(1)} µs`}`;
  return `app${params === "" ? "" : ` (${params})`}: ${a.threads} thread${a.threads === 1 ? "" : "s"} read ${a.received.packets} of ${p.delivered.packets} delivered datagrams, socket drops ${a.socketRcvbuf}, ${a.inSockets} left in sockets; ${latency}${replies}${conservation}`;
}

/** One line per point with an application, or, when no point has one, that none is charged. */
export function appNote(points: readonly PointResult[]): string {
  if (points.length > 0 && points.every((p) => p.app === undefined)) return NO_APP_SECTION;
  return points.map(pointLine).filter((line) => line !== "").join("\n");
}
