/**
 * IPv6 source address selection (`ipv6_dev_get_saddr`, RFC 6724 as Linux implements it).
 *
 * Candidates: the outgoing device's addresses for a multicast or link-local destination,
 * otherwise every device's, devices in order. Each candidate is compared with the best so far,
 * rule by rule, the first difference deciding: same address as the destination; appropriate
 * scope (the narrowest scope that still reaches the destination, else the widest); on the
 * outgoing device; same policy label (the kernel's default label table); same ORCHID-ness;
 * longest common prefix (capped at the address's prefix length). A full tie keeps the earlier
 * candidate, so list order (wider scope first, newest first) breaks ties.
 */
import { commonPrefixLength, inPrefix, isV6LinkLocal, isV6Multicast, sourceScope6 } from "../inet.js";
import type { RoutingState } from "../model/state.js";
import type { InterfaceAddress } from "../types.js";

/** The kernel's default address label table (`ip6_addrlbl_init_table`): prefix, length, label. */
const LABELS: readonly (readonly [bigint, number, number])[] = [
  [1n, 128, 0],
  [0xffffn << 32n, 96, 4],
  [0n, 96, 3],
  [0x20010010n << 96n, 28, 7],
  [0x20010020n << 96n, 28, 7],
  [0x20010000n << 96n, 32, 6],
  [0x2002n << 112n, 16, 2],
  [0x3ffen << 112n, 16, 12],
  [0xfec0n << 112n, 10, 11],
  [0xfcn << 120n, 7, 5],
  [0n, 0, 1],
];

/** `ipv6_addr_label`: the label of the longest matching policy prefix. */
export function addrLabel6(addr: bigint): number {
  let best = -1;
  let label = 1;
  for (const [prefix, len, l] of LABELS) {
    if (len > best && inPrefix(6, addr, prefix, len)) {
      best = len;
      label = l;
    }
  }
  return label;
}

function isOrchid(addr: bigint): boolean {
  return inPrefix(6, addr, 0x20010010n << 96n, 28);
}

/**
 * Scope the destination needs (`__ipv6_addr_src_scope` of its type): -1 (invalid) for `::`,
 * so every candidate's scope is "enough" and the narrowest wins, from the outgoing device only.
 */
function destinationScope(daddr: bigint): number {
  return daddr === 0n ? -1 : sourceScope6(daddr);
}

/** The rule values of a candidate, in comparison order. */
function scoreOf(a: InterfaceAddress, daddr: bigint, dstScope: number, oif: number, dstLabel: number): number[] {
  const scope = sourceScope6(a.local);
  const scopeValue = scope >= dstScope ? -scope : scope - 128;
  const prefix = Math.min(commonPrefixLength(6, a.local, daddr), a.prefixLen);
  return [
    a.local === daddr ? 1 : 0,
    scopeValue,
    oif === 0 || oif === a.dev ? 1 : 0,
    addrLabel6(a.local) === dstLabel ? 1 : 0,
    isOrchid(a.local) === isOrchid(daddr) ? 1 : 0,
    prefix,
  ];
}

/** The source for `daddr` leaving through `dev` (0 = unknown); undefined when none qualifies. */
export function selectSource6(state: RoutingState, dev: number, daddr: bigint): bigint | undefined {
  const dstScope = destinationScope(daddr);
  const onlyOif = dev !== 0 && (isV6Multicast(daddr) || dstScope <= 2 || isV6LinkLocal(daddr));
  const devices = onlyOif ? state.devices.filter((d) => d.index === dev) : state.devices;
  const dstLabel = addrLabel6(daddr);
  let best: number[] | undefined;
  let chosen: bigint | undefined;
  for (const d of devices) {
    for (const a of state.addrs(6, d.index)) {
      if (a.local === 0n || isV6Multicast(a.local)) continue;
      const s = scoreOf(a, daddr, dstScope, dev, dstLabel);
      if (best === undefined || better(s, best)) {
        best = s;
        chosen = a.local;
      }
    }
  }
  return chosen;
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return true;
    if (a[i] < b[i]) return false;
  }
  return false;
}
