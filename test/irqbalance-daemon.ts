/**
 * The real irqbalance daemon, run against a fake /sys and /proc (src/irq/sysfs-view.ts) and never
 * against the host: a test helper.
 *
 * - The Debian package is fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a
 *   cache directory; its install scripts never run and no service is started.
 * - The fake tree is written on tmpfs (/dev/shm), whose `readdir` order is its creation order
 *   (or the reverse, probed once), so every directory lists in the order the view asks for.
 * - Each run is `unshare --mount --net --propagation private`: inside, /sys is bind-mounted from
 *   the fake tree and /proc/interrupts, /proc/stat and /proc/irq from the fake ones, /run is a
 *   fresh tmpfs (the daemon's socket) and the network namespace is empty. A shell checks that each
 *   of those paths is now the fake file (`-ef`: same device and inode) before it `exec`s the
 *   daemon; if one is not, the daemon is not started. The daemon reads nothing else of the host
 *   but its own /proc/self and shared libraries, and writes only /proc/irq/N/smp_affinity (fake).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, opendirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IrqbalanceVersion } from "../src/irq/irqbalance/options.js";
import type { SysfsView } from "../src/irq/sysfs-view.js";

export interface IrqbalanceBinary {
  readonly path: string;
  /** The Debian package version, e.g. 1.9.2-1. */
  readonly packageVersion: string;
  /** The model's release whose placement rule this binary follows. */
  readonly model: IrqbalanceVersion;
}

const CACHE = join(tmpdir(), "nicsim-irqbalance-cache");

function run(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

function errorText(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === "string" && stderr.trim() !== "" ? stderr : error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").pop() ?? "";
}

/** The daemon binary from the cache, downloading the package once; or why it cannot be had. */
export function irqbalanceBinary(): IrqbalanceBinary | string {
  const root = join(CACHE, "root");
  const bin = join(root, "usr/sbin/irqbalance");
  const versionFile = join(CACHE, "version");
  if (!existsSync(bin) || !existsSync(versionFile)) {
    try {
      run("sh", ["-c", "command -v apt-get && command -v dpkg-deb"]);
    } catch {
      return "apt-get and dpkg-deb are not available (not a Debian-like host)";
    }
    mkdirSync(CACHE, { recursive: true });
    try {
      for (const f of readdirSync(CACHE)) if (f.endsWith(".deb")) rmSync(join(CACHE, f));
      run("apt-get", ["download", "-q", "irqbalance"], CACHE);
      const deb = readdirSync(CACHE).find((f) => f.startsWith("irqbalance_") && f.endsWith(".deb"));
      if (deb === undefined) return "apt-get download irqbalance left no package";
      run("dpkg-deb", ["-x", join(CACHE, deb), root]);
      writeFileSync(versionFile, run("dpkg-deb", ["-f", join(CACHE, deb), "Version"]).trim());
    } catch (error) {
      return `apt-get download irqbalance failed (${errorText(error)}); an 'apt-get update' may be needed`;
    }
  }
  const packageVersion = readFileSync(versionFile, "utf8").trim();
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(packageVersion);
  if (m === null) return `cannot read the package version ${JSON.stringify(packageVersion)}`;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 1 || minor !== 9 || patch < 2) return `irqbalance ${packageVersion} is not a 1.9.x release at or after 1.9.2 (the model covers 1.9.2 and 1.9.5)`;
  // `--version` exits 1 in 1.9.2 (0 later): judge by what it prints.
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 10_000 });
  if (!/irqbalance version/.test(probe.stdout ?? "")) {
    return `the unpacked daemon does not run (${(probe.stderr ?? "").trim().split("\n").pop() ?? probe.error?.message ?? ""}): a library it needs may be missing`;
  }
  return { path: bin, packageVersion, model: patch >= 5 ? "1.9.5" : "1.9.2" };
}

const CALLOC_SHIM = `/* nicsim: log each calloc's size and address to $NICSIM_CALLOC_LOG (no allocation of its own). */
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
extern void *__libc_calloc(size_t, size_t);
static int fd = -2;
static int hex(char *out, unsigned long v) {
  char tmp[32]; int n = 0, k = 0;
  do { tmp[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
  while (n) out[k++] = tmp[--n];
  return k;
}
void *calloc(size_t n, size_t size) {
  void *p = __libc_calloc(n, size);
  if (fd == -2) { const char *path = getenv("NICSIM_CALLOC_LOG"); fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND, 0600) : -1; }
  if (fd >= 0) {
    char buf[80]; int k = 0;
    k += hex(buf + k, (unsigned long)(n * size)); buf[k++] = ' ';
    k += hex(buf + k, (unsigned long)p); buf[k++] = '\\n';
    write(fd, buf, k);
  }
  return p;
}
`;

/**
 * A preload library that logs every calloc's size and address (built with the host's C compiler
 * into the cache), so that a test can read the heap order of the daemon's IRQ records; or why not.
 */
export function callocShim(): string | { readonly path: string } {
  const so = join(CACHE, "nicsim-calloc-log.so");
  if (!existsSync(so)) {
    try {
      mkdirSync(CACHE, { recursive: true });
      const source = join(CACHE, "nicsim-calloc-log.c");
      writeFileSync(source, CALLOC_SHIM);
      run("cc", ["-shared", "-fPIC", "-O2", "-o", so, source]);
    } catch (error) {
      return `no C compiler to build the calloc log (${errorText(error)})`;
    }
  }
  return { path: so };
}

/**
 * The daemon's IRQ records by ascending heap address: the last `irqs.length` callocs of
 * `recordSize` bytes in the log are the records, allocated in discovery order (`irqs`).
 */
export function heapOrderFromLog(log: string, irqs: readonly number[], recordSize: number): number[] | string {
  const records = log
    .split("\n")
    .map((line) => line.split(" "))
    .filter((f) => f.length === 2 && parseInt(f[0], 16) === recordSize)
    .map((f) => BigInt(`0x${f[1]}`));
  if (records.length < irqs.length) return `the log has ${records.length} callocs of ${recordSize} bytes for ${irqs.length} IRQs`;
  const mine = records.slice(records.length - irqs.length);
  return irqs.map((irq, k) => ({ irq, at: mine[k] })).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => e.irq);
}

/** Why private mount + network namespaces cannot be made here, or null when they can. */
export function namespacesUnavailable(): string | null {
  try {
    run("unshare", ["--mount", "--net", "--propagation", "private", "sh", "-c", "mount -t tmpfs nicsim-probe /mnt && umount /mnt"]);
    return null;
  } catch (error) {
    return `cannot create a private mount and network namespace (${errorText(error)})`;
  }
}

const listsInCreationOrder = new Map<string, boolean | null>();

/** Whether tmpfs lists a directory in creation order (false: newest first); null without tmpfs. */
function tmpfsListsInCreationOrder(base: string): boolean | null {
  const known = listsInCreationOrder.get(base);
  if (known !== undefined) return known;
  const answer = probeListingOrder(base);
  listsInCreationOrder.set(base, answer);
  return answer;
}

function probeListingOrder(base: string): boolean | null {
  try {
    if (run("stat", ["-f", "-c", "%T", base]).trim() !== "tmpfs") return null;
  } catch {
    return null;
  }
  const probe = mkdtempSync(join(base, "nicsim-order-"));
  try {
    for (const name of ["b", "a", "c"]) mkdirSync(join(probe, name));
    const names = listDir(probe);
    if (names.join("") === "bac") return true;
    if (names.join("") === "cab") return false;
    return null;
  } finally {
    rmSync(probe, { recursive: true });
  }
}

/** Directory entries in `readdir` order (fs.readdirSync sorts them; a Dir does not). */
export function listDir(path: string): string[] {
  const dir = opendirSync(path);
  const out: string[] = [];
  try {
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) out.push(e.name);
  } finally {
    dir.closeSync();
  }
  return out;
}

export interface FakeRoot {
  readonly path: string;
  /** The tree as a tar stream in creation order: `runDaemon` unpacks it before it mounts. */
  readonly tar: Buffer;
  /** Read a fake file. */
  read(relative: string): string;
  /** Rewrite a fake file in place (the bind mounts keep pointing at the same inode). */
  rewrite(relative: string, content: string): void;
  remove(): void;
}

/** One ustar header block (POSIX.1-1988) for a directory or a regular file. */
function tarHeader(path: string, size: number, directory: boolean): Buffer {
  if (Buffer.byteLength(path) >= 100) throw new Error(`${path}: too long for a plain ustar name`);
  const block = Buffer.alloc(512);
  const field = (offset: number, length: number, text: string): void => void block.write(text, offset, length, "ascii");
  const octal = (offset: number, length: number, value: number): void => field(offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
  field(0, 100, directory ? `${path}/` : path);
  octal(100, 8, directory ? 0o755 : 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block.fill(" ", 148, 156);
  field(156, 1, directory ? "5" : "0");
  field(257, 6, "ustar\0");
  field(263, 2, "00");
  let sum = 0;
  for (const byte of block) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

/** The view as a tar stream whose members come in creation order (parents first). */
function viewTar(view: SysfsView, forward: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const [dir, entries] of view.dirs) {
    const list = forward ? entries : [...entries].reverse();
    for (const name of list) {
      const path = dir === "" ? name : `${dir}/${name}`;
      const content = view.files.get(path);
      if (content === undefined) {
        parts.push(tarHeader(path, 0, true));
      } else {
        const data = Buffer.from(content, "utf8");
        parts.push(tarHeader(path, data.length, false), data, Buffer.alloc((512 - (data.length % 512)) % 512));
      }
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Write the view on tmpfs so that every directory lists in the view's order; or why not. */
export function writeFakeRoot(view: SysfsView): FakeRoot | string {
  const base = "/dev/shm";
  const forward = tmpfsListsInCreationOrder(base);
  if (forward === null) return `${base} is not a tmpfs that lists in creation order, so the listing order cannot be laid out`;
  const root = mkdtempSync(join(base, "nicsim-irqbalance-"));
  return {
    path: root,
    // tar creates the members in archive order, in one process: far fewer calls than one per file.
    tar: viewTar(view, forward),
    read: (relative) => readFileSync(join(root, relative), "utf8"),
    rewrite: (relative, content) => writeFileSync(join(root, relative), content),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

const RUN_SCRIPT = `set -eu
T="$1"; BIN="$2"; BANNED="$3"; PRELOAD="$4"; LB="$5"; shift 5
if [ ! -d "$T/sys" ]; then tar -x -f - -C "$T"; fi
mount --bind "$T/sys" /sys
mount --bind "$T/proc/interrupts" /proc/interrupts
mount --bind "$T/proc/stat" /proc/stat
mount --bind "$T/proc/irq" /proc/irq
mount -t tmpfs nicsim-run /run
for p in sys proc/interrupts proc/stat proc/irq; do
  if ! [ "/$p" -ef "$T/$p" ]; then echo "nicsim: /$p is not the fake one; irqbalance not started" >&2; exit 97; fi
done
if [ -n "$LB" ] && command -v stdbuf >/dev/null 2>&1; then LB="stdbuf -oL"; else LB=""; fi
set -- PATH=/usr/sbin:/usr/bin:/sbin:/bin $LB "$BIN" "$@"
if [ -n "$PRELOAD" ]; then set -- LD_PRELOAD="$PRELOAD" NICSIM_CALLOC_LOG="$T/calloc.log" "$@"; fi
if [ -n "$BANNED" ]; then set -- IRQBALANCE_BANNED_CPULIST="$BANNED" "$@"; fi
exec env -i "$@"
`;

export interface DaemonRun {
  /** The daemon's debug output. */
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

export interface DaemonOptions {
  readonly binary: IrqbalanceBinary;
  readonly root: FakeRoot;
  /** Extra arguments after `--foreground --debug`. */
  readonly args: readonly string[];
  readonly bannedCpus?: string;
  /** A preload library to load into the daemon (the calloc log, written to <root>/calloc.log). */
  readonly preload?: string;
  /** Line-buffer the daemon's output (stdbuf), for `watch`. */
  readonly lineBuffered?: boolean;
  /** Called on each chunk of output; may end the run by calling `stop`. */
  readonly watch?: (stdout: string, stop: () => void) => void;
  /** Give up after this long (ms). */
  readonly timeoutMs?: number;
}

/** Run the daemon in its own namespaces over the fake root. */
export function runDaemon(options: DaemonOptions): Promise<DaemonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "unshare",
      ["--mount", "--net", "--propagation", "private", "sh", "-c", RUN_SCRIPT, "nicsim-run", options.root.path, options.binary.path, options.bannedCpus ?? "", options.preload ?? "", options.lineBuffered === true ? "1" : "", "--foreground", "--debug", ...options.args],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.root.tar);
    let stdout = "";
    let stderr = "";
    const stop = (): void => {
      child.kill("SIGTERM");
    };
    const timer = setTimeout(stop, options.timeoutMs ?? 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      options.watch?.(stdout, stop);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}
