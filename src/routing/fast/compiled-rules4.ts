/**
 * IPv4 policy rules as columns, for `CompiledFib.lookup4`: every selector an integer compare
 * (unset ones widened to match everything), `goto` resolved to a rule index, the table of a
 * `lookup` resolved to a compiled view (-1: no such table, "go on").
 */
import { FR_ACT } from "../kernel.js";
import { prefixMask } from "../inet.js";
import { ruleDevIndex } from "../reference/rules-lookup.js";
import type { RoutingState } from "../model/state.js";
import type { Rule } from "../types.js";

export class CompiledRules4 {
  readonly count: number;
  readonly action: Uint8Array;
  readonly view: Int32Array;
  readonly src: Int32Array;
  readonly srcMask: Int32Array;
  readonly dst: Int32Array;
  readonly dstMask: Int32Array;
  readonly tos: Uint8Array;
  readonly mark: Int32Array;
  readonly markMask: Int32Array;
  readonly iif: Int32Array;
  readonly oif: Int32Array;
  readonly uidLo: Uint32Array;
  readonly uidHi: Uint32Array;
  readonly proto: Uint8Array;
  readonly sportLo: Uint16Array;
  readonly sportHi: Uint16Array;
  readonly dportLo: Uint16Array;
  readonly dportHi: Uint16Array;
  readonly invert: Uint8Array;
  readonly gotoIndex: Int32Array;
  readonly suppressLen: Int32Array;
  readonly suppressGroup: Int32Array;

  constructor(state: RoutingState, rules: readonly Rule[], viewOf: (table: number) => number) {
    const n = rules.length;
    this.count = n;
    this.action = new Uint8Array(n);
    this.view = new Int32Array(n);
    this.src = new Int32Array(n);
    this.srcMask = new Int32Array(n);
    this.dst = new Int32Array(n);
    this.dstMask = new Int32Array(n);
    this.tos = new Uint8Array(n);
    this.mark = new Int32Array(n);
    this.markMask = new Int32Array(n);
    this.iif = new Int32Array(n);
    this.oif = new Int32Array(n);
    this.uidLo = new Uint32Array(n);
    this.uidHi = new Uint32Array(n);
    this.proto = new Uint8Array(n);
    this.sportLo = new Uint16Array(n);
    this.sportHi = new Uint16Array(n);
    this.dportLo = new Uint16Array(n);
    this.dportHi = new Uint16Array(n);
    this.invert = new Uint8Array(n);
    this.gotoIndex = new Int32Array(n);
    this.suppressLen = new Int32Array(n);
    this.suppressGroup = new Int32Array(n);
    rules.forEach((r, i) => {
      this.action[i] = r.action;
      this.view[i] = r.action === FR_ACT.TO_TBL ? viewOf(r.table) : -1;
      this.src[i] = Number(r.src) | 0;
      this.srcMask[i] = Number(prefixMask(4, r.srcLen)) | 0;
      this.dst[i] = Number(r.dst) | 0;
      this.dstMask[i] = Number(prefixMask(4, r.dstLen)) | 0;
      this.tos[i] = r.tos;
      this.mark[i] = r.mark | 0;
      this.markMask[i] = r.markMask | 0;
      this.iif[i] = ruleDevIndex(state, r.iifName);
      this.oif[i] = ruleDevIndex(state, r.oifName);
      this.uidLo[i] = r.uidRange?.start ?? 0;
      this.uidHi[i] = r.uidRange?.end ?? 0xffffffff;
      this.proto[i] = r.ipProto;
      this.sportLo[i] = r.sport?.start ?? 0;
      this.sportHi[i] = r.sport?.end ?? 0xffff;
      this.dportLo[i] = r.dport?.start ?? 0;
      this.dportHi[i] = r.dport?.end ?? 0xffff;
      this.invert[i] = r.invert ? 1 : 0;
      this.gotoIndex[i] = r.action === FR_ACT.GOTO ? rules.findIndex((t) => t.pref === r.target) : -1;
      this.suppressLen[i] = r.suppressPrefixlen;
      this.suppressGroup[i] = r.suppressIfgroup;
    });
  }

  /** Whether rule `i` applies (`fib_rule_match` + `fib4_rule_match`, `not` included). */
  matches(
    i: number,
    daddr: number,
    saddr: number,
    iif: number,
    oif: number,
    mark: number,
    tos: number,
    uid: number,
    proto: number,
    sport: number,
    dport: number,
  ): boolean {
    let m =
      (this.iif[i] === 0 || this.iif[i] === iif) &&
      (this.oif[i] === 0 || this.oif[i] === oif) &&
      ((this.mark[i] ^ mark) & this.markMask[i]) === 0 &&
      uid >= this.uidLo[i] &&
      uid <= this.uidHi[i] &&
      ((saddr ^ this.src[i]) & this.srcMask[i]) === 0 &&
      ((daddr ^ this.dst[i]) & this.dstMask[i]) === 0 &&
      (this.tos[i] === 0 || this.tos[i] === (tos & 0x1c)) &&
      (this.proto[i] === 0 || this.proto[i] === proto) &&
      sport >= this.sportLo[i] &&
      sport <= this.sportHi[i] &&
      dport >= this.dportLo[i] &&
      dport <= this.dportHi[i];
    if (this.invert[i] !== 0) m = !m;
    return m;
  }
}
