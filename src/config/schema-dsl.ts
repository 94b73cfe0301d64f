/**
 * A tiny declarative schema language, and its two interpreters.
 *
 * A schema is a plain tree of nodes (`int`, `num`, `str`, `enumOf`, `array`, `obj`, `record`,
 * `union`, `custom`, and `map` for a conversion after the check). Two functions read the tree:
 *
 * - `check(schema, value, path)` returns the value with defaults filled in (and `map`/`custom`
 *   conversions applied), or throws a `ConfigError` naming the path, the value and what is
 *   allowed. It stops at the first error.
 * - `toJsonSchema(schema)` returns the same rules as JSON Schema (draft 2020-12).
 *
 * Writing the scenario shape once here keeps the validator and the published schema from
 * drifting apart. Defaults are raw (file) values: they go through `check` like user input, so a
 * default is always valid and is published as written.
 *
 * Objects: every field is required unless it has a `default` or is `optional`; unknown keys are
 * an error. Unions dispatch on the JSON type of the value (number, string, list, mapping), so
 * an error inside the matching alternative is reported precisely.
 */
import { ConfigError, show } from "./errors.js";
import { isMapping, joinIndex, joinKey } from "./paths.js";

/** A JSON value: what a default may be. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON Schema fragment. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** JSON types a node accepts; integers count as "number". */
export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";

/** What any node may carry besides its rules. */
export interface Meta {
  /** A sentence for people; published as `description`. */
  readonly description?: string;
  /** Unit of the value (e.g. "CPU cycles", "GHz"); appended to the description. */
  readonly unit?: string;
  /** Used when the field is absent; a raw value, checked like user input. */
  readonly default?: Json;
  /** The field may be absent (and is then `undefined`). */
  readonly optional?: boolean;
  /** How messages describe what is allowed, when the generated phrase is not clear enough. */
  readonly allowed?: string;
  /**
   * The key still works but has a replacement (this path, e.g. `bandwidth.egress.mbps`):
   * published as `deprecated: true` with the replacement in the description, and left out of
   * the keys an "unknown key" message suggests. Reporting its use is the section's job.
   */
  readonly deprecated?: string;
}

interface IntNode {
  readonly kind: "int";
  readonly meta: Meta;
  readonly min?: number;
  readonly max?: number;
  readonly powerOfTwo?: boolean;
}

interface NumNode {
  readonly kind: "num";
  readonly meta: Meta;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: number;
  readonly exclusiveMax?: number;
}

interface StrNode {
  readonly kind: "str";
  readonly meta: Meta;
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
}

interface EnumNode {
  readonly kind: "enum";
  readonly meta: Meta;
  readonly values: readonly string[];
}

interface ArrayNode {
  readonly kind: "array";
  readonly meta: Meta;
  readonly items: Node;
  readonly minItems?: number;
  readonly maxItems?: number;
}

interface ObjNode {
  readonly kind: "obj";
  readonly meta: Meta;
  readonly fields: { readonly [key: string]: Node };
  /** Exactly one of these keys must be present. */
  readonly exactlyOne?: readonly string[];
}

interface RecordNode {
  readonly kind: "record";
  readonly meta: Meta;
  readonly values: Node;
}

interface UnionNode {
  readonly kind: "union";
  readonly meta: Meta;
  readonly alternatives: readonly Node[];
}

interface CustomNode {
  readonly kind: "custom";
  readonly meta: Meta;
  readonly accepts: readonly JsonType[];
  readonly json: JsonSchema;
  readonly parse: (value: unknown, path: string) => unknown;
}

interface MapNode {
  readonly kind: "map";
  readonly meta: Meta;
  readonly inner: Node;
  readonly apply: (value: unknown, path: string) => unknown;
}

type Node = IntNode | NumNode | StrNode | EnumNode | ArrayNode | ObjNode | RecordNode | UnionNode | CustomNode | MapNode;

declare const output: unique symbol;

/** A schema node whose `check` yields a `T`. The type parameter exists only for the compiler. */
export type Schema<T> = Node & { readonly [output]: T };

/** The type `check` yields for a schema. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Fields = { readonly [key: string]: Schema<unknown> };

/** The node is built to yield `T`; the interpreters keep that promise. */
function typed<T>(node: Node): Schema<T> {
  return node as Schema<T>;
}

// ---------------------------------------------------------------------------------------------
// Builders

export function int(options: Meta & { min?: number; max?: number; powerOfTwo?: boolean } = {}): Schema<number> {
  const { min, max, powerOfTwo, ...meta } = options;
  return typed({ kind: "int", meta, min, max, powerOfTwo });
}

export function num(
  options: Meta & { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number } = {},
): Schema<number> {
  const { min, max, exclusiveMin, exclusiveMax, ...meta } = options;
  return typed({ kind: "num", meta, min, max, exclusiveMin, exclusiveMax });
}

export function str(options: Meta & { pattern?: RegExp; minLength?: number; maxLength?: number } = {}): Schema<string> {
  const { pattern, minLength, maxLength, ...meta } = options;
  return typed({ kind: "str", meta, pattern, minLength, maxLength });
}

export function enumOf<const V extends readonly string[]>(values: V, meta: Meta = {}): Schema<V[number]> {
  return typed({ kind: "enum", meta, values });
}

export function array<T>(
  items: Schema<T>,
  options: Meta & { minItems?: number; maxItems?: number } = {},
): Schema<readonly T[]> {
  const { minItems, maxItems, ...meta } = options;
  return typed({ kind: "array", meta, items, minItems, maxItems });
}

export function obj<F extends Fields>(
  fields: F,
  options: Meta & { exactlyOne?: readonly (keyof F & string)[] } = {},
): Schema<{ readonly [K in keyof F]: Infer<F[K]> }> {
  const { exactlyOne, ...meta } = options;
  return typed({ kind: "obj", meta, fields, exactlyOne });
}

export function record<T>(values: Schema<T>, meta: Meta = {}): Schema<Readonly<Record<string, T>>> {
  return typed({ kind: "record", meta, values });
}

/** One of several schemas that accept different JSON types (a number or a string, …). */
export function union<A extends readonly Schema<unknown>[]>(alternatives: A, meta: Meta = {}): Schema<Infer<A[number]>> {
  const seen = new Set<JsonType>();
  for (const alternative of alternatives) {
    for (const type of acceptsOf(alternative)) {
      if (seen.has(type)) throw new Error(`schema: union alternatives overlap on JSON type ${type}`);
      seen.add(type);
    }
  }
  return typed({ kind: "union", meta, alternatives });
}

/**
 * A leaf with its own parser and its own JSON Schema fragment, for values whose rules JSON
 * Schema cannot state (durations, CIDRs, keys). `parse` throws `ConfigError` itself;
 * `meta.allowed` is required because messages elsewhere (unions, missing fields) quote it.
 */
export function custom<T>(spec: {
  accepts: readonly JsonType[];
  json: JsonSchema;
  allowed: string;
  parse: (value: unknown, path: string) => T;
} & Meta): Schema<T> {
  const { accepts, json, parse, ...meta } = spec;
  return typed({ kind: "custom", meta, accepts, json, parse });
}

/** Checks with `inner`, then converts the result (may throw `ConfigError` at `path`). */
export function map<A, B>(inner: Schema<A>, convert: (value: A, path: string) => B, meta: Meta = {}): Schema<B> {
  const apply = (value: unknown, path: string): unknown => convert(value as A, path);
  return typed({ kind: "map", meta: { ...inner.meta, ...meta }, inner, apply });
}

/** The field may be absent; `check` then yields `undefined`. */
export function optional<T>(schema: Schema<T>, meta: Meta = {}): Schema<T | undefined> {
  return typed({ ...schema, meta: { ...schema.meta, ...meta, optional: true } });
}

// ---------------------------------------------------------------------------------------------
// Interpreter 1: check

/** Checks `value` at `path` ("" for the top) and returns it with defaults and conversions applied. */
export function check<T>(schema: Schema<T>, value: unknown, path: string): T {
  return checkNode(schema, value, path) as T;
}

function fail(path: string, detail: string): never {
  throw new ConfigError(path, detail);
}

function checkNode(node: Node, value: unknown, path: string): unknown {
  switch (node.kind) {
    case "int":
    case "num":
      return checkNumber(node, value, path);
    case "str":
      return checkString(node, value, path);
    case "enum":
      if (typeof value !== "string" || !node.values.includes(value)) fail(path, `${show(value)} must be ${allowedOf(node)}`);
      return value;
    case "array":
      return checkArray(node, value, path);
    case "obj":
      return checkObject(node, value, path);
    case "record":
      return checkRecord(node, value, path);
    case "union":
      return checkUnion(node, value, path);
    case "custom":
      return node.parse(value, path);
    case "map":
      return node.apply(checkNode(node.inner, value, path), path);
  }
}

function checkNumber(node: IntNode | NumNode, value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (node.kind === "int" && !Number.isInteger(value))) {
    return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  }
  if (node.min !== undefined && value < node.min) fail(path, `${show(value)} must be >= ${node.min}`);
  if (node.max !== undefined && value > node.max) fail(path, `${show(value)} must be <= ${node.max}`);
  if (node.kind === "num") {
    if (node.exclusiveMin !== undefined && value <= node.exclusiveMin) fail(path, `${show(value)} must be > ${node.exclusiveMin}`);
    if (node.exclusiveMax !== undefined && value >= node.exclusiveMax) fail(path, `${show(value)} must be < ${node.exclusiveMax}`);
  }
  if (node.kind === "int" && node.powerOfTwo === true && (value < 1 || (value & (value - 1)) !== 0)) {
    fail(path, `${show(value)} must be ${allowedOf(node)}`);
  }
  return value;
}

function checkString(node: StrNode, value: unknown, path: string): string {
  if (
    typeof value !== "string" ||
    (node.minLength !== undefined && value.length < node.minLength) ||
    (node.maxLength !== undefined && value.length > node.maxLength) ||
    (node.pattern !== undefined && !node.pattern.test(value))
  ) {
    return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  }
  return value;
}

function checkArray(node: ArrayNode, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  if (node.minItems !== undefined && value.length < node.minItems) {
    fail(path, `${show(value)} must have at least ${items(node.minItems)}`);
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    fail(path, `${value.length} items given; at most ${items(node.maxItems)} allowed`);
  }
  return value.map((item, i) => checkNode(node.items, item, joinIndex(path, i)));
}

function checkObject(node: ObjNode, value: unknown, path: string): Record<string, unknown> {
  if (!isMapping(value)) return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  const keys = Object.keys(node.fields);
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(node.fields, key)) fail(joinKey(path, key), `unknown key; allowed: ${currentKeys(node).join(", ")}`);
  }
  if (node.exactlyOne !== undefined) {
    const present = node.exactlyOne.filter((key) => value[key] !== undefined);
    if (present.length !== 1) fail(path, `${show(value)} must have exactly one of ${node.exactlyOne.join(", ")}`);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const field = node.fields[key];
    const fieldPath = joinKey(path, key);
    const given = value[key];
    if (given !== undefined) out[key] = checkNode(field, given, fieldPath);
    else if (field.meta.default !== undefined) out[key] = checkNode(field, field.meta.default, fieldPath);
    else if (field.meta.optional === true) out[key] = undefined;
    else fail(fieldPath, `missing; required: ${allowedOf(field)}`);
  }
  return out;
}

function checkRecord(node: RecordNode, value: unknown, path: string): Record<string, unknown> {
  if (!isMapping(value)) return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = checkNode(node.values, item, joinKey(path, key));
  return out;
}

function checkUnion(node: UnionNode, value: unknown, path: string): unknown {
  const type = jsonTypeOf(value);
  const match = node.alternatives.find((alternative) => acceptsOf(alternative).some((accepted) => accepted === type));
  if (match === undefined) return fail(path, `${show(value)} must be ${allowedOf(node)}`);
  return checkNode(match, value, path);
}

function jsonTypeOf(value: unknown): JsonType | "other" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "object") return "object";
  return "other";
}

function acceptsOf(node: Node): readonly JsonType[] {
  switch (node.kind) {
    case "int":
    case "num":
      return ["number"];
    case "str":
    case "enum":
      return ["string"];
    case "array":
      return ["array"];
    case "obj":
    case "record":
      return ["object"];
    case "union":
      return node.alternatives.flatMap(acceptsOf);
    case "custom":
      return node.accepts;
    case "map":
      return acceptsOf(node.inner);
  }
}

function items(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}

/** What is allowed, as a phrase for messages ("an integer from 1 to 4096"). */
export function allowedOf(node: Node): string {
  if (node.meta.allowed !== undefined) return node.meta.allowed;
  switch (node.kind) {
    case "int":
      return node.powerOfTwo === true ? `a power of two${range(node.min, node.max)}` : `an integer${range(node.min, node.max)}`;
    case "num": {
      const low = node.exclusiveMin !== undefined ? `> ${node.exclusiveMin}` : node.min !== undefined ? `>= ${node.min}` : "";
      const high = node.exclusiveMax !== undefined ? `< ${node.exclusiveMax}` : node.max !== undefined ? `<= ${node.max}` : "";
      if (node.exclusiveMin === undefined && node.exclusiveMax === undefined) return `a number${range(node.min, node.max)}`;
      return `a number ${[low, high].filter((part) => part !== "").join(" and ")}`;
    }
    case "str":
      return "a string";
    case "enum":
      return node.values.length === 1 ? JSON.stringify(node.values[0]) : `one of ${node.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "array":
      return "a list";
    case "obj":
      return `a mapping with keys ${currentKeys(node).join(", ")}`;
    case "record":
      return "a mapping";
    case "union": {
      const phrases = node.alternatives.map(allowedOf);
      return phrases.length <= 2 ? phrases.join(" or ") : `${phrases.slice(0, -1).join(", ")}, or ${phrases[phrases.length - 1]}`;
    }
    case "custom":
      return "a valid value";
    case "map":
      return allowedOf(node.inner);
  }
}

/** An object's keys that are not deprecated: what messages suggest. */
function currentKeys(node: ObjNode): string[] {
  return Object.keys(node.fields).filter((key) => node.fields[key].meta.deprecated === undefined);
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` >= ${min}`;
  if (max !== undefined) return ` <= ${max}`;
  return "";
}

// ---------------------------------------------------------------------------------------------
// Interpreter 2: JSON Schema (draft 2020-12)

/** The schema as a JSON Schema fragment (without `$schema`; add it at the root). */
export function toJsonSchema(schema: Schema<unknown>): JsonSchema {
  return jsonOf(schema);
}

function jsonOf(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { description, unit, deprecated } = node.meta;
  const replaced = deprecated === undefined ? undefined : `Deprecated: use ${deprecated}.`;
  const text = [replaced, description, unit === undefined ? undefined : `Unit: ${unit}.`].filter((part) => part !== undefined).join(" ");
  if (text !== "") out.description = text;
  if (deprecated !== undefined) out.deprecated = true;
  for (const [keyword, value] of Object.entries(bodyOf(node))) if (value !== undefined) out[keyword] = value;
  if (node.meta.default !== undefined) out.default = node.meta.default;
  return out;
}

function bodyOf(node: Node): Record<string, unknown> {
  switch (node.kind) {
    case "int":
      if (node.powerOfTwo === true) return { type: "integer", enum: powersOfTwo(node.min ?? 1, node.max ?? 2 ** 30) };
      return { type: "integer", minimum: node.min, maximum: node.max };
    case "num":
      return {
        type: "number",
        minimum: node.min,
        exclusiveMinimum: node.exclusiveMin,
        maximum: node.max,
        exclusiveMaximum: node.exclusiveMax,
      };
    case "str":
      return { type: "string", minLength: node.minLength, maxLength: node.maxLength, pattern: node.pattern?.source };
    case "enum":
      return { type: "string", enum: node.values };
    case "array":
      return { type: "array", items: jsonOf(node.items), minItems: node.minItems, maxItems: node.maxItems };
    case "obj":
      return objectBody(node);
    case "record":
      return { type: "object", additionalProperties: jsonOf(node.values) };
    case "union":
      return { oneOf: node.alternatives.map(jsonOf) };
    case "custom":
      return { ...node.json };
    case "map":
      return bodyOf(node.inner);
  }
}

function objectBody(node: ObjNode): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(node.fields)) {
    properties[key] = jsonOf(field);
    if (field.meta.default === undefined && field.meta.optional !== true) required.push(key);
  }
  return {
    type: "object",
    properties,
    required: required.length > 0 ? required : undefined,
    additionalProperties: false,
    oneOf: node.exactlyOne?.map((key) => ({ required: [key] })),
  };
}

function powersOfTwo(min: number, max: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= max; p *= 2) if (p >= min) out.push(p);
  return out;
}
