/**
 * Headless Chromium for the report tests: Debian's `chromium`, installed with apt-get when it is
 * missing and we may (root, apt-get present). `findChromium` returns its path, or the reason the
 * rendering tests must be skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export type Chromium = { readonly path: string } | { readonly skip: string };

function installed(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export function findChromium(): Chromium {
  const found = installed();
  if (found !== undefined) return { path: found };
  if (process.platform !== "linux" || process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    return { skip: "no /usr/bin/chromium, and apt-get cannot install it here (needs Linux, root and apt-get)" };
  }
  const apt = (...args: string[]): boolean =>
    spawnSync("apt-get", args, { stdio: "ignore", timeout: 280_000, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  if (!apt("install", "-y", "--no-install-recommends", "chromium")) {
    apt("update");
    apt("install", "-y", "--no-install-recommends", "chromium");
  }
  const after = installed();
  return after !== undefined ? { path: after } : { skip: "`apt-get install chromium` failed (no network or no package)" };
}

/** `chromium --headless --dump-dom URL` with a fresh profile: the DOM after the page's scripts ran. */
export function dumpDom(chromium: string, url: string): string {
  const profile = mkdtempSync(join(tmpdir(), "nicsim-chromium-"));
  try {
    const r = spawnSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        "--dump-dom",
        url,
      ],
      { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr.slice(-500)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
