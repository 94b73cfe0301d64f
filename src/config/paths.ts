/**
 * Field paths as messages print them: `host.cpus`, `nics[0].rps.cpus[2]`, and keys that are not
 * plain identifiers quoted as JSON strings (`sweep."nics[0].queues"`).
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key`, or `parent."odd key"`; the key alone at the top. */
export function joinKey(parent: string, key: string): string {
  const part = IDENTIFIER.test(key) ? key : JSON.stringify(key);
  return parent === "" ? part : `${parent}.${part}`;
}

/** `parent[index]`. */
export function joinIndex(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** A plain key → value object (a YAML mapping), not a list, not null. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
