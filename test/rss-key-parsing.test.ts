// parseRssKey reads the two forms people paste (ethtool/procfs colon form, plain hex) and says
// exactly what is wrong with anything else; formatRssKey writes the colon form back.
import { describe, expect, it } from "vitest";
import { MICROSOFT_RSS_KEY, RssKeyError, formatRssKey, parseRssKey } from "../src/rss/index.js";

const MS_HEX = "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa";
const MS_COLON = MS_HEX.match(/../g)?.join(":") ?? "";

function errorOf(text: string): RssKeyError {
  try {
    parseRssKey(text);
  } catch (e) {
    if (e instanceof RssKeyError) return e;
    throw e;
  }
  throw new Error(`parseRssKey(${JSON.stringify(text)}) did not throw`);
}

describe("good keys", () => {
  it("MICROSOFT_RSS_KEY is the 40-byte verification key", () => {
    expect(MICROSOFT_RSS_KEY.length).toBe(40);
    expect(formatRssKey(MICROSOFT_RSS_KEY)).toBe(MS_COLON);
  });

  it("reads the colon form", () => {
    expect(parseRssKey(MS_COLON)).toEqual(MICROSOFT_RSS_KEY);
  });

  it("reads plain hex", () => {
    expect(parseRssKey(MS_HEX)).toEqual(MICROSOFT_RSS_KEY);
  });

  it("is case-insensitive", () => {
    expect(parseRssKey(MS_COLON.toUpperCase())).toEqual(MICROSOFT_RSS_KEY);
    expect(parseRssKey(MS_HEX.toUpperCase())).toEqual(MICROSOFT_RSS_KEY);
  });

  it("ignores surrounding whitespace, such as the newline of /proc/sys/net/core/netdev_rss_key", () => {
    expect(parseRssKey(`  ${MS_COLON}\n`)).toEqual(MICROSOFT_RSS_KEY);
  });

  it("reads a 52-byte key (the kernel's NETDEV_RSS_KEY_LEN)", () => {
    const text = Array.from({ length: 52 }, (_, i) => (i * 37 + 11).toString(16).padStart(2, "0").slice(-2)).join(":");
    const key = parseRssKey(text);
    expect(key.length).toBe(52);
    expect(formatRssKey(key)).toBe(text);
  });

  it("formatRssKey and parseRssKey round-trip, with leading zeros kept", () => {
    const key = new Uint8Array(40).map((_, i) => i);
    expect(formatRssKey(key).slice(0, 11)).toBe("00:01:02:03");
    expect(parseRssKey(formatRssKey(key))).toEqual(key);
  });

  it("returns a fresh array each time", () => {
    const a = parseRssKey(MS_HEX);
    a[0] = 0;
    expect(parseRssKey(MS_HEX)[0]).toBe(0x6d);
    expect(MICROSOFT_RSS_KEY[0]).toBe(0x6d);
  });
});

describe("bad keys", () => {
  it("39 bytes", () => {
    const e = errorOf(MS_COLON.slice(0, -3));
    expect(e).toBeInstanceOf(RssKeyError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("RssKeyError");
    expect(e.message).toBe("RSS key has 39 bytes; a key has 40 or 52 bytes");
  });

  it("41 bytes of plain hex", () => {
    expect(errorOf(`${MS_HEX}00`).message).toBe("RSS key has 41 bytes; a key has 40 or 52 bytes");
  });

  it("a byte that is not hex", () => {
    expect(errorOf(MS_COLON.replace("6d", "6g")).message).toBe('RSS key: "6g" is not a hex byte');
    expect(errorOf(MS_HEX.replace("6d", "6g")).message).toBe('RSS key: "6g" is not a hex byte');
  });

  it("a byte of one or three digits in the colon form", () => {
    expect(errorOf(MS_COLON.replace("6d:", "6:")).message).toBe('RSS key: "6" is not a hex byte');
    expect(errorOf(MS_COLON.replace("6d:", "06d:")).message).toBe('RSS key: "06d" is not a hex byte');
  });

  it("an empty byte (doubled or trailing colon)", () => {
    expect(errorOf(MS_COLON.replace("6d:", "6d::")).message).toBe('RSS key: "" is not a hex byte');
    expect(errorOf(`${MS_COLON}:`).message).toBe('RSS key: "" is not a hex byte');
  });

  it("an odd number of hex digits", () => {
    expect(errorOf(MS_HEX.slice(0, -1)).message).toBe(
      "RSS key has an odd number of hex digits (79); write two digits per byte",
    );
  });

  it("empty or blank text", () => {
    expect(errorOf("").message).toBe("RSS key is empty; a key has 40 or 52 bytes");
    expect(errorOf(" \n").message).toBe("RSS key is empty; a key has 40 or 52 bytes");
  });

  it("a 0x prefix is not part of either form", () => {
    expect(errorOf(`0x${MS_HEX}`).message).toBe('RSS key: "0x" is not a hex byte');
  });
});
