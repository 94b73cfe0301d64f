import { describe, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

describe("bad CIDRs are rejected", () => {
  it("a truncated IPv4 prefix in traffic.src", () => {
    const raw = rawWith((r) => (at(r, "traffic").src = "10.0.0/8"));
    expectConfigError(() => validateScenario(raw), 'traffic.src: "10.0.0/8" is not an IPv4/IPv6 CIDR');
  });

  it("a prefix length beyond the family's width, inside a list", () => {
    const raw = rawWith((r) => (at(r, "traffic").dst = ["10.0.0.1", "10.0.0.0/33"]));
    expectConfigError(() => validateScenario(raw), 'traffic.dst[1]: "10.0.0.0/33" is not an IPv4/IPv6 CIDR');
  });

  it("an IPv6 zone, and a NIC address that is not an address", () => {
    const zone = rawWith((r) => (at(r, "traffic").dst = "fe80::1%eth0"));
    expectConfigError(() => validateScenario(zone), 'traffic.dst: "fe80::1%eth0" is not an IPv4/IPv6 CIDR');
    const nic = rawWith((r) => (r.nics = [{ name: "eth0", addresses: ["eth0"] }]));
    expectConfigError(() => validateScenario(nic), 'nics[0].addresses[0]: "eth0" is not an IPv4/IPv6 CIDR');
  });

  it("an empty pool list", () => {
    const raw = rawWith((r) => (at(r, "traffic").src = []));
    expectConfigError(() => validateScenario(raw), "traffic.src: [] must have at least 1 item");
  });
});
