import { describe, expect, it } from "vitest";
import { resultJson } from "../src/cli/output.js";
import { loadScenarioText } from "../src/config/load.js";
import { progressLine } from "../src/cli/progress.js";
import { runSweep, type SweepProgress } from "../src/pool/run-sweep.js";

/**
 * A single long point used to show nothing until it ended. In-process, the engine now says how
 * much of the running job's simulated time is done, once per arrival batch.
 */
describe("progress within a job", () => {
  const file = loadScenarioText(
    `host: { cpus: 2, ghz: 3, topology: { sockets: 1, coresPerSocket: 2, threadsPerCore: 1 } }
nics: [{ name: eth0, queues: 1 }]
traffic: { flows: 64, src: 10.1.0.0/16, dst: 10.0.0.2, protocol: udp, srcPort: 1024-65535, dstPort: 53, load: { pps: 400000 } }
run: { duration: 50ms, warmup: 5ms, seed: 3 }
`,
    "progress.yaml",
  );

  it("rises through the running job, then counts it done; the result is the same as without listening", async () => {
    const seen: SweepProgress[] = [];
    const outcome = await runSweep(file, { threads: 1, onProgress: (p) => seen.push(p) });
    const within = seen.filter((p) => p.jobsDone === 0).map((p) => p.runningJobDone);
    // 20,000 packets in batches of 4,096: a report before each batch.
    expect(within.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < within.length; i++) expect(within[i]).toBeGreaterThan(within[i - 1]);
    expect(within[0]).toBeGreaterThanOrEqual(0);
    expect(within.at(-1)).toBeLessThan(1);
    expect(seen.at(-1)).toMatchObject({ jobsDone: 1, jobsTotal: 1, runningJobDone: 0 });
    const quiet = await runSweep(file, { threads: 1 });
    expect(resultJson(outcome.result)).toBe(resultJson(quiet.result));
  });

  it("moves the bar and the estimate, and says how far the running job is", () => {
    const p: SweepProgress = { jobsDone: 0, jobsTotal: 1, pointsDone: 0, pointsTotal: 1, simulatedPackets: 0, runningJobDone: 0.5 };
    // Half the work in 3 s: 3 s left.
    expect(progressLine(p, 3, 100)).toBe("[###############---------------] 0/1 points · 50% of the running job · 0.0 M sim pkt/s · 3 s left");
  });
});
