/**
 * irqbalance's topology tree (cputree.c, numa.c): NUMA nodes → packages → cache domains → CPUs.
 *
 * Built as the daemon builds it, CPU by CPU in the order it lists /sys/devices/system/cpu
 * (`cpuOrder`, listing.ts: kernfs hash order on a real host; default ascending ids), nodes in the
 * order it lists /sys/devices/system/node (`nodeOrder`, default ascending):
 * - banned CPUs get no object and are removed from every mask;
 * - a CPU's cache domain is the set of unbanned CPUs sharing its deepest cache index ≤
 *   `--deepestcache`: index1 (L1i, the core's SMT siblings) for 1, index2 (L2) for 2, index3
 *   (L3) for 3 or more; domains are numbered in creation order;
 * - its package is the unbanned CPUs of its socket, clipped to its NUMA node when the socket
 *   spans several nodes;
 * - every object's children are kept in creation order; nodes in listing order. The
 *   daemon's pseudo node -1 (all CPUs) is not built: it is never a placement target on a NUMA
 *   host, and a device without a node is handled by the placement rule instead.
 */
import { TopologyError, type CpuTopology } from "../topology.js";

export type BalanceObjectType = "node" | "package" | "cache" | "cpu";

export interface BalanceObject {
  /** Index into `BalanceTree.objects`. */
  readonly index: number;
  readonly type: BalanceObjectType;
  /** Node id, package id, cache domain number (creation order) or CPU id. */
  readonly number: number;
  /** Unbanned CPUs under this object, ascending: the mask the daemon writes. */
  readonly cpus: readonly number[];
  /** Parent object index, -1 for nodes. */
  readonly parent: number;
  readonly children: readonly number[];
}

export interface BalanceTree {
  readonly objects: readonly BalanceObject[];
  /** Object indices of each level, in the daemon's list order. */
  readonly nodes: readonly number[];
  readonly packages: readonly number[];
  readonly caches: readonly number[];
  readonly cpus: readonly number[];
  /** Object index of each CPU id's object, -1 for banned CPUs. */
  readonly objectOfCpu: readonly number[];
  /** Object index of each NUMA node id. */
  readonly objectOfNode: ReadonlyMap<number, number>;
  readonly banned: readonly number[];
  readonly unbanned: readonly number[];
}

interface Draft {
  type: BalanceObjectType;
  number: number;
  cpus: number[];
  parent: number;
  children: number[];
  key: string;
}

export interface TreeOrder {
  /** Every CPU id once, in the order the daemon visits them; default ascending. */
  readonly cpuOrder?: readonly number[];
  /** Every node id once, in the order the daemon lists them; default ascending. */
  readonly nodeOrder?: readonly number[];
}

function checkOrder(order: readonly number[], ids: readonly number[], what: string): void {
  const sorted = [...order].sort((a, b) => a - b);
  const want = [...ids].sort((a, b) => a - b);
  if (sorted.length !== want.length || sorted.some((id, k) => id !== want[k])) {
    throw new TopologyError(what, `must list every ${what === "cpuOrder" ? "CPU" : "node"} id once, got [${order.join(",")}]`);
  }
}

export function buildBalanceTree(topology: CpuTopology, bannedCpus: readonly number[], deepestCache: number, order: TreeOrder = {}): BalanceTree {
  const bannedSet = new Set(bannedCpus);
  const unbanned = topology.cpus.filter((c) => !bannedSet.has(c.cpu)).map((c) => c.cpu);
  const cpuOrder = order.cpuOrder ?? topology.cpus.map((c) => c.cpu);
  checkOrder(cpuOrder, topology.cpus.map((c) => c.cpu), "cpuOrder");
  const nodeOrder = order.nodeOrder ?? topology.nodes;
  checkOrder(nodeOrder, topology.nodes, "nodeOrder");
  const visit = cpuOrder.filter((c) => !bannedSet.has(c));
  const cacheKeyOf = (cpu: number): string => {
    const c = topology.cpus[cpu];
    if (deepestCache <= 1) return `core ${c.package}/${c.core}`;
    return deepestCache === 2 ? `l2 ${c.l2}` : `l3 ${c.l3}`;
  };
  const packageKeyOf = (cpu: number): string => {
    const c = topology.cpus[cpu];
    return `${c.package}@${c.node}`;
  };
  const cacheMembers = new Map<string, number[]>();
  for (const cpu of unbanned) {
    const key = cacheKeyOf(cpu);
    const list = cacheMembers.get(key);
    if (list === undefined) cacheMembers.set(key, [cpu]);
    else list.push(cpu);
  }

  const drafts: Draft[] = [];
  const cpuDraft = new Map<number, number>();
  const cacheDraft = new Map<string, number>();
  const packageDraft = new Map<string, number>();
  const cpusList: number[] = [];
  const cachesList: number[] = [];
  const packagesList: number[] = [];
  for (const cpu of visit) {
    const info = topology.cpus[cpu];
    const me = drafts.push({ type: "cpu", number: cpu, cpus: [cpu], parent: -1, children: [], key: `cpu ${cpu}` }) - 1;
    cpuDraft.set(cpu, me);
    cpusList.push(me);
    const cKey = cacheKeyOf(cpu);
    let cache = cacheDraft.get(cKey);
    if (cache === undefined) {
      const members = cacheMembers.get(cKey) ?? [cpu];
      const nodesOfCache = new Set(members.map((m) => topology.cpus[m].node));
      if (nodesOfCache.size > 1) {
        throw new TopologyError(
          "cpus",
          `the cache domain of CPU ${cpu} at --deepestcache=${deepestCache} spans NUMA nodes ${[...nodesOfCache].join(" and ")}; ` +
            "irqbalance would hang it under two packages (not modelled)",
        );
      }
      cache = drafts.push({ type: "cache", number: cachesList.length, cpus: members, parent: -1, children: [], key: cKey }) - 1;
      cacheDraft.set(cKey, cache);
      cachesList.push(cache);
    }
    drafts[cache].children.push(me);
    drafts[me].parent = cache;
    const pKey = packageKeyOf(cpu);
    let pkg = packageDraft.get(pKey);
    if (pkg === undefined) {
      const members = unbanned.filter((c) => packageKeyOf(c) === pKey);
      pkg = drafts.push({ type: "package", number: info.package, cpus: members, parent: -1, children: [], key: pKey }) - 1;
      packageDraft.set(pKey, pkg);
      packagesList.push(pkg);
    }
    if (!drafts[pkg].children.includes(cache)) drafts[pkg].children.push(cache);
    drafts[cache].parent = pkg;
  }
  const nodesList: number[] = [];
  const objectOfNode = new Map<number, number>();
  for (const node of nodeOrder) {
    const members = unbanned.filter((c) => topology.cpus[c].node === node);
    const me = drafts.push({ type: "node", number: node, cpus: members, parent: -1, children: [], key: `node ${node}` }) - 1;
    nodesList.push(me);
    objectOfNode.set(node, me);
  }
  for (const pkg of packagesList) {
    const node = topology.cpus[drafts[pkg].cpus[0]].node;
    const nodeObj = objectOfNode.get(node) as number;
    drafts[nodeObj].children.push(pkg);
    drafts[pkg].parent = nodeObj;
  }
  const objects: BalanceObject[] = drafts.map((d, index) => ({ index, type: d.type, number: d.number, cpus: d.cpus, parent: d.parent, children: d.children }));
  const objectOfCpu = topology.cpus.map((c) => cpuDraft.get(c.cpu) ?? -1);
  return {
    objects,
    nodes: nodesList,
    packages: packagesList,
    caches: cachesList,
    cpus: cpusList,
    objectOfCpu,
    objectOfNode,
    banned: [...bannedSet].sort((a, b) => a - b),
    unbanned,
  };
}
