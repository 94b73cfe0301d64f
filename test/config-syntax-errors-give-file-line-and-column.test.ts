import { describe, expect, it } from "vitest";
import { LoadError } from "../src/config/errors.js";
import { loadScenarioText } from "../src/config/load.js";

function loadError(text: string, source: string): LoadError {
  try {
    loadScenarioText(text, source);
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
  throw new Error("expected a LoadError");
}

describe("syntax errors give the file, line and column", () => {
  it("YAML: an unclosed flow mapping", () => {
    const error = loadError("host: { cpus: 4\nnics: []\n", "x.yaml");
    expect(error.message).toMatch(/^x\.yaml:2:1: YAML syntax error: /);
    expect([error.line, error.column]).toEqual([2, 1]);
  });

  it("YAML: a duplicate key", () => {
    expect(loadError("host: {cpus: 4}\nnics: []\nhost: {cpus: 8}\n", "dup.yaml").message).toBe(
      "dup.yaml:3:1: YAML syntax error: Map keys must be unique",
    );
  });

  it("JSON: a missing value, where JSON.parse gives no position", () => {
    expect(loadError('{\n  "host": {\n    "cpus": }\n}', "x.json").message).toBe(
      "x.json:3:13: JSON syntax error: unexpected character \"}\"; expected a value",
    );
  });

  it("JSON: a trailing comma", () => {
    expect(loadError('{"host": {"cpus": 4},\n}', "x.json").message).toBe("x.json:2:1: JSON syntax error: trailing comma before }");
  });

  it("JSON: unexpected end", () => {
    expect(loadError('{"host": [1, 2', "x.json").message).toBe("x.json:1:15: JSON syntax error: unexpected end of input");
  });
});
