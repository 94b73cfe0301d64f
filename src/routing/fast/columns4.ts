/**
 * Cold: an IPv4 table view of the model (one table, or local+main while merged, local's routes
 * first within a prefix) turned into `TableColumns` for `CompiledTable4`, with the routes in
 * slot order so a result can name its route.
 */
import { routeTypeError } from "../kernel.js";
import type { RouteTable, RoutingState } from "../model/state.js";
import type { Route } from "../types.js";
import type { TableColumns } from "./compiled-table4.js";

export interface ViewColumns {
  readonly cols: TableColumns;
  /** `routes[slot]`. */
  readonly routes: readonly Route[];
}

export function columnsOfView(state: RoutingState, tables: readonly RouteTable[]): ViewColumns {
  const leaves = new Map<string, { dst: bigint; len: number; routes: Route[] }>();
  for (const table of tables) {
    for (const [key, leaf] of table.leaves) {
      const merged = leaves.get(key);
      if (merged === undefined) leaves.set(key, { dst: leaf.dst, len: leaf.len, routes: [...leaf.routes] });
      else merged.routes.push(...leaf.routes);
    }
  }
  const list = [...leaves.values()].filter((l) => l.routes.length > 0);
  const routes: Route[] = [];
  let nexthops = 0;
  for (const leaf of list) {
    routes.push(...leaf.routes);
    for (const r of leaf.routes) nexthops += r.nexthops.length;
  }
  const cols: TableColumns = {
    leafCount: list.length,
    addr: new Uint32Array(list.length),
    len: new Uint8Array(list.length),
    leafSlotEnd: new Int32Array(list.length),
    slotRef: new Int32Array(routes.length),
    slotTos: new Uint8Array(routes.length),
    slotScope: new Uint8Array(routes.length),
    slotError: new Uint8Array(routes.length),
    slotGroup0: new Int32Array(routes.length),
    slotNhEnd: new Int32Array(routes.length),
    nhDev: new Int32Array(nexthops),
    nhSkipLinkdown: new Uint8Array(nexthops),
  };
  let s = 0;
  let n = 0;
  list.forEach((leaf, i) => {
    cols.addr[i] = Number(leaf.dst);
    cols.len[i] = leaf.len;
    for (const r of leaf.routes) {
      cols.slotRef[s] = s;
      cols.slotTos[s] = r.tos;
      cols.slotScope[s] = r.scope;
      cols.slotError[s] = routeTypeError(r.type);
      const dev0 = state.deviceAt(r.nexthops[0]?.dev ?? 0);
      cols.slotGroup0[s] = dev0 === undefined ? -2 : dev0.group;
      for (const nh of r.nexthops) {
        cols.nhDev[n] = nh.dev;
        // 2: dead (never usable); 1: linkdown under ignore_routes_with_linkdown.
        cols.nhSkipLinkdown[n] = nh.dead === true ? 2 : nh.linkdown && state.sysctls.ignoreLinkdown4(nh.dev) ? 1 : 0;
        n++;
      }
      cols.slotNhEnd[s] = n;
      s++;
    }
    cols.leafSlotEnd[i] = s;
  });
  return { cols, routes };
}
