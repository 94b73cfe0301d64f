import { describe, expect, it } from "vitest";
import { TopologyError, nodeCpus, threadSiblings, topologyFromCpus, topologyFromSpec, type ExplicitCpu } from "../src/irq/index.js";

function refusal(build: () => unknown): TopologyError {
  try {
    build();
  } catch (error) {
    if (error instanceof TopologyError) return error;
    throw error;
  }
  throw new Error("expected a TopologyError");
}

describe("host topology", () => {
  it("2 sockets × 4 cores × 2 threads: thread 0 of every core first, then the siblings", () => {
    const host = topologyFromSpec({ sockets: 2, coresPerSocket: 4, threadsPerCore: 2 });
    expect(host.cpus).toHaveLength(16);
    expect(host.nodes).toEqual([0, 1]);
    expect(nodeCpus(host, 0)).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
    expect(nodeCpus(host, 1)).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
    expect(threadSiblings(host, 5)).toEqual([5, 13]);
    expect(host.cpus[13]).toEqual({ cpu: 13, node: 1, package: 1, core: 1, thread: 1, l2: 5, l3: 1 });
    expect(host.nicNode).toBe(-1);
  });

  it("sub-NUMA clustering splits a socket into nodes of consecutive cores, each with its L3", () => {
    const host = topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1, numaNodes: 2, nicNode: 1 });
    expect(host.cpus.map((c) => c.node)).toEqual([0, 0, 1, 1]);
    expect(host.cpus.map((c) => c.l3)).toEqual([0, 0, 1, 1]);
    expect(host.nicNode).toBe(1);
    expect(topologyFromSpec({ sockets: 2, coresPerSocket: 2, threadsPerCore: 1, numaNodes: 1 }).nodes).toEqual([0]);
  });

  it("isolated CPUs come as a CPU list or ids", () => {
    expect(topologyFromSpec({ sockets: 1, coresPerSocket: 8, threadsPerCore: 1, isolated: "2,4-5" }).isolated).toEqual([2, 4, 5]);
    expect(topologyFromSpec({ sockets: 1, coresPerSocket: 8, threadsPerCore: 1, isolated: [7, 1, 7] }).isolated).toEqual([1, 7]);
  });

  it("an explicit list: siblings by (package, core), L2 per core and L3 per package by default", () => {
    const cpus: ExplicitCpu[] = [
      { cpu: 0, node: 0, package: 0, core: 0 },
      { cpu: 1, node: 0, package: 0, core: 0 },
      { cpu: 2, node: 0, package: 0, core: 1 },
      { cpu: 3, node: 0, package: 0, core: 1 },
    ];
    const host = topologyFromCpus({ cpus, nicNode: 0 });
    expect(host.cpus.map((c) => [c.thread, c.l2, c.l3])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ]);
  });

  it("impossible hosts are refused with the field's path", () => {
    expect(refusal(() => topologyFromSpec({ sockets: 0, coresPerSocket: 4, threadsPerCore: 1 })).path).toBe("sockets");
    expect(refusal(() => topologyFromSpec({ sockets: 2, coresPerSocket: 4, threadsPerCore: 1, numaNodes: 3 })).path).toBe("numaNodes");
    expect(refusal(() => topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1, nicNode: 1 })).message).toBe(
      "nicNode: 1 is not -1 (unknown) or one of the host's NUMA nodes (0)",
    );
    expect(refusal(() => topologyFromSpec({ sockets: 1, coresPerSocket: 4, threadsPerCore: 1, isolated: "4" })).path).toBe("isolated");
    const one = (cpu: number, extra: Partial<ExplicitCpu> = {}): ExplicitCpu => ({ cpu, node: 0, package: 0, core: cpu, ...extra });
    expect(refusal(() => topologyFromCpus({ cpus: [one(0), one(0)] })).message).toBe("cpus[1].cpu: CPU 0 is listed twice");
    expect(refusal(() => topologyFromCpus({ cpus: [one(0), one(2)] })).path).toBe("cpus[1].cpu");
    expect(refusal(() => topologyFromCpus({ cpus: [one(0), one(1, { core: 0, node: 1 })] })).path).toBe("cpus[1].node");
    expect(refusal(() => topologyFromCpus({ cpus: [one(0, { l2: 0 }), one(1, { package: 1, l2: 0 })] })).path).toBe("cpus[1].l2");
  });
});
