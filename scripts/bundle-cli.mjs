#!/usr/bin/env node
// scripts/bundle-cli.mjs — bundles the built CLI and pool worker into dist/bin/ (`npm run build`
// runs it after tsc).
//
//   dist/bin/nicsim.js   the `nicsim` executable (package.json "bin")
//   dist/bin/worker.js   the pool worker (the bundled pool starts it from beside its own chunk)
//   dist/bin/chunk-*.js  code shared by commands, loaded when a command that needs it runs
//
// Why: on Node 20 each module file costs ~0.5–0.7 ms of CPU to resolve, read and compile, and a
// command reached through dist/src/ loads 100–200 of them (yaml alone is ~80 CommonJS files),
// which made `nicsim route get` cost ~0.25 CPU-s more than `node -e 0`. Bundled, a command
// loads a handful of files; commands stay separate chunks (split at their dynamic imports), so
// `nicsim --help` loads none of them. bench/startup.bench.ts measures both builds.
//
// In the bundle the lazy package loaders (src/*/…-library.ts, a createRequire on first use)
// become static imports of the bundled package: bundled code is parsed lazily by V8 and costs
// next to nothing until called, while a runtime require would read the package's files.
// piscina stays external: its worker runtime recognises a moved buffer by a private symbol of
// its own module instance, so the worker must import the same installed copy.
//
// dist/src/ (tsc's output) stays as it is: the library entry and the unbundled CLI
// (dist/src/cli/main.js) keep working.

import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = resolve(ROOT, "dist/bin");

/** Lazy loaders (compiled) and the package each one loads. */
const LAZY_LIBRARIES = {
  "dist/src/config/yaml-library.js": { name: "yamlLibrary", pkg: "yaml" },
  "dist/src/stats/hdr-library.js": { name: "hdrLibrary", pkg: "hdr-histogram-js" },
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

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { nicsim: "dist/src/cli/main.js", worker: "dist/src/pool/worker.js" },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["piscina"],
  // CommonJS packages bundled into ESM call `require` for node's built-ins.
  banner: { js: 'import { createRequire as __nicsimCreateRequire } from "node:module"; const require = __nicsimCreateRequire(import.meta.url);' },
  sourcemap: true,
  logLevel: "warning",
  plugins: [staticLibraries],
});
