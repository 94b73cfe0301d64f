import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importScenario, readSnapshot } from "../src/host/index.js";
import { loadScenarioText } from "../src/config/load.js";
import { nicsim, nicsimProcess } from "./cli-helpers.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const ENA = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
const tmp = mkdtempSync(join(tmpdir(), "nicsim-host-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("nicsim snapshot, import, calibrate on the command line", () => {
  it("snapshot --script prints the shipped script, from the sources and from the bundled executable", async () => {
    const r = await nicsim("snapshot", "--script");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync("src/host/snapshot.sh", "utf8"));
    const bundled = nicsimProcess(["snapshot", "--script"]);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(r.stdout);
  });

  it("import writes a scenario that loads, and says where it wrote it", async () => {
    const out = join(tmp, "scenario.yaml");
    const r = await nicsim("import", ENA, "-o", out);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`nicsim import: wrote ${out} (0 warnings)\n`);
    expect(loadScenarioText(readFileSync(out, "utf8"), out).points[0].scenario.nics[0].queues).toBe(4);
  });

  const bad: readonly [string, readonly string[], RegExp][] = [
    ["import of a missing snapshot", ["import", join(tmp, "nope"), "-o", "-"], /^nicsim: .*nope: no such file or directory$/],
    ["import of a directory that is no snapshot", ["import", tmp, "-o", "-"], /no manifest file: not a nicsim snapshot directory/],
    ["calibrate of a snapshot without samples", ["calibrate", ENA, "-o", "-"], /^nicsim: calibrate: refused: no measurement intervals: take snapshots with --measure/],
    ["snapshot with a bad --measure", ["snapshot", "--measure", "soon"], /^nicsim: snapshot: --measure "soon" is not a whole number/],
  ];
  it("an unknown --nic is refused by name (library level: each CLI start costs seconds here)", () => {
    expect(() => importScenario(readSnapshot(ENA), { nics: ["eth9"] })).toThrow('no NIC "eth9" in the snapshot (it has eth0)');
  });

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
