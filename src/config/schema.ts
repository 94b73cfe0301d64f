/**
 * The scenario file shape: one schema per section, each defined with its defaults in its own
 * module under `config/sections/`, put together here. `check(scenarioSchema, raw, "")`
 * validates a document field by field (the rules that span fields are each section's resolver's,
 * run by `validate.ts`), and `scenarioJsonSchema()` publishes the same rules as
 * `schema/scenario.schema.json`.
 *
 * Units are in the descriptions; durations carry their unit in the value ("200ms").
 */
import { obj, optional, toJsonSchema } from "./schema-dsl.js";
import type { Infer, JsonSchema } from "./schema-dsl.js";
import { appSchema } from "./sections/app.js";
import { bandwidthSchema } from "./sections/bandwidth.js";
import { costsSchema } from "./sections/costs.js";
import { hostSchema } from "./sections/host.js";
import { irqSchema } from "./sections/irq.js";
import { kernelSchema } from "./sections/kernel.js";
import { nicsSchema } from "./sections/nics.js";
import { profileSchema } from "./sections/profile.js";
import { routingSchema } from "./sections/routing.js";
import { runSchema } from "./sections/run.js";
import { sweepSchema } from "./sections/sweep.js";
import { trafficSchema } from "./sections/traffic.js";

export const scenarioSchema = obj({
  profile: profileSchema,
  host: hostSchema,
  nics: nicsSchema,
  irq: irqSchema,
  traffic: trafficSchema,
  costs: costsSchema,
  kernel: kernelSchema,
  run: runSchema,
  routing: optional(routingSchema),
  bandwidth: optional(bandwidthSchema),
  app: optional(appSchema),
  sweep: optional(sweepSchema),
});

/** A document after the field checks: defaults filled in, single fields converted. */
export type CheckedScenario = Infer<typeof scenarioSchema>;

/** The published JSON Schema (draft 2020-12) of a scenario file. */
export function scenarioJsonSchema(): object {
  const body: JsonSchema = toJsonSchema(scenarioSchema);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "nicsim scenario",
    description:
      "A host, its NICs and the traffic they receive, for the nicsim receive-path simulator. Durations carry a unit (\"200ms\"); costs are CPU cycles.",
    ...body,
  };
}
