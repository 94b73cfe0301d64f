import { describe, expect, it } from "vitest";
import { ProgressLog } from "../src/cli/progress-log.js";
import { nicsim } from "./cli-helpers.js";

/** Issue 19's rough edges: --help everywhere, progress in logs, rows that deliver nothing, --per-cpu with CSV. */
describe("rough edges", () => {
  it("every command takes --help: its usage on stdout, exit 0", async () => {
    const r = await nicsim("run", "--help");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^nicsim run SCENARIO /);
    const route = await nicsim("route", "get", "-h");
    expect([route.status, route.stderr]).toEqual([0, ""]);
    expect(route.stdout).toMatch(/^nicsim route get /);
  });

  it("off a terminal, progress is a plain line at most every 10 s, none at the end", async () => {
    let t = 0;
    const lines: string[] = [];
    const log = new ProgressLog({ write: (s: string) => lines.push(s) }, () => t);
    const at = (ms: number, jobsDone: number): void => {
      t = ms;
      log.update({ jobsDone, jobsTotal: 10, pointsDone: jobsDone, pointsTotal: 10, simulatedPackets: jobsDone * 1e6, runningJobDone: 0 });
    };
    at(5_000, 1);
    at(10_500, 2);
    at(15_000, 3);
    at(21_000, 4);
    at(40_000, 10);
    expect(lines).toEqual(["nicsim: 2/10 points · 0.2 M sim pkt/s · 42 s left\n", "nicsim: 4/10 points · 0.2 M sim pkt/s · 32 s left\n"]);
  });

  it("a point that delivers nothing shows no latency, and routing as what stopped it", async () => {
    const r = await nicsim("run", "test/fixtures/outputs/routing-drops-everything.yaml", "--jobs", "1");
    expect(r.status).toBe(0);
    const row = r.stdout.split("\n")[2].trim().split(/\s+/);
    expect(row.slice(3, 8)).toEqual(["-", "-", "-", "-", "-"]);
    expect(row[row.length - 1]).toBe("route");
    const csv = await nicsim("run", "test/fixtures/outputs/routing-drops-everything.yaml", "--jobs", "1", "--format", "csv");
    const [head, values] = csv.stdout.trim().split("\n").map((l) => l.split(","));
    expect(values[head.indexOf("p99_us")]).toBe("");
  });

  it("--per-cpu with another format than the table is refused", async () => {
    const r = await nicsim("run", "test/fixtures/cli/tiny.yaml", "--per-cpu", "--format", "csv");
    expect([r.status, r.stderr]).toEqual([
      2,
      "nicsim: --per-cpu: only with --format table (with --format csv it would print nothing more; the JSON document holds each point's perCpu figures)\n",
    ]);
  });
});
