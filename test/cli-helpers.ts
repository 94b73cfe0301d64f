/**
 * Shared by the CLI tests. Two ways to run `nicsim ARGS…`, both on the current sources:
 *
 * - `nicsim(...)`: in-process. It calls `main(argv, io)` (src/cli/nicsim.ts) through vitest's
 *   transform of the TypeScript sources, with stdout and stderr captured, and resolves with the
 *   exit status `nicsim` would exit with. Fast: no node start-up, no re-import per call. Runs with
 *   more than one job need a built worker, so in-process calls run their jobs in-process
 *   (`--jobs 1`, or one point).
 * - `nicsimProcess(...)`: the built executable (dist/bin/nicsim.js, what `nicsim` runs) in a
 *   child process, for the smoke tests of what only a process shows: its exit status, stdin,
 *   signals, a terminal, worker threads. test/global-setup.ts rebuilds dist/ before the tests
 *   when any source is newer than it, so this is never a stale build.
 *
 * Neither sets NICSIM_DEBUG (which adds stack traces to internal errors).
 */
import { spawnSync } from "node:child_process";
import { main } from "../src/cli/nicsim.js";

/** The bundled executable. */
export const CLI = "dist/bin/nicsim.js";

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Write = typeof process.stdout.write;

/** `nicsim ARGS…` in this process; everything written on stdout/stderr meanwhile is captured. */
export async function nicsim(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const capture =
    (append: (text: string) => void): Write =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = rest.find((r): r is () => void => typeof r === "function");
      done?.();
      return true;
    };
  const env = { ...process.env };
  delete env.NICSIM_DEBUG;
  const saved = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = capture((t) => (stdout += t));
  process.stderr.write = capture((t) => (stderr += t));
  try {
    const status = await main(args, { stdout: process.stdout, stderr: process.stderr, env });
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

/** `nicsim ARGS…` as a child process of the built executable; `input` is its stdin. */
export function nicsimProcess(args: readonly string[], options: { readonly input?: string; readonly env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env = { ...(options.env ?? process.env) };
  delete env.NICSIM_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, ...(options.input === undefined ? {} : { input: options.input }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
