/**
 * `rule add|del …` as iproute2 6.1 `iprule_modify` reads it. `add` defaults to `lookup main`;
 * an action word (`blackhole`, `unreachable`, `prohibit`, `goto N`, `nop`, or any route type
 * name, whose number is the action) replaces the lookup. Tables above 255 travel as FRA_TABLE.
 */
import { FR_ACT, TABLE } from "../kernel.js";
import { dsfieldId, ipProtocolId, parseUnsigned, routeTypeId, tableId } from "../names.js";
import type { Family, Range } from "../types.js";
import type { RuleRequest } from "./requests.js";
import { BatchSyntaxError, invalidArgument, matches, readPrefix, readRange } from "./words.js";
import type { Words } from "./words.js";

interface Draft {
  family: Family | undefined;
  pref: number | undefined;
  invert: boolean;
  src: bigint;
  srcLen: number;
  dst: bigint;
  dstLen: number;
  tos: number;
  mark: number | undefined;
  mask: number | undefined;
  iif: string | undefined;
  oif: string | undefined;
  table: number | undefined;
  action: number | undefined;
  gotoTarget: number | undefined;
  suppressPrefixlen: number | undefined;
  suppressIfgroup: number | undefined;
  uidRange: Range | undefined;
  ipProto: number | undefined;
  sport: Range | undefined;
  dport: Range | undefined;
}

export function parseRule(op: "add" | "del", words: Words, family: Family | undefined): RuleRequest {
  const d: Draft = {
    family,
    pref: undefined,
    invert: false,
    src: 0n,
    srcLen: 0,
    dst: 0n,
    dstLen: 0,
    tos: 0,
    mark: undefined,
    mask: undefined,
    iif: undefined,
    oif: undefined,
    table: undefined,
    action: undefined,
    gotoTarget: undefined,
    suppressPrefixlen: undefined,
    suppressIfgroup: undefined,
    uidRange: undefined,
    ipProto: undefined,
    sport: undefined,
    dport: undefined,
  };
  while (!words.done) readKeyword(words.take(), words, d);
  const add = op === "add";
  const action = d.action ?? (add ? FR_ACT.TO_TBL : FR_ACT.UNSPEC);
  // iproute2: an explicit action word also counts as "table given", so no `main` default.
  const table = d.table ?? (add && d.action === undefined ? TABLE.MAIN : 0);
  return {
    kind: "rule",
    op,
    family: d.family ?? 4,
    pref: d.pref,
    invert: d.invert,
    src: d.src,
    srcLen: d.srcLen,
    dst: d.dst,
    dstLen: d.dstLen,
    tos: d.tos,
    mark: d.mark,
    mask: d.mask,
    iif: d.iif,
    oif: d.oif,
    table,
    action,
    gotoTarget: d.gotoTarget,
    suppressPrefixlen: d.suppressPrefixlen,
    suppressIfgroup: d.suppressIfgroup,
    uidRange: d.uidRange,
    ipProto: d.ipProto,
    sport: d.sport,
    dport: d.dport,
  };
}

function u32(word: string, why: string): number {
  const n = parseUnsigned(word);
  if (n === undefined) throw invalidArgument(why, word);
  return n;
}

function readKeyword(w: string, words: Words, d: Draft): void {
  if (w === "not") {
    d.invert = true;
  } else if (w === "from" || w === "to") {
    const p = readPrefix(words.next(), d.family);
    d.family ??= p.family;
    if (w === "from") {
      d.src = p.addr;
      d.srcLen = p.len;
    } else {
      d.dst = p.addr;
      d.dstLen = p.len;
    }
  } else if (matches(w, "preference") || matches(w, "order") || matches(w, "priority")) {
    d.pref = u32(words.next(), "preference value is invalid\n");
  } else if (w === "tos" || matches(w, "dsfield")) {
    const word = words.next();
    const tos = dsfieldId(word);
    if (tos === undefined) throw invalidArgument("TOS value is invalid\n", word);
    d.tos = tos;
  } else if (w === "fwmark") {
    const [markText, maskText] = words.next().split("/", 2);
    d.mark = u32(markText, "fwmark value is invalid\n");
    if (maskText !== undefined) d.mask = u32(maskText, "fwmask value is invalid\n");
  } else if (matches(w, "table") || w === "lookup") {
    const word = words.next();
    const table = tableId(word);
    if (table === undefined) throw invalidArgument("invalid table ID\n", word);
    d.table = table;
  } else if (matches(w, "suppress_prefixlength") || w === "sup_pl") {
    const word = words.next();
    const n = /^-?\d+$/.test(word) ? Number(word) : parseUnsigned(word);
    if (n === undefined || n < 0 || n > 0x7fffffff) throw invalidArgument("suppress_prefixlength value is invalid\n", word);
    d.suppressPrefixlen = n;
  } else if (matches(w, "suppress_ifgroup") || w === "sup_group") {
    const word = words.next();
    const group = word === "default" ? 0 : parseUnsigned(word);
    if (group === undefined) throw invalidArgument('Invalid "suppress_ifgroup" value\n', word);
    d.suppressIfgroup = group;
  } else if (w === "dev" || w === "iif") {
    d.iif = words.next();
  } else if (w === "oif") {
    d.oif = words.next();
  } else if (w === "uidrange") {
    const word = words.next();
    const m = /^(\d+)-(\d+)$/.exec(word);
    if (m === null || Number(m[1]) > 0xffffffff || Number(m[2]) > 0xffffffff) throw invalidArgument("invalid UID range\n", word);
    d.uidRange = { start: Number(m[1]), end: Number(m[2]) };
  } else if (w === "ipproto") {
    const word = words.next();
    const proto = ipProtocolId(word);
    if (proto === undefined) throw invalidArgument('Invalid "ipproto" value\n', word);
    d.ipProto = proto;
  } else if (w === "sport" || w === "dport") {
    const range = readRange(words.next(), 0xffff, "port");
    if (w === "sport") d.sport = range;
    else d.dport = range;
  } else if (matches(w, "realms") || matches(w, "protocol") || matches(w, "tun_id")) {
    words.next();
  } else {
    readAction(w, words, d);
  }
}

function readAction(first: string, words: Words, d: Draft): void {
  let w = first;
  if (w === "type") w = words.next();
  if (matches(w, "goto")) {
    d.action = FR_ACT.GOTO;
    d.gotoTarget = u32(words.next(), "invalid target\n");
  } else if (matches(w, "nop")) {
    d.action = FR_ACT.NOP;
  } else {
    const type = routeTypeId(w);
    if (type === undefined) throw new BatchSyntaxError(`Error: argument "${w}" is wrong: Failed to parse rule type`);
    d.action = type;
  }
}
