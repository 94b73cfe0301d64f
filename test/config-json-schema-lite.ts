/**
 * A minimal JSON Schema (2020-12) checker for the keywords the published scenario schema uses,
 * so tests can check the schema itself without adding a validator dependency. It refuses any
 * keyword it does not know, so the schema cannot silently grow past what is tested here.
 */

type Schema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(["$schema", "title", "description", "default", "deprecated"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  "type",
  "enum",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "additionalProperties",
  "oneOf",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      throw new Error(`json-schema-lite: unsupported type ${String(type)}`);
  }
}

/** Returns the first violation as "path: keyword", or undefined when `value` conforms. */
export function violation(schema: Schema, value: unknown, path = "$"): string | undefined {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`json-schema-lite: unsupported keyword ${keyword} at ${path}`);
  }
  const s = schema as Record<string, unknown>;
  if (s.type !== undefined && !typeMatches(s.type, value)) return `${path}: type`;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return `${path}: enum`;
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) return `${path}: minimum`;
    if (typeof s.maximum === "number" && value > s.maximum) return `${path}: maximum`;
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) return `${path}: exclusiveMinimum`;
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) return `${path}: exclusiveMaximum`;
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof s.minLength === "number" && length < s.minLength) return `${path}: minLength`;
    if (typeof s.maxLength === "number" && length > s.maxLength) return `${path}: maxLength`;
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) return `${path}: pattern`;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) return `${path}: minItems`;
    if (typeof s.maxItems === "number" && value.length > s.maxItems) return `${path}: maxItems`;
    if (isObject(s.items)) {
      for (let i = 0; i < value.length; i++) {
        const found = violation(s.items, value[i], `${path}[${i}]`);
        if (found !== undefined) return found;
      }
    }
  }
  if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    if (Array.isArray(s.required)) {
      for (const key of s.required) if (typeof key === "string" && !(key in value)) return `${path}.${key}: required`;
    }
    for (const [key, item] of Object.entries(value)) {
      const sub = properties[key];
      if (isObject(sub)) {
        const found = violation(sub, item, `${path}.${key}`);
        if (found !== undefined) return found;
      } else if (s.additionalProperties === false) {
        return `${path}.${key}: additionalProperties`;
      } else if (isObject(s.additionalProperties)) {
        const found = violation(s.additionalProperties, item, `${path}.${key}`);
        if (found !== undefined) return found;
      }
    }
  }
  if (Array.isArray(s.oneOf)) {
    const passing = s.oneOf.filter((sub) => isObject(sub) && violation(sub, value, path) === undefined).length;
    if (passing !== 1) return `${path}: oneOf (${passing} alternatives match)`;
  }
  return undefined;
}

/** Every property schema in the tree, with its path. */
export function* properties(schema: Schema, path = "$"): Generator<[string, Schema]> {
  const s = schema as Record<string, unknown>;
  if (isObject(s.properties)) {
    for (const [key, sub] of Object.entries(s.properties)) {
      if (!isObject(sub)) continue;
      yield [`${path}.${key}`, sub];
      yield* properties(sub, `${path}.${key}`);
    }
  }
  for (const keyword of ["items", "additionalProperties"]) {
    const sub = s[keyword];
    if (isObject(sub)) yield* properties(sub, `${path}.${keyword}`);
  }
  if (Array.isArray(s.oneOf)) for (const sub of s.oneOf) if (isObject(sub)) yield* properties(sub, path);
}
