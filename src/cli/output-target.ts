/**
 * Where an output option (`--json FILE`, `--hlog FILE`, `--html FILE`, `merge -o FILE`) writes,
 * decided before any work is done, so a bad path costs nothing and a run never ends in ENOENT:
 *   - `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: standard output;
 *   - an existing FIFO or character device (or a path leading to one): written in place, as
 *     `> FILE` in a shell would — never replaced by a regular file;
 *   - a regular file, or a name that does not exist yet in an existing directory: replaced
 *     atomically (see write-file-atomic.ts). A symlink is followed and its final target is
 *     replaced, so the link stays a link;
 *   - anything else (a directory, a block device, a socket, a missing directory, a directory
 *     we may not write into, a symlink loop) is refused, naming the option and the path.
 */
import { accessSync, constants, lstatSync, readlinkSync, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./usage-error.js";
import { systemErrorText } from "./write-all.js";

export type OutputTarget =
  /** The process's standard output. */
  | { readonly kind: "stdout" }
  /** A FIFO, a character device or another descriptor alias: opened and written in place. */
  | { readonly kind: "stream"; readonly path: string }
  /** A regular file (existing or new) at `path`, symlinks resolved: replaced atomically. */
  | { readonly kind: "file"; readonly path: string; readonly mode: number | undefined };

const STDOUT_ALIASES = new Set(["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]);
/** Paths that name an open descriptor of this process: written in place (they are not files of a directory). */
const DESCRIPTOR_ALIAS = /^\/(dev\/(stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/;
/** The kernel's own limit on symlinks followed in one lookup (MAXSYMLINKS, include/linux/namei.h). */
const MAX_SYMLINKS = 40;

function fail(option: string, path: string, reason: string): never {
  throw new UsageError(`${option} ${path}: ${reason}`);
}

function statOrUndefined(path: string, option: string, shown: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR")) {
      if (error.code === "ENOTDIR") fail(option, shown, `${dirname(path)} is not a directory`);
      return undefined;
    }
    return fail(option, shown, `cannot use this path (${systemErrorText(error)})`);
  }
}

/** Follows symlinks one by one (a dangling link names the file to create). */
function finalPath(option: string, shown: string): string {
  let path = resolve(shown);
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    const st = statOrUndefined(path, option, shown, false);
    if (st === undefined || !st.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  return fail(option, shown, "too many levels of symbolic links");
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file, FIFO or character device";
}

function checkDirectory(option: string, shown: string, dir: string): void {
  const st = statOrUndefined(dir, option, shown, true);
  if (st === undefined) fail(option, shown, `the directory ${dir} does not exist`);
  if (!st.isDirectory()) fail(option, shown, `${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    fail(option, shown, `the directory ${dir} is not writable`);
  }
}

/** Decides where `option PATH` writes, or throws a UsageError saying why it cannot. */
export function resolveOutputTarget(option: string, path: string): OutputTarget {
  if (path === "") fail(option, '""', "an empty path");
  if (STDOUT_ALIASES.has(path)) return { kind: "stdout" };
  if (DESCRIPTOR_ALIAS.test(path)) return { kind: "stream", path };
  const target = finalPath(option, path);
  const st = statOrUndefined(target, option, path, true);
  if (st !== undefined && (st.isFIFO() || st.isCharacterDevice())) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      fail(option, path, "not writable");
    }
    // A stat of the directory last, on purpose: in Node 20, after a stat of a FIFO, a module
    // loaded later (hdr-histogram-js, on the first result) was resolved without following a
    // symlinked node_modules, so the package was loaded twice and its `instanceof` checks failed.
    statSync(dirname(target));
    return { kind: "stream", path: target };
  }
  if (st !== undefined && !st.isFile()) fail(option, path, `${target === resolve(path) ? "" : `${target} `}is ${kindOf(st)}; nicsim writes regular files, FIFOs and character devices`);
  checkDirectory(option, path, dirname(target));
  return { kind: "file", path: target, mode: st === undefined ? undefined : st.mode & 0o7777 };
}

/** The same regular file named twice (`--json x --hlog x`, or through a symlink): one would replace the other. */
export function sameFile(a: OutputTarget, b: OutputTarget): boolean {
  return a.kind === "file" && b.kind === "file" && a.path === b.path;
}
