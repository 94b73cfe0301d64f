/**
 * The `yaml` package, loaded on first use: a JSON scenario, an `ip -batch` file or a command
 * that reads no scenario never pays for it (about 0.08 CPU-s of start-up on a 2-vCPU EPYC,
 * bench/startup.bench.ts). It is a CommonJS package on Node (its `node` export is dist/index.js),
 * so a synchronous require gives the same module an import would.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}
