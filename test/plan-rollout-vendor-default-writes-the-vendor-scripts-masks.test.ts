/**
 * `rps: vendor-default` rolled out writes the masks the cloud vendor's image script writes. The
 * vendor rule (an ECS user guide's RPS script): q = vCPUs / 8 (integer) clamped to 1..2, the mask
 * q hex digits "f", written to every /sys/class/net/eth*∕queues/rx-*∕rps_cpus. Here that rule
 * is a few lines of sh run on one fake host, and the rollout script on an identical one; the
 * rps_cpus files must match, on a 4-, 8-, 16- and 64-vCPU host.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateScenario } from "../src/config/validate.js";
import { hostFromScenario, planRollout } from "../src/plan/rollout.js";
import { makeFakeRoot, runSh, tree } from "./rollout-helpers.js";

const VENDOR_RULE = `q=$(( $(cat "$NICSIM_ROOT/.nic/eth0/cpus") / 8 ))
[ "$q" -ge 1 ] || q=1
[ "$q" -le 2 ] || q=2
mask=$(printf '%*s' "$q" '' | tr ' ' f)
for f in "$NICSIM_ROOT"/sys/class/net/eth*/queues/rx-*/rps_cpus; do echo "$mask" > "$f"; done
`;

const dir = mkdtempSync(join(tmpdir(), "nicsim-vendor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("rps: vendor-default", () => {
  for (const cpus of [4, 8, 16, 64]) {
    it(`writes the vendor script's masks on ${cpus} vCPUs`, () => {
      const host = { dev: "eth0", maxQueues: 4, queues: 4, cpus, irqbalance: false };
      const vendorRoot = join(dir, `vendor-${cpus}`);
      const oursRoot = join(dir, `ours-${cpus}`);
      makeFakeRoot(vendorRoot, host);
      makeFakeRoot(oursRoot, host);
      writeFileSync(join(dir, "vendor.sh"), VENDOR_RULE);
      expect(spawnSync("sh", [join(dir, "vendor.sh")], { env: { PATH: process.env.PATH, NICSIM_ROOT: vendorRoot } }).status).toBe(0);

      const scenario = (rps: unknown) =>
        validateScenario({
          host: { cpus },
          nics: [{ name: "eth0", addresses: ["10.0.0.19/24"], maxQueues: 4, queues: 4, ...(rps === undefined ? {} : { rps }) }],
          irq: { policy: "irqbalance" },
          traffic: { src: "100.64.0.0/10", dst: "10.0.0.19", load: { pps: 1000 } },
        });
      const { script } = planRollout({ chosen: scenario("vendor-default"), chosenFrom: "vendor-default", host: hostFromScenario(scenario(undefined), "fake"), generator: "test" });
      const cwd = join(dir, `run-${cpus}`);
      mkdirSync(cwd);
      writeFileSync(join(cwd, "apply.sh"), script);
      expect(runSh(cwd, oursRoot, join(cwd, "apply.sh")).status).toBe(0);
      const rps = (root: string): string[] => [...tree(root)].filter(([path]) => path.endsWith("rps_cpus")).map(([path, text]) => `${path}=${text}`);
      expect(rps(oursRoot)).toEqual(rps(vendorRoot));
      // A 64-vCPU host still gets "ff": 56 vCPUs receive no RPS work.
      if (cpus >= 16) expect(rps(oursRoot)[0]).toMatch(/=ff\n$/);
    });
  }
});
