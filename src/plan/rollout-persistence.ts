/**
 * Optional persistence of a rollout (printed on request, never installed): settings written to
 * sysfs and procfs are lost on reboot, and new rx queues start from net.core.rps_default_mask.
 * A udev rule sets rps_cpus / rps_flow_cnt whenever a queue of the NIC appears (SUBSYSTEM
 * "queues", as operators do for RPS), and a systemd unit runs the rollout script at boot (its
 * steps are idempotent, so running it again is harmless).
 */
import type { RolloutTarget } from "./rollout-script.js";

export function udevRule(target: RolloutTarget): string {
  const same = target.rpsCpus.every((m) => m === target.rpsCpus[0]);
  const rule = (queue: string, mask: string): string =>
    `ACTION=="add", SUBSYSTEM=="queues", DEVPATH=="*/net/${target.nic}/queues/${queue}", ATTR{rps_cpus}="${mask}", ATTR{rps_flow_cnt}="${target.rpsFlowCnt}"`;
  const lines = same ? [rule("rx-*", target.rpsCpus[0])] : target.rpsCpus.map((m, q) => rule(`rx-${q}`, m));
  return [`# /etc/udev/rules.d/70-nicsim-${target.nic}-rps.rules: RPS/RFS of every rx queue of ${target.nic} as it appears`, ...lines, ""].join("\n");
}

export function systemdUnit(target: RolloutTarget, scriptPath: string): string {
  return [
    `# /etc/systemd/system/nicsim-rollout-${target.nic}.service: apply the rollout at boot`,
    "[Unit]",
    `Description=nicsim rollout of ${target.nic} (channels, indirection table, IRQ affinity, RPS/RFS)`,
    "After=network-pre.target irqbalance.service",
    "Wants=network-pre.target",
    "",
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=yes",
    `Environment=REVERT=/var/lib/nicsim/revert-${target.nic}.sh`,
    `ExecStart=/bin/sh ${scriptPath}`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
