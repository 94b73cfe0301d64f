/**
 * An answer printed as `ip route get` prints it without `-j`: one line of `word value` pairs in
 * iproute2's order (`via` for gateway, `src` for prefsrc, `proto`, `dev`, …; `mark` in
 * decimal), then one `\tnexthop …` line per path, then for IPv4 an indented `cache` line that
 * also carries `iif`. IPv4 lines end with a space, as iproute2 prints them (checked against
 * kernel 6.18 / iproute2 6.1). Built from the JSON form, so both always say the same.
 */
import type { RoutingState } from "../model/state.js";
import type { RouteAnswer } from "./answer.js";
import { answerToIpJson } from "./render-json.js";

const WORDS: Readonly<Record<string, string>> = {
  from: "from",
  tos: "tos",
  gateway: "via",
  dev: "dev",
  table: "table",
  protocol: "proto",
  scope: "scope",
  prefsrc: "src",
  metric: "metric",
  mark: "mark",
  uid: "uid",
  iif: "iif",
  pref: "pref",
};

export function answerToIpText(state: RoutingState, a: RouteAnswer): string {
  const json = answerToIpJson(state, a);
  const v4 = a.family === 4;
  const parts: string[] = [];
  const nexthops: string[] = [];
  if (json.type !== undefined) parts.push(String(json.type));
  parts.push(String(json.dst));
  let cache: string | undefined;
  for (const [key, value] of Object.entries(json)) {
    if (key === "type" || key === "dst") continue;
    if (key === "flags") parts.push(...(value as string[]));
    else if (key === "cache") cache = `    cache ${(value as string[]).length > 0 ? `<${(value as string[]).join(",")}> ` : ""}`;
    // IPv4 prints the input device on the cache line, after the cache flags
    else if (key === "iif" && v4) continue;
    else if (key === "nexthops") {
      for (const nh of value as Record<string, unknown>[]) {
        const words = ["\tnexthop"];
        if (nh.gateway !== undefined) words.push("via", String(nh.gateway));
        words.push("dev", String(nh.dev), "weight", String(nh.weight), ...(nh.flags as string[]));
        nexthops.push(`${words.join(" ")} `);
      }
    } else if (WORDS[key] !== undefined) parts.push(WORDS[key], String(value));
  }
  // IPv4 ends every `word value` with a space, IPv6 does not end its first line with one
  const lines = [v4 ? `${parts.join(" ")} ` : parts.join(" "), ...nexthops];
  if (cache !== undefined) lines.push(json.iif !== undefined ? `${cache}iif ${String(json.iif)} ` : cache);
  return lines.join("\n");
}
