/** Shared by the cli-* tests: run the built CLI (dist/, built by `npm test` before vitest). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CLI = "dist/src/cli/main.js";

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Build dist/ once if it is missing (a bare `npx vitest run` on a fresh checkout). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const built = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { encoding: "utf8" });
  if (built.status !== 0 || !existsSync(CLI)) throw new Error(`build failed: ${built.stdout}${built.stderr}`);
}

/** `nicsim ARGS…` from the repository root, without NICSIM_DEBUG (which adds stack traces). */
export function nicsim(...args: string[]): CliRun {
  const env = { ...process.env };
  delete env.NICSIM_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
