import { scenarioJsonSchema } from "../../config/schema.js";
import { parseCommand } from "../parse.js";
import { UsageError } from "../usage-error.js";

export function schemaCommand(args: readonly string[]): number {
  const { positionals } = parseCommand("schema", args, {});
  if (positionals.length > 0) throw new UsageError(`schema: unexpected argument "${positionals[0]}"`);
  process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}
