/**
 * Smoke tests of the built executable, dist/bin/nicsim.js (the bundle `nicsim` runs), as a child
 * process: what the in-process tests (`main(argv, io)`) cannot show — the process's exit status,
 * its streams, and that the bundle holds every command it dispatches to. The commands' behaviour
 * is tested in-process, on the sources. Three processes, about a second.
 */
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { nicsimProcess } from "./cli-helpers.js";

describe("the built executable", () => {
  it("prints its version and its help, exit 0", () => {
    const version = nicsimProcess(["--version"]);
    expect([version.status, version.stdout, version.stderr]).toEqual([0, `${VERSION}\n`, ""]);
  });

  it("exits 2 with one line on stderr, no stack trace, on bad input", () => {
    const r = nicsimProcess(["validate", "test/fixtures/cli/zero-rate.yaml"]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", "nicsim: traffic.load.pps: 0 must be > 0\n"]);
  });

  it("loads a command from its chunk and answers (route get on the two-ENI example)", () => {
    const r = nicsimProcess(["route", "get", "198.51.100.7", "from", "10.0.0.21", "--config", "examples/routing-two-enis.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^198\.51\.100\.7 from 10\.0\.0\.21 via 10\.0\.0\.253 dev eth2 table 1002 /);
  });
});
