/**
 * A comparison as JUnit XML (the format CI systems show as test results: GitLab, Jenkins,
 * GitHub test-reporter actions): one test suite, one test case per point and figure, a
 * `<failure>` for each regression. Figures judged as noise pass, with the reason in system-out.
 */
import type { Comparison } from "./compare.js";
import { figureText, formatChange, shownMetrics } from "./compare-text.js";

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function compareJunit(c: Comparison): string {
  const cases: string[] = [];
  const shown = shownMetrics(c);
  for (const p of c.points) {
    for (const f of p.figures) {
      const look = shown.get(f.metric.name) ?? f.metric;
      const what = `${look.title}: ${figureText(f, "baseline", look.format)} -> ${figureText(f, "current", look.format)} (${formatChange(f.change)})`;
      const open = `    <testcase classname="nicsim.compare.${escape(p.label)}" name="${escape(f.metric.name)}" time="0">`;
      if (f.verdict === "regression") {
        const message = `${what}: worse than the ${+(c.threshold * 100).toFixed(3)}% threshold`;
        cases.push(`${open}\n      <failure message="${escape(message)}" type="regression">${escape(message)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${open}\n      <system-out>${escape(`${what}: ${f.verdict}`)}</system-out>\n    </testcase>`);
      }
    }
  }
  const tests = cases.length;
  const head = `tests="${tests}" failures="${c.regressions}" errors="0" skipped="0" time="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nicsim compare" ${head}>`,
    `  <testsuite name="nicsim compare" ${head}>`,
    "    <properties>",
    `      <property name="threshold" value="${+(c.threshold * 100).toFixed(3)}%"/>`,
    `      <property name="metrics" value="${escape(c.metrics.map((m) => m.name).join(","))}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
