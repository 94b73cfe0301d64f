/**
 * What `run` and `bench` print on stdout for each `--format`: the table, the JSON document, CSV,
 * or Markdown. A shard's table says it is a shard.
 */
import { resultsCsv } from "../report/results-csv.js";
import { resultsMarkdown } from "../report/results-markdown.js";
import type { RunResult } from "../report/result-model.js";
import { irqMovesTables } from "../report/irq-moves-table.js";
import { perCpuTables } from "../report/per-cpu-table.js";
import { resultsTable } from "../report/results-table.js";
import { routingNote } from "../report/routing-note.js";
import { bandwidthNote } from "../report/bandwidth-note.js";
import { appNote } from "../report/app-note.js";
import { summedDropsNote } from "../report/results-columns.js";
import { fewPacketsNote, settingsNote, type SettingsContext } from "../report/settings-note.js";
import { resultJson } from "./output.js";
import type { ResultFormat } from "./sweep-options.js";

/** The shard line under a table, or "" for an unsharded run. */
export function shardNote(result: RunResult): string {
  const s = result.shard;
  if (s === undefined) return "";
  return `Shard ${s.index}/${s.count}: ${s.jobs.length} of ${s.totalJobs} jobs; a point holds only this shard's replications. Put the shards together with nicsim merge.`;
}

export interface ResultTextOptions {
  /** With the table: the per-CPU tables of each point. */
  readonly perCpu?: boolean;
  /** With the table or Markdown: the settings lines above it (report/settings-note.ts). */
  readonly settings?: SettingsContext;
}

/**
 * The result in `format`, ending with a newline. A table (and Markdown) opens with the settings
 * the run used and is followed by notes: rates from few packets, summed drops, routing, bandwidth, application, shard; a table then by
 * irqbalance's scans and moves (points with `irq.policy: irqbalance`) and, with `perCpu`, the
 * per-CPU tables.
 */
export function resultText(result: RunResult, format: ResultFormat, options: ResultTextOptions = {}): string {
  const note = [fewPacketsNote(result.points), summedDropsNote(result.points), routingNote(result.points), bandwidthNote(result.points), appNote(result.points), shardNote(result)].filter((line) => line !== "").join("\n");
  const settings = options.settings === undefined ? "" : settingsNote(result.points, options.settings);
  const head = settings === "" ? "" : `${settings}\n\n`;
  switch (format) {
    case "json":
      return resultJson(result);
    case "csv":
      return `${resultsCsv(result.points)}\n`;
    case "md":
      return `${head}${resultsMarkdown(result.points)}\n${note === "" ? "" : `\n${note}\n`}`;
    case "table": {
      const moves = irqMovesTables(result.points);
      return `${head}${resultsTable(result.points)}\n${note === "" ? "" : `\n${note}\n`}${moves === "" ? "" : `\n${moves}\n`}${options.perCpu === true ? `\n${perCpuTables(result.points)}\n` : ""}`;
    }
  }
}
