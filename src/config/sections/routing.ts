/**
 * The scenario's `routing` section, in the config schema DSL (so it is validated and published
 * in schema/scenario.schema.json like every other section), and its resolution to a
 * `RoutingConfig`, which the routing/ stage compiles (`compileRouting`): unique device names,
 * known sysctls, and a batch iproute2 can read — a line it cannot is a ConfigError naming the
 * line; lines the kernel would refuse are not errors here (they are part of what nicsim models).
 *
 *   routing:
 *     family: inet            # or inet6: the family of batch lines without -4/-6
 *     devices: [{ name: eth0, state: up, mac: "02:00:00:00:00:10" }]   # state up | down |
 *                             # nocarrier; mac optional; default: the NICs, up
 *     sysctls: { net.ipv4.ip_forward: "1" }  # kernel names
 *     batch: |                # `ip -batch` text
 *       addr add 10.0.0.20/24 dev eth0
 */
import { ConfigError, show } from "../errors.js";
import { joinIndex, joinKey } from "../paths.js";
import { array, enumOf, map, num, obj, optional, record, str, union } from "../schema-dsl.js";
import type { Infer } from "../schema-dsl.js";
import { BatchLineError, parseBatch } from "../../routing/batch/parse-batch.js";
import type { RoutingConfig } from "../../routing/model/build.js";
import { SYSCTL_FORMS, SysctlError, checkSysctls } from "../../routing/model/sysctls.js";
import { makeDevices } from "../../routing/model/build.js";

export type { RoutingConfig };

const device = obj(
  {
    name: str({
      pattern: /^[^\s/:]{1,15}$/,
      allowed: "1 to 15 characters, no blanks, '/' or ':'",
      description: "Interface name, as `ip link` shows it.",
    }),
    state: enumOf(["up", "down", "nocarrier"], {
      default: "up",
      description: "up; down (admin down: `ip link set dev D down`); nocarrier (admin up, no carrier: routes flagged linkdown).",
    }),
    mac: optional(
      str({
        pattern: /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/,
        allowed: "a MAC address such as 02:00:00:00:00:10",
        description: "MAC address; its EUI-64 makes the IPv6 link-local address (addr_gen_mode 0). Default: 02:00:00:00:HH:LL with the device's ifindex (lo is 1, the first device 2).",
      }),
    ),
  },
  { description: "A network device routing can use." },
);

const sysctlValue = map(union([str(), num()]), (value) => String(value), { allowed: "a string or a number" });

export const routingSchema = obj(
  {
    family: enumOf(["inet", "inet6"], {
      default: "inet",
      description: "Family of batch lines without -4/-6: inet reads them like `ip -batch` (the addresses decide, IPv4 otherwise), inet6 like `ip -6 -batch`.",
    }),
    devices: array(device, {
      default: [],
      description: "Devices besides lo (always present, up). Default: the scenario's NICs, up.",
    }),
    sysctls: record(sysctlValue, {
      default: {},
      allowed: "a mapping of sysctl name to value",
      description: `Routing sysctls by kernel name, applied in order: ${SYSCTL_FORMS}.`,
    }),
    batch: str({
      default: "",
      description: "`ip -batch` text: addr add|del, rule add|del, route add|append|prepend|replace|change|del; lines may start with ip, ip -4, ip -6.",
    }),
  },
  { description: "Policy routing: devices, sysctls and the `ip` commands that configure them (see src/routing)." },
);

export type CheckedRouting = Infer<typeof routingSchema>;

/**
 * Checks what the schema cannot and returns the resolved configuration. A batch line iproute2
 * cannot read is a ConfigError naming the line unless `unreadable` is "refuse" (`route get`:
 * the line is refused on its own, as `-force` would, and the rest applies).
 */
export function resolveRouting(checked: CheckedRouting, path: string, nicNames: readonly string[], unreadable: "refuse" | "throw" = "throw"): RoutingConfig {
  const devicesPath = joinKey(path, "devices");
  checked.devices.forEach((d, i) => {
    const earlier = checked.devices.findIndex((other) => other.name === d.name);
    if (earlier < i) throw new ConfigError(joinKey(joinIndex(devicesPath, i), "name"), `${show(d.name)} is already the name of ${joinIndex(devicesPath, earlier)}`);
    if (d.name === "lo") throw new ConfigError(joinKey(joinIndex(devicesPath, i), "name"), `"lo" always exists; list the other devices`);
  });
  const devices = checked.devices.length > 0 ? checked.devices : nicNames.map((name) => ({ name, state: "up" as const }));
  const config: RoutingConfig = { family: checked.family === "inet6" ? 6 : 4, devices, sysctls: checked.sysctls, batch: checked.batch };
  const known = makeDevices(devices);
  try {
    checkSysctls(config.sysctls, known);
  } catch (error) {
    if (error instanceof SysctlError) throw new ConfigError(joinKey(path, "sysctls"), error.message);
    throw error;
  }
  try {
    parseBatch(config.batch, { family: config.family, hasDevice: (name) => known.some((d) => d.name === name), unreadable });
  } catch (error) {
    if (error instanceof BatchLineError) throw new ConfigError(joinKey(path, "batch"), `line ${error.line}: ${error.detail}`);
    throw error;
  }
  return config;
}

/**
 * Route verdicts look flows up as arriving on the receiving NIC: routing must know that device.
 * @throws ConfigError at routing.devices otherwise
 */
export function checkRoutingKnowsTheReceivingNic(routing: RoutingConfig, receiving: { readonly name: string; readonly index: number }): void {
  if (routing.devices.some((d) => d.name === receiving.name)) return;
  throw new ConfigError(
    "routing.devices",
    `has no device ${show(receiving.name)}, the NIC the traffic arrives on (nics[${receiving.index}]); devices: ${routing.devices.map((d) => d.name).join(", ")}`,
  );
}
