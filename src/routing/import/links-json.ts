/**
 * `ip -j link show` → the devices, in ifindex order (the model numbers them in that order; `lo`
 * is implicit). State from the link flags: no `UP` → down (admin down); `UP` with `NO-CARRIER`
 * or without `LOWER_UP` → nocarrier (routes stay, flagged linkdown); otherwise up. `ip -j addr
 * show` entries carry the same fields, so its devices are read the same way.
 */
import type { DeviceConfig } from "../model/build.js";
import type { DeviceState } from "../types.js";
import type { DumpEntry } from "./dump-entries.js";

export interface DumpedDevice extends DeviceConfig {
  readonly ifindex: number;
}

const NAME = /^[^\s/:]{1,15}$/;

function stateOf(flags: readonly string[]): DeviceState {
  if (!flags.includes("UP")) return "down";
  return flags.includes("NO-CARRIER") || !flags.includes("LOWER_UP") ? "nocarrier" : "up";
}

/** One link entry → its device. */
export function dumpedDevice(entry: DumpEntry): DumpedDevice {
  const name = entry.requiredString("ifname");
  if (!NAME.test(name)) entry.fail(`"ifname" ${JSON.stringify(name)} is not an interface name`);
  const ifindex = entry.number("ifindex") ?? entry.fail(`"ifindex" is missing`);
  if (!entry.has("flags")) entry.fail(`"flags" is missing`);
  return { name, ifindex, state: name === "lo" ? "up" : stateOf(entry.strings("flags")) };
}

/** The devices of a link (or addr) dump besides `lo`, in ifindex order. */
export function importLinks(entries: readonly DumpEntry[]): DeviceConfig[] {
  const devices = entries.map(dumpedDevice);
  devices.forEach((d, i) => {
    const earlier = devices.findIndex((o) => o.name === d.name || o.ifindex === d.ifindex);
    if (earlier < i) entries[i].fail(`device "${d.name}" (ifindex ${d.ifindex}) is listed twice`);
  });
  return [...devices]
    .sort((a, b) => a.ifindex - b.ifindex)
    .filter((d) => d.name !== "lo")
    .map(({ name, state }) => ({ name, state }));
}
