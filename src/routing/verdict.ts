/**
 * Per-flow route verdicts for the simulated packet path: what the kernel does with a flow that
 * arrives on a NIC — deliver it here (and route the reply: out which NIC, from which source),
 * forward it out a NIC, or drop it, and why. Computed once per flow (cold); the engine turns
 * `cause` into a drop counter and `rulesEvaluated` into per-packet CPU cost.
 *
 * The input decision is the kernel's input route (`iif` = the NIC, `from` = the flow's source);
 * the reply is an output lookup from the local address to the flow's source, with the ports
 * swapped, as a socket's reply would be routed.
 */
import { ERRNO, RTN } from "./kernel.js";
import { inputRoute4 } from "./lookup/input4.js";
import { outputRoute4 } from "./lookup/output4.js";
import { routeGet6 } from "./lookup/route-get6.js";
import type { RoutingTables } from "./routing-tables.js";
import type { Family } from "./types.js";

export type RouteVerdict = "local" | "forward" | "drop";

/** Why a flow (or its reply) is dropped: the engine's drop causes. */
export type DropCause = "noRoute" | "unreachable" | "prohibit" | "blackhole" | "martian" | "rpFilter" | "notForwarding";

export interface FlowKey {
  readonly family: Family;
  readonly src: bigint;
  readonly dst: bigint;
  /** The NIC the flow arrives on. */
  readonly iif: string;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
  readonly mark?: number;
  readonly tos?: number;
}

export interface FlowRoute {
  readonly verdict: RouteVerdict;
  /** forward: the output NIC; local: the NIC the reply leaves by (undefined when it cannot). */
  readonly outDev: string | undefined;
  /** Why the flow is dropped (verdict "drop"). */
  readonly cause: DropCause | undefined;
  /** Why the reply cannot be sent (verdict "local" only). */
  readonly replyCause: DropCause | undefined;
  /** The reply's source address (verdict "local"). */
  readonly replySource: bigint | undefined;
  /** Rules evaluated by the input lookup plus the reply lookup. */
  readonly rulesEvaluated: number;
}

function causeOf(errno: number): DropCause {
  switch (errno) {
    case ERRNO.EHOSTUNREACH:
      return "unreachable";
    case ERRNO.EACCES:
      return "prohibit";
    case ERRNO.EINVAL:
      return "blackhole";
    default:
      return "noRoute";
  }
}

const DROP = { verdict: "drop", outDev: undefined, replyCause: undefined, replySource: undefined } as const;

export function routeFlow(tables: RoutingTables, key: FlowKey): FlowRoute {
  return key.family === 4 ? routeFlow4(tables, key) : routeFlow6(tables, key);
}

function routeFlow4(tables: RoutingTables, key: FlowKey): FlowRoute {
  const { state, fast } = tables;
  const dev = state.device(key.iif)?.index ?? 0;
  const input = inputRoute4(state, fast, { daddr: key.dst, saddr: key.src, dev, mark: key.mark ?? 0, tos: key.tos ?? 0, proto: key.proto, sport: key.sport, dport: key.dport });
  if (typeof input === "number") return { ...DROP, cause: input === ERRNO.EXDEV ? "rpFilter" : "martian", rulesEvaluated: 0 };
  if (input.error !== 0) {
    const cause = !state.sysctls.forwarding4(dev) && input.error === ERRNO.EHOSTUNREACH ? "notForwarding" : causeOf(input.error);
    return { ...DROP, cause, rulesEvaluated: input.rulesEvaluated };
  }
  if (input.type !== RTN.LOCAL && input.type !== RTN.BROADCAST && input.type !== RTN.MULTICAST) {
    return { verdict: "forward", outDev: state.devName(input.dev), cause: undefined, replyCause: undefined, replySource: undefined, rulesEvaluated: input.rulesEvaluated };
  }
  const reply = outputRoute4(state, fast, { daddr: key.src, saddr: key.dst, oif: 0, mark: key.mark ?? 0, tos: key.tos ?? 0, uid: 0, proto: key.proto, sport: key.dport, dport: key.sport });
  if (typeof reply === "number") {
    return { verdict: "local", outDev: undefined, cause: undefined, replyCause: causeOf(reply), replySource: undefined, rulesEvaluated: input.rulesEvaluated };
  }
  return {
    verdict: "local",
    outDev: state.devName(reply.dev),
    cause: undefined,
    replyCause: undefined,
    replySource: reply.saddr,
    rulesEvaluated: input.rulesEvaluated + reply.rulesEvaluated,
  };
}

function routeFlow6(tables: RoutingTables, key: FlowKey): FlowRoute {
  const { state, fast } = tables;
  const base = { family: 6 as const, fibmatch: false, mark: key.mark ?? 0, tos: 0, uid: undefined, ipproto: key.proto };
  const input = routeGet6(state, fast, { ...base, dst: key.dst, from: key.src, iif: key.iif, oif: undefined, sport: key.sport, dport: key.dport });
  if (!input.ok) return { ...DROP, cause: causeOf(input.errno), rulesEvaluated: input.rulesEvaluated };
  const a = input.answer;
  if (a.type !== RTN.LOCAL && a.type !== RTN.ANYCAST && a.type !== RTN.MULTICAST) {
    return { verdict: "forward", outDev: state.devName(a.dev ?? 0), cause: undefined, replyCause: undefined, replySource: undefined, rulesEvaluated: a.rulesEvaluated };
  }
  const reply = routeGet6(state, fast, { ...base, dst: key.src, from: key.dst, iif: undefined, oif: undefined, sport: key.dport, dport: key.sport });
  if (!reply.ok) return { verdict: "local", outDev: undefined, cause: undefined, replyCause: causeOf(reply.errno), replySource: undefined, rulesEvaluated: a.rulesEvaluated };
  return {
    verdict: "local",
    outDev: state.devName(reply.answer.dev ?? 0),
    cause: undefined,
    replyCause: undefined,
    replySource: key.dst,
    rulesEvaluated: a.rulesEvaluated + reply.answer.rulesEvaluated,
  };
}
