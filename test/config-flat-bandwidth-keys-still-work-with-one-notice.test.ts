/**
 * The bandwidth section's first format — flat keys such as `egressMbps`, `ingressExceed` and,
 * per NIC, `ingressMbps` — still loads to exactly the scenario its nested form gives, and the
 * loader reports each flat key once per file as a notice (whatever the number of sweep points),
 * which the CLI prints as one line on stderr: never on stdout, never as a failure.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, loadScenarioText } from "../src/config/load.js";
import { deprecationLine } from "../src/config/notices.js";
import { nicsim } from "./cli-helpers.js";

const FLAT = "test/fixtures/flat-bandwidth-keys.yaml";
const NOTICE =
  `nicsim: ${FLAT}: bandwidth.egressMbps, bandwidth.egressLatencyMs, bandwidth.ingressExceed, bandwidth.nics.eth2.egressMbps, bandwidth.nics.eth2.ingressMbps are deprecated; ` +
  "use bandwidth.egress.mbps, bandwidth.egress.latency, bandwidth.ingress.exceed, bandwidth.nics.eth2.egress.mbps, bandwidth.nics.eth2.ingress.mbps\n";

/** The fixture with its bandwidth section written in the nested form. */
function nestedText(): string {
  return readFileSync(FLAT, "utf8").replace(
    /^bandwidth:\n(?: {2}.*\n)+/m,
    "bandwidth:\n  egress: { mbps: 10, latency: 20 }\n  ingress: { exceed: pass }\n  reply: { size: 500 }\n  nics:\n    eth2: { ingress: { mbps: 8 }, egress: { mbps: 2 } }\n",
  );
}

describe("flat bandwidth keys", () => {
  it("resolve to the nested form's scenario, with each flat key reported once for the file", () => {
    const flat = loadScenarioFile(FLAT);
    const nested = loadScenarioText(nestedText(), "nested.yaml");
    expect(flat.points).toHaveLength(2);
    expect(flat.points).toEqual(nested.points);
    expect(nested.notices).toEqual([]);
    expect(flat.notices.map((n) => [n.key, n.replacement])).toEqual([
      ["bandwidth.egressMbps", "bandwidth.egress.mbps"],
      ["bandwidth.egressLatencyMs", "bandwidth.egress.latency"],
      ["bandwidth.ingressExceed", "bandwidth.ingress.exceed"],
      ["bandwidth.nics.eth2.egressMbps", "bandwidth.nics.eth2.egress.mbps"],
      ["bandwidth.nics.eth2.ingressMbps", "bandwidth.nics.eth2.ingress.mbps"],
    ]);
    expect(`nicsim: ${deprecationLine(flat.source, flat.notices)}\n`).toBe(NOTICE);
    expect(deprecationLine("x.yaml", flat.notices.slice(0, 1))).toBe("x.yaml: bandwidth.egressMbps is deprecated; use bandwidth.egress.mbps");
  });

  it("make the CLI print one notice line on stderr, nothing of it on stdout, and exit 0", async () => {
    const validate = await nicsim("validate", FLAT);
    expect(validate).toEqual({ status: 0, stdout: `${FLAT}: valid, 2 points\n`, stderr: NOTICE });
    const run = await nicsim("run", FLAT, "--format", "json", "--jobs", "1");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(NOTICE);
    expect((JSON.parse(run.stdout) as { points: unknown[] }).points).toHaveLength(2);
    expect(await nicsim("run", FLAT, "--quiet", "--jobs", "1")).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("given with the nested key for the same setting, are refused with one line naming both", async () => {
    const both = nestedText().replace("  egress: { mbps: 10, latency: 20 }\n", "  egress: { mbps: 10, latency: 20 }\n  egressMbps: 10\n");
    expect(() => loadScenarioText(both, "both.yaml")).toThrow(
      "bandwidth.egressMbps: and bandwidth.egress.mbps set the same thing; keep bandwidth.egress.mbps (the flat key is deprecated)",
    );
  });
});
