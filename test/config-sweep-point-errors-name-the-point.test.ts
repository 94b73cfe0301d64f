import { describe, it } from "vitest";
import { expandSweep } from "../src/config/sweep.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

describe("an error inside a sweep point names the point", () => {
  it("queues beyond maxQueues at one point", () => {
    const raw = rawWith((r) => {
      r.nics = [{ name: "eth0", maxQueues: 8 }];
      r.sweep = { queues: [4, 16] };
    });
    expectConfigError(() => expandSweep(raw), "nics[0].queues: 16 exceeds maxQueues 8 (sweep point queues=16)");
  });

  it("several axes, strings quoted", () => {
    const raw = rawWith((r) => {
      r.host = { cpus: 4 };
      r.sweep = { "host.cpus": [4], "nics[0].rps.cpus": ["f", "f0"] };
    });
    expectConfigError(
      () => expandSweep(raw),
      'nics[0].rps.cpus: "f0": selects CPU 4, but the host has 4 CPUs (the kernel answers EOVERFLOW) (sweep point host.cpus=4, nics[0].rps.cpus="f0")',
    );
  });

  it("without a sweep, errors carry no suffix", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", maxQueues: 2, queues: 3 }]));
    expectConfigError(() => expandSweep(raw), "nics[0].queues: 3 exceeds maxQueues 2");
  });
});
