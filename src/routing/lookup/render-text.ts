/**
 * An answer printed as `ip route get` prints it without `-j`: one line of `word value` pairs in
 * iproute2's order (`via` for gateway, `src` for prefsrc, `proto`, `dev`, …), then for IPv4 an
 * indented `cache` line. Built from the JSON form, so both always say the same.
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
  const parts: string[] = [];
  if (json.type !== undefined) parts.push(String(json.type));
  parts.push(String(json.dst));
  let cache: string | undefined;
  for (const [key, value] of Object.entries(json)) {
    if (key === "type" || key === "dst") continue;
    if (key === "flags") parts.push(...(value as string[]));
    else if (key === "cache") cache = `    cache ${(value as string[]).length > 0 ? `<${(value as string[]).join(",")}> ` : ""}`;
    else if (key === "mark") parts.push("mark", `0x${(value as number).toString(16)}`);
    else if (key === "nexthops") {
      for (const nh of value as Record<string, unknown>[]) {
        parts.push("\n\tnexthop");
        if (nh.gateway !== undefined) parts.push("via", String(nh.gateway));
        parts.push("dev", String(nh.dev), "weight", String(nh.weight), ...(nh.flags as string[]));
      }
    } else if (WORDS[key] !== undefined) parts.push(WORDS[key], String(value));
  }
  return cache === undefined ? parts.join(" ") : `${parts.join(" ")}\n${cache}`;
}
