/**
 * The CLI end of the notices channel (config/notices.ts): a command loads its scenario file
 * here, and the file's notices — the deprecated keys it uses — are printed once, as one line on
 * stderr, before the command's own output. They never reach stdout (which may be a JSON
 * document) and never change the exit status.
 */
import { loadScenarioFile } from "../config/load.js";
import { deprecationLine } from "../config/notices.js";
import type { LoadedScenarioFile } from "../config/scenario.js";

/** Prints a loaded file's notices on stderr: `nicsim: x.yaml: bandwidth.egressMbps is deprecated; use …`. */
export function writeScenarioNotices(file: LoadedScenarioFile): void {
  const line = deprecationLine(file.source, file.notices);
  if (line !== "") process.stderr.write(`nicsim: ${line}\n`);
}

/** Loads a command's scenario file and prints its notices, unless the command is `--quiet`. */
export function loadCommandScenario(path: string, options: { readonly quiet?: boolean } = {}): LoadedScenarioFile {
  const file = loadScenarioFile(path);
  if (options.quiet !== true) writeScenarioNotices(file);
  return file;
}
