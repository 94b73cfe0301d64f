import { describe, expect, it } from "vitest";
import { NO_BANDWIDTH_SECTION } from "../src/report/bandwidth-note.js";
import { nicsim } from "./cli-helpers.js";
import { POOL_SWEEP } from "./pool-helpers.js";

/**
 * Issue 5: without a `bandwidth` section no public cap applies, and the report says so (once,
 * under the table or the Markdown); with one, it lists each point's caps instead. Every point
 * names its bottleneck either way.
 */
describe("the report on bandwidth caps", () => {
  it("says once that no public cap applies when the scenario has no bandwidth section", async () => {
    for (const format of ["table", "md"]) {
      const r = await nicsim("run", POOL_SWEEP, "--jobs", "1", "--format", format);
      expect(r.status).toBe(0);
      expect(r.stdout.split(NO_BANDWIDTH_SECTION)).toHaveLength(2);
      expect(r.stdout).toMatch(/bottleneck/);
    }
  });

  it("says nothing of the kind when a cap applies, and names the bottleneck of every point", async () => {
    const r = await nicsim("run", "examples/cloud-5mbps-egress.yaml", "--jobs", "1");
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(NO_BANDWIDTH_SECTION);
    expect(r.stdout.match(/^bandwidth \(traffic\.load\.pps=\d+\): .*; bottleneck (none|egressCap)$/gm)).toHaveLength(4);
  });
});
