/** Shared by the host-* tests: the format fixtures (test/fixtures/host/formats). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HOST_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "host");

/** The text of a format fixture, and its name for messages. */
export function fixture(name: string): [string, string] {
  return [readFileSync(join(HOST_FIXTURES, "formats", name), "utf8"), name];
}
