import { chmodSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { LoadError } from "../../config/errors.js";
import { planRollout, readChosen, readHost, RolloutError } from "../../plan/rollout.js";
import { systemdUnit, udevRule } from "../../plan/rollout-persistence.js";
import type { IrqbalanceHandling } from "../../plan/rollout-script.js";
import { GENERATOR } from "../../version.js";
import { writeTextFile } from "../output-set.js";
import { parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { loadCommandScenario } from "../scenario-notices.js";

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new LoadError(path, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code || String(error)})`);
  }
}

export function rolloutCommand(args: readonly string[]): number {
  const parsed = parseCommand("rollout", args, {
    from: { type: "string" },
    host: { type: "string" },
    output: { type: "string", short: "o" },
    nic: { type: "string" },
    irqbalance: { type: "string" },
    "irq-name": { type: "string" },
    persist: { type: "boolean" },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`rollout: unexpected argument "${parsed.positionals[0]}" (see nicsim help)`);
  const from = stringOption(parsed, "from");
  const hostPath = stringOption(parsed, "host");
  const output = stringOption(parsed, "output");
  if (from === undefined) throw new UsageError("rollout: missing --from TUNE.json|SCENARIO");
  if (hostPath === undefined) throw new UsageError("rollout: missing --host SNAPSHOT|HOST.yaml");
  if (output === undefined) throw new UsageError("rollout: missing -o apply.sh (- for stdout)");
  const handlingText = stringOption(parsed, "irqbalance");
  if (handlingText !== undefined && handlingText !== "ban-irqs" && handlingText !== "stop") {
    throw new UsageError(`--irqbalance: "${handlingText}" is not one of ban-irqs, stop`);
  }
  const chosen = readChosen(from, readText(from), loadCommandScenario);
  const host = readHost(hostPath, loadCommandScenario);
  const nic = stringOption(parsed, "nic");
  const irqName = stringOption(parsed, "irq-name");
  let rollout;
  try {
    rollout = planRollout({
      chosen: chosen.scenario,
      chosenFrom: chosen.what,
      host,
      generator: GENERATOR,
      ...(nic === undefined ? {} : { nic }),
      ...(handlingText === undefined ? {} : { irqbalance: handlingText as IrqbalanceHandling }),
      ...(irqName === undefined ? {} : { irqName }),
    });
  } catch (error) {
    if (error instanceof RolloutError) throw new UsageError(`rollout: ${error.message}`);
    throw error;
  }
  writeTextFile("-o", output, rollout.script);
  if (output !== "-") {
    chmodSync(output, 0o755);
    process.stdout.write(`wrote ${output}:\n${rollout.summary.map((l) => `  ${l}`).join("\n")}\nrun it with --dry-run first; it saves revert.sh before changing anything.\n`);
  }
  if (parsed.values.persist === true) {
    const target = rollout.target;
    const where = output === "-" ? `/usr/local/sbin/nicsim-apply-${target.nic}.sh` : resolve(output);
    process.stdout.write(`\n${udevRule(target)}\n${systemdUnit(target, where)}`);
  }
  return 0;
}
