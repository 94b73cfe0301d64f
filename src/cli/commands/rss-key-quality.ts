import { FIELDS_SDFN, formatHashFields } from "../../rss/fields.js";
import { QUALITY_FIELDS, keyQuality, type KeyQuality, type QualityField } from "../../rss/key-quality.js";
import { textTable } from "../../report/text-table.js";
import { parseCommand, stringOption } from "../parse.js";
import { UsageError } from "../usage-error.js";
import { fieldsOption, indirSizeOption, intOption, keyOption } from "./rss-options.js";

export function rssKeyQualityCommand(args: readonly string[]): number {
  const parsed = parseCommand("rss key-quality", args, {
    key: { type: "string" },
    seed: { type: "string" },
    field: { type: "string" },
    bits: { type: "string" },
    "indir-size": { type: "string" },
    family: { type: "string" },
    fields: { type: "string" },
    json: { type: "boolean" },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`rss key-quality: unexpected argument "${parsed.positionals[0]}"`);
  const key = keyOption(stringOption(parsed, "key"), stringOption(parsed, "seed"));
  const size = indirSizeOption(stringOption(parsed, "indir-size"));
  const familyText = stringOption(parsed, "family") ?? "4";
  if (familyText !== "4" && familyText !== "6") throw new UsageError(`--family: ${JSON.stringify(familyText)} must be 4 or 6`);
  const family = familyText === "4" ? 4 : 6;
  const fieldsText = stringOption(parsed, "fields");
  const fields = fieldsText === undefined ? FIELDS_SDFN : fieldsOption(fieldsText);
  const fieldText = stringOption(parsed, "field");
  const names = Object.keys(QUALITY_FIELDS) as QualityField[];
  if (fieldText !== undefined && !names.includes(fieldText as QualityField)) {
    throw new UsageError(`--field: ${JSON.stringify(fieldText)} must be one of ${names.join(", ")}`);
  }
  const chosen = fieldText === undefined ? names : [fieldText as QualityField];
  const indexBits = 31 - Math.clz32(size);
  const bitsText = stringOption(parsed, "bits");
  const rows: KeyQuality[] = chosen.map((field) => {
    const width = field === "sport" || field === "dport" ? 16 : family === 4 ? 32 : 128;
    const bits = bitsText === undefined ? Math.max(1, Math.min(indexBits, width)) : intOption("bits", bitsText, 1, width);
    return keyQuality(key.bytes, field, bits, size, { fields, family });
  });

  if (parsed.values.json === true) {
    const doc = { key: key.label, indirSize: size, family, fields: formatHashFields(fields), results: rows };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return 0;
  }
  const out = [
    `key ${key.label}; table ${size} entries (index = low ${indexBits} hash bits); IPv${family} input ${formatHashFields(fields)}`,
    "",
    textTable(
      ["field", "input bits", "varied", "rank", "entries reached"],
      rows.map((r) => [r.field, inputRange(r), `low ${r.bits}`, r.rank, `${r.reachable} of ${r.possible}`]),
    ),
  ];
  const flagged = rows.filter((r) => r.flagged);
  if (flagged.length > 0) out.push("");
  for (const r of flagged) {
    const why = r.inputBits.length === 0 ? `${r.field} is not hashed (fields ${formatHashFields(fields)})` : `rank ${r.rank} < ${Math.min(r.bits, r.indexBits)}`;
    out.push(`FLAG ${r.field}: flows differing only in the low ${r.bits} bits of ${r.field} reach ${r.reachable} of ${r.possible} table entries (${why})`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

/** "88-95": the input bit positions varied (MSB of input byte 0 = bit 0), or "-" when not hashed. */
function inputRange(r: KeyQuality): string {
  if (r.inputBits.length === 0) return "-";
  return `${Math.min(...r.inputBits)}-${Math.max(...r.inputBits)}`;
}
