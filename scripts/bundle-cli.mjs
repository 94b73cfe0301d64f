#!/usr/bin/env node
// scripts/bundle-cli.mjs — bundles the CLI and the pool worker from src/ into dist/bin/
// (`npm run build` runs it after tsc; esbuild strips the types, tsc has checked them).
//
//   dist/bin/nicsim.js   the `nicsim` executable (package.json "bin")
//   dist/bin/worker.js   the pool worker, one file (the bundled pool starts it from beside its
//                        own chunk); the same file replaces dist/src/pool/worker.js
//   dist/bin/chunk-*.js  code shared by commands, loaded when a command that needs it runs
//
// Why: on Node 20 each module file costs ~0.5–0.7 ms of CPU to resolve, read and compile, and a
// command reached through dist/src/ loads 100–200 of them (yaml alone is ~80 CommonJS files),
// which made `nicsim route get` cost ~0.25 CPU-s more than `node -e 0`. Bundled, a command
// loads a handful of files; commands stay separate chunks (split at their dynamic imports), so
// `nicsim --help` loads none of them. bench/startup.bench.ts measures both builds.
//
// In the CLI bundle the lazy loaders of yaml and hdr-histogram-js (src/*/…-library.ts, a
// createRequire on first use) become static imports of the bundled package: a runtime require
// would read the package's files (yaml alone is ~80). The worker keeps them lazy: it never
// encodes a histogram, and hdr-histogram-js decodes its WebAssembly when loaded. The loader of
// ip-address in src/routing/ stays lazy everywhere: routing needs the package for IPv6 text only,
// and bundled it would cost every `route get` ~0.008 CPU-s to compile and run (IPv4 is the
// common case; the scenario loader in src/config/ imports it statically and bundles it).
//
// dist/src/ is tsc's output and stays the library (and an unbundled CLI, dist/src/cli/main.js),
// but for the worker: dist/src/pool/worker.js is replaced by the one-file bundle, so the
// library's pool starts the bundled worker too.

import { build } from "esbuild";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = resolve(ROOT, "dist/bin");

/** Lazy loaders and the package each one loads. */
const LAZY_LIBRARIES = {
  "src/config/yaml-library.ts": { name: "yamlLibrary", pkg: "yaml" },
  "src/stats/hdr-library.ts": { name: "hdrLibrary", pkg: "hdr-histogram-js" },
};

/** Replaces each lazy loader by a function returning the statically imported (bundled) package. */
const staticLibraries = {
  name: "static-libraries",
  setup(b) {
    for (const [file, { name, pkg }] of Object.entries(LAZY_LIBRARIES)) {
      const path = resolve(ROOT, file);
      const filter = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
      b.onLoad({ filter }, () => ({
        contents: `import * as library from ${JSON.stringify(pkg)};\nexport function ${name}() { return library; }\n`,
        loader: "js",
        resolveDir: dirname(path),
      }));
    }
  },
};

/** What both builds share. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // CommonJS packages bundled into ESM call `require` for node's built-ins.
  banner: { js: 'import { createRequire as __nicsimCreateRequire } from "node:module"; const require = __nicsimCreateRequire(import.meta.url);' },
  sourcemap: true,
  // Less text for V8 to read at start-up; names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
};

rmSync(OUT, { recursive: true, force: true });
// The CLI: one chunk per command, shared code in chunks, loaded as commands need them.
await build({ ...COMMON, entryPoints: { nicsim: "src/cli/main.ts" }, outdir: OUT, splitting: true, plugins: [staticLibraries] });
// The pool worker: one file, no chunks — a worker thread reads and compiles one module instead of
// the ~100 of dist/src (0.02-0.04 CPU-s of loading instead of 0.09-0.15 on a 2-vCPU EPYC). The
// library's pool starts dist/src/pool/worker.js (beside its thread-executor.js) and the bundled
// CLI starts dist/bin/worker.js, so the same bundle is written to both places, over tsc's output.
await build({ ...COMMON, entryPoints: ["src/pool/worker.ts"], outfile: resolve(OUT, "worker.js") });
copyWithMap(resolve(OUT, "worker.js"), resolve(ROOT, "dist/src/pool/worker.js"));

/** Copies a bundle and its source map to another folder, the map's source paths re-pointed. */
function copyWithMap(from, to) {
  copyFileSync(from, to);
  const map = JSON.parse(readFileSync(`${from}.map`, "utf8"));
  map.sources = map.sources.map((source) => relative(dirname(to), resolve(dirname(from), source)));
  writeFileSync(`${to}.map`, JSON.stringify(map));
}
