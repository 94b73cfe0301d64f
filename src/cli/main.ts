#!/usr/bin/env node
/**
 * The `nicsim` executable: runs nicsim.ts's `main` on the process's words and streams. Thin: it
 * parses words, calls the library, prints, and maps errors to exit statuses — 0 success, 2 bad
 * input (usage, scenario, file), 1 internal error.
 */
import { INTERRUPTED_EXIT_STATUS } from "./interrupt.js";
import { main } from "./nicsim.js";

// A closed pipe (`nicsim bench | head`) ends output quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
});

// Ctrl-C while a command is still loading, parsing or reading its files exits 130 at once, as
// the help says, instead of leaving the process to die of the signal. Once a run has put up its
// own handler (interrupt.ts: stop the pool, write nothing), that handler decides.
process.on("SIGINT", () => {
  if (process.listenerCount("SIGINT") === 1) process.exit(INTERRUPTED_EXIT_STATUS);
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
