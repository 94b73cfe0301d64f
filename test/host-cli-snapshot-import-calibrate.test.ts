import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { nicsim, nicsimProcess } from "./cli-helpers.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const ENA = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
const tmp = mkdtempSync(join(tmpdir(), "nicsim-host-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("nicsim snapshot, import, calibrate on the command line", () => {
  it("snapshot --script prints the shipped script, from the sources and from the built executable", async () => {
    const r = await nicsim("snapshot", "--script");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync("src/host/snapshot.sh", "utf8"));
    expect(nicsimProcess(["snapshot", "--script"]).stdout).toBe(r.stdout);
  });

  const shellcheck = spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!shellcheck)(`the script is clean POSIX sh for shellcheck${shellcheck ? "" : " (skipped: shellcheck is not installed)"}`, () => {
    const r = spawnSync("shellcheck", ["-s", "sh", "src/host/snapshot.sh"], { encoding: "utf8" });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("import writes a scenario that loads, and says where it wrote it", async () => {
    const out = join(tmp, "scenario.yaml");
    const r = await nicsim("import", ENA, "-o", out);
    expect(r.status).toBe(0);
    // The ENA host runs adaptive-rx, which nicsim models (net DIM): no warning.
    expect(r.stderr).toBe(`nicsim import: wrote ${out} (0 warnings)\n`);
    expect(loadScenarioText(readFileSync(out, "utf8"), out).points[0].scenario.nics[0].queues).toBe(4);
  });

  const bad: readonly [string, readonly string[], RegExp][] = [
    ["import of a missing snapshot", ["import", join(tmp, "nope"), "-o", "-"], /^nicsim: .*nope: no such file or directory$/],
    ["import of a directory that is no snapshot", ["import", tmp, "-o", "-"], /no manifest file: not a nicsim snapshot directory/],
    ["import of an unknown NIC", ["import", ENA, "--nic", "eth9", "-o", "-"], /no NIC "eth9" in the snapshot \(it has eth0\)$/],
    ["calibrate with a bad --ghz", ["calibrate", ENA, "--ghz", "fast", "-o", "-"], /^nicsim: calibrate: --ghz "fast" is not a clock in GHz/],
    ["snapshot --script with other options", ["snapshot", "--script", "--tar"], /^nicsim: snapshot: --script takes no other option/],
    ["calibrate of a snapshot without samples", ["calibrate", ENA, "-o", "-"], /^nicsim: calibrate: refused: no measurement intervals: take snapshots with --measure/],
    ["snapshot with a bad --measure", ["snapshot", "--measure", "soon"], /^nicsim: snapshot: --measure "soon" is not a whole number/],
  ];

  for (const [what, args, message] of bad) {
    it(`${what}: exit 2, one line`, async () => {
      const r = await nicsim(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.slice(0, -1).split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }
});
