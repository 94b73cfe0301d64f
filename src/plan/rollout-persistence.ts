/**
 * Optional persistence of a rollout (printed on request, never installed): settings written to
 * sysfs and procfs are lost on reboot, and new rx queues start from net.core.rps_default_mask.
 * A udev rule sets rps_cpus / rps_flow_cnt whenever a queue of the NIC appears (SUBSYSTEM
 * "queues", as operators do for RPS), and a systemd unit runs the rollout script at boot (its
 * steps are idempotent, so running it again is harmless) once the NIC's device unit exists.
 */
import type { RolloutTarget } from "./rollout-script.js";

export function udevRule(target: RolloutTarget): string {
  const same = target.rpsCpus.every((m) => m === target.rpsCpus[0]);
  const rule = (queue: string, mask: string): string =>
    `ACTION=="add", SUBSYSTEM=="queues", DEVPATH=="*/net/${target.nic}/queues/${queue}", ATTR{rps_cpus}="${mask}", ATTR{rps_flow_cnt}="${target.rpsFlowCnt}"`;
  const lines = same ? [rule("rx-*", target.rpsCpus[0])] : target.rpsCpus.map((m, q) => rule(`rx-${q}`, m));
  return [`# /etc/udev/rules.d/70-nicsim-${target.nic}-rps.rules: RPS/RFS of every rx queue of ${target.nic} as it appears`, ...lines, ""].join("\n");
}

/** The device unit systemd makes for a network interface (`systemd-escape`: other than [A-Za-z0-9:_.] as \xHH). */
export function deviceUnit(nic: string): string {
  const escaped = [...nic].map((c) => (/[A-Za-z0-9:_.]/.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)).join("");
  return `sys-subsystem-net-devices-${escaped}.device`;
}

export function systemdUnit(target: RolloutTarget, scriptPath: string): string {
  const device = deviceUnit(target.nic);
  return [
    `# /etc/systemd/system/nicsim-rollout-${target.nic}.service: apply the rollout at boot`,
    "[Unit]",
    `Description=nicsim rollout of ${target.nic} (channels, indirection table, IRQ affinity, RPS/RFS)`,
    // Waits for the NIC to exist, and runs before the network is configured.
    `BindsTo=${device}`,
    `After=${device} irqbalance.service`,
    "Before=network-pre.target",
    "Wants=network-pre.target",
    "",
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=yes",
    // systemd creates /var/lib/nicsim for the unit, where the script saves what it found.
    "StateDirectory=nicsim",
    `Environment=REVERT=/var/lib/nicsim/revert-${target.nic}.sh`,
    `ExecStart=/bin/sh ${scriptPath}`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
