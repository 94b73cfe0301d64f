/**
 * What limits a point, named from its drops: the cause that dropped the most packets
 * (`ingressCap`, `egressCap` — replies —, `rxRing`, `backlog`); with no drops, `egressCap` when
 * replies left at 99 % or more of the egress cap, else `cpu` when a CPU was at least 95 % busy,
 * else `none`. Route drops are a verdict, not a capacity limit, and do not count.
 */
export type Bottleneck = "cpu" | "ingressCap" | "egressCap" | "rxRing" | "backlog" | "none";

export function bottleneckOf(
  drops: { rxRing: number; backlog: number; ingressCap?: number; egressCap?: number },
  cpuMax: number,
  egressUse = 0,
): Bottleneck {
  const candidates: Array<[Bottleneck, number]> = [
    ["ingressCap", drops.ingressCap ?? 0],
    ["egressCap", drops.egressCap ?? 0],
    ["rxRing", drops.rxRing],
    ["backlog", drops.backlog],
  ];
  let best: [Bottleneck, number] = ["none", 0];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  if (best[1] > 0) return best[0];
  if (egressUse >= 0.99) return "egressCap";
  return cpuMax >= 0.95 ? "cpu" : "none";
}
