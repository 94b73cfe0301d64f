/**
 * `route get`: the query's devices are checked the way iproute2 checks them (`Cannot find
 * device`), then the family's lookup runs against a FIB backend (reference or compiled).
 */
import type { RoutingState } from "../model/state.js";
import type { RouteGetResult } from "./answer.js";
import type { FibBackend } from "./flow.js";
import type { RouteQuery } from "./query.js";
import { routeGet4 } from "./route-get4.js";
import { routeGet6 } from "./route-get6.js";

export function routeGet(state: RoutingState, fib: FibBackend, q: RouteQuery): RouteGetResult {
  for (const name of [q.iif, q.oif]) {
    if (name !== undefined && state.device(name) === undefined) {
      return { ok: false, errno: 19, error: `Cannot find device "${name}"`, rulesEvaluated: 0 };
    }
  }
  return q.family === 4 ? routeGet4(state, fib, q) : routeGet6(state, fib, q);
}
