/**
 * `nicsim ARGS…` as a function: words in, exit status out — 0 success, 2 bad input (usage,
 * scenario, file), 1 internal error. main.ts is the executable around it; the tests call it
 * in-process (test/cli-helpers.ts).
 *
 * `io` receives what this dispatcher prints itself: the help, the version and the one-line error
 * of a failed command. The commands print their own output on process.stdout/stderr.
 */
import { ConfigError, LoadError } from "../config/errors.js";
import { VERSION } from "../version.js";
import { COMMANDS, commandNamed } from "./command-table.js";
import { UsageError } from "./usage-error.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** NICSIM_DEBUG set: an internal error also prints its stack. */
  readonly env: NodeJS.ProcessEnv;
}

const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

function helpText(): string {
  const paragraphs = Object.values(COMMANDS).flatMap((c) => c.help);
  return `nicsim ${VERSION} — simulate the Linux receive path of a multi-queue NIC host

Usage:
${paragraphs.map((h) => `  ${h.replace(/\n/g, "\n  ")}`).join("\n\n")}

  nicsim                    the list of commands, one line each
  nicsim help | --help      this text; nicsim help COMMAND (or COMMAND --help): one command's
  nicsim --version          the version

Exit status: 0 success, 2 bad input (arguments, scenario, files), 1 internal error or a job
that failed (compare: 1 regression). Ctrl-C or SIGTERM ends a command at once by the signal,
writing no file (the shell shows 130 or 143).`;
}

/** What bare `nicsim` prints: one line per command and where the full help is. */
function shortUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `nicsim ${VERSION} — simulate the Linux receive path of a multi-queue NIC host

Usage: nicsim COMMAND [ARGUMENTS…]

${lines.join("\n")}

nicsim COMMAND --help shows one command's options; nicsim --help shows every command's.`;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // Asking for nothing is not an error: the short usage, exit 0.
  if (command === undefined) {
    io.stdout.write(`${shortUsage()}\n`);
    return 0;
  }
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = command === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      io.stdout.write(`${helpText()}\n`);
      return 0;
    }
    const entry = commandNamed(topic);
    if (entry === undefined) throw new UsageError(`help: unknown command "${topic}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
    io.stdout.write(`${entry.help.join("\n\n")}\n`);
    return 0;
  }
  if (command === "--version" || command === "-V") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = commandNamed(command);
  if (entry === undefined) throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")}, help)`);
  // Every command takes --help (before `--`, which ends the options).
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  if (options.includes("--help") || options.includes("-h")) {
    io.stdout.write(`${entry.help.join("\n\n")}\n`);
    return 0;
  }
  const run = await entry.load();
  return run(rest);
}

/** Runs one command line; never throws. */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof LoadError) {
      io.stderr.write(`nicsim: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`nicsim: internal error: ${detail}\n`);
    if (io.env.NICSIM_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
