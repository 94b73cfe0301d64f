import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

describe("the warm-up must be shorter than the run", () => {
  it("equal lengths written in different units are refused", () => {
    const raw = rawWith((r) => (r.run = { duration: "0.2s", warmup: "200ms" }));
    expectConfigError(() => validateScenario(raw), 'run.warmup: "200ms" must be shorter than run.duration ("0.2s")');
  });

  it("a warm-up longer than the default duration is refused", () => {
    const raw = rawWith((r) => (r.run = { warmup: "1s" }));
    expectConfigError(() => validateScenario(raw), 'run.warmup: "1s" must be shorter than run.duration ("100ms")');
  });

  it("a shorter warm-up is kept", () => {
    const raw = rawWith((r) => (r.run = { duration: "1s", warmup: "999ms" }));
    expect(validateScenario(raw).run).toMatchObject({ durationNs: 1e9, warmupNs: 999e6 });
  });
});
