/**
 * Lazy loading: a command loads the packages it uses and no others — no YAML parser unless a
 * file is YAML, no address parser (ip-address) unless addresses are checked or IPv6 is read, no
 * HDR library (hdr-histogram-js) unless a result is encoded or an hlog written. Checked on the unbundled
 * build (dist/src/cli/main.js), where each package is its own files: at exit the process lists
 * the packages in its module cache. bench/startup.bench.ts measures what this saves.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const UNBUNDLED = "dist/src/cli/main.js";
const PACKAGES = ["hdr-histogram-js", "ip-address", "yaml"] as const;

/** Preloaded: at exit, the packages in the module cache (require.cache: CommonJS and import()ed CommonJS). */
const LIST_PACKAGES = `data:text/javascript,${encodeURIComponent(
  'import { createRequire } from "node:module"; import { writeSync } from "node:fs"; const cache = createRequire(process.cwd() + "/").cache; process.on("exit", () => writeSync(3, Object.keys(cache).join("\\n")));',
)}`;

/** The packages of PACKAGES that `nicsim ARGS…` loaded; the command must succeed. */
function packagesLoaded(...args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", LIST_PACKAGES, UNBUNDLED, ...args], { stdio: ["ignore", "pipe", "pipe", "pipe"], encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const files = String(r.output[3]).split("\n");
  return PACKAGES.filter((p) => files.some((f) => f.includes(`/node_modules/${p}/`)));
}

describe("each command loads only the packages it needs", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-lazy-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--help loads none", () => {
    expect(packagesLoaded("--help")).toEqual([]);
  });

  it("rss hash: only the address parser", () => {
    expect(packagesLoaded("rss", "hash", "--src", "192.0.2.1", "--dst", "198.51.100.2", "--sport", "1", "--dport", "53", "--queues", "4")).toEqual(["ip-address"]);
  });

  it("route get: no YAML parser for ip -batch text; the YAML parser for a YAML scenario; the address parser for IPv6 text only; never the HDR library", () => {
    const batch = join(dir, "host.batch");
    writeFileSync(batch, "addr add 10.0.0.19/24 dev eth0\nroute add default via 10.0.0.1\nroute add 2001:db8::/32 dev eth0\n");
    expect(packagesLoaded("route", "get", "8.8.8.8", "--config", batch)).toEqual(["ip-address"]);
    const batch4 = join(dir, "host4.batch");
    writeFileSync(batch4, "addr add 10.0.0.19/24 dev eth0\nroute add default via 10.0.0.1\n");
    expect(packagesLoaded("route", "get", "8.8.8.8", "--config", batch4)).toEqual([]);
    expect(packagesLoaded("route", "get", "198.51.100.7", "--config", "examples/routing-two-enis.yaml")).toEqual(["yaml"]);
  });

  it("validate: no YAML parser for a JSON scenario", () => {
    const json = join(dir, "tiny.json");
    writeFileSync(json, JSON.stringify({ host: { cpus: 2 }, nics: [{ name: "eth0", addresses: ["10.0.0.1/24"] }], traffic: { flows: 4, src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 1000 } }, run: { duration: "1ms" } }));
    expect(packagesLoaded("validate", json)).toEqual(["ip-address"]);
  });

  it("run --jobs 1: no pool; the HDR library encodes the result's histograms", () => {
    expect(packagesLoaded("run", "test/fixtures/cli/tiny.yaml", "--jobs", "1", "--quiet")).toEqual(["hdr-histogram-js", "ip-address", "yaml"]);
  });
});
