import { describe, expect, it } from "vitest";
import { nicsimProcess } from "./cli-helpers.js";

/** `nicsim bench --format md`: a heading, the description, a Markdown table of 16 points, the gains as a list. */
describe("nicsim bench --format md", () => {

  it("is Markdown fit for a pull-request comment or $GITHUB_STEP_SUMMARY", () => {
    const r = nicsimProcess(["bench", "--format", "md", "--jobs", "2"]);
    // Nothing on stderr but, on a machine slow enough to take over 10 s, progress lines
    // (src/cli/progress-log.ts): the Markdown is all on stdout.
    expect(r.stderr.split("\n").filter((l) => l !== "" && !/^nicsim: \d+\/16 points · /.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("### nicsim bench");
    const rows = lines.filter((l) => l.startsWith("|"));
    expect(rows).toHaveLength(2 + 16);
    expect(rows[0]).toMatch(/^\| traffic\.load\.pps \| queues \| offered Mpps \|/);
    expect(lines.some((l) => /^- At 2 Mpps offered .*: 2 queues deliver \+\d+% over 1 queue/.test(l))).toBe(true);
    expect(lines.some((l) => /^_Simulated .* M packets .* on 2 threads/.test(l))).toBe(true);
  });
});
