import { describe, expect, it } from "vitest";
import { LoadError } from "../src/config/errors.js";
import { loadScenarioFile } from "../src/config/load.js";

describe("a missing file is reported by name", () => {
  it("says no such file", () => {
    expect(() => loadScenarioFile("examples/x.yaml")).toThrowError(new LoadError("examples/x.yaml", "no such file"));
    expect(() => loadScenarioFile("examples/x.yaml")).toThrowError("examples/x.yaml: no such file");
  });

  it("says a directory is not a scenario file", () => {
    expect(() => loadScenarioFile("examples")).toThrowError("examples: is a directory, not a scenario file");
  });
});
