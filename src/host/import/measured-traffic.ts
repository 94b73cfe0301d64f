/**
 * What the snapshot's counters say about the traffic a NIC received: its packet rate and mean
 * frame size, and whether UDP or TCP carried more of it. From the `--measure` samples when there
 * are some (/proc/net/dev of the NIC and /proc/net/snmp deltas over all intervals); otherwise
 * the averages since boot (the NIC's /proc/net/dev totals over /proc/uptime).
 */
import type { HostSnapshot } from "../read-snapshot.js";
import { parseProcNetDev, parseProcNetSnmp, parseUptime } from "../parse/proc-counters.js";

export interface MeasuredTraffic {
  readonly pps: number;
  readonly meanBytes: number | null;
  readonly protocol: "udp" | "tcp" | null;
  /** What the figures are, for the comments. */
  readonly basis: string;
}

function protocolOf(udp: number, tcp: number): "udp" | "tcp" | null {
  if (udp <= 0 && tcp <= 0) return null;
  return udp >= tcp ? "udp" : "tcp";
}

export function measuredTraffic(snapshot: HostSnapshot, nic: string): MeasuredTraffic | null {
  const samples = snapshot.samples;
  if (samples.length >= 2) {
    const a = samples[0];
    const b = samples[samples.length - 1];
    const da = a.netDev?.get(nic);
    const db = b.netDev?.get(nic);
    const seconds = b.uptime - a.uptime;
    if (da === undefined || db === undefined || !(seconds > 0)) return null;
    const packets = db.rxPackets - da.rxPackets;
    const delta = (key: string): number => (b.snmp?.get(key) ?? 0) - (a.snmp?.get(key) ?? 0);
    return {
      pps: packets / seconds,
      meanBytes: packets > 0 ? (db.rxBytes - da.rxBytes) / packets : null,
      protocol: protocolOf(delta("Udp.InDatagrams") + delta("Udp.NoPorts") + delta("Udp.InErrors"), delta("Tcp.InSegs")),
      basis: `measured: /proc/net/dev ${nic} over ${seconds.toFixed(1)} s of --measure samples`,
    };
  }
  const dev = snapshot.files.text("fs/proc/net/dev");
  const up = snapshot.files.text("fs/proc/uptime");
  if (dev === undefined || up === undefined) return null;
  const counters = parseProcNetDev(dev, "fs/proc/net/dev").get(nic);
  const seconds = parseUptime(up, "fs/proc/uptime");
  if (counters === undefined || !(seconds > 0)) return null;
  const snmpText = snapshot.files.text("fs/proc/net/snmp");
  const snmp = snmpText === undefined ? null : parseProcNetSnmp(snmpText, "fs/proc/net/snmp");
  return {
    pps: counters.rxPackets / seconds,
    meanBytes: counters.rxPackets > 0 ? counters.rxBytes / counters.rxPackets : null,
    protocol: snmp === null ? null : protocolOf((snmp.get("Udp.InDatagrams") ?? 0) + (snmp.get("Udp.NoPorts") ?? 0), snmp.get("Tcp.InSegs") ?? 0),
    basis: `average since boot: /proc/net/dev ${nic} totals over /proc/uptime (${(seconds / 3600).toFixed(1)} h); no --measure samples`,
  };
}
