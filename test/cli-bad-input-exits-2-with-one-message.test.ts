import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { nicsim } from "./cli-helpers.js";

const FIX = "test/fixtures/cli";
const TINY = `${FIX}/tiny.yaml`;

/**
 * Bad input of every kind — files, syntax, content, command words, option values, output paths —
 * ends with exit status 2, nothing on stdout, and exactly one line on stderr: `nicsim: ` and the
 * problem, no stack trace.
 */
describe("the CLI exits 2 with one message on bad input", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nicsim-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Arguments (and one message) are functions: the temporary directory exists only once the tests run.
  const cases: ReadonlyArray<readonly [what: string, args: () => string[], message: string | RegExp | (() => string)]> = [
    ["a missing file", () => ["run", `${FIX}/missing.yaml`], `${FIX}/missing.yaml: no such file`],
    [
      "a YAML syntax error",
      () => ["run", `${FIX}/yaml-syntax-error.yaml`],
      new RegExp(`^${FIX}/yaml-syntax-error\\.yaml:2:1: YAML syntax error: `),
    ],
    ["an unknown key", () => ["run", `${FIX}/unknown-key.yaml`], "host.threads: unknown key; allowed: cpus, ghz, topology"],
    ["queues above maxQueues", () => ["run", `${FIX}/queues-above-max-queues.yaml`], "nics[0].queues: 16 exceeds maxQueues 8"],
    ["a bad CIDR", () => ["run", `${FIX}/bad-cidr.yaml`], 'traffic.src: "10.0.0/8" is not an IPv4/IPv6 CIDR'],
    ["a duration without unit", () => ["run", `${FIX}/duration-without-unit.yaml`], 'run.duration: 0.2 has no unit; write e.g. "200ms" or "0.2s"'],
    ["a zero rate", () => ["run", `${FIX}/zero-rate.yaml`], "traffic.load.pps: 0 must be > 0"],
    ["a negative rate", () => ["run", `${FIX}/negative-rate.yaml`], "traffic.load.mbps: -100 must be > 0"],
    ["a bad file for validate too", () => ["validate", `${FIX}/zero-rate.yaml`], "traffic.load.pps: 0 must be > 0"],
    ["an unknown command", () => ["frobnicate"], 'unknown command "frobnicate" (commands: bench, run, compare, merge, report, validate, schema, rss, route, snapshot, import, calibrate, capacity, tune, rollout, help)'],
    ["an unknown option", () => ["run", "--frob", TINY], /^run: Unknown option '--frob'.*\(see nicsim help\)$/],
    ["an option without its value", () => ["run", TINY, "--json"], /^run: Option '--json <value>' argument missing.*\(see nicsim help\)$/],
    ["--seed abc", () => ["run", TINY, "--seed", "abc"], '--seed: "abc" is not an integer from 0 to 4294967295'],
    ["--seed above 2^32 − 1", () => ["run", TINY, "--seed", "4294967296"], '--seed: "4294967296" is not an integer from 0 to 4294967295'],
    ["run without a file", () => ["run"], "run: missing SCENARIO file (see nicsim help)"],
    ["run with two files", () => ["run", TINY, TINY], `run: unexpected argument "${TINY}"`],
    [
      "--json into a directory that does not exist",
      () => ["run", TINY, "--json", join(dir, "no-such-dir", "out.json")],
      () => `--json ${join(dir, "no-such-dir", "out.json")}: the directory ${join(dir, "no-such-dir")} does not exist`,
    ],
  ];

  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await nicsim(...args());
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.endsWith("\n")).toBe(true);
      const lines = r.stderr.slice(0, -1).split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith("nicsim: ")).toBe(true);
      expect(lines[0]).not.toMatch(/internal error|\bat .*:\d+:\d+/);
      const text = lines[0].slice("nicsim: ".length);
      if (message instanceof RegExp) expect(text).toMatch(message);
      else expect(text).toBe(typeof message === "string" ? message : message());
    });
  }

  it("--json onto a path it cannot replace is refused before the run, leaving nothing behind", async () => {
    const sub = mkdtempSync(join(dir, "taken-"));
    const target = join(sub, "out.json");
    mkdirSync(target);
    const r = await nicsim("run", TINY, "--json", target, "--quiet");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`nicsim: --json ${target}: is a directory; nicsim writes regular files, FIFOs and character devices\n`);
    expect(readdirSync(sub)).toEqual(["out.json"]);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual([]);
  });

  it("a good run writes its file and nothing else", async () => {
    const sub = mkdtempSync(join(dir, "good-"));
    const out = join(sub, "out.json");
    const r = await nicsim("run", TINY, "--json", out, "--quiet");
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "", ""]);
    expect(readdirSync(sub)).toEqual(["out.json"]);
  });

  it("--version and help exit 0 on stdout", async () => {
    const version = await nicsim("--version");
    expect([version.status, version.stdout, version.stderr]).toEqual([0, `${VERSION}\n`, ""]);
    const help = await nicsim("help");
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/^nicsim .* — simulate the Linux receive path/);
    expect(help.stdout).toContain("nicsim run SCENARIO");
    expect((await nicsim("--help")).stdout).toBe(help.stdout);
  });
});
