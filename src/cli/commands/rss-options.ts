/**
 * Option parsers shared by the `nicsim rss …` commands: each turns one option's text into a
 * value or throws a one-line `UsageError` naming the option.
 */
import { ConfigError } from "../../config/errors.js";
import { parseInterfaceAddress } from "../../config/addresses.js";
import type { Prefix } from "../../config/scenario.js";
import { RssFieldsError, parseHashFields } from "../../rss/fields.js";
import { IndirSpecError, parseIndirSpec, type IndirSpec } from "../../rss/indirection.js";
import { RssKeyError, formatRssKey, parseRssKeySpec, randomRssKey } from "../../rss/key.js";
import { RSS_HFUNCS, RSS_INPUT_XFRMS, type RssHfunc, type RssInputXfrm } from "../../rss/profile.js";
import { parseSeed } from "../parse.js";
import { UsageError } from "../usage-error.js";

/** A key chosen on the command line, with how to name it in output. */
export interface CliKey {
  readonly bytes: Uint8Array;
  /** `microsoft`, `symmetric`, `random (seed N)` or the key in colon hex. */
  readonly label: string;
}

/** `--key microsoft|symmetric|random|HEX` (default microsoft); `random` draws from `--seed` (default 1). */
export function keyOption(text: string | undefined, seedText: string | undefined): CliKey {
  let spec;
  try {
    spec = parseRssKeySpec(text ?? "microsoft");
  } catch (error) {
    if (error instanceof RssKeyError) throw new UsageError(`--key: ${JSON.stringify(text)} is not a valid key (${error.message})`);
    throw error;
  }
  if (spec.kind === "random") {
    const seed = parseSeed(seedText) ?? 1;
    return { bytes: randomRssKey(seed), label: `random (seed ${seed})` };
  }
  if (seedText !== undefined) throw new UsageError("--seed only applies to --key random");
  return { bytes: spec.bytes, label: spec.name === "hex" ? formatRssKey(spec.bytes) : spec.name };
}

/** `--fields LETTERS` → field bits. */
export function fieldsOption(text: string): number {
  try {
    return parseHashFields(text);
  } catch (error) {
    if (error instanceof RssFieldsError) throw new UsageError(`--fields: ${JSON.stringify(text)}: ${error.message}`);
    throw error;
  }
}

export function hfuncOption(text: string | undefined): RssHfunc {
  if (text === undefined) return "toeplitz";
  const found = RSS_HFUNCS.find((h) => h === text);
  if (found === undefined) throw new UsageError(`--hfunc: ${JSON.stringify(text)} must be one of ${RSS_HFUNCS.join(", ")}`);
  return found;
}

export function xfrmOption(text: string | undefined): RssInputXfrm {
  if (text === undefined) return "none";
  const found = RSS_INPUT_XFRMS.find((x) => x === text);
  if (found === undefined) throw new UsageError(`--xfrm: ${JSON.stringify(text)} must be one of ${RSS_INPUT_XFRMS.join(", ")}`);
  return found;
}

/** `--indir-size N`: a power of two from 1 to 65536 (default 128). */
export function indirSizeOption(text: string | undefined): number {
  if (text === undefined) return 128;
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < 1 || n > 65536 || (n & (n - 1)) !== 0) {
    throw new UsageError(`--indir-size: ${JSON.stringify(text)} is not a power of two from 1 to 65536`);
  }
  return n;
}

/** An integer option from `min` to `max`. */
export function intOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < min || n > max) throw new UsageError(`--${name}: ${JSON.stringify(text)} is not an integer from ${min} to ${max}`);
  return n;
}

export function indirOption(text: string): IndirSpec {
  try {
    return parseIndirSpec(text);
  } catch (error) {
    if (error instanceof IndirSpecError) throw new UsageError(`--indir: ${JSON.stringify(text)}: ${error.message}`);
    throw error;
  }
}

/** `--src A` / `--dst B`: one IPv4 or IPv6 address (no prefix length). */
export function addressOption(name: string, text: string): Prefix {
  let prefix: Prefix;
  try {
    prefix = parseInterfaceAddress(text, `--${name}`);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--${name}: ${JSON.stringify(text)} is not an IPv4/IPv6 address`);
    throw error;
  }
  if (text.includes("/")) throw new UsageError(`--${name}: ${JSON.stringify(text)} is a prefix; give one address`);
  return prefix;
}
