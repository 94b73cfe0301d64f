/**
 * routing/model — the kernel's routing state and what each request does to it.
 *
 * What it models  devices (up, down, no carrier; `lo` always, up), interface addresses in the
 *   kernel's list order and the routes they bring (local, broadcast, connected; IPv6 local,
 *   prefix, anycast, ff00::/8), the rule lists (default rules, automatic priorities, goto,
 *   `File exists` when equal including priority), the tables (IPv4 local merged into main until
 *   the first rule change), route insertion order and replace/change/del semantics, nexthop
 *   validation (gateway reachability, onlink, device state, prefsrc), and the routing sysctls.
 *   Every refusal carries the kernel's errno and extack message, in the kernel's order of checks.
 * Inputs   a `RoutingConfig` (family, devices, sysctls, batch).
 * Outputs  `RoutingState` + per-line `LineResult` (the refusal text, as `ip` prints it).
 * See also ../reference (lookups used while validating nexthops), ../lookup (route get).
 */
export { buildState, freshState, applyLines, applyRequest, makeDevices } from "./build.js";
export type { BuiltState, DeviceConfig, LineResult, RoutingConfig } from "./build.js";
export { FamilyState, LOOPBACK_IFINDEX, RouteTable, RoutingState } from "./state.js";
export type { Leaf } from "./state.js";
export { SYSCTL_FORMS, SysctlError, checkSysctls, resolveSysctls } from "./sysctls.js";
