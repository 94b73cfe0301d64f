import { describe, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

function withSweep(sweep: unknown): Record<string, unknown> {
  return rawWith((r) => (r.sweep = sweep));
}

describe("bad sweep paths are rejected before any point is built", () => {
  it("an index past the end of a list", () => {
    expectConfigError(() => expandSweep(withSweep({ "nics[3].queues": [1, 2] })), 'sweep."nics[3].queues": nics has 1 item');
  });

  it("a key below a number", () => {
    expectConfigError(() => expandSweep(withSweep({ "host.cpus.x": [1] })), 'sweep."host.cpus.x": host.cpus is 4, not a mapping');
  });

  it("an index into a mapping, and into a missing list", () => {
    expectConfigError(() => expandSweep(withSweep({ "host[0]": [1] })), 'sweep."host[0]": host is a mapping, not a list');
    expectConfigError(() => expandSweep(withSweep({ "routes[0].x": [1] })), 'sweep."routes[0].x": routes is missing');
  });

  it("text that is not a path", () => {
    expectConfigError(
      () => expandSweep(withSweep({ "nics..queues": [1] })),
      'sweep."nics..queues": not a path; write "queues" or keys joined by dots with [i] indices, e.g. "nics[0].ringSize"',
    );
  });

  it("an axis without values, or with a list value", () => {
    expectConfigError(() => expandSweep(withSweep({ queues: [] })), "sweep.queues: [] must have at least 1 item");
    expectConfigError(() => expandSweep(withSweep({ queues: 4 })), "sweep.queues: 4 must be a non-empty list of numbers or strings");
    expectConfigError(() => expandSweep(withSweep({ queues: [[1]] })), "sweep.queues[0]: [1] must be a number or a string");
  });
});
