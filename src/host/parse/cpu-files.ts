/**
 * CPU description files: `lscpu -p=CPU,CORE,SOCKET,NODE` (comment lines starting with '#',
 * then one comma-separated row per CPU; a missing NODE is empty) and /proc/cpuinfo's clock
 * (`cpu MHz`, or the `@ 2.50GHz` of the model name), sysfs cpufreq `base_frequency` (kHz).
 */
import { SnapshotFormatError, numberedLines } from "./format-error.js";

export interface LscpuRow {
  readonly cpu: number;
  readonly core: number;
  readonly socket: number;
  /** -1 when lscpu leaves NODE empty (no NUMA). */
  readonly node: number;
}

export function parseLscpuParse(text: string, file: string): LscpuRow[] {
  const out: LscpuRow[] = [];
  for (const { n, text: line } of numberedLines(text)) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const f = line.split(",");
    if (f.length < 3) throw new SnapshotFormatError(file, n, "", `${f.length} fields; expected CPU,CORE,SOCKET,NODE`);
    const num = (i: number, field: string): number => {
      const v = (f[i] ?? "").trim();
      if (v === "" && field === "NODE") return -1;
      if (!/^\d+$/.test(v)) throw new SnapshotFormatError(file, n, field, `${JSON.stringify(v)} is not a whole number`);
      return Number(v);
    };
    out.push({ cpu: num(0, "CPU"), core: num(1, "CORE"), socket: num(2, "SOCKET"), node: num(3, "NODE") });
  }
  if (out.length === 0) throw new SnapshotFormatError(file, 0, "", "no CPU rows");
  return out;
}

/** The clock /proc/cpuinfo gives, with what it came from; null if neither form is there. */
export function cpuinfoGhz(text: string): { readonly ghz: number; readonly from: string } | null {
  const model = /^model name\s*:.*@\s*([\d.]+)\s*GHz/m.exec(text);
  if (model !== null) return { ghz: Number(model[1]), from: "model name" };
  const mhz = /^cpu MHz\s*:\s*([\d.]+)/m.exec(text);
  if (mhz !== null) return { ghz: Math.round(Number(mhz[1])) / 1000, from: "cpu MHz" };
  return null;
}
