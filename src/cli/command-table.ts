/**
 * The commands of `nicsim`: each with its help text and a loader. A command's module, and what
 * it imports (the pool, the engine, the YAML parser, the HDR library), is loaded only when that
 * command runs, so `nicsim --help` and the light commands (`validate`, `rss hash`, `route get`)
 * start about as fast as node itself; bench/startup.bench.ts measures it.
 */
import {
  BENCH_HELP,
  COMPARE_HELP,
  MERGE_HELP,
  REPORT_HELP,
  ROUTE_HELP,
  RSS_HASH_HELP,
  RSS_KEY_QUALITY_HELP,
  RSS_SPREAD_HELP,
  RUN_HELP,
  SCHEMA_HELP,
  VALIDATE_HELP,
} from "./help.js";
import { CALIBRATE_HELP, IMPORT_HELP, SNAPSHOT_HELP } from "./host-help.js";
import { CAPACITY_HELP, ROLLOUT_HELP, TUNE_HELP } from "./plan-help.js";

/** A command: its words after the command name in, its exit status out. */
export type Command = (args: readonly string[]) => number | Promise<number>;

export interface CommandEntry {
  /** One line for the short usage that bare `nicsim` prints. */
  readonly summary: string;
  /** Help paragraphs, in the order `nicsim --help` prints them. */
  readonly help: readonly string[];
  readonly load: () => Promise<Command>;
}

/** In the order of the help text. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  bench: { summary: "the built-in benchmark: 1–8 queues at 0.5–4 Mpps on a 16-vCPU cloud host", help: [BENCH_HELP], load: async () => (await import("./commands/bench.js")).benchCommand },
  run: { summary: "simulate every sweep point of a scenario file; one row per point", help: [RUN_HELP], load: async () => (await import("./commands/run.js")).runCommand },
  compare: { summary: "compare two result documents point by point (exit 1 on a regression)", help: [COMPARE_HELP], load: async () => (await import("./commands/compare.js")).compareCommand },
  merge: { summary: "put the result files of a sharded run back together", help: [MERGE_HELP], load: async () => (await import("./commands/merge.js")).mergeCommand },
  report: { summary: "one self-contained HTML page of charts from a result document", help: [REPORT_HELP], load: async () => (await import("./commands/report.js")).reportCommand },
  validate: { summary: "check a scenario file and every sweep point", help: [VALIDATE_HELP], load: async () => (await import("./commands/validate.js")).validateCommand },
  schema: { summary: "print the JSON Schema of scenario files", help: [SCHEMA_HELP], load: async () => (await import("./commands/schema.js")).schemaCommand },
  rss: { summary: "RSS hash of a packet, queue spread of a scenario, key quality", help: [RSS_HASH_HELP, RSS_SPREAD_HELP, RSS_KEY_QUALITY_HELP], load: async () => (await import("./commands/rss.js")).rssCommand },
  route: { summary: "answer `ip route get` as the kernel would, from a routing configuration", help: [ROUTE_HELP], load: async () => (await import("./commands/route.js")).routeCommand },
  snapshot: { summary: "record this host's NIC, IRQ, steering and CPU state", help: [SNAPSHOT_HELP], load: async () => (await import("./commands/snapshot.js")).snapshotCommand },
  import: { summary: "build a scenario from a snapshot", help: [IMPORT_HELP], load: async () => (await import("./commands/import.js")).importCommand },
  calibrate: { summary: "fit cycle costs from a host's own counters", help: [CALIBRATE_HELP], load: async () => (await import("./commands/calibrate.js")).calibrateCommand },
  capacity: { summary: "the highest load that meets an SLO, per configuration", help: [CAPACITY_HELP], load: async () => (await import("./commands/capacity.js")).capacityCommand },
  tune: { summary: "search queue count, IRQ placement, RPS, indirection, RFS for the best under an SLO", help: [TUNE_HELP], load: async () => (await import("./commands/tune.js")).tuneCommand },
  rollout: { summary: "write a script that moves a host to the chosen settings, and back", help: [ROLLOUT_HELP], load: async () => (await import("./commands/rollout.js")).rolloutCommand },
};

/** The entry of `name`, or undefined for a word that is no command (`toString` included). */
export function commandNamed(name: string): CommandEntry | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
