/**
 * /proc/net/softnet_stat: one line per online CPU, hex columns (net/core/net-procfs.c
 * `softnet_seq_show`). Columns: 1 processed, 2 dropped (backlog full), 3 time_squeeze, 4–8 zero,
 * 9 cpu_collision (zero since 4.x), 10 received_rps (2.6.35+), 11 flow_limit_count (3.11+),
 * 12 backlog length, 13 CPU id (5.10+), 14 input_pkt_queue and 15 process_queue lengths (6.x).
 * So a file has 9, 10, 11, 13 or 15 columns by kernel version. Before column 13 existed, line i
 * is the i-th *online* CPU: with CPUs offline that is not CPU i (`cpuIdKnown` says which case).
 */
import { SnapshotFormatError, numberedLines } from "./format-error.js";

export interface SoftnetCpu {
  /** CPU id: column 13, or the line index when the kernel does not print it. */
  readonly cpu: number;
  readonly processed: number;
  readonly dropped: number;
  readonly timeSqueeze: number;
  /** null: the kernel does not print the column. */
  readonly receivedRps: number | null;
  readonly flowLimit: number | null;
  readonly backlogLen: number | null;
}

export interface SoftnetStat {
  readonly columns: number;
  readonly cpuIdKnown: boolean;
  readonly cpus: readonly SoftnetCpu[];
}

const KNOWN_WIDTHS = new Set([9, 10, 11, 13, 15]);

export function parseSoftnetStat(text: string, file: string): SoftnetStat {
  let columns = 0;
  const cpus: SoftnetCpu[] = [];
  for (const { n, text: line } of numberedLines(text)) {
    const words = line.trim().split(/\s+/);
    if (words.length === 1 && words[0] === "") continue;
    if (!KNOWN_WIDTHS.has(words.length)) {
      throw new SnapshotFormatError(file, n, "", `${words.length} columns; softnet_stat has 9, 10, 11, 13 or 15 (by kernel version)`);
    }
    if (columns !== 0 && words.length !== columns) throw new SnapshotFormatError(file, n, "", `${words.length} columns, but line 1 has ${columns}`);
    columns = words.length;
    const values = words.map((w, i) => {
      if (!/^[0-9a-fA-F]{1,16}$/.test(w)) throw new SnapshotFormatError(file, n, `column ${i + 1}`, `${JSON.stringify(w)} is not hex`);
      return parseInt(w, 16);
    });
    cpus.push({
      cpu: columns >= 13 ? values[12] : cpus.length,
      processed: values[0],
      dropped: values[1],
      timeSqueeze: values[2],
      receivedRps: columns >= 10 ? values[9] : null,
      flowLimit: columns >= 11 ? values[10] : null,
      backlogLen: columns >= 12 ? values[11] : null,
    });
  }
  if (cpus.length === 0) throw new SnapshotFormatError(file, 0, "", "empty: no CPU lines");
  return { columns, cpuIdKnown: columns >= 13, cpus };
}
