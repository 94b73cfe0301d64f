/**
 * import — a real host's routing state from its own dumps, as a `RoutingConfig` whose batch
 * rebuilds it (so everything downstream — refusals, both FIBs, `route get` — is unchanged).
 *
 * Inputs (each recognised by content, dump-kind.ts; several files gathered by dump-files.ts)
 *   `ip -j link show`         devices in ifindex order, state up / down / nocarrier (links-json)
 *   `ip -j addr show`         `addr add` with scope, brd, noprefixroute, metric (addrs-json)
 *   `ip -j [-6] rule show`    `rule add` with every selector, action, priority (rules-json)
 *   `ip -j [-6] route show table all`   one canonical route spec per route, both families
 *                             (routes-json, route-spec)
 *   `sysctl -a` text          the routing sysctls the model knows (sysctl-text)
 * Output  host-import.ts `importHost(dumps, family)`: devices, sysctls, addresses (or, without
 *         an addr dump, the addresses the kernel routes show: addrs-from-routes), the difference
 *         between the routes those bring and the dumped ones (model-routes reads the model's
 *         routes back in the same spec form), then the rules. Dump errors are LoadErrors naming
 *         the file, the entry and the key: `rules.json: entry 3: "priority" is not a number`.
 * Limits  A host whose IPv4 rules are the defaults is taken as never having changed them (no
 *         dump shows it). Derived flags (linkdown, dead) come from the device states. Not
 *         modelled, so refused when dumped: nexthop objects (nhid), lwtunnel encap, IPv6
 *         source routes (`from`), l3mdev/realms/nat rules, peer addresses.
 * Proof   test/routing-imported-dumps-agree-with-the-kernel.test.ts rebuilds every kernel-test
 *         namespace from the kernel's own dumps and compares `route get` with the kernel.
 */
export { DumpError, dumpEntries } from "./dump-entries.js";
export { detectDump } from "./dump-kind.js";
export type { DumpKind, DetectedDump } from "./dump-kind.js";
export { DumpCollector } from "./dump-files.js";
export type { TextFile } from "./dump-files.js";
export { importHost, SCAFFOLD_PROTOCOL } from "./host-import.js";
export type { HostDumps, DumpFile } from "./host-import.js";
