/**
 * The routing state of one host, as the kernel holds it: devices, interface addresses in the
 * kernel's list order, and per family the rule list and the tables (each a map from prefix to
 * its routes in the kernel's alias order). Mutated only by the `apply-*.ts` files while a
 * batch is applied; read by the lookups.
 */
import { TABLE } from "../kernel.js";
import type { Device, Family, InterfaceAddress, Route, Rule, RoutingSysctls } from "../types.js";

/**
 * Routes of one prefix, in the order a lookup tries them. IPv6 source-specific routes (`from`)
 * have a leaf per (destination, source) prefix pair: the kernel's subtree of the destination
 * node (CONFIG_IPV6_SUBTREES, `fib6_add`); every other leaf has source length 0.
 */
export interface Leaf {
  readonly dst: bigint;
  readonly len: number;
  readonly src: bigint;
  readonly srcLen: number;
  readonly routes: Route[];
}

export class RouteTable {
  /** `dst/len` (and ` from src/len` for a source-specific leaf) → leaf. */
  readonly leaves = new Map<string, Leaf>();
  /** Leaves with a source prefix (IPv6 subtrees). */
  sourceLeaves = 0;

  constructor(readonly id: number) {}

  static key(dst: bigint, len: number, src = 0n, srcLen = 0): string {
    const key = `${dst.toString(16)}/${len}`;
    return srcLen === 0 ? key : `${key} from ${src.toString(16)}/${srcLen}`;
  }

  leaf(dst: bigint, len: number, src = 0n, srcLen = 0): Leaf | undefined {
    return this.leaves.get(RouteTable.key(dst, len, src, srcLen));
  }

  /** The leaf, created empty when missing. */
  ensureLeaf(dst: bigint, len: number, src = 0n, srcLen = 0): Leaf {
    const key = RouteTable.key(dst, len, src, srcLen);
    let leaf = this.leaves.get(key);
    if (leaf === undefined) {
      leaf = { dst, len, src: srcLen === 0 ? 0n : src, srcLen, routes: [] };
      this.leaves.set(key, leaf);
      if (srcLen > 0) this.sourceLeaves++;
    }
    return leaf;
  }

  /** Drops a leaf that lost its last route. */
  prune(leaf: Leaf): void {
    if (leaf.routes.length > 0) return;
    if (this.leaves.delete(RouteTable.key(leaf.dst, leaf.len, leaf.src, leaf.srcLen)) && leaf.srcLen > 0) this.sourceLeaves--;
  }

  *routes(): IterableIterator<Route> {
    for (const leaf of this.leaves.values()) yield* leaf.routes;
  }

  get size(): number {
    let n = 0;
    for (const leaf of this.leaves.values()) n += leaf.routes.length;
    return n;
  }
}

/** One family's rules and tables. */
export class FamilyState {
  readonly rules: Rule[] = [];
  readonly tables = new Map<number, RouteTable>();
  /** `fib_has_custom_rules`: a rule was added or deleted (IPv4: local is no longer merged into main). */
  customRules = false;
  /** IPv4 `fib_has_custom_local_routes`: a `local` route was added by a request. */
  customLocalRoutes = false;
  /** `fib_rules_require_fldissect`: rules with ipproto/ports and an iif other than lo. */
  requireFlowDissect = 0;

  constructor(readonly family: Family) {}

  table(id: number): RouteTable | undefined {
    return this.tables.get(id === TABLE.UNSPEC ? TABLE.MAIN : id);
  }

  /** `fib_new_table`: the table, created when missing (IPv4 local brings main with it). */
  newTable(id: number): RouteTable {
    const tid = id === TABLE.UNSPEC ? TABLE.MAIN : id;
    let table = this.tables.get(tid);
    if (table === undefined) {
      if (this.family === 4 && tid === TABLE.LOCAL && !this.customRules) this.newTable(TABLE.MAIN);
      table = new RouteTable(tid);
      this.tables.set(tid, table);
    }
    return table;
  }

  /** IPv4: while no rule was ever added or deleted, local lives inside main. */
  get merged(): boolean {
    return this.family === 4 && !this.customRules;
  }
}

export class RoutingState {
  readonly devices: Device[];
  private readonly byName: ReadonlyMap<string, Device>;
  /** Addresses per device index, in the kernel's list order. */
  readonly addrs4 = new Map<number, InterfaceAddress[]>();
  readonly addrs6 = new Map<number, InterfaceAddress[]>();
  readonly v4 = new FamilyState(4);
  readonly v6 = new FamilyState(6);
  private serial = 0;

  constructor(
    devices: readonly Device[],
    readonly sysctls: RoutingSysctls,
  ) {
    this.devices = [...devices];
    this.byName = new Map(devices.map((d) => [d.name, d]));
  }

  nextSerial(): number {
    return ++this.serial;
  }

  family(f: Family): FamilyState {
    return f === 4 ? this.v4 : this.v6;
  }

  device(name: string): Device | undefined {
    return this.byName.get(name);
  }

  deviceAt(index: number): Device | undefined {
    return this.devices.find((d) => d.index === index);
  }

  devName(index: number): string {
    return this.deviceAt(index)?.name ?? `if${index}`;
  }

  isUp(index: number): boolean {
    const d = this.deviceAt(index);
    return d !== undefined && d.state !== "down";
  }

  hasCarrier(index: number): boolean {
    return this.deviceAt(index)?.state === "up";
  }

  addrs(family: Family, dev: number): InterfaceAddress[] {
    const map = family === 4 ? this.addrs4 : this.addrs6;
    let list = map.get(dev);
    if (list === undefined) {
      list = [];
      map.set(dev, list);
    }
    return list;
  }

  /** Every address of the family, devices in order. */
  *allAddrs(family: Family): IterableIterator<InterfaceAddress> {
    for (const d of this.devices) yield* this.addrs(family, d.index);
  }
}

/** `lo` has ifindex 1. */
export const LOOPBACK_IFINDEX = 1;
