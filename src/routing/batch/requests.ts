/**
 * What one batch line asks the kernel for, after iproute2 has read it: the fields of the
 * netlink message (`ifaddrmsg`, `fib_rule_hdr`, `rtmsg` and their attributes) with iproute2's
 * defaults filled in. Device names are still names: the model resolves them.
 */
import type { Family, Range } from "../types.js";

export interface AddrRequest {
  readonly kind: "addr";
  readonly op: "add" | "del";
  readonly family: Family;
  readonly local: bigint;
  readonly prefixLen: number;
  /** Whether a `/len` was written (a bare IPv4 `addr del` matches any length). */
  readonly lengthGiven: boolean;
  readonly dev: string;
  /** `scope`, or iproute2's default (host for 127/8, else global); undefined for `del`. */
  readonly scope: number | undefined;
  readonly noprefixroute: boolean;
  /** `brd ADDR`, `brd +` (subnet broadcast) or `brd -`; undefined when not given. */
  readonly broadcast: bigint | "+" | "-" | undefined;
  readonly metric: number | undefined;
}

export interface RuleRequest {
  readonly kind: "rule";
  readonly op: "add" | "del";
  readonly family: Family;
  /** FRA_PRIORITY, when written. */
  readonly pref: number | undefined;
  readonly invert: boolean;
  readonly src: bigint;
  readonly srcLen: number;
  readonly dst: bigint;
  readonly dstLen: number;
  readonly tos: number;
  /** FRA_FWMARK / FRA_FWMASK, when written. */
  readonly mark: number | undefined;
  readonly mask: number | undefined;
  readonly iif: string | undefined;
  readonly oif: string | undefined;
  /** The table (frh.table or FRA_TABLE); 0 when none was given or defaulted. */
  readonly table: number;
  readonly action: number;
  readonly gotoTarget: number | undefined;
  readonly suppressPrefixlen: number | undefined;
  readonly suppressIfgroup: number | undefined;
  readonly uidRange: Range | undefined;
  readonly ipProto: number | undefined;
  readonly sport: Range | undefined;
  readonly dport: Range | undefined;
}

export interface NexthopRequest {
  readonly gateway: bigint | undefined;
  readonly dev: string | undefined;
  /** `weight` (1..256). */
  readonly weight: number;
  readonly onlink: boolean;
}

export type RouteOp = "add" | "append" | "prepend" | "replace" | "change" | "del";

export interface RouteRequest {
  readonly kind: "route";
  readonly op: RouteOp;
  readonly family: Family;
  readonly type: number;
  /** Whether a type word was written (a `del` matches any type otherwise). */
  readonly typeGiven: boolean;
  readonly table: number;
  readonly dst: bigint;
  readonly dstLen: number;
  readonly tos: number;
  readonly protocol: number;
  readonly scope: number;
  readonly metric: number | undefined;
  readonly prefsrc: bigint | undefined;
  readonly gateway: bigint | undefined;
  readonly dev: string | undefined;
  readonly onlink: boolean;
  /** `nexthop …` groups; undefined for a single-path route. */
  readonly multipath: readonly NexthopRequest[] | undefined;
  /** IPv6 `pref low|medium|high` as the ICMPv6 router preference bits. */
  readonly pref: number;
  /** `from PREFIX` (RTA_SRC, rtm_src_len): IPv6 source-specific routes; IPv4 ignores it. */
  readonly src: bigint;
  readonly srcLen: number;
}

/** A line iproute2 itself refused without asking the kernel (`Cannot find device "eth9"`). */
export interface RefusedRequest {
  readonly kind: "refused";
  readonly message: string;
}

export type Request = AddrRequest | RuleRequest | RouteRequest | RefusedRequest;

/** One line of the batch that asks for something, with its 1-based line number and text. */
export interface BatchLine {
  readonly line: number;
  readonly text: string;
  readonly request: Request;
}
