import { it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { scenarioVectors, startIrqbalance } from "../src/irq/place-queues.js";
import { sysfsView } from "../src/irq/sysfs-view.js";
import { irqbalanceBinary, runDaemon, writeFakeRoot, type IrqbalanceBinary, type FakeRoot } from "./irqbalance-daemon.js";
import { writeFileSync } from "node:fs";
it("scratch", async () => {
  const shape = JSON.parse(process.env.SHAPE ?? "{}");
  const { queues, isolated, ...topology } = shape;
  const cpus = shape.sockets * shape.coresPerSocket * shape.threadsPerCore;
  const scenario = validateScenario({
    host: { cpus, topology: { ...topology, ...(isolated === undefined ? {} : { isolated }) } },
    nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: queues, queues, driver: process.env.DRIVER }],
    traffic: { flows: 64, src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 1000 } },
    irq: { policy: "irqbalance", firstIrq: Number(process.env.FIRST ?? 24), irqbalance: { oneshot: true, interval: 1, listing: process.env.LISTING ?? "ascending" } },
    run: { duration: "10ms", warmup: "0ms", seed: 1 },
  });
  const root = writeFakeRoot(sysfsView({ topology: scenario.host.topology, devices: scenarioVectors(scenario), listing: scenario.irq.irqbalance.listing })) as FakeRoot;
  const t0 = Date.now();
  const r = await runDaemon({ binary: irqbalanceBinary() as IrqbalanceBinary, root, args: ["--oneshot", "--interval=1"], bannedCpus: isolated });
  const st = startIrqbalance(scenario);
  const lines = [`ms ${Date.now() - t0} code ${r.code}`, r.stdout, r.stderr, "MODEL:", ...st.irqs.map((x, i) => `${x.irq} found ${x.found} -> ${st.maskOf[i].join(",")}`), "DAEMON:", ...scenarioVectors(scenario).vectors.map((v) => `${v.irq} ${v.name} ${root.read(`proc/irq/${v.irq}/smp_affinity`).trim()}`)];
  writeFileSync("/tmp/scratch/out.txt", lines.join("\n"));
  root.remove();
}, 30000);
