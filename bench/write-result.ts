import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/cli/write-file-atomic.js";

/** The project root: the nearest directory above this file that holds package.json (bench/ or dist/bench/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Write a bench's figures to results/NAME.json atomically (temporary file, then rename); returns the path. */
export function writeBenchResult(name: string, figures: unknown): string {
  const dir = join(projectRoot(), "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileAtomic(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}
