/**
 * The reference FIB backend: `route get` driven by the linear rule walk and the linear prefix
 * scans of this folder, straight over the model's lists. The oracle the compiled backend is
 * checked against.
 */
import type { FibBackend } from "../lookup/flow.js";
import type { RoutingState } from "../model/state.js";
import { referenceLookup4, referenceTableLookup4 } from "./fib4.js";
import { referenceLookup6, referenceTableLookup6 } from "./fib6.js";

export function referenceBackend(state: RoutingState): FibBackend {
  return {
    lookup: (family, flow, flags, scoreOif) =>
      family === 4 ? referenceLookup4(state, flow, flags) : referenceLookup6(state, flow, scoreOif ?? flow.oif, flags),
    tableLookup: (family, table, flow, flags, scoreOif) =>
      family === 4 ? referenceTableLookup4(state, table, flow, flags) : referenceTableLookup6(state, table, flow, scoreOif ?? flow.oif, flags),
  };
}
