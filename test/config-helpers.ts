/** Shared by the config-* tests: a small valid document and an exact-message matcher. */
import { expect } from "vitest";
import { ConfigError } from "../src/config/errors.js";

/** The smallest document that validates: every other field takes its default. */
export function minimalRaw(): Record<string, unknown> {
  return {
    host: { cpus: 4 },
    nics: [{ name: "eth0" }],
    traffic: { src: "192.0.2.0/24", dst: "10.0.0.1", load: { pps: 100000 } },
  };
}

/** `minimalRaw()` with `edit` applied to a deep copy. */
export function rawWith(edit: (raw: Record<string, unknown>) => void): Record<string, unknown> {
  const raw = structuredClone(minimalRaw());
  edit(raw);
  return raw;
}

/** Runs `fn` and expects a ConfigError with exactly `message`. */
export function expectConfigError(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).message).toBe(message);
}

/** A nested mapping inside a raw document, for edits. */
export function at(raw: Record<string, unknown>, ...keys: (string | number)[]): Record<string, unknown> {
  let current: unknown = raw;
  for (const key of keys) current = (current as Record<string | number, unknown>)[key];
  return current as Record<string, unknown>;
}
