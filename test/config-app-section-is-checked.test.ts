import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { APP_DEFAULTS } from "../src/config/sections/app.js";
import { compilePlan } from "../src/engine/plan.js";
import { expectConfigError, rawWith } from "./config-helpers.js";

function withApp(app: Record<string, unknown>, traffic: Record<string, unknown> = {}): Record<string, unknown> {
  return rawWith((r) => {
    r.app = app;
    r.traffic = { ...(r.traffic as Record<string, unknown>), ...traffic };
  });
}

describe("the app section", () => {
  it("fills its defaults and reads its threads as a CPU list", () => {
    const app = validateScenario(withApp({ threads: "1-3" })).app;
    expect(app).toEqual({ ...APP_DEFAULTS, threadCpus: [1, 2, 3], sockets: "reuseport", reply: null });
  });

  it("connected UDP reads each flow on its own socket", () => {
    expect(validateScenario(withApp({ threads: "0" }, { socket: "connected" })).app?.sockets).toBe("per-flow");
  });

  it("refuses TCP: its receive window and flow control are not modelled", () => {
    expectConfigError(
      () => validateScenario(withApp({ threads: "0" }, { protocol: "tcp" })),
      "app: the application model reads UDP sockets; traffic.protocol is tcp (TCP's receive window and flow control are not modelled)",
    );
  });

  it("refuses traffic.appCpus beside it", () => {
    expectConfigError(
      () => validateScenario(withApp({ threads: "0" }, { appCpus: "1" })),
      "traffic.appCpus: give the application's CPUs once, as app.threads (with an app section, RFS follows its threads)",
    );
  });

  it("takes the reply once: app.reply, or bandwidth.reply's stream (its ratio too)", () => {
    expect(validateScenario(withApp({ threads: "0", reply: { size: 120 } })).app?.reply).toEqual({ size: 120, ratio: 1 });
    const both = withApp({ threads: "0", reply: { size: 120 } });
    both.bandwidth = { egress: { mbps: 100 }, reply: { size: 200, ratio: 0.5 } };
    expectConfigError(() => validateScenario(both), "app.reply: give the reply once: bandwidth.reply is the reply stream the threads send (and the egress caps shape)");
    delete (both.app as Record<string, unknown>).reply;
    expect(validateScenario(both).app?.reply).toEqual({ size: 200, ratio: 0.5 });
  });

  it("checks nics[].xps: one mask per tx queue, each a mask the host can hold", () => {
    const raw = rawWith((r) => (r.nics = [{ name: "eth0", queues: 2, xps: ["1", "2", "4"] }]));
    expectConfigError(() => validateScenario(raw), "nics[0].xps: 3 masks given for 2 tx queues");
    const wide = rawWith((r) => (r.nics = [{ name: "eth0", queues: 2, xps: "10" }]));
    expect(() => validateScenario(wide)).toThrow(/^nics\[0\]\.xps: "10": selects CPU 4/);
    expect(validateScenario(rawWith((r) => (r.nics = [{ name: "eth0", queues: 2, xps: "3" }]))).nics[0].xps).toEqual(["3", "3"]);
  });

  it("refuses a thread on a CPU the host does not have", () => {
    expect(() => validateScenario(withApp({ threads: "2-5" }))).toThrow(/^app\.threads: /);
  });

  it("an unconnected server's flows spread over its reuseport threads; RFS follows each flow's thread", () => {
    const raw = withApp({ threads: "0-3" }, { flows: 4000 });
    const plan = compilePlan(validateScenario(raw), 1);
    const perThread = [0, 0, 0, 0];
    for (const t of plan.app?.flowThread ?? []) perThread[t]++;
    // 4000 flows over 4 sockets: a binomial share of 1000 ± 27; every socket within ±15%.
    for (const n of perThread) expect(Math.abs(n / 1000 - 1)).toBeLessThan(0.15);
    for (let f = 0; f < 4000; f++) expect(plan.flowAppCpu[f]).toBe(plan.app?.threadCpu[plan.app.flowThread[f]]);
  });
});
