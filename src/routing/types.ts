/**
 * The routing model's data: devices, addresses, rules and routes as the kernel holds them after
 * the requests were applied. Addresses are bigints (IPv4 below 2^32); names are resolved to
 * device indexes where the kernel resolves them (routes) and kept as names where it keeps names
 * (rules: `iif`/`oif` of a device that does not exist yet).
 */

export type Family = 4 | 6;

/** `up`, admin-down, or admin-up without carrier (routes stay, flagged `linkdown`). */
export type DeviceState = "up" | "down" | "nocarrier";

export interface Device {
  readonly name: string;
  /** ifindex: `lo` is 1, then the configured devices in order from 2. */
  readonly index: number;
  readonly state: DeviceState;
  /** Interface group (`ip link set group`); always 0 here. */
  readonly group: number;
  /** MAC address (48 bits): its EUI-64 makes the IPv6 link-local address (model/link-local6.ts). */
  readonly mac: bigint;
}

/** One interface address (`ip addr add`). */
export interface InterfaceAddress {
  readonly family: Family;
  readonly dev: number;
  readonly local: bigint;
  readonly prefixLen: number;
  readonly scope: number;
  /** A second address inside a prefix the device already has (IPv4). */
  readonly secondary: boolean;
  readonly noprefixroute: boolean;
  /** `brd` address (IPv4); 0 when not given. */
  readonly broadcast: bigint;
  /** `metric` of the prefix route. */
  readonly metric: number;
  /** Insertion serial: IPv6 source selection breaks ties by list order. */
  readonly serial: number;
}

/** One path of a route. */
export interface Nexthop {
  /** Gateway (`via`), undefined for a direct route. */
  readonly gateway: bigint | undefined;
  /** Output device index (0 for routes without one: blackhole, unreachable, …). */
  readonly dev: number;
  readonly onlink: boolean;
  readonly weight: number;
  /** RTNH_F_LINKDOWN: the device had no carrier when the route was added. */
  readonly linkdown: boolean;
  /** `fib_nh_scope`: LINK when the gateway is used, HOST for a direct route, … (IPv4). */
  readonly scope: number;
  /** RTNH_F_DEAD: its device lost its last IPv4 address (the route lives on through its other paths). */
  readonly dead?: boolean;
}

/** A route: one fib alias with its fib_info (IPv4) or one fib6_info (IPv6). */
export interface Route {
  /** Creation serial, unique across the model. */
  readonly id: number;
  readonly family: Family;
  readonly table: number;
  readonly dst: bigint;
  readonly len: number;
  /** `tos`/dsfield (IPv4); 0 = any. */
  readonly tos: number;
  readonly type: number;
  /** `metric` (`fib_priority`, `fib6_metric`). */
  readonly metric: number;
  readonly protocol: number;
  readonly scope: number;
  /** `src` (`fib_prefsrc`), undefined when not given. */
  readonly prefsrc: bigint | undefined;
  readonly nexthops: readonly Nexthop[];
  /** RTNH_F_LINKDOWN on the route: every nexthop had no carrier. */
  readonly linkdown: boolean;
  /** IPv6 router preference bits (`pref`): 0 medium, 1 high, 3 low. */
  readonly pref: number;
  /** IPv6: ECMP siblings share a group id (0 = none). */
  readonly siblingGroup: number;
  /** IPv6 RTF_REJECT on a unicast route: a direct route through `lo` is promoted to one. */
  readonly reject?: boolean;
  /** IPv6 source prefix (`from`, CONFIG_IPV6_SUBTREES); absent or length 0 = any source. */
  readonly src?: bigint;
  readonly srcLen?: number;
}

/** Port or uid range, inclusive; `undefined` on a rule means "not set". */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** One policy rule (`ip rule`). */
export interface Rule {
  readonly family: Family;
  /** Creation serial. */
  readonly id: number;
  readonly pref: number;
  /** `not`. */
  readonly invert: boolean;
  readonly src: bigint;
  readonly srcLen: number;
  readonly dst: bigint;
  readonly dstLen: number;
  /** dsfield selector (IPv4 legacy TOS bits, IPv6 traffic class); 0 = any. */
  readonly tos: number;
  readonly mark: number;
  readonly markMask: number;
  /** `iif`/`oif` names ("" = any); a name no device has never matches. */
  readonly iifName: string;
  readonly oifName: string;
  readonly table: number;
  readonly action: number;
  /** `goto` target priority (action GOTO). */
  readonly target: number;
  readonly suppressPrefixlen: number;
  readonly suppressIfgroup: number;
  readonly uidRange: Range | undefined;
  readonly ipProto: number;
  readonly sport: Range | undefined;
  readonly dport: Range | undefined;
  readonly protocol: number;
}

/** The per-family sysctls that routing reads, resolved per device where the kernel does. */
export interface RoutingSysctls {
  /** `net.ipv4.conf.<dev>.forwarding` (ip_forward sets all of them) by device index. */
  readonly forwarding4: (dev: number) => boolean;
  /** Effective rp_filter: max(all, dev). */
  readonly rpFilter: (dev: number) => number;
  /** ignore_routes_with_linkdown, IPv4: all || dev. */
  readonly ignoreLinkdown4: (dev: number) => boolean;
  readonly ignoreLinkdown6: (dev: number) => boolean;
  /** accept_local: all || dev. */
  readonly acceptLocal: (dev: number) => boolean;
  /** send_redirects: all || dev (default on). */
  readonly sendRedirects: (dev: number) => boolean;
  /** `net.ipv6.conf.all.forwarding`. */
  readonly forwarding6: boolean;
  /** `net.ipv6.conf.<dev>.addr_gen_mode`: 0 EUI-64 (default), 1 none, 2 stable privacy. */
  readonly addrGenMode6: (dev: number) => number;
  readonly multipath: MultipathSysctls;
}

/** The ECMP hash settings of a namespace (model/sysctls.ts, lookup/multipath-hash.ts). */
export interface MultipathSysctls {
  /** `fib_multipath_hash_policy`: 0 L3, 1 L4, 2 L3 or inner L3, 3 the fields below. */
  readonly hashPolicy4: number;
  readonly hashFields4: number;
  readonly hashPolicy6: number;
  readonly hashFields6: number;
  /** `net.ipv4.fib_multipath_hash_seed` (both families); 0 = a random seed, unknowable. */
  readonly hashSeed: number;
}
