/**
 * Several files → one `HostDumps`: each file's kind (and, for rules and routes, family) is
 * recognised from its content; two files of the same kind and family are refused, naming both.
 * A route dump may hold both families (`ip -j route show table all` does); its entries are
 * split by family.
 */
import { LoadError } from "../../config/errors.js";
import type { DeviceConfig } from "../model/build.js";
import type { Family } from "../types.js";
import { DumpError } from "./dump-entries.js";
import { detectDump } from "./dump-kind.js";
import { rulesFamily } from "./host-import.js";
import { routeEntryFamily } from "./routes-json.js";
import type { HostDumps } from "./host-import.js";

export interface TextFile {
  readonly source: string;
  readonly text: string;
  /** The family of a rules dump that does not show it (no address, no IPv4 default rule). */
  readonly family?: Family;
}

type Slot = Exclude<keyof HostDumps, "batch" | "devices">;

const SLOT_NAMES: Readonly<Record<Slot, string>> = {
  links: "an ip -j link show dump",
  addrs: "an ip -j addr show dump",
  rules4: "an IPv4 ip -j rule show dump",
  rules6: "an IPv6 ip -j rule show dump",
  routes4: "an IPv4 ip -j route show dump",
  routes6: "an IPv6 ip -j route show dump",
  sysctls: "sysctl output",
};

/** Collects dumps; `add` returns false for a file that is not a dump (scenario, section, batch). */
export class DumpCollector {
  private readonly slots: { -readonly [K in Slot]?: HostDumps[K] } = {};
  private readonly from = new Map<Slot, string>();
  /** Files that were empty dumps (`[]`): they add nothing. */
  readonly empty: string[] = [];

  constructor(private readonly fallbackFamily: Family | undefined) {}

  get count(): number {
    return this.from.size + this.empty.length;
  }

  add(file: TextFile): boolean {
    let detected;
    try {
      detected = detectDump(file.text);
    } catch (error) {
      if (error instanceof DumpError) throw new LoadError(file.source, error.detail);
      throw error;
    }
    if (detected === undefined) return false;
    if (detected.kind === "empty") {
      this.empty.push(file.source);
      return true;
    }
    if (detected.kind === "sysctls") {
      this.put("sysctls", file.source, () => (this.slots.sysctls = { source: file.source, text: detected.text }));
      return true;
    }
    const dump = { source: file.source, entries: detected.entries };
    const kind = detected.kind;
    if (kind === "links" || kind === "addrs") {
      this.put(kind, file.source, () => (this.slots[kind] = dump));
      return true;
    }
    if (kind === "rules") {
      const slot = rulesFamily(file.source, detected.entries, file.family ?? this.fallbackFamily) === 4 ? "rules4" : "rules6";
      this.put(slot, file.source, () => (this.slots[slot] = dump));
      return true;
    }
    // `ip -j route show table all` holds both families: each entry goes to its own
    for (const [f, slot] of [[4, "routes4"], [6, "routes6"]] as const) {
      const entries = detected.entries.filter((e) => routeEntryFamily(e) === f);
      if (entries.length > 0) this.put(slot, file.source, () => (this.slots[slot] = { source: file.source, entries }));
    }
    return true;
  }

  private put(slot: Slot, source: string, store: () => void): void {
    const earlier = this.from.get(slot);
    if (earlier !== undefined) throw new LoadError(source, `${earlier} is already ${SLOT_NAMES[slot]}; give one file of each kind`);
    this.from.set(slot, source);
    store();
  }

  /** The file that gives the devices (a link or addr dump), if any. */
  get deviceSource(): string | undefined {
    return this.from.get("links") ?? this.from.get("addrs");
  }

  dumps(batch: string | undefined, devices?: readonly DeviceConfig[]): HostDumps {
    return { ...this.slots, batch, devices };
  }
}
