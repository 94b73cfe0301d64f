import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { expectConfigError } from "./config-helpers.js";

const doc = (cpus: number, nic: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  host: { cpus },
  nics: [{ name: "eth0", queues: 2, ...nic }],
  traffic: { src: "10.0.0.0/8", dst: "10.0.0.1", load: { pps: 1000 }, ...extra },
});

describe("rps: vendor-default and the RFS keys", () => {
  it("vendor-default writes q = cpus/8 (1..2) f digits on every rx queue", () => {
    expect(validateScenario(doc(8, { rps: "vendor-default" })).nics[0].rps.cpus).toEqual(["f", "f"]);
    expect(validateScenario(doc(64, { rps: "vendor-default" })).nics[0].rps.cpus).toEqual(["ff", "ff"]);
    expect(validateScenario(doc(16, { rps: { cpus: "vendor-default" } })).nics[0].rps.cpus).toEqual(["ff", "ff"]);
  });

  it("vendor-default leaves RPS off where the kernel would refuse its mask", () => {
    expect(validateScenario(doc(2, { rps: "vendor-default" })).nics[0].rps.cpus).toEqual(["0", "0"]);
  });

  it("reads rps_flow_cnt, rps_sock_flow_entries and the application CPUs", () => {
    const s = validateScenario({ ...doc(8, { rps: { cpus: "fe", flowCnt: 4096 } }, { appCpus: "4-7" }), kernel: { rpsSockFlowEntries: 32768 } });
    expect(s.nics[0].rps.flowCnt).toBe(4096);
    expect(s.kernel.rpsSockFlowEntries).toBe(32768);
    expect(s.traffic.appCpus).toEqual([4, 5, 6, 7]);
  });

  it("refuses application CPUs the host does not have", () => {
    expectConfigError(
      () => validateScenario(doc(4, {}, { appCpus: "0-5" })),
      'traffic.appCpus: "0-5": CPU 5 is beyond the host\'s 4 CPUs (0-3) (the kernel answers ERANGE)',
    );
  });
});
