#!/usr/bin/env node
/**
 * The `nicsim` executable: runs nicsim.ts's `main` on the process's words and streams. Thin: it
 * parses words, calls the library, prints, and maps errors to exit statuses — 0 success, 2 bad
 * input (usage, scenario, file), 1 internal error.
 */
import { main } from "./nicsim.js";

// A closed pipe (`nicsim bench | head`) ends output quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
