import { FIELD_DPORT, FIELD_SPORT, FIELDS_SD, FIELDS_SDFN } from "../../rss/fields.js";
import { hashTuple } from "../../rss/flow-hash.js";
import { fillIndirection, IndirSpecError, queueOf, type IndirSpec } from "../../rss/indirection.js";
import { RssProfileError, rssHashProfile } from "../../rss/profile.js";
import { parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import {
  addressOption,
  fieldsOption,
  hfuncOption,
  indirOption,
  indirSizeOption,
  intOption,
  keyOption,
  xfrmOption,
} from "./rss-options.js";

export function rssHashCommand(args: readonly string[]): number {
  const parsed = parseCommand("rss hash", args, {
    src: { type: "string" },
    dst: { type: "string" },
    sport: { type: "string" },
    dport: { type: "string" },
    key: { type: "string" },
    seed: { type: "string" },
    fields: { type: "string" },
    hfunc: { type: "string" },
    xfrm: { type: "string" },
    indir: { type: "string" },
    queues: { type: "string" },
    "indir-size": { type: "string" },
    json: { type: "boolean" },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`rss hash: unexpected argument "${parsed.positionals[0]}"`);
  const srcText = stringOption(parsed, "src");
  const dstText = stringOption(parsed, "dst");
  if (srcText === undefined || dstText === undefined) throw new UsageError("rss hash: --src and --dst are required (see nicsim help)");
  const src = addressOption("src", srcText);
  const dst = addressOption("dst", dstText);
  if (src.family !== dst.family) throw new UsageError(`rss hash: --src is IPv${src.family} but --dst is IPv${dst.family}`);

  const sportText = stringOption(parsed, "sport");
  const dportText = stringOption(parsed, "dport");
  if ((sportText === undefined) !== (dportText === undefined)) throw new UsageError("rss hash: give both --sport and --dport, or neither");
  const sport = sportText === undefined ? 0 : intOption("sport", sportText, 0, 65535);
  const dport = dportText === undefined ? 0 : intOption("dport", dportText, 0, 65535);
  const fieldsText = stringOption(parsed, "fields");
  const fields = fieldsText === undefined ? (sportText === undefined ? FIELDS_SD : FIELDS_SDFN) : fieldsOption(fieldsText);
  if (sportText === undefined && (fields & (FIELD_SPORT | FIELD_DPORT)) !== 0) {
    throw new UsageError(`rss hash: --fields ${fieldsText} hashes ports; give --sport and --dport`);
  }

  const key = keyOption(stringOption(parsed, "key"), stringOption(parsed, "seed"));
  const hfunc = hfuncOption(stringOption(parsed, "hfunc"));
  const xfrm = xfrmOption(stringOption(parsed, "xfrm"));
  let profile;
  try {
    profile = rssHashProfile(key.bytes, hfunc, fields, xfrm);
  } catch (error) {
    if (error instanceof RssProfileError) throw new UsageError(`--xfrm: ${error.message}`);
    throw error;
  }
  const hash = hashTuple(profile, src.words, dst.words, sport, dport);

  const table = indirectionOf(stringOption(parsed, "indir"), stringOption(parsed, "queues"), indirSizeOption(stringOption(parsed, "indir-size")));
  const hex = `0x${hash.toString(16).padStart(8, "0")}`;
  const index = table === undefined ? undefined : hash % table.length;
  const queue = table === undefined ? undefined : queueOf(table, hash);

  if (parsed.values.json === true) {
    const doc = index === undefined ? { hash: hex, hashU32: hash } : { hash: hex, hashU32: hash, index, queue };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return 0;
  }
  const lines = [`hash ${hex}`];
  if (table !== undefined) lines.push(`queue ${queue} (table entry ${index} of ${table.length})`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** The table from --indir / --queues, or undefined when neither is given. */
function indirectionOf(indirText: string | undefined, queuesText: string | undefined, size: number): Uint16Array | undefined {
  if (indirText === undefined && queuesText === undefined) return undefined;
  const queues = queuesText === undefined ? undefined : intOption("queues", queuesText, 1, 65536);
  const spec: IndirSpec = indirText === undefined ? { kind: "default" } : indirOption(indirText);
  if (queues === undefined && spec.kind === "default") throw new UsageError('--indir "default" needs --queues N');
  try {
    // Without --queues, any queue number a table names is taken as existing.
    return fillIndirection(spec, size, queues ?? 65536);
  } catch (error) {
    if (!(error instanceof IndirSpecError)) throw error;
    throw new UsageError(`--indir ${JSON.stringify(indirText ?? "default")}: ${error.message}`);
  }
}
