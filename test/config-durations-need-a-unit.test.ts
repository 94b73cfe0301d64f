import { describe, expect, it } from "vitest";
import { parseDuration } from "../src/config/durations.js";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

describe("durations need a unit", () => {
  it("a bare number in the file is refused with an example", () => {
    const raw = rawWith((r) => (r.run = { duration: 0.2 }));
    expectConfigError(() => validateScenario(raw), 'run.duration: 0.2 has no unit; write e.g. "200ms" or "0.2s"');
  });

  it("a number in quotes is refused the same way", () => {
    expectConfigError(() => parseDuration("0.2", "run.duration"), 'run.duration: "0.2" has no unit; write e.g. "200ms" or "0.2s"');
  });

  it("s, ms, us, µs and ns become integer ns, rounded", () => {
    expect(parseDuration("0.2s", "d")).toBe(200_000_000);
    expect(parseDuration("200ms", "d")).toBe(200_000_000);
    expect(parseDuration("50us", "d")).toBe(50_000);
    expect(parseDuration("50\u00b5s", "d")).toBe(50_000);
    expect(parseDuration("50\u03bcs", "d")).toBe(50_000);
    expect(parseDuration("100ns", "d")).toBe(100);
    expect(parseDuration(" 1.5 ns ", "d")).toBe(2);
    expect(parseDuration("0.29s", "d")).toBe(290_000_000);
  });

  it("unknown units, zero and negative durations are refused", () => {
    expectConfigError(() => parseDuration("5m", "run.duration"), 'run.duration: "5m" has an unknown unit "m"; use s, ms, us (or \u00b5s) or ns');
    expectConfigError(() => parseDuration("0s", "run.duration"), 'run.duration: "0s" must be > 0');
    expectConfigError(() => parseDuration("-5ms", "run.duration"), 'run.duration: "-5ms" must be > 0');
    expectConfigError(() => parseDuration("0.1ns", "run.duration"), 'run.duration: "0.1ns" rounds to 0 ns; it must be > 0');
    expectConfigError(() => parseDuration("soon", "run.duration"), 'run.duration: "soon" is not a duration; write e.g. "200ms" or "0.2s"');
  });

  it("a zero warm-up is allowed, a negative one is not", () => {
    expect(parseDuration("0s", "run.warmup", { allowZero: true })).toBe(0);
    expectConfigError(() => parseDuration("-1s", "run.warmup", { allowZero: true }), 'run.warmup: "-1s" must be >= 0');
  });
});
