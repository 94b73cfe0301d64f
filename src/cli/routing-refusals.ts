/**
 * `run` and `validate` on a scenario whose routing batch has lines the kernel refuses (a gateway
 * not on a connected subnet, a table that does not exist…): the run goes on with the state the
 * accepted lines built, as `ip -batch -force` would, but the user hears about it — how many lines
 * and the first one, the way `nicsim route get` lists them.
 */
import type { ScenarioFile } from "../config/scenario.js";
import type { RoutingConfig } from "../routing/index.js";
import { compileRouting } from "../routing/index.js";

/** One line for stderr, or "" when every batch line of every point was applied. */
export function refusedBatchNote(file: ScenarioFile): string {
  const seen = new Set<RoutingConfig>();
  for (const point of file.points) {
    const routing = point.scenario.routing;
    if (routing === undefined || seen.has(routing)) continue;
    seen.add(routing);
    const refused = compileRouting(routing).refused;
    if (refused.length === 0) continue;
    const first = refused[0];
    const more = refused.length === 1 ? "1 routing batch line" : `${refused.length} routing batch lines`;
    return `nicsim: ${file.source}: ${more} refused as the kernel would refuse ${refused.length === 1 ? "it" : "them"} (nicsim route get --config ${file.source} lists them); the first: line ${first.line} (${first.text}): ${first.error ?? ""}`;
  }
  return "";
}
