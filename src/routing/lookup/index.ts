/**
 * routing/lookup — `ip route get`, on either FIB backend.
 *
 * What it models  IPv4 `ip_route_output_key_hash_rcu` (from/oif checks, 0.0.0.0, the oif
 *   on-link fallback, local via lo, broadcast/multicast, loopback source), `ip_route_input_slow`
 *   (martians, local/broadcast delivery, forwarding, redirects, `fib_validate_source` with
 *   rp_filter's reverse lookup through the rules), source choice (`inet_select_addr`), IPv6
 *   `ip6_route_output`/`ip6_route_input_lookup` with RFC 6724 source selection, `fibmatch`, and
 *   the reply as the kernel fills it (`rt_fill_info`, `fib_dump_info`, `rt6_fill_node`).
 * Inputs   a `RouteQuery` (the words after `route get`), the state, a `FibBackend`.
 * Outputs  `RouteGetResult`: an answer (printed exactly as `ip -j route get` by render-json, or
 *          as `ip route get` by render-text) or the kernel's error text; ECMP answers list every
 *          path the kernel's hash could have picked.
 * See also ../reference, ../fast, docs/policy-routing.md points 12-17.
 */
export { routeGet } from "./route-get.js";
export { routeGet4, describeRoute4 } from "./route-get4.js";
export { routeGet6, describeRoute6 } from "./route-get6.js";
export { parseRouteQuery, QueryError } from "./query.js";
export type { RouteQuery } from "./query.js";
export type { AnswerNexthop, AnswerPath, RouteAnswer, RouteGetResult } from "./answer.js";
export { answerToIpJson, answerToIpJsonLine } from "./render-json.js";
export { answerToIpText } from "./render-text.js";
export type { FibAnswer, FibBackend, FibOutcome, FibResult, Flow } from "./flow.js";
export { IGNORE_LINKSTATE, LOOKUP_HAS_SADDR, LOOKUP_IFACE, LOOKUP_NH_CHECK, isResult } from "./flow.js";
