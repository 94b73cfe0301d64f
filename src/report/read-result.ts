/**
 * Reading a result document back (`compare`, `merge`, `report`): JSON text → RunResult, with
 * the shape checked far enough that the readers can trust it. Every problem is a LoadError
 * (`FILE: …`, exit status 2), never a crash half-way.
 */
import { LoadError } from "../config/errors.js";
import { READABLE_SCHEMA_VERSIONS, type RunResult } from "./result-model.js";

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The value at `path` (dot-separated keys) of `x`, or undefined. */
function at(x: unknown, path: string): unknown {
  let v: unknown = x;
  for (const key of path.split(".")) v = isObject(v) ? v[key] : undefined;
  return v;
}

/** The latency figures; `latencyUs` is null in a point that delivered nothing (version 3). */
const LATENCY_KEYS = ["p50", "p90", "p99", "p999", "max", "mean"] as const;

/** Fields every point must have, and their type. */
const POINT_FIELDS: ReadonlyArray<readonly [string, "number" | "string" | "object" | "array"]> = [
  ["params", "object"],
  ["seed", "number"],
  ["replications", "number"],
  ["offered.pps", "number"],
  ["delivered.pps", "number"],
  ["delivered.bps", "number"],
  ["drops.total", "number"],
  ["drops.rxRing", "number"],
  ["drops.backlog", "number"],
  ["cpuUtilization.max", "number"],
  ["perQueue", "array"],
  ["perCpu", "array"],
  ["latencyHdr", "string"],
];

function hasType(v: unknown, type: "number" | "string" | "object" | "array"): boolean {
  if (type === "array") return Array.isArray(v);
  if (type === "object") return isObject(v);
  if (type === "number") return typeof v === "number" && Number.isFinite(v);
  return typeof v === "string";
}

/** Parse and check a result document; `name` (the file) prefixes every message. */
export function parseResult(text: string, name: string): RunResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new LoadError(name, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(doc) || !("schemaVersion" in doc)) throw new LoadError(name, "not a nicsim result document (no schemaVersion)");
  const version = doc.schemaVersion;
  if (typeof version !== "number" || !READABLE_SCHEMA_VERSIONS.includes(version)) {
    throw new LoadError(name, `schemaVersion ${JSON.stringify(version)} is not one this nicsim reads (${READABLE_SCHEMA_VERSIONS.join(", ")})`);
  }
  for (const key of ["generator", "source"] as const) {
    if (typeof doc[key] !== "string") throw new LoadError(name, `"${key}" must be a string`);
  }
  if (!Array.isArray(doc.points)) throw new LoadError(name, '"points" must be a list');
  doc.points.forEach((point: unknown, i: number) => {
    for (const [path, type] of POINT_FIELDS) {
      if (!hasType(at(point, path), type)) throw new LoadError(name, `points[${i}].${path} is missing or not a${type === "array" || type === "object" ? "n" : ""} ${type}`);
    }
    if (at(point, "latencyUs") === null && version >= 3) return;
    for (const key of LATENCY_KEYS) {
      if (!hasType(at(point, `latencyUs.${key}`), "number")) throw new LoadError(name, `points[${i}].latencyUs.${key} is missing or not a number`);
    }
  });
  if ("shard" in doc && doc.shard !== undefined) {
    const s = doc.shard;
    if (!isObject(s) || !Number.isInteger(s.index) || !Number.isInteger(s.count) || !Number.isInteger(s.totalJobs) || !Array.isArray(s.jobs)) {
      throw new LoadError(name, '"shard" must hold index, count, totalJobs and jobs');
    }
    s.jobs.forEach((job: unknown, i: number) => {
      for (const key of ["index", "point", "replication", "seed"]) {
        if (!Number.isInteger(at(job, key))) throw new LoadError(name, `shard.jobs[${i}].${key} must be an integer`);
      }
      if (typeof at(job, "counters") !== "string") throw new LoadError(name, `shard.jobs[${i}].counters must be a string`);
    });
  }
  return doc as unknown as RunResult;
}
