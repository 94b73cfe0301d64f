import { scenarioJsonSchema } from "../../config/schema.js";
import { parseCommand } from "../parse.js";
import { UsageError } from "../usage-error.js";

export const SCHEMA_HELP = `nicsim schema
  Print the JSON Schema of scenario files (the same as schema/scenario.schema.json).`;

export function schemaCommand(args: readonly string[]): number {
  const { positionals } = parseCommand("schema", args, {});
  if (positionals.length > 0) throw new UsageError(`schema: unexpected argument "${positionals[0]}"`);
  process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}
