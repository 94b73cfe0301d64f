import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/config/schema.js";

describe("the published JSON Schema is current", () => {
  it("schema/scenario.schema.json is exactly what scenarioJsonSchema() gives", () => {
    // To update after a schema change, write JSON.stringify(scenarioJsonSchema(), null, 2) + "\n" to the file.
    const published = readFileSync("schema/scenario.schema.json", "utf8");
    expect(published).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
  });

  it("declares draft 2020-12", () => {
    expect(scenarioJsonSchema()).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" });
  });
});
