/**
 * Replacing a regular file so that it holds either its old content or all of the new one, even
 * across a crash or a full disk (the sequence rename(2) and fsync(2) document for this):
 *   1. stage: create a temporary file beside the target (same directory, so the same file
 *      system), write every byte (writeAll checks short writes), fsync it;
 *   2. install: rename it over the target (atomic), then fsync the directory so the rename
 *      itself survives a crash.
 * A failure in step 1 removes the temporary file and leaves the target untouched. Splitting the
 * two steps lets a command stage all its outputs first and install them only when all staged.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeAll } from "./write-all.js";

export interface StagedFile {
  readonly tmp: string;
  readonly target: string;
}

function openExclusive(tmp: string): number {
  try {
    return openSync(tmp, "wx");
  } catch (error) {
    // A temporary file left by an earlier process with our pid (killed by SIGKILL): ours to remove.
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
    unlinkSync(tmp);
    return openSync(tmp, "wx");
  }
}

/** Step 1: the new content, complete and flushed, in a temporary file beside `target`. */
export function stageFile(target: string, data: string | Uint8Array, mode?: number): StagedFile {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openExclusive(tmp);
    if (mode !== undefined) fchmodSync(fd, mode);
    writeAll(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return { tmp, target };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Undo step 1. */
export function discardStaged(staged: StagedFile): void {
  rmSync(staged.tmp, { force: true });
}

/** fsync a directory, so the names renamed into it are on disk. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Step 2 for one file: rename it into place (the directory is synced by the caller). */
export function installStaged(staged: StagedFile): void {
  renameSync(staged.tmp, staged.target);
}

/** Both steps for one file. */
export function writeFileAtomic(path: string, text: string): void {
  const staged = stageFile(path, text);
  try {
    installStaged(staged);
  } catch (error) {
    discardStaged(staged);
    throw error;
  }
  syncDirectory(dirname(path));
}
