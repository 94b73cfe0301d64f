/**
 * Reading a capacity document back (`compare`, `report`): JSON text → CapacityDocument, its
 * shape checked far enough that readers can trust it. Problems are LoadErrors (`FILE: …`).
 */
import { LoadError } from "../config/errors.js";
import { isMapping } from "../config/paths.js";
import { CAPACITY_KIND, CAPACITY_SCHEMA_VERSION, type CapacityDocument } from "./capacity-model.js";

/** Whether a parsed JSON document says it is a capacity document. */
export function isCapacityDocument(doc: unknown): boolean {
  return isMapping(doc) && doc.kind === CAPACITY_KIND;
}

const nullableNumber = (x: unknown): boolean => x === null || (typeof x === "number" && Number.isFinite(x));

export function checkCapacityDocument(doc: unknown, name: string): CapacityDocument {
  const fail = (why: string): never => {
    throw new LoadError(name, why);
  };
  if (!isMapping(doc) || doc.kind !== CAPACITY_KIND) return fail(`not a nicsim capacity document (kind is not "${CAPACITY_KIND}")`);
  if (doc.schemaVersion !== CAPACITY_SCHEMA_VERSION) fail(`capacity schemaVersion ${JSON.stringify(doc.schemaVersion)} is not one this nicsim reads (${CAPACITY_SCHEMA_VERSION})`);
  for (const key of ["generator", "source", "loadAxis"]) if (typeof doc[key] !== "string") fail(`"${key}" must be a string`);
  for (const key of ["resolution", "replications", "seed"]) if (typeof doc[key] !== "number") fail(`"${key}" must be a number`);
  if (!isMapping(doc.slo) || typeof doc.slo.text !== "string" || !Array.isArray(doc.slo.terms)) fail('"slo" must hold text and terms');
  if (!Array.isArray(doc.configurations)) return fail('"configurations" must be a list');
  doc.configurations.forEach((c: unknown, i: number) => {
    const at = `configurations[${i}]`;
    if (!isMapping(c)) return fail(`${at} must be a mapping`);
    if (!isMapping(c.params)) fail(`${at}.params must be a mapping`);
    if (typeof c.capacity !== "number") fail(`${at}.capacity must be a number`);
    if (!isMapping(c.bracket) || !nullableNumber(c.bracket.low) || !nullableNumber(c.bracket.high)) fail(`${at}.bracket must hold low and high (numbers or null)`);
    if (!Array.isArray(c.probes) || !Array.isArray(c.binding)) fail(`${at} must hold probes and binding lists`);
    return undefined;
  });
  return doc as unknown as CapacityDocument;
}
