#!/usr/bin/env node
// scripts/test.mjs — what `npm test` runs: every check, side by side.
//
//   node scripts/test.mjs [vitest arguments…]     (npm test -- test/rss-*.test.ts passes them on)
//
// 1. At once: lint (eslint), the type check (tsc over src/, bench/ and test/: the types are
//    checked here, once), and the build when dist/ is stale (scripts/build-if-stale.mjs: tsc
//    --noCheck emits dist/, scripts/bundle-cli.mjs bundles the CLI; after `npm ci`, whose
//    `prepare` built it, dist/ is fresh), followed by the native-free check of the built CLI
//    (native-free/check.mjs).
// 2. The tests (vitest run) start as soon as the build is fresh, beside lint and the type check:
//    on a 2-core machine the tests leave the cores idle for a while (vitest starting up, files
//    waiting on sleeps, the kernel or child processes, the last files), which the checks' 25
//    CPU-seconds fill, instead of running first while the tests wait. A failing check still
//    fails the run. (The checks keep the tests' priority: niced, they starved for a minute on a
//    machine that other work kept busy.)
// Each check's output is printed under its name when it ends, or after vitest's (which streams)
// when it ends while vitest runs, so outputs never interleave; a summary of the steps and their
// wall times ends the run. Exits 1 when any step failed.

import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = resolve(ROOT, "node_modules/.bin");

/** Outputs held back while vitest streams its own. */
let held = undefined;
function print(text) {
  if (held === undefined) process.stdout.write(text);
  else held.push(text);
}

/** One command; resolves with its status, wall time and (unless streamed) its output. */
function run(name, command, args, { stream = false } = {}) {
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"] });
    let output = "";
    if (!stream) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    const finish = (status, error) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!stream) print(`\n> ${name} (${seconds.toFixed(1)} s)\n${output}${error === undefined ? "" : `${error}\n`}`);
      done({ name, ok: status === 0, seconds });
    };
    child.on("error", (error) => finish(null, `cannot run ${command}: ${error.message}`));
    child.on("close", (status) => finish(status));
  });
}

const node = process.execPath;
const started = process.hrtime.bigint();
const lint = run("lint", resolve(BIN, "eslint"), ["."]);
const typecheck = run("typecheck", resolve(BIN, "tsc"), ["-p", "tsconfig.test.json"]);
const build = run("build if stale", node, ["scripts/build-if-stale.mjs"]);
const nativeFree = build.then((b) => (b.ok ? run("native-free", node, ["native-free/check.mjs"]) : undefined));
const tests = build.then(async (b) => {
  if (!b.ok) return undefined;
  process.stdout.write("\n> vitest run\n");
  held = [];
  const r = await run("vitest", resolve(BIN, "vitest"), ["run", ...process.argv.slice(2)], { stream: true });
  const texts = held;
  held = undefined;
  for (const text of texts) print(text);
  return r;
});
const results = (await Promise.all([lint, typecheck, build, nativeFree, tests])).filter((r) => r !== undefined);
const total = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`\n${results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(42)} ${r.seconds.toFixed(1).padStart(6)} s`).join("\n")}\n`);
process.stdout.write(`${"".padEnd(47)} ${total.toFixed(1).padStart(6)} s in all\n`);
if (!(await build).ok) process.stdout.write("vitest not run: the build failed\n");
process.exit(results.every((r) => r.ok) && (await build).ok ? 0 : 1);
