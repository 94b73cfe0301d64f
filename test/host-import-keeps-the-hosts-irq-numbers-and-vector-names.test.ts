import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioText } from "../src/config/load.js";
import { importScenario, nicDeviceIrqs, parseProcInterrupts, pciAddressOfMsiHwirq, readSnapshot } from "../src/host/index.js";
import type { Scenario } from "../src/config/scenario.js";
import type { DeviceVectors } from "../src/irq/device-vectors.js";
import { nicVectors, startIrqbalance } from "../src/irq/place-queues.js";
import { fixture, HOST_FIXTURES } from "./host-helpers.js";

const scenarioVectors = (s: Scenario): DeviceVectors => nicVectors(s.nics, s.irq.firstIrq);

const ENA = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
const tmp = mkdtempSync(join(tmpdir(), "nicsim-import-vectors-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const device = (file: string, nic: Parameters<typeof nicDeviceIrqs>[1]): string[] =>
  nicDeviceIrqs(parseProcInterrupts(...fixture(file)), nic).map((v) => `${v.irq} ${v.name}`);

describe("/proc/interrupts: every vector of a NIC's device", () => {
  it("virtio: the NIC's virtio device only (config, input, output), not the balloon or the input device", () => {
    expect(device("interrupts-virtio.txt", { dev: "eth0", pci: "0000:00:03.0", virtio: "virtio2" })).toEqual(["37 virtio2-config", "38 virtio2-input.0", "39 virtio2-output.0"]);
  });

  it("ixgbe: the TxRx vectors and the other vector under the bare interface name", () => {
    expect(device("interrupts-ixgbe-i40e-ice.txt", { dev: "eth0" })).toEqual(["40 eth0-TxRx-0", "41 eth0-TxRx-1", "42 eth0"]);
  });

  it("mlx5: the rows whose chip names the NIC's PCI function, not its sibling function's", () => {
    expect(device("interrupts-mlx5.txt", { dev: "eth0", pci: "0000:3b:00.0" })).toEqual([
      "24 mlx5_async0@pci:0000:3b:00.0",
      "25 mlx5_comp0@pci:0000:3b:00.0",
      "26 mlx5_comp1@pci:0000:3b:00.0",
      "27 mlx5_comp2@pci:0000:3b:00.0",
      "28 mlx5_comp3@pci:0000:3b:00.0",
    ]);
  });

  it("older kernels' `PCI-MSI <hwirq>-edge`: the hwirq encodes the device (msi_index | dev_id << 11 | domain << 27)", () => {
    // 81921 = 40 << 11 | 1: bus 0, devfn 0x28 = slot 5 function 0; 1572865 = 0x300 << 11 | 1: bus 3.
    expect(pciAddressOfMsiHwirq(81921)).toBe("0000:00:05.0");
    expect(pciAddressOfMsiHwirq(1572865)).toBe("0000:03:00.0");
    expect(pciAddressOfMsiHwirq((1 << 27) + (0x3b01 << 11))).toBe("0001:3b:00.1");
    expect(device("interrupts-ena.txt", { dev: "eth9", pci: "0000:00:05.0" })).toEqual(["27 ena-mgmnt@pci:0000:00:05.0", "28 ena-comp-0@pci:0000:00:05.0", "29 ena-comp-1@pci:0000:00:05.0"]);
  });
});

describe("import: the NIC's vectors with the host's IRQ numbers", () => {
  it("writes the driver kind and every vector of the device, which the scenario then uses", () => {
    const imported = importScenario(readSnapshot(ENA));
    expect(imported.yaml).toContain("driver: ena  # ethtool -i eth0: driver ena");
    expect(imported.yaml).toContain('pci: "0000:00:05.0"  # ethtool -i eth0: bus-info');
    expect(imported.yaml).toContain("vectors:  # /proc/interrupts: the rows of eth0's device, IRQ numbers as the host gave them");
    const scenario = loadScenarioText(imported.yaml, "imported").points[0].scenario;
    expect(scenario.nics[0].pci).toBe("0000:00:05.0");
    expect(scenario.nics[0].vectors).toEqual([
      { irq: 27, name: "ena-mgmnt@pci:0000:00:05.0" },
      { irq: 28, name: "ena-comp-0@pci:0000:00:05.0" },
      { irq: 29, name: "ena-comp-1@pci:0000:00:05.0" },
      { irq: 30, name: "ena-comp-2@pci:0000:00:05.0" },
      { irq: 31, name: "ena-comp-3@pci:0000:00:05.0" },
    ]);
    const d = scenarioVectors(scenario);
    expect([...d.rxVector].map((v) => d.vectors[v].irq)).toEqual([28, 29, 30, 31]);
  });

  it("with irqbalance running, the daemon's model balances the host's IRQ numbers", () => {
    const dir = join(tmp, "irqbalance");
    cpSync(ENA, dir, { recursive: true });
    writeFileSync(join(dir, "cmd", "irqbalance-pgrep.txt"), "612 /usr/sbin/irqbalance --foreground\n");
    const imported = importScenario(readSnapshot(dir));
    const scenario = loadScenarioText(imported.yaml, "imported").points[0].scenario;
    expect(scenario.irq.policy).toBe("irqbalance");
    const state = startIrqbalance(scenario);
    expect(state.irqs.map((r) => r.irq).sort((a, b) => a - b)).toEqual([27, 28, 29, 30, 31]);
    // The first state.rxVectors records are the rx queues' vectors, in queue order.
    expect(state.irqs.slice(0, state.rxVectors).map((r) => r.irq)).toEqual([28, 29, 30, 31]);
    // Four CPUs, five vectors: each CPU takes one, one takes two, by the daemon's rule.
    const perCpu = new Array<number>(4).fill(0);
    for (const cpu of state.irqCpu) perCpu[cpu]++;
    expect(perCpu.sort()).toEqual([1, 1, 1, 2]);
  });

  it("a device whose rows miss a queue's vector keeps the generated list, with a warning", () => {
    const dir = join(tmp, "missing-vector");
    cpSync(ENA, dir, { recursive: true });
    // IRQ 30 (ena-comp-2) is gone from the listing.
    writeFileSync(
      join(dir, "fs", "proc", "interrupts"),
      [
        "           CPU0       CPU1       CPU2       CPU3       ",
        "  27:         12          0          0          0   PCI-MSI 81920-edge      ena-mgmnt@pci:0000:00:05.0",
        "  28:    1200345          0          0          0   PCI-MSI 81921-edge      ena-comp-0@pci:0000:00:05.0",
        "  29:          0    1100234          0          0   PCI-MSI 81922-edge      ena-comp-1@pci:0000:00:05.0",
        "  31:          0          0          0     900012   PCI-MSI 81924-edge      ena-comp-3@pci:0000:00:05.0",
        " LOC:    5000000    5000000    5000000    5000000   Local timer interrupts",
        "",
      ].join("\n"),
    );
    const imported = importScenario(readSnapshot(dir));
    expect(imported.warnings).toContain("nics.eth0.vectors: no vector for rx queue 2 among the device's /proc/interrupts rows; using the ena vector list numbered from irq.firstIrq");
    expect(loadScenarioText(imported.yaml, "imported").points[0].scenario.nics[0].vectors).toBeUndefined();
  });
});
