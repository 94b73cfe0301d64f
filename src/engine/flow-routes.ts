/**
 * Each flow's route verdict, for the engine: the scenario's `routing` section compiled once per
 * job and asked, per flow, what the kernel does with a packet of it arriving on the receiving
 * NIC (routing/verdict.ts: input lookup, then the reply's output lookup). Cold: once per flow.
 *
 * The engine uses three facts per flow: the drop cause (0: none, else 1 + index in
 * ROUTE_DROP_CAUSES), the extra stack time of its lookups (rules evaluated × `costs.routeRule`,
 * in ns), and where the packet's traffic leaves (the reply's NIC for a local flow, the output
 * NIC for a forwarded one; -1 when a local flow's reply cannot be routed).
 */
import type { Protocol } from "../config/scenario.js";
import { compileRouting, routeFlow, type DropCause, type RoutingConfig, type RoutingTables } from "../routing/index.js";
import type { FlowSet } from "../traffic/flow-set.js";

/** Route drop causes, in the order of the engine's `routeDrops` counters and the result's keys. */
export const ROUTE_DROP_CAUSES: readonly DropCause[] = ["noRoute", "unreachable", "prohibit", "blackhole", "martian", "rpFilter", "notForwarding"];

const IPPROTO = { tcp: 6, udp: 17 } as const;

export interface FlowRoutes {
  /** 0: the flow passes; else 1 + its index in ROUTE_DROP_CAUSES. */
  readonly drop: Uint8Array;
  /** Extra stack time per packet, ns: rules evaluated × costs.routeRule / host.ghz. */
  readonly ns: Float64Array;
  /** Index in `devices` of the NIC the flow's traffic leaves by (reply or forward), -1: none. */
  readonly outDev: Int16Array;
  /** Routing devices by name (the routing section's, in its order). */
  readonly devices: readonly string[];
  /** Flows whose packets are delivered here, forwarded, dropped. */
  readonly verdicts: { readonly local: number; readonly forward: number; readonly drop: number };
}

/** Address `f` of a column of 32-bit words (1 per IPv4 address, 4 per IPv6) as a bigint. */
function addressOf(words: Uint32Array, width: number, f: number): bigint {
  let a = 0n;
  for (let w = 0; w < width; w++) a = (a << 32n) | BigInt(words[f * width + w]);
  return a;
}

/** How the flows arrive: the receiving NIC, their protocol, and the time per rule evaluated. */
export interface FlowLookup {
  /** Name of the NIC the flows arrive on (the input lookup's iif). */
  readonly iif: string;
  readonly protocol: Protocol;
  /** costs.routeRule / host.ghz, ns. */
  readonly nsPerRule: number;
}

/** The compiled routing of each resolved `routing` section (a sweep point's jobs share it). */
const compiled = new WeakMap<RoutingConfig, RoutingTables>();

/** The flows' route facts under the scenario's resolved `routing` section. */
export function compileFlowRoutes(routing: RoutingConfig, flows: FlowSet, lookup: FlowLookup): FlowRoutes {
  let tables = compiled.get(routing);
  if (tables === undefined) {
    tables = compileRouting(routing);
    compiled.set(routing, tables);
  }
  const { iif, nsPerRule } = lookup;
  const devices = routing.devices.map((d) => d.name);
  const proto = IPPROTO[lookup.protocol];
  const drop = new Uint8Array(flows.count);
  const ns = new Float64Array(flows.count);
  const outDev = new Int16Array(flows.count);
  const verdicts = { local: 0, forward: 0, drop: 0 };
  for (let f = 0; f < flows.count; f++) {
    const route = routeFlow(tables, {
      family: flows.family,
      src: addressOf(flows.src, flows.words, f),
      dst: addressOf(flows.dst, flows.words, f),
      iif,
      proto,
      sport: flows.sport[f],
      dport: flows.dport[f],
    });
    verdicts[route.verdict]++;
    ns[f] = route.rulesEvaluated * nsPerRule;
    drop[f] = route.cause === undefined ? 0 : 1 + ROUTE_DROP_CAUSES.indexOf(route.cause);
    outDev[f] = route.outDev === undefined ? -1 : devices.indexOf(route.outDev);
  }
  return { drop, ns, outDev, devices, verdicts };
}
