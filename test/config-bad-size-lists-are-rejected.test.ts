import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

function withSize(size: unknown): Record<string, unknown> {
  return rawWith((r) => (at(r, "traffic").size = size));
}

describe("bad packet size lists are rejected", () => {
  it("an empty list", () => {
    expectConfigError(() => validateScenario(withSize([])), "traffic.size: [] must have at least 1 item");
  });

  it("a size below the minimum frame, in a list", () => {
    expectConfigError(() => validateScenario(withSize([64, 10])), "traffic.size[1]: 10 must be >= 20");
  });

  it("weights that do not match the sizes", () => {
    expectConfigError(
      () => validateScenario(withSize({ bytes: [64, 576, 1500], weights: [1, 1] })),
      "traffic.size.weights: 2 weights given for 3 sizes in traffic.size.bytes",
    );
  });

  it("a zero weight and an unknown mix name", () => {
    expectConfigError(() => validateScenario(withSize({ bytes: [64], weights: [0] })), "traffic.size.weights[0]: 0 must be > 0");
    expectConfigError(() => validateScenario(withSize("jumbo")), 'traffic.size: "jumbo" must be "imix"');
  });

  it("a value of no allowed kind lists every form", () => {
    expectConfigError(
      () => validateScenario(withSize(true)),
      'traffic.size: true must be an integer from 20 to 65535, "imix", a list of sizes, or a mapping with keys bytes, weights',
    );
  });

  it("good lists resolve with their weights", () => {
    expect(validateScenario(withSize([64, 1500])).traffic.size).toEqual({ sizes: [64, 1500], weights: [1, 1], text: "[64, 1500]" });
    expect(validateScenario(withSize({ bytes: [64, 1500], weights: [3, 1] })).traffic.size).toEqual({
      sizes: [64, 1500],
      weights: [3, 1],
      text: "{bytes: [64, 1500], weights: [3, 1]}",
    });
  });
});
