import { UsageError } from "../usage-error.js";
import { RSS_HASH_HELP, rssHashCommand } from "./rss-hash.js";
import { RSS_KEY_QUALITY_HELP, rssKeyQualityCommand } from "./rss-key-quality.js";
import { RSS_SPREAD_HELP, rssSpreadCommand } from "./rss-spread.js";

/** `nicsim rss hash | spread | key-quality`: receive-side scaling tools, one help text each. */
export const RSS_HELPS: readonly string[] = [RSS_HASH_HELP, RSS_SPREAD_HELP, RSS_KEY_QUALITY_HELP];

const SUBCOMMANDS: Readonly<Record<string, (args: readonly string[]) => number>> = {
  hash: rssHashCommand,
  spread: rssSpreadCommand,
  "key-quality": rssKeyQualityCommand,
};

export function rssCommand(args: readonly string[]): number {
  const [sub, ...rest] = args;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (run === undefined) {
    const what = sub === undefined ? "missing subcommand" : `unknown subcommand "${sub}"`;
    throw new UsageError(`rss: ${what} (subcommands: ${Object.keys(SUBCOMMANDS).join(", ")})`);
  }
  return run(rest);
}
