/**
 * A NIC's `coalesce` section from a snapshot: rx-usecs and rx-frames from `ethtool -c` (text or
 * JSON form, src/host/parse/ethtool-key-value.ts), napi_defer_hard_irqs and gro_flush_timeout
 * from sysfs. Each value says where it was read; what is missing or not modelled falls back on
 * "no coalescing" (config/sections/coalesce.ts) with a note saying why.
 */
import { COALESCE_DEFAULTS } from "../../config/sections/coalesce.js";
import type { NicFacts } from "../read-snapshot.js";
import { type Entry, comment, map, value } from "./commented-yaml.js";

/** The section's entries and the warnings (one line each) the import reports. */
export function nicCoalesceEntry(n: NicFacts): { readonly entry: Entry; readonly warnings: readonly string[] } {
  const e: Entry[] = [];
  const warnings: string[] = [];
  const c = n.coalesce;
  const read = (key: string): number | null => {
    const v = c?.value.get(key);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const usecs = read("rx-usecs");
  const frames = read("rx-frames");
  if (c === null || usecs === null) {
    const why = c === null ? `ethtool -c ${n.name} not in the snapshot` : `${c.from}: rx-usecs n/a (the driver does not coalesce)`;
    e.push(value("rxUsecs", COALESCE_DEFAULTS.rxUsecs, `DEFAULT: ${why}`));
    e.push(value("rxFrames", COALESCE_DEFAULTS.rxFrames, "DEFAULT: no coalescing"));
  } else if (usecs === 0) {
    e.push(value("rxUsecs", 0, c.from));
    e.push(value("rxFrames", 0, `${c.from}: rx-frames ${frames ?? "n/a"}; with rx-usecs 0 nicsim models no coalescing`));
  } else {
    e.push(value("rxUsecs", usecs, c.from));
    e.push(value("rxFrames", frames ?? 0, frames === null ? `${c.from}: rx-frames n/a (no packet limit)` : c.from));
  }
  if (c !== null && c.value.get("adaptive-rx") === "on") {
    const line = `nics.${n.name}.coalesce: adaptive-rx is on (net DIM retunes rx-usecs/rx-frames from the traffic); nicsim models fixed values, so it uses those DIM had chosen when the snapshot was taken`;
    warnings.push(line);
    e.push(comment(`adaptive-rx on (${c.from}), not modelled: the values above are DIM's at snapshot time`));
  }
  const defer = n.deferHardIrqs;
  const timeout = n.groFlushTimeoutNs;
  if (defer !== null && defer.value > 0) e.push(value("deferHardIrqs", defer.value, defer.from));
  if (timeout !== null && timeout.value > 0) e.push(value("groFlushTimeoutNs", timeout.value, timeout.from));
  return { entry: map("coalesce", e), warnings };
}
