/** Shared by the shaping-* tests: dotted-quad and IPv6 text to the prefix words the stage takes. */
import type { PrefixWords } from "../src/shaping/index.js";

/** "10.1.2.3" → 0x0a010203 (tests only: the config layer parses addresses with ip-address). */
export function ipv4(text: string): number {
  const parts = text.split(".").map(Number);
  return (((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0);
}

/** "fd00::1" → four 32-bit words (expands one `::`). */
export function ipv6Words(text: string): number[] {
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t].map((g) => parseInt(g, 16));
  return [0, 1, 2, 3].map((i) => ((groups[2 * i] << 16) | groups[2 * i + 1]) >>> 0);
}

/** "10.0.0.0/8" or "fc00::/7" (a plain address is a /32 or /128) as PrefixWords. */
export function prefix(text: string): PrefixWords {
  const [address, length] = text.split("/");
  if (address.includes(":")) return { family: 6, words: ipv6Words(address), length: length === undefined ? 128 : Number(length) };
  return { family: 4, words: [ipv4(address)], length: length === undefined ? 32 : Number(length) };
}
