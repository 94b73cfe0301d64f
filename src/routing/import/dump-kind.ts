/**
 * What kind of host dump a file is, from its content: a JSON array is an `ip -j` dump whose
 * entries say which (`addr_info` → addrs, `ifname` → links, `priority` → rules, `dst` →
 * routes); `name = value` lines are sysctl output. Anything else is not a dump (the caller
 * tries scenario, routing section and batch text).
 */
import { DumpError, dumpEntries } from "./dump-entries.js";
import type { DumpEntry } from "./dump-entries.js";
import { isSysctlText } from "./sysctl-text.js";

export type DumpKind = "links" | "addrs" | "rules" | "routes";

export type DetectedDump =
  | { readonly kind: DumpKind; readonly entries: readonly DumpEntry[] }
  | { readonly kind: "empty" }
  | { readonly kind: "sysctls"; readonly text: string };

function kindOf(entry: DumpEntry): DumpKind {
  if (entry.has("addr_info")) return "addrs";
  if (entry.has("ifname")) return "links";
  if (entry.has("priority")) return "rules";
  if (entry.has("dst")) return "routes";
  return entry.fail(`not an entry of an ip -j dump of links ("ifname"), addresses ("addr_info"), rules ("priority") or routes ("dst")`);
}

/** The dump in `text`, or undefined when it is not one. Throws DumpError for a malformed dump. */
export function detectDump(text: string): DetectedDump | undefined {
  const body = text.trimStart();
  if (body.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      // YAML flow sequences start with "[" too; only a JSON-looking body is a broken dump
      if (/^\[\s*(\{|\])/.test(body)) throw new DumpError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const entries = dumpEntries(value);
    if (entries.length === 0) return { kind: "empty" };
    const kind = kindOf(entries[0]);
    for (const e of entries) if (kindOf(e) !== kind) e.fail(`a ${kindOf(e)} entry in a dump of ${kind}`);
    return { kind, entries };
  }
  return isSysctlText(text) ? { kind: "sysctls", text } : undefined;
}
