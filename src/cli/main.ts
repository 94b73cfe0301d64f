#!/usr/bin/env node
/**
 * The `nicsim` command. Thin: it parses words, calls the library, prints, and maps errors to
 * exit statuses — 0 success, 2 bad input (usage, scenario, file), 1 internal error.
 */
import { ConfigError, LoadError } from "../config/errors.js";
import { VERSION } from "../version.js";
import { BENCH_HELP, benchCommand } from "./commands/bench.js";
import { COMPARE_HELP, compareCommand } from "./commands/compare.js";
import { MERGE_HELP, mergeCommand } from "./commands/merge.js";
import { REPORT_HELP, reportCommand } from "./commands/report.js";
import { ROUTE_HELP, routeCommand } from "./commands/route.js";
import { RSS_HELPS, rssCommand } from "./commands/rss.js";
import { RUN_HELP, runCommand } from "./commands/run.js";
import { SCHEMA_HELP, schemaCommand } from "./commands/schema.js";
import { VALIDATE_HELP, validateCommand } from "./commands/validate.js";
import { UsageError } from "./usage-error.js";

const HELP = `nicsim ${VERSION} — simulate the Linux receive path of a multi-queue NIC host

Usage:
${[BENCH_HELP, RUN_HELP, COMPARE_HELP, MERGE_HELP, REPORT_HELP, VALIDATE_HELP, SCHEMA_HELP, ...RSS_HELPS, ROUTE_HELP].map((h) => `  ${h.replace(/\n/g, "\n  ")}`).join("\n\n")}

  nicsim help | --help      this text
  nicsim --version          the version

Exit status: 0 success, 2 bad input (arguments, scenario, files), 1 internal error or a job
that failed (compare: 1 regression). Ctrl-C or SIGTERM ends a command at once by the signal,
writing no file (the shell shows 130 or 143).`;

const COMMANDS: Readonly<Record<string, (args: readonly string[]) => number | Promise<number>>> = {
  bench: benchCommand,
  run: runCommand,
  compare: compareCommand,
  merge: mergeCommand,
  report: reportCommand,
  validate: validateCommand,
  schema: schemaCommand,
  rss: rssCommand,
  route: routeCommand,
};

const COMMAND_HELP: Readonly<Record<string, string>> = {
  bench: BENCH_HELP,
  run: RUN_HELP,
  compare: COMPARE_HELP,
  merge: MERGE_HELP,
  report: REPORT_HELP,
  validate: VALIDATE_HELP,
  schema: SCHEMA_HELP,
  rss: RSS_HELPS.join("\n\n"),
  route: ROUTE_HELP,
};

function main(argv: readonly string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")}, help)`);
  // Every command takes --help (before `--`, which ends the options).
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  if (options.includes("--help") || options.includes("-h")) {
    process.stdout.write(`${COMMAND_HELP[command]}\n`);
    return 0;
  }
  return run(rest);
}

// A closed pipe (`nicsim bench | head`) ends output quietly; any other write error on stdout
// (a full disk, `> /dev/full`) fails the command (the table is lost: it is not a success).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`nicsim: cannot write to stdout (${error.code ?? error.message})\n`);
  process.exit(2);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof LoadError) {
    process.stderr.write(`nicsim: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nicsim: internal error: ${detail}\n`);
    if (process.env.NICSIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
