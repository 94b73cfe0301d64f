#!/usr/bin/env node
// scripts/build-if-stale.mjs — builds dist/ when it is missing or older than anything it is
// built from, so what runs the built CLI or worker (the tests, the native-free check) never runs
// a stale build, and nothing builds twice (`npm ci` builds in `prepare`, then `npm test` finds
// dist/ fresh).
//
//   node scripts/build-if-stale.mjs            build if stale, else say it is fresh
//   node scripts/build-if-stale.mjs --force    build anyway
//
// The build is `npm run build`'s, but for the type check: tsc --noCheck emits dist/ (the same
// JavaScript, and the same declarations up to the order of union members), then
// scripts/bundle-cli.mjs bundles the CLI and the worker. `npm test` checks the types once, for
// src/, bench/ and test/ together (`npm run typecheck`); `npm run build` still checks them.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** What the build reads (package-lock.json: the bundle includes the installed packages). */
const SOURCES = ["src", "bench", "scripts", "package.json", "package-lock.json", "tsconfig.json"];
/** The build's last output. */
const LAST_OUTPUT = "dist/bin/nicsim.js";

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Why dist/ must be rebuilt, or undefined when it is fresh. */
export function staleBecause() {
  const last = join(ROOT, LAST_OUTPUT);
  if (!existsSync(last)) return `${LAST_OUTPUT} is missing`;
  const built = statSync(last).mtimeMs;
  const newer = SOURCES.find((p) => existsSync(join(ROOT, p)) && newestMtime(join(ROOT, p)) > built);
  return newer === undefined ? undefined : `${newer} is newer than ${LAST_OUTPUT}`;
}

/**
 * Builds dist/; returns the failing step's output, or undefined when both steps passed. A failed
 * build leaves no LAST_OUTPUT, so the next run builds again.
 */
export function build() {
  const bin = join(ROOT, "node_modules/.bin");
  rmSync(join(ROOT, LAST_OUTPUT), { force: true });
  for (const [command, args] of [
    [join(bin, "tsc"), ["-p", "tsconfig.json", "--noCheck"]],
    [process.execPath, ["scripts/bundle-cli.mjs"]],
  ]) {
    const r = spawnSync(command, args, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) {
      rmSync(join(ROOT, LAST_OUTPUT), { force: true });
      return `${[command, ...args].join(" ")} failed:\n${r.stdout ?? ""}${r.stderr ?? ""}${r.error?.message ?? ""}`;
    }
  }
  return undefined;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const why = process.argv.includes("--force") ? "--force" : staleBecause();
  if (why === undefined) {
    console.log(`dist/ is fresh (${LAST_OUTPUT} is newer than ${SOURCES.join(", ")})`);
  } else {
    console.log(`building dist/: ${why}`);
    const failed = build();
    if (failed !== undefined) {
      console.error(failed);
      process.exit(1);
    }
  }
}
