/**
 * The `profile` key: which host rules apply. `ecs` applies the cloud host rules
 * (docs/cloud-profile.md: bandwidth caps, ARP background); `none` is bare metal.
 */
import { enumOf } from "../schema-dsl.js";

/** Cloud profile: `ecs` applies the cloud host rules (docs/cloud-profile.md); `none` is bare metal. */
export type Profile = "ecs" | "none";

export const PROFILE_DEFAULT = "ecs";

export const profileSchema = enumOf(["ecs", "none"], {
  default: PROFILE_DEFAULT,
  description: "ecs applies the cloud host rules; none is bare metal.",
});
