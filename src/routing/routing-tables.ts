/**
 * A host's routing, compiled once: the model state (what the batch built), the per-line
 * outcome, and the two FIB backends — the readable reference and the compiled one — behind one
 * `route get`.
 */
import { compileFib } from "./fast/compiled-fib.js";
import type { CompiledFib } from "./fast/compiled-fib.js";
import type { RouteGetResult } from "./lookup/answer.js";
import type { FibBackend } from "./lookup/flow.js";
import { parseRouteQuery } from "./lookup/query.js";
import type { RouteQuery } from "./lookup/query.js";
import { answerToIpJsonLine } from "./lookup/render-json.js";
import { routeGet } from "./lookup/route-get.js";
import { buildState } from "./model/build.js";
import type { LineResult, RoutingConfig } from "./model/build.js";
import type { RoutingState } from "./model/state.js";
import { referenceBackend } from "./reference/backend.js";

/** Which FIB implementation answers. */
export type FibImplementation = "fast" | "reference";

export class RoutingTables {
  readonly reference: FibBackend;
  readonly fast: CompiledFib;

  constructor(
    readonly state: RoutingState,
    /** Every batch line with the refusal it got, if any. */
    readonly lines: readonly LineResult[],
  ) {
    this.reference = referenceBackend(state);
    this.fast = compileFib(state);
  }

  /** Lines the kernel (or iproute2) refused. */
  get refused(): readonly LineResult[] {
    return this.lines.filter((l) => l.error !== undefined);
  }

  /** `ip route get` for a query (its words, or parsed). Throws QueryError for words iproute2 would not take. */
  get(query: string | readonly string[] | RouteQuery, impl: FibImplementation = "fast"): RouteGetResult {
    const q = typeof query === "string" || Array.isArray(query) ? parseRouteQuery(query as string | readonly string[]) : (query as RouteQuery);
    return routeGet(this.state, impl === "fast" ? this.fast : this.reference, q);
  }

  /** What `ip -j route get` prints for the query (a JSON line), or the error text it prints. */
  getJson(query: string | readonly string[] | RouteQuery, impl: FibImplementation = "fast"): { ok: boolean; text: string } {
    const r = this.get(query, impl);
    return r.ok ? { ok: true, text: answerToIpJsonLine(this.state, r.answer) } : { ok: false, text: r.error };
  }
}

/** Builds and compiles a routing configuration; every refused line (iproute2's or the kernel's) is in `lines`. */
export function compileRouting(config: RoutingConfig): RoutingTables {
  const { state, lines } = buildState(config);
  return new RoutingTables(state, lines);
}
