#!/usr/bin/env node
/**
 * The `nicsim` executable: runs nicsim.ts's `main` on the process's words and streams. Thin: it
 * parses words, calls the library, prints, and maps errors to exit statuses — 0 success, 2 bad
 * input (usage, scenario, file), 1 internal error.
 */
import { main } from "./nicsim.js";
import { stdoutErrorReported } from "./output.js";

// A closed pipe (`nicsim bench | head`) ends output quietly; any other write error on stdout
// (a full disk, `> /dev/full`) fails the command with exit 2 — once: a command that saw the error
// itself (output.ts `writeStdout`) has already said so and returned 2.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  if (stdoutErrorReported()) return;
  process.stderr.write(`nicsim: cannot write to stdout (${error.code ?? error.message})\n`);
  process.exit(2);
});

// No SIGINT/SIGTERM handler here: a signal keeps its default action, so Ctrl-C ends a command at
// once, even inside a synchronous simulation, and the shell sees 130/143; the few milliseconds of
// writing files hold the signals (interrupt.ts `holdStopSignals`).

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
