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
    expect(app).toEqual({ ...APP_DEFAULTS, threadCpus: [1, 2, 3], sockets: "reuseport" });
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
