/**
 * The snapshot script shipped with the package (src/host/snapshot.sh, listed in package.json
 * `files`): its path and text. Found next to this module when run from the sources, or at the
 * package root's src/host/ when run from dist/src/host/ or from the bundled CLI in dist/bin/.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function snapshotScriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "snapshot.sh"), join(here, "..", "..", "..", "src", "host", "snapshot.sh"), join(here, "..", "..", "src", "host", "snapshot.sh")];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`the snapshot script is missing from this installation (looked in ${candidates.join(", ")})`);
  return found;
}

export function snapshotScript(): string {
  return readFileSync(snapshotScriptPath(), "utf8");
}
