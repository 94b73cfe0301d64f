import { describe, expect, it } from "vitest";
import { bitRateUnit, packetRateUnit } from "../src/report/rate-unit.js";
import { Prng } from "../src/traffic/prng.js";

/** One unit per table, from its values: cloud-sized loads read in kpps, and nothing non-zero reads as 0. */
describe("rate columns pick one unit per table", () => {
  it("the largest value picks the unit, the smallest non-zero one the decimals", () => {
    const bench = packetRateUnit([500_000, 1_998_000, 4_000_000]);
    expect([bench.name, bench.format(1_998_000)]).toEqual(["Mpps", "1.998"]);
    const cloud = packetRateUnit([300, 600, 1000, 5000]);
    expect([cloud.name, cloud.format(300), cloud.format(5000)]).toEqual(["kpps", "0.30", "5.00"]);
    const mixed = packetRateUnit([88_500, 0]);
    expect([mixed.name, mixed.format(88_500), mixed.format(0)]).toEqual(["kpps", "88.5", "0.0"]);
    expect(packetRateUnit([12, 999]).name).toBe("pps");
    expect(packetRateUnit([420, 4_000_000]).format(420)).toBe("0.00042");
    const bits = bitRateUnit([130_000, 2_650_000]);
    expect([bits.name, bits.format(130_000)]).toEqual(["Mbps", "0.13"]);
    expect(bitRateUnit([11.2e9]).name).toBe("Gbps");
  });

  it("a value that is not zero is never printed as zero, whatever the other values of the table", () => {
    const rng = new Prng(19, 0);
    const next = (): number => rng.nextFloat();
    for (let t = 0; t < 500; t++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 10 ** (next() * 10 - 1));
      const unit = packetRateUnit(values);
      for (const v of values) expect(Number(unit.format(v))).toBeGreaterThan(0);
    }
  });
});
