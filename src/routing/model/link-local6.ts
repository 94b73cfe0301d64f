/**
 * The IPv6 link-local address a device gets when it comes up (`addrconf_dev_config`,
 * `addrconf_addr_gen`, `ipv6_generate_eui64`, `addrconf_add_linklocal` in net/ipv6/addrconf.c).
 *
 * With `addr_gen_mode` 0 (EUI-64, the kernel's default) a device that is up with carrier gets
 * `fe80::` + the modified EUI-64 of its MAC (`02:00:00:00:00:10` → `fe80::ff:fe00:10`: the
 * universal/local bit flipped, `ff:fe` in the middle), as a /64 link-scope address — and with
 * it, like any address, its `local` route in table local and the `fe80::/64` prefix route in
 * main (metric 256, proto kernel). Mode 1 (none) makes nothing; so does mode 2 (stable
 * privacy) without a `stable_secret`, which nicsim does not model; mode 3 (random) makes an
 * address no one can predict, so it is refused when the sysctl is read. A device without carrier
 * or admin-down gets nothing (addrconf waits for the link), and neither does `lo`.
 *
 * A device's MAC is given in the routing section (`devices[].mac`); by default it is
 * `02:00:00:00:HH:LL`, HH:LL being the device's ifindex (2 for the first device after `lo`), a
 * locally administered address like the ones `ip link add` makes up.
 */
import { formatAddress } from "../inet.js";
import type { Device } from "../types.js";
import { applyAddr6 } from "./apply-addr6.js";
import { LOOPBACK_IFINDEX } from "./state.js";
import type { RoutingState } from "./state.js";

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** `IN6_ADDR_GEN_MODE_*`. */
export const ADDR_GEN_MODE = { EUI64: 0, NONE: 1, STABLE_PRIVACY: 2, RANDOM: 3 } as const;

/** Whether text is a MAC address as `ip link` prints one (`02:00:00:00:00:10`). */
export function isMacText(text: string): boolean {
  return MAC.test(text);
}

/** A MAC address's 48 bits. */
export function parseMac(text: string): bigint {
  return BigInt(`0x${text.replace(/:/g, "")}`);
}

/** `aa:bb:cc:dd:ee:ff`. */
export function formatMac(mac: bigint): string {
  return mac
    .toString(16)
    .padStart(12, "0")
    .replace(/(..)(?!$)/g, "$1:");
}

/** The MAC a device has when none is given: 02:00:00:00 and its ifindex. */
export function defaultMac(ifindex: number): bigint {
  return (0x020000000000n | BigInt(ifindex & 0xffff));
}

/** `fe80::` + the modified EUI-64 interface identifier of `mac`. */
export function eui64LinkLocal(mac: bigint): bigint {
  const oui = (mac >> 24n) ^ 0x020000n;
  const nic = mac & 0xffffffn;
  const iid = (oui << 40n) | (0xfffen << 24n) | nic;
  return (0xfe80n << 112n) | iid;
}

/** Adds the link-local address `device` gets when it comes up, if its addr_gen_mode makes one. */
export function addLinkLocal6(state: RoutingState, device: Device): void {
  if (device.index === LOOPBACK_IFINDEX || device.state !== "up") return;
  if (state.sysctls.addrGenMode6(device.index) !== ADDR_GEN_MODE.EUI64) return;
  applyAddr6(state, {
    kind: "addr",
    op: "add",
    family: 6,
    local: eui64LinkLocal(device.mac),
    prefixLen: 64,
    lengthGiven: true,
    dev: device.name,
    scope: 253,
    noprefixroute: false,
    broadcast: undefined,
    metric: undefined,
  });
}

/** The link-local address text of a MAC (for docs and messages). */
export function linkLocalText(mac: bigint): string {
  return formatAddress(6, eui64LinkLocal(mac));
}
