/**
 * What limits a point:
 * - a bandwidth cap, when its drops (`ingressCap`, or `egressCap` for replies) outnumber the
 *   receive path's: the cap acts before any CPU sees the packet;
 * - else, with ring or backlog drops, `cpu` when a CPU was at least 95 % busy (the ring or backlog
 *   overflowed because the CPU emptying it is saturated), otherwise the queue that overflowed
 *   (`rxRing`, `backlog`: bursts beyond its size while the CPUs had room);
 * - with no drops, `egressCap` when replies left at 99 % or more of the egress cap, else `cpu`
 *   when a CPU was at least 95 % busy, else `none`.
 * With an application, datagrams dropped at its sockets' full receive buffers (`socketRcvbuf`)
 * count like the others: the application reads slower than the stack delivers.
 * Route drops are a verdict, not a capacity limit, and do not count.
 */
export type Bottleneck = "cpu" | "ingressCap" | "egressCap" | "rxRing" | "backlog" | "socketRcvbuf" | "none";

/** A CPU this busy (fraction of the window) is saturated. */
const SATURATED_CPU = 0.95;
/** Replies leaving at this fraction of the egress cap use all of it. */
const FULL_EGRESS = 0.99;

export function bottleneckOf(
  drops: { rxRing: number; backlog: number; ingressCap?: number; egressCap?: number; socketRcvbuf?: number },
  cpuMax: number,
  egressUse = 0,
): Bottleneck {
  const candidates: Array<[Bottleneck, number]> = [
    ["ingressCap", drops.ingressCap ?? 0],
    ["egressCap", drops.egressCap ?? 0],
    ["rxRing", drops.rxRing],
    ["backlog", drops.backlog],
    ["socketRcvbuf", drops.socketRcvbuf ?? 0],
  ];
  let best: [Bottleneck, number] = ["none", 0];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  const saturated = cpuMax >= SATURATED_CPU;
  if (best[1] > 0) return (best[0] === "rxRing" || best[0] === "backlog") && saturated ? "cpu" : best[0];
  if (egressUse >= FULL_EGRESS) return "egressCap";
  return saturated ? "cpu" : "none";
}
