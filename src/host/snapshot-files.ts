/**
 * A snapshot directory as files: reading one by its path inside the snapshot (undefined when
 * the script did not write it), the manifest, the list of what the script could not read, and
 * the sample directories of `--measure`. A `.tar.gz` of a snapshot is unpacked first (with the
 * system's `tar`) into a temporary directory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LoadError } from "../config/errors.js";

export class SnapshotFiles {
  readonly manifest: ReadonlyMap<string, string>;
  /** Lines of the `errors` file: what the script could not read, and why. */
  readonly notRead: readonly string[];

  private constructor(
    /** The snapshot directory (the unpacked one for a .tar.gz). */
    readonly dir: string,
    /** As the user named it (for messages). */
    readonly source: string,
  ) {
    const manifest = this.text("manifest");
    if (manifest === undefined) throw new LoadError(source, "no manifest file: not a nicsim snapshot directory (made by `nicsim snapshot --script`)");
    this.manifest = new Map(
      manifest
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as [string, string]),
    );
    const format = this.manifest.get("format");
    if (format !== "nicsim-snapshot 1") throw new LoadError(`${source}/manifest`, `format ${JSON.stringify(format ?? "")}: this nicsim reads "nicsim-snapshot 1"`);
    this.notRead = (this.text("errors") ?? "").split("\n").filter((l) => l.trim() !== "");
  }

  static open(path: string): SnapshotFiles {
    if (!existsSync(path)) throw new LoadError(path, "no such file or directory");
    if (statSync(path).isDirectory()) return new SnapshotFiles(path, path);
    if (!/\.(tar\.gz|tgz)$/.test(path)) throw new LoadError(path, "not a snapshot directory or .tar.gz");
    const into = mkdtempSync(join(tmpdir(), "nicsim-snapshot-"));
    try {
      execFileSync("tar", ["-xzf", path, "-C", into], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      throw new LoadError(path, `cannot unpack: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    const [top] = readdirSync(into);
    if (top === undefined) throw new LoadError(path, "an empty archive");
    return new SnapshotFiles(join(into, top), path);
  }

  /** A file's text, by its path inside the snapshot (`fs/proc/interrupts`); undefined when absent. */
  text(relative: string): string | undefined {
    try {
      return readFileSync(join(this.dir, relative), "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR")) return undefined;
      throw new LoadError(join(this.source, relative), `cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Names in a directory of the snapshot (empty when absent). */
  list(relative: string): string[] {
    try {
      return readdirSync(join(this.dir, relative)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    } catch {
      return [];
    }
  }

  /** Why the script could not read a path or run a command (its `errors` line), if it says. */
  whyNotRead(what: string): string | undefined {
    const line = this.notRead.find((l) => l.startsWith(`${what}:`));
    return line?.slice(what.length + 1).trim();
  }
}
