/**
 * The `key: value` forms of `ethtool -i` (driver, version, bus-info, …), `ethtool -c`
 * (coalescing: "Adaptive RX: on  TX: off", then `rx-usecs: 8` …, `n/a` when unsupported) and
 * `ethtool -S` (statistics: "NIC statistics:" then `     name: count`). Values stay text except
 * for -S, whose values are counters. `ethtool --json -c` (6.2+) is an object of the same keys,
 * adaptive flags as `rx-adaptive-usecs`/`tx-...`: read into the same map.
 */
import { SnapshotFormatError, jsonObjects, numberedLines } from "./format-error.js";

/** `ethtool -i DEV`: driver information by key. */
export function parseEthtoolDriver(text: string, file: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const { text: line } of numberedLines(text)) {
    const i = line.indexOf(":");
    if (i > 0) out.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  if (!out.has("driver")) throw new SnapshotFormatError(file, 0, "driver", "missing: not `ethtool -i` output");
  return out;
}

/** `ethtool -c DEV`: coalescing parameters by key (`adaptive-rx`, `adaptive-tx`, `rx-usecs`, …). */
export function parseEthtoolCoalesce(text: string, file: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  let header = false;
  for (const { text: line } of numberedLines(text)) {
    const t = line.trim();
    if (/^Coalesce parameters for /.test(t)) {
      header = true;
      continue;
    }
    const adaptive = /^Adaptive RX:\s*(\S+)\s+TX:\s*(\S+)$/.exec(t);
    if (adaptive !== null) {
      out.set("adaptive-rx", adaptive[1]);
      out.set("adaptive-tx", adaptive[2]);
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(\S*)$/.exec(t);
    if (m !== null) out.set(m[1], m[2]);
  }
  if (!header) throw new SnapshotFormatError(file, 0, "", 'no "Coalesce parameters for" line: not `ethtool -c` output');
  return out;
}

export function parseEthtoolCoalesceJson(text: string, file: string): ReadonlyMap<string, string> {
  const [o] = jsonObjects(text, file);
  if (o === undefined) throw new SnapshotFormatError(file, 0, "", "an empty list");
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (k === "ifname") continue;
    const name = k === "rx-adaptive-usecs" || k === "adaptive-rx" ? "adaptive-rx" : k === "tx-adaptive-usecs" || k === "adaptive-tx" ? "adaptive-tx" : k;
    out.set(name, typeof v === "boolean" ? (v ? "on" : "off") : String(v));
  }
  return out;
}

/** `ethtool -S DEV`: counters by name, in file order. */
export function parseEthtoolStats(text: string, file: string): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  let header = false;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (t === "") continue;
    if (/^(NIC|Standard) statistics/.test(t)) {
      header = true;
      continue;
    }
    const m = /^(.+?):\s*(-?\d+)$/.exec(t);
    if (m === null) throw new SnapshotFormatError(file, n, "", `unexpected line ${JSON.stringify(t)}`);
    out.set(m[1], Number(m[2]));
  }
  if (!header) throw new SnapshotFormatError(file, 0, "", 'no "NIC statistics:" line: not `ethtool -S` output');
  return out;
}

/**
 * Received packets of each rx queue from `ethtool -S` names, as the drivers spell them:
 * `rx_queue_3_packets` (ixgbe, i40e, ice, ena `queue_3_rx_cnt`…), `rx3_packets` (mlx5,
 * virtio_net), `queue_3_rx_cnt` (ena). Empty when no per-queue packet counter is found.
 */
export function perQueueRxPackets(stats: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const [name, value] of stats) {
    const m = /^rx_queue_(\d+)_packets$/.exec(name) ?? /^rx(\d+)_packets$/.exec(name) ?? /^queue_(\d+)_rx_cnt$/.exec(name) ?? /^rx-(\d+)\.packets$/.exec(name);
    if (m !== null) out[Number(m[1])] = value;
  }
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
}
