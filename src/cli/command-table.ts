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
  /** Help paragraphs, in the order `nicsim --help` prints them. */
  readonly help: readonly string[];
  readonly load: () => Promise<Command>;
}

/** In the order of the help text. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  bench: { help: [BENCH_HELP], load: async () => (await import("./commands/bench.js")).benchCommand },
  run: { help: [RUN_HELP], load: async () => (await import("./commands/run.js")).runCommand },
  compare: { help: [COMPARE_HELP], load: async () => (await import("./commands/compare.js")).compareCommand },
  merge: { help: [MERGE_HELP], load: async () => (await import("./commands/merge.js")).mergeCommand },
  report: { help: [REPORT_HELP], load: async () => (await import("./commands/report.js")).reportCommand },
  validate: { help: [VALIDATE_HELP], load: async () => (await import("./commands/validate.js")).validateCommand },
  schema: { help: [SCHEMA_HELP], load: async () => (await import("./commands/schema.js")).schemaCommand },
  rss: { help: [RSS_HASH_HELP, RSS_SPREAD_HELP, RSS_KEY_QUALITY_HELP], load: async () => (await import("./commands/rss.js")).rssCommand },
  route: { help: [ROUTE_HELP], load: async () => (await import("./commands/route.js")).routeCommand },
  snapshot: { help: [SNAPSHOT_HELP], load: async () => (await import("./commands/snapshot.js")).snapshotCommand },
  import: { help: [IMPORT_HELP], load: async () => (await import("./commands/import.js")).importCommand },
  calibrate: { help: [CALIBRATE_HELP], load: async () => (await import("./commands/calibrate.js")).calibrateCommand },
  capacity: { help: [CAPACITY_HELP], load: async () => (await import("./commands/capacity.js")).capacityCommand },
  tune: { help: [TUNE_HELP], load: async () => (await import("./commands/tune.js")).tuneCommand },
  rollout: { help: [ROLLOUT_HELP], load: async () => (await import("./commands/rollout.js")).rolloutCommand },
};

/** The entry of `name`, or undefined for a word that is no command (`toString` included). */
export function commandNamed(name: string): CommandEntry | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
