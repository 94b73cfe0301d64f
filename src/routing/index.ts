/**
 * routing — Linux policy routing as the kernel decides it: `ip rule`, `ip route` and `ip addr`
 * applied to a model of the kernel's FIB, and `ip route get` answered from it.
 *
 * What it models (the standard: the kernel, observed on 6.18 and summed up in docs/policy-routing.md; nicsim's
 * kernel test compares every answer with `ip -j route get` in a network namespace)
 *   Rules: ascending priority, equal ones in insertion order; automatic priority (second
 *   rule's minus 1); `not`; from/to/iif/oif/fwmark[/mask]/tos/uidrange/ipproto/sport/dport;
 *   lookup/blackhole/unreachable/prohibit/goto/nop; suppress_prefixlength/suppress_ifgroup;
 *   the default rules of each family. Tables local/main/default, numbered ones, IPv4's merged
 *   local+main until the first rule change. Routes: unicast, local, broadcast, anycast,
 *   multicast, blackhole, unreachable, prohibit, throw; via/dev/onlink/src/metric/tos/scope/
 *   proto; add/append/prepend/replace/change/del; IPv4 multipath, IPv6 ECMP. Addresses: primary
 *   and secondary, scope, noprefixroute, metric; the local/broadcast/connected routes they
 *   bring. Devices up, down, or up without carrier, each with a MAC. Sysctls: ip_forward/
 *   forwarding, rp_filter, ignore_routes_with_linkdown, accept_local, send_redirects, IPv6
 *   addr_gen_mode, fib_multipath_hash_{policy,fields,seed}. Lookups: output (from, oif,
 *   mark, tos, uid, ipproto, sport, dport) and input (iif + from) with source selection,
 *   martian and rp_filter checks, the oif on-link fallback, and the kernel's error texts.
 *   IPv6 source-specific (`from`) routes in the destination's subtree; IPv6 link-local
 *   addresses from the device MAC (EUI-64, addr_gen_mode); the multipath hash (policies 0-3,
 *   fib_multipath_hash_seed; without a seed every path the kernel may pick is in `answer.paths`).
 *   Not modelled: nexthop objects, VRF/l3mdev, realms, neighbour state.
 *
 * Inputs  cold: `RoutingConfig` — family of unprefixed lines (4 or 6), devices
 *         `{name, state}`, sysctls by kernel name, and `ip -batch` text (lines may start with
 *         `ip`, `ip -4`, `ip -6`). `lo` always exists, up, with 127.0.0.1/8 and ::1. In a
 *         scenario: the `routing` section (config/sections/routing.ts; devices default to the NICs).
 * Outputs `compileRouting(config)` → `RoutingTables`: per batch line the kernel's refusal (or
 *         none) in `lines`; `get(query, impl)` → an answer (`answerToIpJson` prints it exactly as
 *         `ip -j route get`, `answerToIpText` as `ip route get`) or the kernel's error text;
 *         `fast` (compiled) and `reference` (readable) backends, the second the oracle of the
 *         first. Hot: `tables.fast.lookup4(daddr, saddr, iif, oif, mark, tos, uid, proto,
 *         sport, dport, scope, flags)` → route slot or -errno, no allocation.
 *         Per flow, for the engine: `routeFlow(tables, flow)` → local (reply NIC and source) /
 *         forward (NIC) / drop (cause: noRoute, unreachable, prohibit, blackhole, martian,
 *         rpFilter, notForwarding) and the rules evaluated (`verdict.ts`).
 * Counters none here; the engine counts drops by the verdict's cause.
 *
 * Folders
 *   batch/      `ip -batch` text → requests (iproute2's words, defaults and own refusals)
 *   import/     a host's `ip -j` link/addr/rule/route dumps and sysctl text → a RoutingConfig
 *   model/      requests → state, with the kernel's checks, orders and messages
 *   reference/  the readable FIB: linear rule walk, linear prefix scan (the oracle)
 *   fast/       the compiled FIB: 16-8-8 trie + rule columns (IPv4), hash per length (IPv6)
 *   lookup/     `route get` on either FIB: output/input routes, source choice, JSON and text
 *
 * Hot and cold: everything but `fast/` is cold (parsing, building, `route get` with answer
 * objects); `fast/` lookups take numbers, allocate nothing and never throw. Measured
 * (bench/routing.bench.ts, results/routing-bench.json): see fast/index.ts.
 *
 * Example
 *   const tables = compileRouting({ family: 4, devices: [{ name: "eth0", state: "up" }],
 *     sysctls: {}, batch: "addr add 10.0.0.19/24 dev eth0\nroute add default via 10.0.0.1" });
 *   tables.getJson("8.8.8.8").text
 *   // [{"dst":"8.8.8.8","gateway":"10.0.0.1","dev":"eth0","prefsrc":"10.0.0.19","flags":[],"uid":0,"cache":[]}]
 *
 * See also
 *   docs/policy-routing.md, docs/cloud-profile.md (the elastic-NIC example:
 *   examples/routing-two-enis.yaml); test/routing-agrees-with-the-kernel.test.ts (the kernel
 *   as oracle); cli/commands/route.ts (`nicsim route get`); verdict.ts (per-flow verdicts).
 */

export { compileRouting, RoutingTables } from "./routing-tables.js";
export type { FibImplementation } from "./routing-tables.js";
export type { RoutingConfig, DeviceConfig, LineResult } from "./model/build.js";
export { BatchLineError } from "./batch/parse-batch.js";
export { SysctlError, SYSCTL_FORMS, checkSysctls } from "./model/sysctls.js";
export { parseRouteQuery, QueryError } from "./lookup/query.js";
export type { RouteQuery } from "./lookup/query.js";
export type { RouteAnswer, RouteGetResult, AnswerPath } from "./lookup/answer.js";
export { answerToIpJson, answerToIpJsonLine } from "./lookup/render-json.js";
export { CompiledFib } from "./fast/compiled-fib.js";
export { CompiledTable4 } from "./fast/compiled-table4.js";
export type { TableColumns } from "./fast/compiled-table4.js";
export { PrefixTrie4 } from "./fast/prefix-trie4.js";
export { answerToIpText } from "./lookup/render-text.js";
export { routeFlow } from "./verdict.js";
export type { DropCause, FlowRoute, RouteVerdict, FlowKey } from "./verdict.js";
export type { Device, DeviceState, Family, Route, Rule } from "./types.js";
