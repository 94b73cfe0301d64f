/**
 * The options `run` and `bench` share: how to run (--jobs, --seed, --shard), what to write
 * (--json, --hlog, --format) and how loud to be (--quiet).
 */
import type { Shard } from "../pool/shard.js";
import { parseFormat } from "./format-option.js";
import { parseJobs } from "./jobs-option.js";
import { parseSeed, stringOption, type OptionSpec, type ParsedCommand } from "./parse.js";
import { parseShard } from "./shard-option.js";
import { UsageError } from "./usage-error.js";

export const RESULT_FORMATS = ["table", "json", "csv", "md"] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export const SWEEP_OPTION_SPEC: OptionSpec = {
  json: { type: "string" },
  hlog: { type: "string" },
  format: { type: "string" },
  seed: { type: "string" },
  jobs: { type: "string" },
  shard: { type: "string" },
  quiet: { type: "boolean" },
  "per-cpu": { type: "boolean" },
  yes: { type: "boolean" },
};

export const SWEEP_OPTIONS_HELP = `--format F    what to print: table (default), json (the result document), csv, md (Markdown)
  --json FILE   also write the versioned result document to FILE ("-" for stdout)
  --hlog FILE   also write the latency histograms as an HdrHistogram log (one tagged interval
                per point)
  --jobs N      worker threads (default: this machine's parallelism; 1 runs in-process)
  --shard K/N   run only the K-th of N slices of the job list (JOB_COMPLETION_INDEX and
                NICSIM_SHARD_COUNT give K and N in a Kubernetes Indexed Job); merge with nicsim merge
  --per-cpu     with the table, per-CPU tables of each point: time split like mpstat (%irq, %soft,
                %app, %idle), IRQs, polls, tx completions and the
                /proc/net/softnet_stat counters (processed, dropped, time_squeeze, received_rps)
  --quiet       print nothing on stdout or stderr but errors (no table, no progress bar)
  --yes         run even if the work is estimated at more than 5 minutes (refused otherwise)`;

export interface SweepOptionValues {
  readonly format: ResultFormat;
  readonly json: string | undefined;
  readonly hlog: string | undefined;
  readonly seed: number | undefined;
  readonly jobs: number;
  readonly shard: Shard | undefined;
  readonly quiet: boolean;
  readonly perCpu: boolean;
  readonly yes: boolean;
}

export function sweepOptionValues(parsed: ParsedCommand, env: NodeJS.ProcessEnv): SweepOptionValues {
  const format = parseFormat(stringOption(parsed, "format"), RESULT_FORMATS);
  if (parsed.values["per-cpu"] === true && format !== "table") {
    throw new UsageError(`--per-cpu: only with --format table (with --format ${format} it would print nothing more; the JSON document holds each point's perCpu figures)`);
  }
  return {
    format,
    json: stringOption(parsed, "json"),
    hlog: stringOption(parsed, "hlog"),
    seed: parseSeed(stringOption(parsed, "seed")),
    jobs: parseJobs(stringOption(parsed, "jobs")),
    shard: parseShard(stringOption(parsed, "shard"), env),
    quiet: parsed.values.quiet === true,
    perCpu: parsed.values["per-cpu"] === true,
    yes: parsed.values.yes === true,
  };
}
