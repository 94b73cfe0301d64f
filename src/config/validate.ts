/**
 * Raw document → resolved `Scenario`: the field checks of `schema.ts`, then the rules that
 * involve several fields, then conversion to engine units. Stops at the first error, which is a
 * `ConfigError` naming the path, the value and what is allowed.
 *
 * Cross-field rules: NIC names are unique; queues <= maxQueues (maxQueues defaults to queues);
 * the RSS indirection table names only queues below `queues` (a list has indirSize entries);
 * an RSS input transform needs every flow type's hash fields in src/dst pairs;
 * RPS masks are valid for host.cpus and, given as a list, one per rx queue; src and dst share one
 * address family; traffic.nic names a NIC (default: the NIC that has a dst address as its own,
 * else the first NIC whose subnet contains a dst address, else the first NIC); dstPort defaults by protocol; warm-up is shorter than the run.
 */
import { CpuListError, parseCpuList } from "../rps/cpulist.js";
import { CpuMaskError, parseCpuMask } from "../rps/cpumask.js";
import { vendorDefaultEffectiveMask } from "../rps/vendor-default.js";
import { RSS_FLOW_TYPES, parseHashFields } from "../rss/fields.js";
import { IndirSpecError, fillIndirection, formatIndirSpec } from "../rss/indirection.js";
import { xfrmAllowedFor } from "../rss/profile.js";
import { familyName, prefixContains } from "./addresses.js";
import { TRAFFIC_DEFAULTS } from "./defaults.js";
import { ConfigError, show } from "./errors.js";
import { checkOfferedLoad } from "./physical-limits.js";
import type { Located } from "./field-types.js";
import { isMapping, joinIndex, joinKey } from "./paths.js";
import { scenarioSchema } from "./schema.js";
import type { CheckedScenario } from "./schema.js";
import { allowedOf, check } from "./schema-dsl.js";
import type { Irq, Nic, Prefix, Rss, Run, Scenario, Traffic } from "./scenario.js";
import { IrqAffinityError } from "../irq/affinity.js";
import { IrqbalanceOptionError } from "../irq/irqbalance/options.js";
import { DeviceVectorError } from "../irq/device-vectors.js";
import { placeQueueIrqs, scenarioVectors } from "../irq/place-queues.js";
import type { QueueAffinity } from "../irq/policies.js";
import { TopologyError, topologyFromSpec, type CpuTopology } from "../irq/topology.js";

import { resolveRoutingSection } from "../routing/scenario-section.js";
import { resolveBandwidthSection } from "./bandwidth-section.js";

type CheckedNic = CheckedScenario["nics"][number];

/** Validates a parsed scenario document (a `sweep` key, if any, is checked but not applied). */
export function validateScenario(raw: unknown): Scenario {
  const checked = check(scenarioSchema, requireTopLevelMapping(raw), "");
  const nics = checked.nics.map((nic, i) => resolveNic(nic, i, checked));
  checkOfferedLoad(checked.traffic.load, "traffic.load");
  const traffic = resolveTraffic(checked.traffic, nics, checked.host.cpus);
  const routing = checked.routing === undefined ? undefined : resolveRoutingSection(checked.routing, "routing", nics.map((nic) => nic.name));
  const scenario: Scenario = {
    profile: checked.profile,
    host: { cpus: checked.host.cpus, ghz: checked.host.ghz, topology: resolveTopology(checked.host) },
    nics,
    irq: resolveIrq(checked.irq),
    traffic,
    costs: checked.costs,
    kernel: {
      napiWeight: checked.kernel.napiWeight,
      netdevBudget: checked.kernel.netdevBudget,
      netdevBudgetNs: checked.kernel.netdevBudgetUsecs * 1000,
      maxBacklog: checked.kernel.maxBacklog,
      rpsSockFlowEntries: checked.kernel.rpsSockFlowEntries,
      devWeight: checked.kernel.devWeight,
    },
    run: resolveRun(checked.run),
    routing,
    bandwidth:
      checked.bandwidth === undefined
        ? undefined
        : resolveBandwidthSection(checked.bandwidth, checked.profile, traffic, {
            nics: nics.map((nic) => nic.name),
            receiving: nics[traffic.nic].name,
            egressDevices: routing === undefined ? [nics[traffic.nic].name] : routing.devices.map((d) => d.name),
          }),
  };
  checkIrqPlacement(scenario);
  checkRoutingHasTheReceivingNic(scenario);
  return scenario;
}

/** Route verdicts look flows up as arriving on the receiving NIC: routing must know that device. */
function checkRoutingHasTheReceivingNic(scenario: Scenario): void {
  const routing = scenario.routing;
  if (routing === undefined) return;
  const name = scenario.nics[scenario.traffic.nic].name;
  if (!routing.devices.some((d) => d.name === name)) {
    throw new ConfigError(
      "routing.devices",
      `has no device ${show(name)}, the NIC the traffic arrives on (nics[${scenario.traffic.nic}]); devices: ${routing.devices.map((d) => d.name).join(", ")}`,
    );
  }
}

/** The host topology, or one socket of single-thread cores; it must count host.cpus CPUs. */
function resolveTopology(host: CheckedScenario["host"]): CpuTopology {
  const spec = host.topology ?? { sockets: 1, coresPerSocket: host.cpus, threadsPerCore: 1 };
  const count = spec.sockets * spec.coresPerSocket * spec.threadsPerCore;
  if (count !== host.cpus) {
    throw new ConfigError("host.topology", `${spec.sockets} × ${spec.coresPerSocket} × ${spec.threadsPerCore} = ${count} CPUs, but host.cpus is ${host.cpus}`);
  }
  try {
    return topologyFromSpec(spec);
  } catch (error) {
    if (error instanceof TopologyError) throw new ConfigError("host.topology", error.message);
    throw error;
  }
}

function resolveIrq(irq: CheckedScenario["irq"]): Irq {
  const affinity = (irq.affinity ?? []).map((entry, q): QueueAffinity => {
    const path = `irq.affinity[${q}]`;
    if ((entry.smp_affinity === undefined) === (entry.smp_affinity_list === undefined)) {
      throw new ConfigError(path, "give exactly one of smp_affinity or smp_affinity_list");
    }
    return entry.smp_affinity !== undefined ? { smpAffinity: entry.smp_affinity } : { smpAffinityList: entry.smp_affinity_list ?? "" };
  });
  return {
    policy: irq.policy,
    driverHintNode: irq.driverHintNode,
    firstIrq: irq.firstIrq,
    affinity,
    irqbalance: {
      deepestCache: irq.irqbalance.deepestcache,
      ...(irq.irqbalance.bannedCpus === undefined ? {} : { bannedCpus: irq.irqbalance.bannedCpus }),
      interval: irq.irqbalance.interval,
      oneshot: irq.irqbalance.oneshot,
      migrateVal: irq.irqbalance.migrateval,
      powerThresh: irq.irqbalance.powerthresh ?? null,
      bannedIrqs: irq.irqbalance.bannedIrqs ?? [],
      version: irq.irqbalance.version,
      listing: irq.irqbalance.listing,
    },
  };
}

/** Place the IRQs once, so that a setting the kernel or irqbalance refuses fails at load time. */
function checkIrqPlacement(scenario: Scenario): void {
  const vectors = scenario.nics.reduce((sum, nic) => sum + nic.queues, 0);
  if (scenario.irq.affinity.length > vectors) {
    throw new ConfigError("irq.affinity", `${scenario.irq.affinity.length} entries for ${vectors} rx queue vectors`);
  }
  try {
    scenarioVectors(scenario);
    placeQueueIrqs(scenario);
  } catch (error) {
    if (error instanceof DeviceVectorError) {
      const list = joinKey(joinIndex("nics", error.nic), "vectors");
      const at =
        error.field === "pci" ? joinKey(joinIndex("nics", error.nic), "pci") :
        error.vector < 0 ? list :
        error.field === "" ? joinIndex(list, error.vector) :
        joinKey(joinIndex(list, error.vector), error.field);
      throw new ConfigError(at, error.reason);
    }
    if (error instanceof IrqAffinityError) {
      const detail = `${error.file} ${JSON.stringify(error.text)}: ${error.reason} (the kernel answers ${error.errno})`;
      throw new ConfigError(error.queue === null ? "irq.affinity" : `irq.affinity[${error.queue}]`, detail);
    }
    if (error instanceof IrqbalanceOptionError || error instanceof TopologyError) throw new ConfigError("irq.irqbalance", error.message);
    throw error;
  }
}

/** A kernel CPU list (bitmap_parselist) of the host's CPUs, its errors as config errors. */
function cpuList(text: string, path: string, cpus: number): number[] {
  try {
    const list = parseCpuList(text, cpus);
    if (list.length === 0) throw new ConfigError(path, `${show(text)} names no CPU`);
    return list;
  } catch (error) {
    if (error instanceof CpuListError) throw new ConfigError(path, error.message);
    throw error;
  }
}

/** The document must be a mapping of top-level keys; anything else gets one message. */
export function requireTopLevelMapping(raw: unknown): Record<string, unknown> {
  if (!isMapping(raw)) throw new ConfigError("", `the scenario must be ${allowedOf(scenarioSchema)}; got ${show(raw)}`);
  return raw;
}

function resolveNic(nic: CheckedNic, index: number, checked: CheckedScenario): Nic {
  const path = joinIndex("nics", index);
  const earlier = checked.nics.findIndex((other) => other.name === nic.name);
  if (earlier < index) throw new ConfigError(joinKey(path, "name"), `${show(nic.name)} is already the name of nics[${earlier}]`);

  const maxQueues = nic.maxQueues ?? nic.queues;
  if (nic.queues > maxQueues) throw new ConfigError(joinKey(path, "queues"), `${nic.queues} exceeds maxQueues ${maxQueues}`);

  const { masks, perQueue } = nic.rps.cpus;
  if (perQueue && masks.length !== nic.queues) {
    throw new ConfigError(
      joinKey(joinKey(path, "rps"), "cpus"),
      `${count(masks.length, "mask")} given for ${count(nic.queues, "rx queue")}`,
    );
  }
  const effective = masks.map((mask) => (mask.value === "vendor-default" ? { ...mask, value: vendorDefaultEffectiveMask(checked.host.cpus) } : mask));
  for (const mask of effective) {
    try {
      parseCpuMask(mask.value, checked.host.cpus);
    } catch (error) {
      if (error instanceof CpuMaskError) throw new ConfigError(mask.path, error.message);
      throw error;
    }
  }
  const cpus = perQueue ? effective.map((mask) => mask.value) : new Array<string>(nic.queues).fill(effective[0].value);

  return {
    name: nic.name,
    addresses: nic.addresses,
    maxQueues,
    queues: nic.queues,
    driver: nic.driver,
    ...(nic.pci === undefined ? {} : { pci: nic.pci }),
    ...(nic.vectors === undefined ? {} : { vectors: nic.vectors }),
    ringSize: nic.ringSize,
    rss: resolveRss(nic.rss, nic.queues, joinKey(path, "rss"), nic.driver),
    rps: { cpus, flowCnt: nic.rps.flowCnt },
  };
}

function resolveRss(rss: CheckedNic["rss"], queues: number, path: string, driver: CheckedNic["driver"]): Rss {
  if (rss.inputXfrm !== "none") {
    for (const type of RSS_FLOW_TYPES) {
      if (!xfrmAllowedFor(parseHashFields(rss.fields[type]))) {
        throw new ConfigError(
          joinKey(path, "inputXfrm"),
          `${show(rss.inputXfrm)} needs every flow type's fields in source/destination pairs (s with d, f with n), ` +
            `as the kernel's ethtool_check_xfrm_rxfh requires; ${joinKey(joinKey(path, "fields"), type)} is ${show(rss.fields[type])}`,
        );
      }
    }
  }
  try {
    fillIndirection(rss.indir, rss.indirSize, queues);
  } catch (error) {
    if (!(error instanceof IndirSpecError)) throw error;
    const at = rss.indir.kind === "list" && error.entry !== undefined ? joinIndex(joinKey(path, "indir"), error.entry) : joinKey(path, "indir");
    const what = rss.indir.kind === "list" ? "" : `${show(formatIndirSpec(rss.indir))}: `;
    throw new ConfigError(at, `${what}${error.message}`);
  }
  const key = rss.key.kind === "fixed" ? rss.key.bytes : new Uint8Array(0);
  // virtio-net without VIRTIO_NET_F_HASH_REPORT sets no skb hash (drivers/net/virtio_net.c).
  const hashReport = rss.hashReport === "auto" ? (driver === "virtio-net" ? "none" : "l4") : rss.hashReport;
  return { keySpec: rss.key, key, hfunc: rss.hfunc, inputXfrm: rss.inputXfrm, hashReport, fields: rss.fields, indirSize: rss.indirSize, indir: rss.indir };
}

function resolveTraffic(traffic: CheckedScenario["traffic"], nics: readonly Nic[], cpus: number): Traffic {
  const all: readonly Located<Prefix>[] = [...traffic.src, ...traffic.dst];
  const first = all[0];
  for (const prefix of all) {
    if (prefix.value.family !== first.value.family) {
      throw new ConfigError(
        prefix.path,
        `${show(prefix.value.text)} is ${familyName(prefix.value)} but ${first.path} is ${familyName(first.value)}`,
      );
    }
  }
  const dst = traffic.dst.map((prefix) => prefix.value);
  const defaultDstPort = traffic.protocol === "udp" ? TRAFFIC_DEFAULTS.udpDstPort : TRAFFIC_DEFAULTS.tcpDstPort;
  return {
    flows: traffic.flows,
    src: traffic.src.map((prefix) => prefix.value),
    dst,
    protocol: traffic.protocol,
    srcPort: traffic.srcPort,
    dstPort: traffic.dstPort ?? { lo: defaultDstPort, hi: defaultDstPort },
    weights: traffic.weights,
    size: traffic.size,
    arrival: traffic.arrival,
    load: traffic.load,
    network: traffic.network,
    nic: receivingNic(traffic.nic, dst, nics),
    appCpus: traffic.appCpus === undefined ? [] : cpuList(traffic.appCpus, "traffic.appCpus", cpus),
    socket: socketMode(traffic.socket, traffic.protocol),
  };
}

/** The receiving socket's mode: `auto` is connected for TCP (ESTABLISHED), unconnected for UDP. */
function socketMode(socket: "auto" | "connected" | "unconnected", protocol: "udp" | "tcp"): "connected" | "unconnected" {
  if (socket === "auto") return protocol === "tcp" ? "connected" : "unconnected";
  if (socket === "unconnected" && protocol === "tcp") {
    throw new ConfigError("traffic.socket", `"unconnected" is a UDP socket mode: a TCP socket that receives data is connected (ESTABLISHED)`);
  }
  return socket;
}

function receivingNic(name: string | undefined, dst: readonly Prefix[], nics: readonly Nic[]): number {
  if (name !== undefined) {
    const index = nics.findIndex((nic) => nic.name === name);
    if (index < 0) {
      throw new ConfigError("traffic.nic", `${show(name)} is not a NIC; NICs: ${nics.map((nic) => nic.name).join(", ")}`);
    }
    return index;
  }
  // The NIC that has a destination address itself (an elastic NIC receives the traffic for its
  // own addresses, even when another NIC sits in the same subnet), else the first whose subnet
  // holds a destination, else the first NIC.
  const owns = (address: Prefix): boolean => dst.some((prefix) => prefix.length === address.words.length * 32 && prefix.words.every((w, i) => w === address.words[i]));
  const owner = nics.findIndex((nic) => nic.addresses.some(owns));
  if (owner >= 0) return owner;
  const index = nics.findIndex((nic) => nic.addresses.some((address) => dst.some((prefix) => prefixContains(address, prefix))));
  return index < 0 ? 0 : index;
}

function resolveRun(run: CheckedScenario["run"]): Run {
  if (run.warmup.ns >= run.duration.ns) {
    throw new ConfigError("run.warmup", `${show(run.warmup.text)} must be shorter than run.duration (${show(run.duration.text)})`);
  }
  return { durationNs: run.duration.ns, warmupNs: run.warmup.ns, seed: run.seed, replications: run.replications };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
