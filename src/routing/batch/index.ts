/**
 * routing/batch — `ip -batch` text read as iproute2 6.1 reads it.
 *
 * What it models  iproute2's side of `ip [-4|-6] addr|rule|route …`: keywords and their
 *   abbreviations (`matches()`), the defaults it fills before asking the kernel (table main or
 *   local, scope by route type and gateway, protocol boot, `lookup main`, IPv6 metric later in
 *   the kernel), number bases (dsfield hex, marks and tables base 0), the family inferred from
 *   the addresses, and its own refusals (`Cannot find device "eth9"`).
 * Inputs   text, the batch family (4 = plain `ip -batch`, 6 = `ip -6 -batch`), which devices exist.
 * Outputs  one `Request` per command line (the netlink message's fields), with its line number;
 *          `BatchLineError` for a line iproute2 could not read (it would stop the batch there).
 * See also ../model (what the kernel does with a request), docs/policy-routing.md, ip-route(8), ip-rule(8).
 */
export { parseBatch, parseCommand, BatchLineError } from "./parse-batch.js";
export type { BatchOptions } from "./parse-batch.js";
export type { AddrRequest, BatchLine, NexthopRequest, RefusedRequest, Request, RouteOp, RouteRequest, RuleRequest } from "./requests.js";
export { BatchSyntaxError, splitWords, matches } from "./words.js";
