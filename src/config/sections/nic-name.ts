/**
 * A NIC's name, the one field of the `nics` section that other sections read on their own:
 * routing's devices default to the NICs (sections/routing.ts), and `nicsim route get` on a
 * scenario file reads the names without the rest of the section (cli/commands/route-config.ts).
 * Kept apart from sections/nics.ts so that reading them loads no more than this.
 *
 *   nics: [{ name: eth0, … }, …]     # 1 to 15 characters, unique among the NICs
 */
import { ConfigError, show } from "../errors.js";
import { isMapping, joinIndex, joinKey } from "../paths.js";
import { allowedOf, check, str } from "../schema-dsl.js";

/** The field schema of `nics[].name`. */
export const nicNameSchema = str({
  pattern: /^[A-Za-z0-9_.:-]{1,15}$/,
  allowed: "1 to 15 characters of A-Z a-z 0-9 _ . : -",
  description: "Interface name (as `ip link` shows it), unique among the NICs.",
});

/** The ConfigError of `nics[index].name` repeating the name of `nics[earlier]`. */
export function duplicateNicName(name: string, index: number, earlier: number): ConfigError {
  return new ConfigError(joinKey(joinIndex("nics", index), "name"), `${show(name)} is already the name of nics[${earlier}]`);
}

/**
 * The names of a raw `nics` section, each checked as the whole section checks it (the other
 * fields are not looked at). @throws ConfigError
 */
export function checkNicNames(nics: unknown): string[] {
  if (!Array.isArray(nics) || nics.length === 0) throw new ConfigError("nics", `${show(nics)} must be a list of NICs, each with a name`);
  const names = nics.map((nic: unknown, i) => {
    const path = joinIndex("nics", i);
    if (!isMapping(nic)) throw new ConfigError(path, `${show(nic)} must be a mapping`);
    if (!Object.hasOwn(nic, "name")) throw new ConfigError(joinKey(path, "name"), `missing; required: ${allowedOf(nicNameSchema)}`);
    return check(nicNameSchema, nic.name, joinKey(path, "name"));
  });
  names.forEach((name, i) => {
    const earlier = names.indexOf(name);
    if (earlier < i) throw duplicateNicName(name, i, earlier);
  });
  return names;
}
