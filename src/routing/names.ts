/**
 * The names iproute2 reads and prints for tables, route types, protocols, scopes and dsfield
 * values: its built-in names plus the stock /etc/iproute2 files (rt_tables, rt_protos,
 * rt_scopes, rt_dsfield of iproute2 6.1). Numbers are read as iproute2 reads them: tables,
 * protocols and scopes with base 0 (`0x10`, `010`, `16`), dsfield values always as hex.
 */
import { RTN } from "./kernel.js";

const TABLES: ReadonlyMap<string, number> = new Map([
  ["local", 255],
  ["main", 254],
  ["default", 253],
  ["unspec", 0],
]);

const PROTOCOLS: ReadonlyMap<string, number> = new Map([
  ["unspec", 0],
  ["redirect", 1],
  ["kernel", 2],
  ["boot", 3],
  ["static", 4],
  ["gated", 8],
  ["ra", 9],
  ["mrt", 10],
  ["zebra", 11],
  ["bird", 12],
  ["dnrouted", 13],
  ["xorp", 14],
  ["ntk", 15],
  ["dhcp", 16],
  ["keepalived", 18],
  ["babel", 42],
  ["openr", 99],
  ["bgp", 186],
  ["isis", 187],
  ["ospf", 188],
  ["rip", 189],
  ["eigrp", 192],
]);

const SCOPES: ReadonlyMap<string, number> = new Map([
  ["global", 0],
  ["universe", 0],
  ["site", 200],
  ["link", 253],
  ["host", 254],
  ["nowhere", 255],
]);

const SCOPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "global"],
  [200, "site"],
  [253, "link"],
  [254, "host"],
  [255, "nowhere"],
]);

const TYPES: ReadonlyMap<string, number> = new Map([
  ["unicast", RTN.UNICAST],
  ["local", RTN.LOCAL],
  ["broadcast", RTN.BROADCAST],
  ["brd", RTN.BROADCAST],
  ["anycast", RTN.ANYCAST],
  ["multicast", RTN.MULTICAST],
  ["blackhole", RTN.BLACKHOLE],
  ["unreachable", RTN.UNREACHABLE],
  ["prohibit", RTN.PROHIBIT],
  ["throw", RTN.THROW],
  ["nat", RTN.NAT],
  ["xresolve", RTN.XRESOLVE],
]);

const TYPE_NAMES = [
  "none",
  "unicast",
  "local",
  "broadcast",
  "anycast",
  "multicast",
  "blackhole",
  "unreachable",
  "prohibit",
  "throw",
  "nat",
  "xresolve",
];

const DSFIELDS: ReadonlyMap<number, string> = new Map([
  [0x00, "default"],
  [0x28, "AF11"],
  [0x30, "AF12"],
  [0x38, "AF13"],
  [0x48, "AF21"],
  [0x50, "AF22"],
  [0x58, "AF23"],
  [0x68, "AF31"],
  [0x70, "AF32"],
  [0x78, "AF33"],
  [0x88, "AF41"],
  [0x90, "AF42"],
  [0x98, "AF43"],
  [0x20, "CS1"],
  [0x40, "CS2"],
  [0x60, "CS3"],
  [0x80, "CS4"],
  [0xa0, "CS5"],
  [0xc0, "CS6"],
  [0xe0, "CS7"],
  [0xb8, "EF"],
]);

/** `strtoul(text, &end, 0)` over the whole text, up to `max`; undefined otherwise. */
export function parseUnsigned(text: string, max = 0xffffffff): number | undefined {
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) n = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) n = Number(text);
  else return undefined;
  return Number.isSafeInteger(n) && n <= max ? n : undefined;
}

/** A table name or number (`rtnl_rttable_a2n`). */
export function tableId(text: string): number | undefined {
  return TABLES.get(text) ?? parseUnsigned(text);
}

/** How `ip -j` prints a table: its name, or the number as a string. */
export function tableName(id: number): string {
  for (const [name, value] of TABLES) if (value === id) return name;
  return String(id);
}

export function protocolId(text: string): number | undefined {
  return PROTOCOLS.get(text) ?? parseUnsigned(text, 255);
}

export function protocolName(id: number): string {
  for (const [name, value] of PROTOCOLS) if (value === id) return name;
  return String(id);
}

export function scopeId(text: string): number | undefined {
  return SCOPES.get(text) ?? parseUnsigned(text, 255);
}

export function scopeName(id: number): string {
  return SCOPE_NAMES.get(id) ?? String(id);
}

/** A route type word (`rtnl_rtntype_a2n`), or undefined. */
export function routeTypeId(text: string): number | undefined {
  return TYPES.get(text) ?? parseUnsigned(text, 255);
}

export function routeTypeName(type: number): string {
  return TYPE_NAMES[type] ?? String(type);
}

/** A dsfield (`tos`) value: a stock name or hex digits, `rtnl_dsfield_a2n`. */
export function dsfieldId(text: string): number | undefined {
  for (const [value, name] of DSFIELDS) if (name === text) return value;
  const m = /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(text);
  if (m === null) return undefined;
  const n = parseInt(m[1], 16);
  return n <= 255 ? n : undefined;
}

/** How iproute2 prints a dsfield value: a stock name or `0x%02x`. */
export function dsfieldName(value: number): string {
  return DSFIELDS.get(value) ?? `0x${value.toString(16).padStart(2, "0")}`;
}

/** IP protocol names `ipproto` takes (`inet_proto_a2n`) and their numbers. */
const IP_PROTOCOLS: ReadonlyMap<string, number> = new Map([
  ["ip", 0],
  ["icmp", 1],
  ["igmp", 2],
  ["tcp", 6],
  ["udp", 17],
  ["ipv6", 41],
  ["gre", 47],
  ["esp", 50],
  ["ah", 51],
  ["ipv6-icmp", 58],
  ["icmpv6", 58],
  ["sctp", 132],
  ["udplite", 136],
  ["raw", 255],
]);

export function ipProtocolId(text: string): number | undefined {
  return IP_PROTOCOLS.get(text) ?? parseUnsigned(text, 255);
}
