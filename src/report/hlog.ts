/**
 * HdrHistogram interval log (`.hlog`, log format 1.3) of a run: one tagged interval per point,
 * readable by HdrHistogram's log tools (Java HistogramLogReader / HistogramLogProcessor,
 * hdr-histogram-js HistogramLogReader and listTags).
 *
 * - Values are latencies in ns. `Interval_Max` is written in µs (maxValueUnitRatio 1000, the JS
 *   default); Java's HistogramLogProcessor needs `-outputValueUnitRatio 1000` to print µs.
 * - Tag: the point's sweep values, `queues=4;traffic.load.pps=2000000` (tags cannot hold commas
 *   or spaces: those become `_`); `scenario` when there is no sweep.
 * - Timestamps are simulated, not wall-clock: point i's interval starts where point i − 1's
 *   ended, and lasts its measurement window (duration − warm-up, × replications). A
 *   `#[BaseTime: 0.000 …]` line says the timestamps are relative. No StartTime: the same run
 *   gives the same file, byte for byte.
 */
import { hdrLibrary } from "../stats/hdr-library.js";
import type { PointResult } from "./result-model.js";

/** The hlog tag of a point. */
export function hlogTag(point: PointResult): string {
  const entries = Object.entries(point.params);
  if (entries.length === 0) return "scenario";
  return entries.map(([name, value]) => `${name}=${value}`.replace(/[\s,]/g, "_")).join(";");
}

/** The log text; `windowsS[i]` is point i's measurement window in seconds. */
export function hlogText(points: readonly PointResult[], windowsS: readonly number[], generator: string): string {
  const { decodeFromCompressedBase64, HistogramLogWriter } = hdrLibrary();
  let text = "";
  const writer = new HistogramLogWriter((s) => (text += s));
  writer.outputLogFormatVersion();
  writer.outputComment(`[${generator}: latency from NIC arrival to the end of stack processing, values in ns, Interval_Max in us]`);
  writer.outputComment("[BaseTime: 0.000 (seconds since epoch)]");
  writer.outputLegend();
  let start = 0;
  points.forEach((point, i) => {
    const histogram = decodeFromCompressedBase64(point.latencyHdr, 64, false);
    histogram.tag = hlogTag(point);
    writer.outputIntervalHistogram(histogram, start, start + windowsS[i], 1000);
    start += windowsS[i];
  });
  return text;
}
