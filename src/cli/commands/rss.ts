import { UsageError } from "../usage-error.js";

type RssSubcommand = (args: readonly string[]) => number;

/**
 * `nicsim rss hash | spread | key-quality`: receive-side scaling tools. Each subcommand's module
 * is loaded when it runs: `rss hash` needs neither the scenario loader nor the engine plan that
 * `rss spread` uses.
 */
const SUBCOMMANDS: Readonly<Record<string, () => Promise<RssSubcommand>>> = {
  hash: async () => (await import("./rss-hash.js")).rssHashCommand,
  spread: async () => (await import("./rss-spread.js")).rssSpreadCommand,
  "key-quality": async () => (await import("./rss-key-quality.js")).rssKeyQualityCommand,
};

export async function rssCommand(args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  const load = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (load === undefined) {
    const what = sub === undefined ? "missing subcommand" : `unknown subcommand "${sub}"`;
    throw new UsageError(`rss: ${what} (subcommands: ${Object.keys(SUBCOMMANDS).join(", ")})`);
  }
  return (await load())(rest);
}
