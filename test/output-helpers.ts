/** Shared by the output and signal tests: the built CLI run asynchronously, and a tiny tmpfs. */
import { spawn, spawnSync, type StdioOptions } from "node:child_process";
import { CLI } from "./cli-helpers.js";

export interface Finished {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Started {
  /** Resolves when the process has exited. */
  readonly done: Promise<Finished>;
  kill(signal: NodeJS.Signals): void;
}

/** Start `nicsim ARGS…` (without NICSIM_DEBUG); `stdout` may be a file descriptor to write to. */
export function startCli(args: readonly string[], stdout: "pipe" | number = "pipe"): Started {
  const env = { ...process.env };
  delete env.NICSIM_DEBUG;
  delete env.CI;
  const stdio: StdioOptions = ["ignore", stdout, "pipe"];
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout: out, stderr: err }));
  });
  return { done, kill: (signal) => child.kill(signal) };
}

/** `nicsim ARGS…` to the end. */
export function runCli(args: readonly string[], stdout: "pipe" | number = "pipe"): Promise<Finished> {
  return startCli(args, stdout).done;
}

/**
 * Mount a tmpfs of `size` (e.g. "16k") on `dir`: undefined when mounted, else why not (not root,
 * no CAP_SYS_ADMIN in this container…), for the test to skip with.
 */
export function mountTmpfs(dir: string, size: string): string | undefined {
  if (process.getuid?.() !== 0) return "mounting a tmpfs needs root";
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", dir], { encoding: "utf8" });
  return r.status === 0 ? undefined : `cannot mount a tmpfs here: ${(r.stderr || r.error?.message || "").trim()}`;
}

export function unmount(dir: string): void {
  spawnSync("umount", [dir]);
}
