import { DEFAULT_METRICS, METRICS } from "../report/metrics.js";
import { UsageError } from "./usage-error.js";

/** `--metric throughput,p99,drops`: comma-separated metric names, each known, none twice. */
export function parseMetrics(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_METRICS];
  const names = text.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!Object.hasOwn(METRICS, name)) throw new UsageError(`--metric: "${name}" is not one of ${Object.keys(METRICS).join(", ")}`);
  }
  if (new Set(names).size !== names.length) throw new UsageError(`--metric: "${text}" names a metric twice`);
  return names;
}
