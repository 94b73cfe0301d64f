/**
 * RSS keys: the default verification key, and parsing/formatting in the text forms people paste.
 *
 * Cold code: runs once when a scenario is loaded. The hot hash never sees a key, only the table
 * that `toeplitzTable` builds from it.
 */
import { Prng } from "../traffic/prng.js";

/** Key lengths a NIC accepts: 40 bytes (most drivers) or 52 (the kernel's NETDEV_RSS_KEY_LEN, i40e). */
export const RSS_KEY_LENGTHS: readonly number[] = [40, 52];

/**
 * The Microsoft RSS verification key (40 bytes), also DPDK's default key. It is NOT the Linux
 * default, which is a random 52-byte key per boot (`netdev_rss_key_fill()`, net/core/utils.c).
 *
 * Shared by every caller: treat it as read-only (typed arrays cannot be frozen); copy it with
 * `MICROSOFT_RSS_KEY.slice()` before changing bytes.
 */
export const MICROSOFT_RSS_KEY: Uint8Array = hexToBytesUnchecked(
  "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa",
);

/**
 * The widely used "symmetric RSS" key: 0x6d, 0x5a repeated, 40 bytes. Its 16-bit period makes
 * the Toeplitz hash of (src, dst, sport, dport) equal that of (dst, src, dport, sport), and the
 * 32-bit hash repeat its 16-bit half (docs/receive-path.md, "Symmetric hashing").
 * Read-only, like `MICROSOFT_RSS_KEY`.
 */
export const SYMMETRIC_RSS_KEY: Uint8Array = hexToBytesUnchecked("6d5a".repeat(20));

/** The kernel's `NETDEV_RSS_KEY_LEN`: bytes of the per-boot random key. */
export const NETDEV_RSS_KEY_LEN = 52;

/**
 * PRNG stream of the random key, apart from the streams the traffic (0, 1) and the engine
 * (1000 + cpu) draw from, so adding a random key changes no other draw of a job.
 */
export const RSS_KEY_STREAM = 0x52535300;

/**
 * A random 52-byte key drawn from `seed`, as the kernel fills `netdev_rss_key` once per boot
 * (`netdev_rss_key_fill`); one job of nicsim is one boot. Deterministic: the same seed gives
 * the same key. Drivers that use 40 bytes use its first 40.
 */
export function randomRssKey(seed: number): Uint8Array {
  const rng = new Prng(seed, RSS_KEY_STREAM);
  const key = new Uint8Array(NETDEV_RSS_KEY_LEN);
  for (let i = 0; i < key.length; i += 4) {
    const u = rng.nextU32();
    key[i] = u >>> 24;
    key[i + 1] = (u >>> 16) & 255;
    key[i + 2] = (u >>> 8) & 255;
    key[i + 3] = u & 255;
  }
  return key;
}

/** The key names a scenario or the CLI may give instead of hex. */
export const RSS_KEY_NAMES = ["microsoft", "random", "symmetric"] as const;
export type RssKeyName = (typeof RSS_KEY_NAMES)[number];

/**
 * A key as configured: fixed bytes (a name or hex), or `random`, whose bytes exist only once
 * the job's seed is known (`rssKeyBytes`).
 */
export type RssKeySpec =
  | { readonly kind: "fixed"; readonly name: "microsoft" | "symmetric" | "hex"; readonly bytes: Uint8Array }
  | { readonly kind: "random" };

/**
 * Parses `microsoft`, `symmetric`, `random` (lower case, as written) or a hex key (`parseRssKey`).
 *
 * @throws RssKeyError as `parseRssKey` does.
 */
export function parseRssKeySpec(text: string): RssKeySpec {
  const word = text.trim();
  if (word === "microsoft") return { kind: "fixed", name: "microsoft", bytes: MICROSOFT_RSS_KEY };
  if (word === "symmetric") return { kind: "fixed", name: "symmetric", bytes: SYMMETRIC_RSS_KEY };
  if (word === "random") return { kind: "random" };
  if (/^[A-Za-z]+$/.test(word) && !/^[0-9A-Fa-f]+$/.test(word)) {
    throw new RssKeyError(`not a key name (microsoft, random, symmetric) nor hex bytes`);
  }
  return { kind: "fixed", name: "hex", bytes: parseRssKey(text) };
}

/** The key bytes a job uses: the fixed bytes, or the random key drawn from the job's seed. */
export function rssKeyBytes(spec: RssKeySpec, seed: number): Uint8Array {
  return spec.kind === "fixed" ? spec.bytes : randomRssKey(seed);
}

/** A key text that is not a 40- or 52-byte key. The message says what is wrong. */
export class RssKeyError extends Error {
  override readonly name = "RssKeyError";
}

const HEX_BYTE = /^[0-9a-f]{2}$/i;

/**
 * Parses an RSS key written as colon-separated bytes, the form `ethtool -x` prints and
 * `/proc/sys/net/core/netdev_rss_key` shows (`6d:5a:56:...`), or as plain hex (`6d5a56...`).
 * Case-insensitive; surrounding whitespace (a trailing newline) is ignored.
 *
 * @throws RssKeyError when a byte is not two hex digits or the key is not 40 or 52 bytes long.
 */
export function parseRssKey(text: string): Uint8Array {
  const trimmed = text.trim();
  if (trimmed === "") throw new RssKeyError("RSS key is empty; a key has 40 or 52 bytes");

  let parts: string[];
  if (trimmed.includes(":")) {
    parts = trimmed.split(":");
  } else {
    if (trimmed.length % 2 !== 0) {
      throw new RssKeyError(
        `RSS key has an odd number of hex digits (${trimmed.length}); write two digits per byte`,
      );
    }
    parts = [];
    for (let i = 0; i < trimmed.length; i += 2) parts.push(trimmed.slice(i, i + 2));
  }

  for (const part of parts) {
    if (!HEX_BYTE.test(part)) throw new RssKeyError(`RSS key: ${JSON.stringify(part)} is not a hex byte`);
  }
  if (!RSS_KEY_LENGTHS.includes(parts.length)) {
    throw new RssKeyError(`RSS key has ${parts.length} bytes; a key has 40 or 52 bytes`);
  }

  const key = new Uint8Array(parts.length);
  for (let i = 0; i < parts.length; i++) key[i] = Number.parseInt(parts[i], 16);
  return key;
}

/** Formats a key in the colon form (`6d:5a:56:...`, lower case), which `parseRssKey` reads back. */
export function formatRssKey(key: Uint8Array): string {
  const parts: string[] = [];
  for (const byte of key) parts.push(byte.toString(16).padStart(2, "0"));
  return parts.join(":");
}

/** For constants written in this file only: no checks. */
function hexToBytesUnchecked(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
