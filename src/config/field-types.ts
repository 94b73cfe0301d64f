/**
 * The scenario's own field types, built from the schema DSL: durations, prefixes, port ranges,
 * packet size mixes, flow weights, offered load, RSS keys, hash fields and indirection tables,
 * and RPS masks. Each one checks a single field and converts it to engine units; rules that
 * involve other fields live in `validate.ts`.
 */
import { RssFieldsError, formatHashFields, parseHashFields } from "../rss/fields.js";
import { IndirSpecError, parseIndirSpec } from "../rss/indirection.js";
import type { IndirSpec } from "../rss/indirection.js";
import { RssKeyError, parseRssKeySpec } from "../rss/key.js";
import type { RssKeySpec } from "../rss/key.js";
import { parseInterfaceAddress, parsePoolPrefix, CIDR_PATTERN } from "./addresses.js";
import { DURATION_PATTERN, parseDuration } from "./durations.js";
import { ConfigError, show } from "./errors.js";
import { joinIndex, joinKey } from "./paths.js";
import { array, custom, enumOf, int, map, num, obj, optional, str, union } from "./schema-dsl.js";
import type { Meta, Schema } from "./schema-dsl.js";
import type { Prefix } from "./addresses.js";

export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

export type FlowWeights = { readonly kind: "uniform" } | { readonly kind: "zipf"; readonly s: number };

/** Packet sizes in bytes (the frame length the driver sees) with relative weights. */
export interface SizeMix {
  readonly sizes: readonly number[];
  readonly weights: readonly number[];
  /** The text the user wrote (`imix`, `64`, `[64, 1500]`). */
  readonly text: string;
}

/** Offered load: packets per second, or megabits per second of frame bytes. */
export type Load = { readonly pps: number } | { readonly mbps: number };

/** A value together with the path it was found at, for messages that point at one list item. */
export interface Located<T> {
  readonly value: T;
  readonly path: string;
}

/** A duration string, converted to ns; the text is kept for messages. */
export function duration(meta: Meta & { allowZero?: boolean }): Schema<{ readonly ns: number; readonly text: string }> {
  const { allowZero, ...rest } = meta;
  return custom({
    ...rest,
    accepts: ["string", "number"],
    json: { type: "string", pattern: DURATION_PATTERN },
    allowed: 'a duration with a unit, e.g. "200ms" or "0.2s"',
    parse: (value, path) => ({ ns: parseDuration(value, path, { allowZero }), text: String(value) }),
  });
}

/** An interface address: host bits kept (`10.0.0.19/24` is host .19 on a /24). */
export const interfaceAddress: Schema<Prefix> = custom({
  accepts: ["string"],
  json: { type: "string", pattern: CIDR_PATTERN },
  allowed: "an IPv4/IPv6 address or CIDR",
  parse: parseInterfaceAddress,
});

const poolPrefix: Schema<Prefix> = custom({
  accepts: ["string"],
  json: { type: "string", pattern: CIDR_PATTERN },
  allowed: "an IPv4/IPv6 CIDR",
  parse: parsePoolPrefix,
});

/** One CIDR pool or a list of them; each prefix keeps the path it was written at. */
export function addressPool(meta: Meta): Schema<readonly Located<Prefix>[]> {
  return union([located(poolPrefix), locatedList(poolPrefix)], { ...meta, allowed: "an IPv4/IPv6 CIDR or a list of CIDRs" });
}

function located<T>(schema: Schema<T>): Schema<readonly Located<T>[]> {
  return map(schema, (value, path) => [{ value, path }]);
}

function locatedList<T>(schema: Schema<T>): Schema<readonly Located<T>[]> {
  return map(array(schema, { minItems: 1 }), (values, path) => values.map((value, i) => ({ value, path: joinIndex(path, i) })));
}

const PORT_RANGE = /^\s*([0-9]+)\s*-\s*([0-9]+)\s*$/;

/** A port (`53`) or an inclusive range (`"32768-60999"`). */
export function portRange(meta: Meta): Schema<PortRange> {
  const single = map(int({ min: 0, max: 65535 }), (port): PortRange => ({ lo: port, hi: port }));
  const range = map(
    str({ pattern: PORT_RANGE, allowed: 'a range "lo-hi"' }),
    (text, path): PortRange => {
      const [, lo, hi] = PORT_RANGE.exec(text) ?? [];
      const range = { lo: Number(lo), hi: Number(hi) };
      if (range.hi > 65535) throw new ConfigError(path, `${show(text)} must stay within 0..65535`);
      if (range.lo > range.hi) throw new ConfigError(path, `${show(text)} must have lo <= hi`);
      return range;
    },
  );
  return union([single, range], { ...meta, allowed: 'a port from 0 to 65535 or a range "lo-hi"' });
}

const frameBytes = int({ min: 20, max: 65535 });

/** Simple IMIX: 64, 576 and 1500 bytes at 7:4:1. */
const IMIX: SizeMix = { sizes: [64, 576, 1500], weights: [7, 4, 1], text: "imix" };

/** Packet sizes: one size, `imix`, a list (equal weights), or sizes with weights. */
export function sizeMix(meta: Meta): Schema<SizeMix> {
  const one = map(frameBytes, (bytes): SizeMix => ({ sizes: [bytes], weights: [1], text: String(bytes) }));
  const imix = map(enumOf(["imix"]), (): SizeMix => IMIX);
  const list = map(
    array(frameBytes, { minItems: 1, maxItems: 1024, allowed: "a list of sizes" }),
    (sizes): SizeMix => ({ sizes, weights: sizes.map(() => 1), text: `[${sizes.join(", ")}]` }),
  );
  const weighted = map(
    obj({
      bytes: array(frameBytes, { minItems: 1, maxItems: 1024, description: "Frame sizes.", unit: "bytes" }),
      weights: array(num({ exclusiveMin: 0 }), { minItems: 1, maxItems: 1024, description: "Relative weight of each size, same order." }),
    }),
    ({ bytes, weights }, path): SizeMix => {
      if (weights.length !== bytes.length) {
        throw new ConfigError(joinKey(path, "weights"), `${weights.length} weights given for ${bytes.length} sizes in ${joinKey(path, "bytes")}`);
      }
      return { sizes: bytes, weights, text: `{bytes: [${bytes.join(", ")}], weights: [${weights.join(", ")}]}` };
    },
  );
  return union([one, imix, list, weighted], meta);
}

/** Flow popularity: `uniform`, or Zipf with exponent s. */
export function flowWeights(meta: Meta): Schema<FlowWeights> {
  const uniform = map(enumOf(["uniform"]), (): FlowWeights => ({ kind: "uniform" }));
  const zipf = map(
    obj({ zipf: num({ exclusiveMin: 0, description: "Zipf exponent s: flow k gets weight 1/k^s." }) }),
    ({ zipf: s }): FlowWeights => ({ kind: "zipf", s }),
  );
  return union([uniform, zipf], meta);
}

/** Offered load: exactly one of pps or mbps. */
export function offeredLoad(meta: Meta): Schema<Load> {
  return map(
    obj(
      {
        pps: optional(num({ exclusiveMin: 0, description: "Packets per second.", unit: "packets/s" })),
        mbps: optional(num({ exclusiveMin: 0, description: "Megabits per second of frame bytes (10^6 bit/s).", unit: "Mbit/s" })),
      },
      { exactlyOne: ["pps", "mbps"] },
    ),
    ({ pps, mbps }): Load => (pps !== undefined ? { pps } : { mbps: mbps ?? 0 }),
    meta,
  );
}

/** A Toeplitz key: a name (`microsoft`, `random`, `symmetric`) or 40/52 bytes of hex. */
export function rssKey(meta: Meta): Schema<RssKeySpec> {
  return custom({
    ...meta,
    accepts: ["string", "number"],
    json: { type: "string", pattern: "^\\s*(microsoft|random|symmetric|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*|([0-9A-Fa-f]{2})+)\\s*$" },
    allowed: '"microsoft", "random", "symmetric", or 40 or 52 bytes in hex (colon-separated as ethtool prints, or plain)',
    parse: (value, path) => {
      if (typeof value !== "string") throw new ConfigError(path, `${show(value)} must be a quoted hex string`);
      try {
        return parseRssKeySpec(value);
      } catch (error) {
        if (error instanceof RssKeyError) throw new ConfigError(path, `${show(value)} is not a valid key (${error.message})`);
        throw error;
      }
    },
  });
}

/** `ethtool -N rx-flow-hash` letters for one flow type, returned in canonical order (`sdfn`). */
export function hashFields(meta: Meta): Schema<string> {
  return custom({
    ...meta,
    accepts: ["string"],
    json: { type: "string", pattern: "^[sdfn]+$" },
    allowed: 'letters of "sdfn" (ethtool rx-flow-hash)',
    parse: (value, path) => {
      if (typeof value !== "string") throw new ConfigError(path, `${show(value)} must be ethtool rx-flow-hash letters such as "sdfn" or "sd"`);
      try {
        return formatHashFields(parseHashFields(value));
      } catch (error) {
        if (error instanceof RssFieldsError) throw new ConfigError(path, `${show(value)}: ${error.message}`);
        throw error;
      }
    },
  });
}

/** An indirection table: `ethtool -X` words (`equal 4`, `weight 1 2 1`, …) or a list of queues. */
export function indirSpec(meta: Meta): Schema<IndirSpec> {
  const words: Schema<IndirSpec> = custom({
    accepts: ["string"],
    json: { type: "string", pattern: "^\\s*(default|equal\\s+[0-9]+|start\\s+[0-9]+\\s+equal\\s+[0-9]+|weight(\\s+[0-9]+)+|\\[[0-9,\\s]*\\])\\s*$" },
    allowed: '"default", "equal N", "start S equal N" or "weight W0 W1 ..."',
    parse: (value, path) => {
      try {
        return parseIndirSpec(String(value));
      } catch (error) {
        if (error instanceof IndirSpecError) throw new ConfigError(path, `${show(value)}: ${error.message}`);
        throw error;
      }
    },
  });
  const list = map(
    array(int({ min: 0, max: 65535 }), { minItems: 1, maxItems: 65536, allowed: "a list of queue numbers" }),
    (queues): IndirSpec => ({ kind: "list", queues }),
  );
  return union([words, list], {
    ...meta,
    allowed: '"default", "equal N", "start S equal N", "weight W0 W1 ...", or a list of queue numbers (one per entry)',
  });
}

const cpuMaskText: Schema<string> = custom({
  accepts: ["string", "number"],
  json: { type: "string", pattern: "^\\s*[0-9A-Fa-f]+(,[0-9A-Fa-f]+)*\\s*$" },
  allowed: 'a CPU mask in sysfs hex, e.g. "f" or "ff,00000000"',
  parse: (value, path) => {
    // YAML reads `cpus: 10` as the number ten; the kernel would read "10" as CPU 4. Refuse to guess.
    if (typeof value === "number") throw new ConfigError(path, `${show(value)} is a number; write the mask as a quoted hex string, e.g. "${value}"`);
    if (typeof value !== "string") throw new ConfigError(path, `${show(value)} must be a CPU mask string such as "f"`);
    return value.trim();
  },
});

/** CPU masks per queue as given (RPS, XPS): one for every queue, or a list with one per queue. */
export interface RpsMasks {
  readonly masks: readonly Located<string>[];
  readonly perQueue: boolean;
}

export function rpsMasks(meta: Meta, queue = "rx queue"): Schema<RpsMasks> {
  const one = map(cpuMaskText, (mask, path): RpsMasks => ({ masks: [{ value: mask, path }], perQueue: false }));
  const list = map(locatedList(cpuMaskText), (masks): RpsMasks => ({ masks, perQueue: true }));
  return union([one, list], { ...meta, allowed: `a CPU mask string or a list of them (one per ${queue})` });
}

/** A yes/no switch: JSON/YAML `true` or `false`. */
export function flag(meta: Meta): Schema<boolean> {
  return custom({
    ...meta,
    accepts: ["boolean"],
    json: { type: "boolean" },
    allowed: "true or false",
    parse: (value, path) => {
      if (typeof value !== "boolean") throw new ConfigError(path, `${show(value)} must be true or false`);
      return value;
    },
  });
}
