/**
 * `ip -j rule show` (or `ip -j -6 rule show`) → `rule` lines. A dump that holds exactly the
 * family's default rules gives no lines (so IPv4 keeps local merged into main, as on a host
 * whose rules were never changed). Otherwise the default rules are deleted and every dumped
 * rule is added with its priority, in dump order — the kernel's order, so rules of equal
 * priority keep their order. Every selector and action the model has is kept; keys it does not
 * model (l3mdev, realms, nat, tun_id, flowlabel, dscp, …) are refused.
 */
import { parseAddress } from "../inet.js";
import type { Family } from "../types.js";
import type { DumpEntry, ImportedLine } from "./dump-entries.js";

const RULE_KEYS = new Set([
  "priority",
  "not",
  "src",
  "srclen",
  "dst",
  "dstlen",
  "tos",
  "fwmark",
  "fwmask",
  "iif",
  "iif_detached",
  "oif",
  "oif_detached",
  "uid_start",
  "uid_end",
  "ipproto",
  "sport",
  "sport_start",
  "sport_end",
  "dport",
  "dport_start",
  "dport_end",
  "table",
  "action",
  "goto",
  "unresolved",
  "nop",
  "suppress_prefixlen",
  "suppress_ifgroup",
  "protocol",
  "flags",
]);

const DEFAULT_RULES: Readonly<Record<Family, readonly string[]>> = {
  4: ["pref 0 lookup local", "pref 32766 lookup main", "pref 32767 lookup default"],
  6: ["pref 0 lookup local", "pref 32766 lookup main"],
};

/** The family an address selector of the dump shows, if any. */
export function ruleFamily(entries: readonly DumpEntry[]): Family | undefined {
  for (const e of entries) {
    for (const key of ["src", "dst"]) {
      const text = e.string(key);
      if (text === undefined || text === "all") continue;
      const parsed = parseAddress(text, undefined);
      if (parsed === undefined) e.fail(`"${key}" ${JSON.stringify(text)} is not an address`);
      return parsed.family;
    }
  }
  return undefined;
}

function prefixWords(entry: DumpEntry, key: "src" | "dst", family: Family): string[] {
  const text = entry.string(key);
  const len = entry.number(`${key}len`);
  if (text === undefined || text === "all") {
    if (len !== undefined) entry.fail(`"${key}len" without "${key}"`);
    return [];
  }
  const parsed = parseAddress(text, family);
  if (parsed === undefined) entry.fail(`"${key}" ${JSON.stringify(text)} is not an IPv${family} address`);
  const bits = family === 4 ? 32 : 128;
  if (len !== undefined && len > bits) entry.fail(`"${key}len" ${len} is too long`);
  return [key === "src" ? "from" : "to", `${text}/${len ?? bits}`];
}

function rangeWords(entry: DumpEntry, key: "sport" | "dport", word: string): string[] {
  const single = entry.number(key);
  const start = entry.number(`${key}_start`);
  const end = entry.number(`${key}_end`);
  if (single !== undefined) return [word, String(single)];
  if (start === undefined && end === undefined) return [];
  if (start === undefined || end === undefined) entry.fail(`"${key}_start" and "${key}_end" go together`);
  return [word, `${start}-${end}`];
}

/** The words after `rule add` for one dumped rule. */
export function ruleWords(entry: DumpEntry, family: Family): string {
  entry.onlyKeys(RULE_KEYS, "rules");
  const pref = entry.number("priority") ?? entry.fail(`"priority" is missing`);
  const words = [`pref ${pref}`];
  if (entry.has("not")) words.push("not");
  words.push(...prefixWords(entry, "src", family), ...prefixWords(entry, "dst", family));
  const tos = entry.numberOrString("tos");
  if (tos !== undefined) words.push("tos", tos);
  const mark = entry.numberOrString("fwmark");
  const mask = entry.numberOrString("fwmask");
  if (mark !== undefined) words.push("fwmark", mask === undefined ? mark : `${mark}/${mask}`);
  else if (mask !== undefined) entry.fail(`"fwmask" without "fwmark"`);
  const iif = entry.string("iif");
  if (iif !== undefined) words.push("iif", iif);
  const oif = entry.string("oif");
  if (oif !== undefined) words.push("oif", oif);
  const uidStart = entry.number("uid_start");
  const uidEnd = entry.number("uid_end");
  if (uidStart !== undefined || uidEnd !== undefined) {
    if (uidStart === undefined || uidEnd === undefined) entry.fail(`"uid_start" and "uid_end" go together`);
    words.push("uidrange", `${uidStart}-${uidEnd}`);
  }
  const proto = entry.numberOrString("ipproto");
  if (proto !== undefined) words.push("ipproto", proto);
  words.push(...rangeWords(entry, "sport", "sport"), ...rangeWords(entry, "dport", "dport"));
  const action = entry.string("action");
  const table = entry.numberOrString("table");
  const target = entry.number("goto");
  const actions = [action, table, target, entry.has("nop") ? "nop" : undefined].filter((a) => a !== undefined);
  if (actions.length !== 1) entry.fail(`needs exactly one of "table", "action", "goto" and "nop"`);
  if (action !== undefined) {
    if (action !== "blackhole" && action !== "unreachable" && action !== "prohibit") entry.fail(`"action" ${JSON.stringify(action)} is not modelled`);
    words.push(action);
  } else if (table !== undefined) words.push("lookup", table);
  else if (target !== undefined) words.push("goto", String(target));
  else words.push("nop");
  const suppressLen = entry.number("suppress_prefixlen");
  if (suppressLen !== undefined) words.push("suppress_prefixlength", String(suppressLen));
  const suppressGroup = entry.numberOrString("suppress_ifgroup");
  if (suppressGroup !== undefined) words.push("suppress_ifgroup", suppressGroup);
  return words.join(" ");
}

/** The `ip -4|-6 rule …` lines that turn a fresh host's rules into the dumped ones. */
export function importRules(entries: readonly DumpEntry[], family: Family): ImportedLine[] {
  const rules = entries.map((e) => ruleWords(e, family));
  const defaults = DEFAULT_RULES[family];
  if (rules.length === defaults.length && rules.every((r, i) => r === defaults[i])) return [];
  return [
    ...defaults.map((d) => ({ entry: undefined, line: `ip -${family} rule del ${d}` })),
    ...rules.map((r, i) => ({ entry: entries[i], line: `ip -${family} rule add ${r}` })),
  ];
}
