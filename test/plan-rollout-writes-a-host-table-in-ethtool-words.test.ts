/**
 * A table read from a host is an explicit list in the imported scenario (ethtool -x prints
 * entries), but `ethtool -X` writes only fills. The rollout names the fill that gives the list —
 * `default`, `[start S] equal N`, `weight …` — and refuses a list no fill gives. Round trip over
 * seeded random fills: the words found, filled again as ethtool fills them, give back the table
 * entry for entry. End to end: the 4-vCPU ena snapshot (table 0 1 2 0 1 2 … on 4 queues),
 * imported and rolled out onto itself, is written as `equal 3` — the table it has — where the
 * rollout used to refuse the imported list.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadScenarioText } from "../src/config/load.js";
import { importScenario, readSnapshot } from "../src/host/index.js";
import { ethtoolWordsFor } from "../src/plan/indir-ethtool-words.js";
import { hostFromSnapshot, planRollout } from "../src/plan/rollout.js";
import { fillIndirection, parseIndirSpec } from "../src/rss/indirection.js";
import { seededChooser } from "./engine-helpers.js";
import { HOST_FIXTURES } from "./host-helpers.js";

const mod = (n: number, size: number, start = 0): number[] => Array.from({ length: size }, (_, i) => start + (i % n));

describe("the ethtool -X words of a table", () => {
  it("names each fill and refuses a list no fill gives", () => {
    expect(ethtoolWordsFor(mod(4, 128), 4)).toBe("default");
    expect(ethtoolWordsFor(mod(3, 128), 4)).toBe("equal 3");
    expect(ethtoolWordsFor(mod(2, 64, 1), 4)).toBe("start 1 equal 2");
    expect(ethtoolWordsFor([0, 0, 0, 2, 2, 3, 3, 3], 4)).toBe("weight 3 0 2 3");
    expect(ethtoolWordsFor([1, 0, 0, 0, 0, 0, 0, 0], 4)).toBeNull();
    expect(ethtoolWordsFor([0, 1, 1, 0, 0, 1, 1, 0], 2)).toBeNull();
    expect(ethtoolWordsFor(mod(4, 8), 3)).toBeNull();
  });

  it("gives back every seeded random fill entry for entry", () => {
    const rng = seededChooser(17);
    for (let trial = 0; trial < 300; trial++) {
      const size = rng.pick([8, 16, 64, 128, 512]);
      const queues = 1 + rng.below(16);
      const kind = rng.pick(["equal", "start", "weight"]);
      let words: string;
      if (kind === "weight") {
        const weights = Array.from({ length: 1 + rng.below(queues) }, () => rng.below(5));
        if (!weights.some((w) => w > 0)) weights[0] = 1;
        if (weights.reduce((a, w) => a + w, 0) > size) continue; // ethtool refuses more weight than entries
        words = `weight ${weights.join(" ")}`;
      } else {
        const count = 1 + rng.below(queues);
        words = kind === "equal" ? `equal ${count}` : `start ${rng.below(queues - count + 1)} equal ${count}`;
      }
      const table = fillIndirection(parseIndirSpec(words), size, queues);
      const found = ethtoolWordsFor(table, queues);
      expect(found, `${words} at ${size} entries, ${queues} queues`).not.toBeNull();
      expect(Array.from(fillIndirection(parseIndirSpec(found ?? ""), size, queues)), `${words} → ${found}`).toEqual(Array.from(table));
    }
  });
});

describe("rolling an imported host onto itself", () => {
  it("writes the ena host's table as equal 3, the table it has", () => {
    const ena = join(HOST_FIXTURES, "snapshot-ena-4vcpu");
    const snapshot = readSnapshot(ena);
    const chosen = loadScenarioText(importScenario(snapshot).yaml, "imported").points[0].scenario;
    expect(chosen.nics[0].rss.indir.kind).toBe("list");
    const r = planRollout({ chosen, chosenFrom: "imported", host: hostFromSnapshot(ena), generator: "nicsim test" });
    expect(r.target.indirForm).toBe("equal 3");
    expect(r.target.indirTable).toEqual(snapshot.nics[0].rxfh?.value.table);
    expect(r.summary[1]).toBe("indirection table: ethtool -X eth0 equal 3; 128 entries (ethtool -x eth0)");
  });
});
