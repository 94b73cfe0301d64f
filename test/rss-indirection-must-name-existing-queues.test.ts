// A table that names a queue the NIC does not have is an error naming the entry (a list) or the
// rule (equal N beyond the queues, weights beyond the queues, weights summing past the table).
// Checked per sweep point, since `queues` may be swept.
import { describe, expect, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

function nicWith(rss: Record<string, unknown>, queues = 4): Record<string, unknown> {
  return rawWith((r) => (r.nics = [{ name: "eth0", queues, rss }]));
}

describe("indirection tables are checked against the NIC's queues", () => {
  it("equal N with N > queues", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indir: "equal 8" })),
      'nics[0].rss.indir: "equal 8": spreads over queues 0..7 but the NIC has 4 queues (0..3)',
    );
  });

  it("start S equal N reaching past the last queue", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indir: "start 2 equal 3" })),
      'nics[0].rss.indir: "start 2 equal 3": spreads over queues 2..4 but the NIC has 4 queues (0..3)',
    );
  });

  it("a list entry naming a missing queue: the path names the entry", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indirSize: 8, indir: [0, 1, 2, 3, 0, 4, 0, 0] })),
      "nics[0].rss.indir[5]: entry 5 is queue 4 but the NIC has 4 queues (0..3)",
    );
  });

  it("a list of the wrong length", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indirSize: 8, indir: [0, 1, 2, 3] })),
      "nics[0].rss.indir: the list has 4 entries; the table has 8 (indirSize)",
    );
  });

  it("weights for more queues than the NIC has", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indirSize: 8, indir: "weight 1 1 1 1 1" })),
      'nics[0].rss.indir: "weight 1 1 1 1 1": weight 4 gives entry 6 to queue 4 but the NIC has 4 queues (0..3)',
    );
  });

  it("weights summing past the table size, or to zero", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indirSize: 4, indir: "weight 3 3" })),
      'nics[0].rss.indir: "weight 3 3": the weights sum to 6, more than the 4 table entries',
    );
    expectConfigError(
      () => validateScenario(nicWith({ indir: "weight 0 0" })),
      'nics[0].rss.indir: "weight 0 0": the weights sum to 0; at least one queue needs a weight',
    );
  });

  it("a bad spec string", () => {
    expectConfigError(
      () => validateScenario(nicWith({ indir: "equal 0" })),
      'nics[0].rss.indir: "equal 0": spreads over no queue; N must be at least 1',
    );
  });

  it("a sweep over queues checks every point", () => {
    const raw = nicWith({ indir: "equal 4" }, 8);
    raw.sweep = { queues: [8, 4, 2] };
    expectConfigError(
      () => expandSweep(raw),
      'nics[0].rss.indir: "equal 4": spreads over queues 0..3 but the NIC has 2 queues (0..1) (sweep point queues=2)',
    );
  });

  it("valid tables pass", () => {
    expect(validateScenario(nicWith({ indir: "equal 4" })).nics[0].rss.indir).toEqual({ kind: "equal", start: 0, count: 4 });
    expect(validateScenario(nicWith({ indirSize: 4, indir: [3, 3, 0, 1] })).nics[0].rss.indir).toEqual({ kind: "list", queues: [3, 3, 0, 1] });
  });
});
