import { describe, expect, it } from "vitest";
import { array, check, enumOf, int, map, num, obj, optional, str, toJsonSchema, union } from "../src/config/schema-dsl.js";
import { expectConfigError } from "./config-helpers.js";

const point = obj(
  {
    x: int({ min: 0, max: 9, description: "Across.", unit: "cells" }),
    label: optional(str({ description: "Name." })),
    kind: enumOf(["a", "b"], { default: "a", description: "Kind." }),
    tags: array(union([num({ exclusiveMin: 0 }), str()]), { default: [], description: "Tags." }),
  },
  { description: "A point." },
);

describe("the schema DSL checks and publishes the same rules", () => {
  it("check fills defaults, leaves optional fields undefined, and keeps given values", () => {
    expect(check(point, { x: 3 }, "p")).toEqual({ x: 3, label: undefined, kind: "a", tags: [] });
    expect(check(point, { x: 0, label: "o", kind: "b", tags: [1, "t"] }, "p")).toEqual({ x: 0, label: "o", kind: "b", tags: [1, "t"] });
  });

  it("check reports the first error with its path", () => {
    expectConfigError(() => check(point, { x: 10 }, "p"), "p.x: 10 must be <= 9");
    expectConfigError(() => check(point, { x: 1.5 }, "p"), "p.x: 1.5 must be an integer from 0 to 9");
    expectConfigError(() => check(point, {}, "p"), "p.x: missing; required: an integer from 0 to 9");
    expectConfigError(() => check(point, { x: 1, kind: "c" }, "p"), 'p.kind: "c" must be one of "a", "b"');
    expectConfigError(() => check(point, { x: 1, tags: [true] }, "p"), "p.tags[0]: true must be a number > 0 or a string");
    expectConfigError(() => check(point, { x: 1, tags: [-1] }, "p"), "p.tags[0]: -1 must be > 0");
    expectConfigError(() => check(point, { x: 1, y: 2 }, "p"), "p.y: unknown key; allowed: x, label, kind, tags");
    expectConfigError(() => check(point, [], "p"), "p: [] must be a mapping with keys x, label, kind, tags");
    expectConfigError(() => check(int(), Infinity, "n"), "n: Infinity must be an integer");
  });

  it("map converts after the check", () => {
    expect(check(map(int({ min: 1 }), (n) => n * 1000), 2, "ms")).toBe(2000);
  });

  it("toJsonSchema states the same rules, with units in descriptions", () => {
    expect(toJsonSchema(point)).toEqual({
      description: "A point.",
      type: "object",
      properties: {
        x: { description: "Across. Unit: cells.", type: "integer", minimum: 0, maximum: 9 },
        label: { description: "Name.", type: "string" },
        kind: { description: "Kind.", type: "string", enum: ["a", "b"], default: "a" },
        tags: {
          description: "Tags.",
          type: "array",
          items: { oneOf: [{ type: "number", exclusiveMinimum: 0 }, { type: "string" }] },
          default: [],
        },
      },
      required: ["x"],
      additionalProperties: false,
    });
  });

  it("a union whose alternatives overlap on a JSON type is a programming error", () => {
    expect(() => union([int(), num()])).toThrowError(/overlap on JSON type number/);
  });
});
