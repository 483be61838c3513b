import "server-only";
import { type AppAbility, OWN_SUFFIX, permissionsByGroup } from "@mw/core/authz";
import { ungrantable } from "./access";

/** The permission registry as plain data for the role editor, with what this admin may grant. */
export interface PermissionOption {
  key: string;
  description: string;
  ownable: boolean;
  /** The full grant is beyond what the admin holds. */
  blocked: boolean;
  /** The `:own` grant is beyond what the admin holds. */
  ownBlocked: boolean;
}

export function permissionOptions(ability: AppAbility): { group: string; permissions: PermissionOption[] }[] {
  return [...permissionsByGroup()].map(([group, defs]) => ({
    group,
    permissions: defs.map((d) => ({
      key: d.key,
      description: d.description,
      ownable: d.ownable,
      blocked: ungrantable(ability, [d.key]).length > 0,
      ownBlocked: d.ownable ? ungrantable(ability, [`${d.key}${OWN_SUFFIX}`]).length > 0 : true,
    })),
  }));
}
