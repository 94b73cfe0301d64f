#!/usr/bin/env node
// scripts/test.mjs — what `npm test` runs: every check, the independent ones side by side.
//
//   node scripts/test.mjs [vitest arguments…]     (npm test -- test/rss-*.test.ts passes them on)
//
// 1. At once: lint (eslint), the type check (tsc over src/, bench/ and test/: the types are
//    checked here, once), and the build when dist/ is stale (scripts/build-if-stale.mjs: tsc
//    --noCheck emits dist/, scripts/bundle-cli.mjs bundles the CLI; after `npm ci`, whose
//    `prepare` built it, dist/ is fresh), followed by the native-free check of the built CLI
//    (native-free/check.mjs). Each is one thread, so on a 2-core machine two of them always
//    have a core.
// 2. Then, when all of them passed, the tests (vitest run), on the fresh build.
// Each step's output is printed when it ends, under its name, so steps never interleave; a
// summary of the steps and their wall times ends the run. Exits 1 when any step failed.

import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = resolve(ROOT, "node_modules/.bin");

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
      if (!stream) process.stdout.write(`\n> ${name} (${seconds.toFixed(1)} s)\n${output}${error === undefined ? "" : `${error}\n`}`);
      done({ name, ok: status === 0, seconds });
    };
    child.on("error", (error) => finish(null, `cannot run ${command}: ${error.message}`));
    child.on("close", (status) => finish(status));
  });
}

/** Steps one after the other, stopping at the first that fails. */
async function chain(...steps) {
  const results = [];
  for (const step of steps) {
    const r = await step();
    results.push(r);
    if (!r.ok) break;
  }
  return results;
}

const node = process.execPath;
const started = process.hrtime.bigint();
const checks = (
  await Promise.all([
    chain(() => run("lint", resolve(BIN, "eslint"), ["."])),
    chain(() => run("typecheck", resolve(BIN, "tsc"), ["-p", "tsconfig.test.json"])),
    chain(
      () => run("build if stale", node, ["scripts/build-if-stale.mjs"]),
      () => run("native-free", node, ["native-free/check.mjs"]),
    ),
  ])
).flat();
const results = [...checks];
if (checks.every((r) => r.ok)) {
  process.stdout.write("\n> vitest run\n");
  results.push(await run("vitest", resolve(BIN, "vitest"), ["run", ...process.argv.slice(2)], { stream: true }));
}
const total = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`\n${results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(42)} ${r.seconds.toFixed(1).padStart(6)} s`).join("\n")}\n`);
process.stdout.write(`${"".padEnd(47)} ${total.toFixed(1).padStart(6)} s in all\n`);
if (!checks.every((r) => r.ok)) process.stdout.write("vitest not run: a check above failed\n");
process.exit(results.every((r) => r.ok) && checks.every((r) => r.ok) ? 0 : 1);
