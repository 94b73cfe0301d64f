/**
 * The `sweep` section's shape: axis → list of values. Expanding it into points is
 * config/sweep.ts's work.
 */
import { array, num, record, str, union } from "../schema-dsl.js";

/** `sweep`: axis → values. An axis is `queues` (every NIC) or a path such as `traffic.load.pps`. */
export const sweepSchema = record(
  array(union([num(), str()]), { minItems: 1, allowed: "a non-empty list of numbers or strings" }),
  {
    allowed: "a mapping of axis to a list of values",
    description:
      'Axes to sweep, each a list of values; points are the cross product, first axis outermost. An axis is "queues" (every NIC\'s queues) or a path into this document such as "traffic.load.pps" or "nics[0].ringSize".',
  },
);
