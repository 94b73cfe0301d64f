import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { at, expectConfigError, rawWith } from "./config-helpers.js";

function twoNics(edit: (traffic: Record<string, unknown>) => void): Record<string, unknown> {
  return rawWith((r) => {
    r.nics = [
      { name: "eth0", addresses: ["192.168.0.5/24"] },
      { name: "eth1", addresses: ["10.0.0.19/24", "2001:db8::19/64"] },
    ];
    edit(at(r, "traffic"));
  });
}

describe("traffic goes to the NIC that owns its destination", () => {
  it("the first NIC whose subnet contains a dst address", () => {
    expect(validateScenario(twoNics((t) => (t.dst = "10.0.0.77"))).traffic.nic).toBe(1);
    expect(validateScenario(twoNics((t) => (t.dst = ["172.16.0.1", "192.168.0.9"]))).traffic.nic).toBe(0);
  });

  it("the NIC that has the destination as its own address, before another NIC in the same subnet", () => {
    const sameSubnet = rawWith((r) => {
      r.nics = [
        { name: "eth1", addresses: ["10.0.0.20/24"] },
        { name: "eth2", addresses: ["10.0.0.21/24"] },
      ];
      at(r, "traffic").dst = "10.0.0.21";
    });
    expect(validateScenario(sameSubnet).traffic.nic).toBe(1);
    at(sameSubnet, "traffic").dst = "10.0.0.20";
    expect(validateScenario(sameSubnet).traffic.nic).toBe(0);
    at(sameSubnet, "traffic").dst = "10.0.0.99";
    expect(validateScenario(sameSubnet).traffic.nic).toBe(0);
  });

  it("the first NIC when no address matches", () => {
    expect(validateScenario(twoNics((t) => (t.dst = "172.16.0.1"))).traffic.nic).toBe(0);
  });

  it("a dst pool wider than the NIC's subnet does not match", () => {
    expect(validateScenario(twoNics((t) => (t.dst = "10.0.0.0/16"))).traffic.nic).toBe(0);
  });

  it("an explicit nic by name, and an unknown name", () => {
    expect(validateScenario(twoNics((t) => (t.nic = "eth1"))).traffic.nic).toBe(1);
    expectConfigError(() => validateScenario(twoNics((t) => (t.nic = "eth9"))), 'traffic.nic: "eth9" is not a NIC; NICs: eth0, eth1');
  });

  it("NIC names must be unique", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0" }, { name: "eth0" }]));
    expectConfigError(() => validateScenario(raw), 'nics[1].name: "eth0" is already the name of nics[0]');
  });
});
