#!/usr/bin/env node
// native-free/check.mjs — proves nicsim needs nothing native (see native-free/README.md).
//
//   node native-free/check.mjs            (from anywhere; paths are relative to the repo root)
//   NICSIM_CLI=/path/to/main.js node native-free/check.mjs   (run step 2 against another CLI file)
//   node native-free/check.mjs --verbose  (also list every runtime package and how it is reached)
//
// 1. Walks node_modules (nested node_modules and @scopes too; symlinks leading out of the tree are
//    not followed) and inspects every package for native code: a `.node` addon, a `binding.gyp`,
//    `"gypfile": true`, or an install/preinstall/postinstall script that runs node-gyp, prebuild,
//    node-pre-gyp or cmake-js. Packages reachable from package.json `dependencies` (the runtime
//    closure, resolved the way Node resolves them, optional and peer edges included) must have
//    none: any hit fails. Hits elsewhere (dev tooling) are printed as warnings.
// 2. Runs the CLI once under `node --no-addons` with a 120 s timeout; a non-zero exit fails.
// 3. Prints a one-line summary and exits 0, or prints the reasons and exits 1.
//
// Plain Node ESM, no dependencies, so it runs before (or without) anything else is built.

import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = realpathSync(resolve(dirname(fileURLToPath(import.meta.url)), ".."));
const NODE_MODULES = join(ROOT, "node_modules");
const CLI = resolve(ROOT, process.env.NICSIM_CLI ?? "dist/bin/nicsim.js");
const CLI_ARGS = ["run", "examples/ecs-16vcpu-udp.yaml", "--quiet"];
const CLI_TIMEOUT_MS = 120_000;
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall"];
const NATIVE_BUILD_TOOL = /\b(node-gyp|node-pre-gyp|prebuild|cmake-js)\b/;
const DEP_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies"];
const VERBOSE = process.argv.includes("--verbose");

/** Shown in messages: paths inside the repo relative to its root, others absolute. */
const rel = (p) => (isInside(p, ROOT) ? relative(ROOT, p) || "." : p);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function isInside(child, parent) {
  const r = relative(parent, child);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
}

// ---------------------------------------------------------------------------------------------
// 1a. Every package directory under node_modules.

const packages = new Map(); // real path → { dir, name, version, json }
const notes = new Set();
const outsideLinks = new Map(); // symlink path → real target outside node_modules
let realNodeModules = NODE_MODULES;

/** Real directory for a node_modules entry, or undefined when it must not be visited. */
function entryDir(path) {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) return path;
  if (!st.isSymbolicLink()) return undefined;
  let real;
  try {
    real = realpathSync(path);
  } catch {
    notes.add(`broken symlink ${rel(path)} (not checked)`);
    return undefined;
  }
  if (!isInside(real, realNodeModules)) {
    notes.add(`symlink ${rel(path)} → ${real} leads out of node_modules (not followed)`);
    outsideLinks.set(path, real);
    return undefined;
  }
  return lstatSync(real).isDirectory() ? real : undefined;
}

function addPackage(dir) {
  const real = realpathSync(dir);
  if (packages.has(real)) return;
  const json = readJson(join(real, "package.json"));
  if (json === undefined) return; // not a package (e.g. a stray folder)
  packages.set(real, { dir: real, name: json.name ?? basename(real), version: json.version ?? "?", json });
  walkNodeModules(join(real, "node_modules"));
}

function walkNodeModules(nm) {
  const dir = entryDir(nm);
  if (dir === undefined) return;
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith(".")) continue; // .bin, .package-lock.json, .vite caches
    const path = entryDir(join(dir, entry));
    if (path === undefined) continue;
    if (entry.startsWith("@")) {
      for (const scoped of readdirSync(path).sort()) {
        const p = entryDir(join(path, scoped));
        if (p !== undefined) addPackage(p);
      }
    } else {
      addPackage(path);
    }
  }
}

// 1b. Native code inside one package (its own files; nested node_modules are packages of their own).

function findNativeFiles(dir, pkgRoot, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") findNativeFiles(path, pkgRoot, out);
    } else if (e.isFile()) {
      // Symlinks are neither: not followed.
      if (e.name.endsWith(".node")) out.push(`ships addon ${relative(pkgRoot, path)}`);
      else if (e.name === "binding.gyp") out.push(`ships ${relative(pkgRoot, path)} (node-gyp build)`);
    }
  }
}

function nativeReasons(pkg) {
  const reasons = [];
  findNativeFiles(pkg.dir, pkg.dir, reasons);
  if (pkg.json.gypfile === true) reasons.push(`package.json has "gypfile": true`);
  const scripts = pkg.json.scripts ?? {};
  for (const key of INSTALL_SCRIPTS) {
    const script = scripts[key];
    if (typeof script === "string" && NATIVE_BUILD_TOOL.test(script)) {
      reasons.push(`scripts.${key} runs "${script}"`);
    }
  }
  return reasons;
}

// 1c. Closures: what `dependencies` (runtime) and `devDependencies` (tooling) pull in.

/**
 * Node's lookup: <dir>/node_modules/<name>, then each ancestor's, never above the repo root.
 * Returns { dir } (real path), { outside } for a symlink leading out of node_modules, or undefined.
 */
function resolvePackage(fromDir, name) {
  for (let d = fromDir; ; d = dirname(d)) {
    if (basename(d) !== "node_modules") {
      const path = join(d, "node_modules", name);
      const candidate = entryDir(path);
      if (candidate !== undefined && existsSync(join(candidate, "package.json"))) return { dir: realpathSync(candidate) };
      if (outsideLinks.has(path)) return { outside: outsideLinks.get(path) };
    }
    if (d === ROOT || !isInside(d, ROOT)) return undefined;
  }
}

/** Breadth-first closure from the root's `fields`; returns real dir → path of names from the root. */
function closure(rootJson, fields, problems) {
  const via = new Map();
  const queue = [];
  const visit = (fromDir, deps, kind, chain) => {
    for (const name of Object.keys(deps ?? {}).sort()) {
      const found = resolvePackage(fromDir, name);
      if (found?.outside !== undefined) {
        problems.unchecked.push(`${[...chain, name].join(" → ")} is a symlink to ${found.outside}, outside node_modules`);
        continue;
      }
      if (found === undefined) {
        if (kind === "dependencies") problems.missing.push(`${[...chain, name].join(" → ")} (not installed)`);
        continue; // optional/peer packages for other platforms are normally absent
      }
      const dir = found.dir;
      if (via.has(dir)) continue;
      const step = kind === "dependencies" ? name : `${name} (${kind})`;
      via.set(dir, [...chain, step]);
      queue.push(dir);
      if (!packages.has(dir)) addPackage(dir);
    }
  };
  for (const field of fields) visit(ROOT, rootJson[field], field, [rootJson.name ?? "root"]);
  while (queue.length > 0) {
    const dir = queue.shift();
    const pkg = packages.get(dir);
    if (pkg === undefined) continue;
    for (const field of DEP_FIELDS) visit(dir, pkg.json[field], field, via.get(dir));
  }
  return via;
}

// ---------------------------------------------------------------------------------------------

const failures = [];
const warnings = [];
const rootJson = readJson(join(ROOT, "package.json"));
if (rootJson === undefined) {
  console.error(`native-free: cannot read ${join(ROOT, "package.json")}`);
  process.exit(1);
}
if (!existsSync(NODE_MODULES)) failures.push("node_modules is missing: run `npm ci` first");
else {
  realNodeModules = realpathSync(NODE_MODULES);
  walkNodeModules(NODE_MODULES);
}

const runtimeProblems = { missing: [], unchecked: [] };
const runtime = closure(rootJson, ["dependencies", "optionalDependencies"], runtimeProblems);
const dev = closure(rootJson, ["devDependencies"], { missing: [], unchecked: [] });
for (const m of runtimeProblems.missing) warnings.push(`runtime dependency ${m}`);
// A runtime package we may not look into cannot be proven native-free.
for (const u of runtimeProblems.unchecked) failures.push(`runtime dependency ${u}: cannot be checked`);

let runtimeNative = 0;
const devNative = [];
for (const pkg of packages.values()) {
  const reasons = nativeReasons(pkg);
  if (reasons.length === 0) continue;
  const id = `${pkg.name}@${pkg.version} (${rel(pkg.dir)})`;
  const runtimeChain = runtime.get(pkg.dir);
  if (runtimeChain !== undefined) {
    runtimeNative++;
    failures.push(
      [`runtime package ${id} is native:`, ...reasons.map((r) => `    ${r}`), `    reached: ${runtimeChain.join(" → ")}`].join(
        "\n",
      ),
    );
  } else {
    const devChain = dev.get(pkg.dir);
    devNative.push({ pkg, reasons, reached: devChain === undefined ? "extraneous (no path from package.json)" : devChain.join(" → ") });
  }
}

// 2. The CLI under --no-addons.
let cliOk = false;
if (!existsSync(CLI)) {
  failures.push(`CLI ${rel(CLI)} not found: run \`npm run build\` (or point NICSIM_CLI at it)`);
} else {
  const args = ["--no-addons", CLI, ...CLI_ARGS];
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: CLI_TIMEOUT_MS,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  const cmd = `node ${args.map((a) => (isAbsolute(a) ? rel(a) : a)).join(" ")}`;
  const stderr = (run.stderr ?? "").trim();
  const stderrBlock = stderr === "" ? "" : `\n    stderr:\n${stderr.split("\n").slice(-40).map((l) => `      ${l}`).join("\n")}`;
  if (run.error?.code === "ETIMEDOUT") {
    failures.push(`\`${cmd}\` timed out after ${CLI_TIMEOUT_MS / 1000} s${stderrBlock}`);
  } else if (run.error !== undefined) {
    failures.push(`\`${cmd}\` could not start: ${run.error.message}`);
  } else if (run.status !== 0) {
    const how = run.status === null ? `was killed by ${run.signal}` : `exited with code ${run.status}`;
    failures.push(`\`${cmd}\` ${how}${stderrBlock}`);
  } else {
    cliOk = true;
  }
}

// 3. Report.
if (VERBOSE) {
  console.log(`native-free: runtime closure (${runtime.size} packages):`);
  for (const [dir, chain] of runtime) {
    const pkg = packages.get(dir);
    console.log(`  ${pkg.name}@${pkg.version} (${rel(dir)}) ← ${chain.join(" → ")}`);
  }
}
const devSummary =
  devNative.length === 0
    ? `${packages.size - runtime.size} packages, no native addons`
    : `${packages.size - runtime.size} packages, ${devNative.length} native (warning): ${devNative.map((d) => d.pkg.name).join(", ")}`;

if (devNative.length > 0) {
  console.log("native-free: warning: dev tooling ships native code (test/build-time only, never loaded by nicsim):");
  for (const d of devNative) {
    console.log(`  ${d.pkg.name}@${d.pkg.version} (${rel(d.pkg.dir)}): ${d.reasons.join("; ")}`);
    console.log(`    reached: ${d.reached}`);
  }
}
for (const w of warnings) console.log(`native-free: warning: ${w}`);
for (const n of notes) console.log(`native-free: note: ${n}`);

if (failures.length > 0) {
  console.error(`native-free: FAILED (${failures.length} problem${failures.length === 1 ? "" : "s"})`);
  for (const f of failures) console.error(`  ✗ ${f}`);
  console.error(
    `native-free: ${runtime.size} runtime packages checked, ${runtimeNative} native; dev tooling: ${devSummary}; ` +
      `CLI ${cliOk ? "ran" : "did not run cleanly"} under --no-addons`,
  );
  process.exit(1);
}
console.log(
  `native-free: ${runtime.size} runtime packages checked, 0 native; dev tooling: ${devSummary}; CLI ran under --no-addons`,
);
