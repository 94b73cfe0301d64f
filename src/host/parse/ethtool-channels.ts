/**
 * `ethtool -l DEV` (channels), text and JSON forms.
 *
 * Text: "Pre-set maximums:" then "Current hardware settings:", each with `RX:`, `TX:`, `Other:`,
 * `Combined:` lines (tabs or spaces). The netlink ethtool prints `n/a` for a count the driver
 * does not report; the ioctl path (older ethtool) prints `0` — both read as null here, since a
 * driver with no such channels reports 0 either way (ethtool's netlink/channels.c prints n/a
 * only for absent attributes; its ioctl fallback prints the struct's zeros).
 * JSON (`ethtool --json -l`, ethtool 6.15+): `rx-max`, `tx-max`, `other-max`, `combined-max`,
 * `rx`, `tx`, `other`, `combined`, absent when not reported.
 */
import { SnapshotFormatError, count, jsonCount, jsonObjects, numberedLines } from "./format-error.js";

export interface ChannelCounts {
  readonly rx: number | null;
  readonly tx: number | null;
  readonly other: number | null;
  readonly combined: number | null;
}

export interface EthtoolChannels {
  readonly max: ChannelCounts;
  readonly current: ChannelCounts;
}

const KEYS: Readonly<Record<string, keyof ChannelCounts>> = { rx: "rx", tx: "tx", other: "other", combined: "combined" };

export function parseEthtoolChannels(text: string, file: string): EthtoolChannels {
  const sections: Record<"max" | "current", Partial<Record<keyof ChannelCounts, number | null>>> = { max: {}, current: {} };
  let section: "max" | "current" | null = null;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (t === "" || /^Channel parameters for /.test(t)) continue;
    if (/^Pre-set maximums:$/.test(t)) section = "max";
    else if (/^Current hardware settings:$/.test(t)) section = "current";
    else {
      const m = /^([A-Za-z ]+):\s*(\S+)$/.exec(t);
      if (m === null) throw new SnapshotFormatError(file, n, "", `unexpected line ${JSON.stringify(t)}`);
      const key = KEYS[m[1].trim().toLowerCase()];
      if (key === undefined) continue;
      if (section === null) throw new SnapshotFormatError(file, n, m[1], "appears before \"Pre-set maximums:\"");
      const value = m[2] === "n/a" ? null : count(m[2], file, n, m[1]);
      sections[section][key] = value === 0 ? null : value;
    }
  }
  if (section === null) throw new SnapshotFormatError(file, 0, "", 'no "Pre-set maximums:" section: not `ethtool -l` output');
  const counts = (s: Partial<Record<keyof ChannelCounts, number | null>>): ChannelCounts => ({
    rx: s.rx ?? null,
    tx: s.tx ?? null,
    other: s.other ?? null,
    combined: s.combined ?? null,
  });
  return { max: counts(sections.max), current: counts(sections.current) };
}

export function parseEthtoolChannelsJson(text: string, file: string): EthtoolChannels {
  const [o] = jsonObjects(text, file);
  if (o === undefined) throw new SnapshotFormatError(file, 0, "", "an empty list");
  const get = (key: string): number | null => {
    const v = jsonCount(o, key, file);
    return v === undefined || v === 0 ? null : v;
  };
  return {
    max: { rx: get("rx-max"), tx: get("tx-max"), other: get("other-max"), combined: get("combined-max") },
    current: { rx: get("rx"), tx: get("tx"), other: get("other"), combined: get("combined") },
  };
}

/** The rx queues in use and their maximum: combined channels plus rx-only ones (a NAPI and IRQ each). */
export function rxQueues(channels: EthtoolChannels): { readonly current: number | null; readonly max: number | null } {
  const sum = (c: ChannelCounts): number | null => (c.combined === null && c.rx === null ? null : (c.combined ?? 0) + (c.rx ?? 0));
  return { current: sum(channels.current), max: sum(channels.max) };
}
