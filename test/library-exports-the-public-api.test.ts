import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as nicsim from "../src/index.js";

describe("the library API", () => {
  it("runs a scenario end to end from the exports alone", () => {
    const file = nicsim.loadScenarioText(
      "host: { cpus: 2 }\nnics: [{ name: eth0, queues: 2 }]\ntraffic: { src: 10.0.0.0/8, dst: 10.1.0.1, load: { pps: 100000 } }\nrun: { duration: 10ms }\n",
      "inline.yaml",
    );
    const result = nicsim.runScenario(file);
    expect(result.schemaVersion).toBe(nicsim.RESULT_SCHEMA_VERSION);
    expect(result.points[0].conservation.ok).toBe(true);
  });

  it("hashes the verification suite's first case", () => {
    const table = nicsim.toeplitzTable(nicsim.MICROSOFT_RSS_KEY);
    expect(nicsim.hashIpv4Ports(table, 0x420995bb, 0xa18e6450, 2794, 1766)).toBe(0x51ccc178);
  });

  it("is importable by package name from the built package", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", 'import { VERSION } from "nicsim"; console.log(VERSION);'], {
      encoding: "utf8",
    });
    expect(out.trim()).toBe(nicsim.VERSION);
  });
});
