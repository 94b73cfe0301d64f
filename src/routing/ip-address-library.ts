/**
 * The `ip-address` package, loaded on first use: routing reads IPv6 text with it (inet.ts), so a
 * configuration and queries of IPv4 only — `nicsim route get` on most hosts — never load it
 * (about 0.008 CPU-s of start-up on a 2-vCPU EPYC, bench/startup.bench.ts). It is a CommonJS
 * package, so a synchronous require gives the same module an import would.
 */
import { createRequire } from "node:module";
import type * as IpAddress from "ip-address";

let loaded: typeof IpAddress | undefined;

export function ipAddressLibrary(): typeof IpAddress {
  loaded ??= createRequire(import.meta.url)("ip-address") as typeof IpAddress;
  return loaded;
}
