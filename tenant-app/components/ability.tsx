"use client";

import { createMongoAbility, type MongoAbility, type RawRuleOf } from "@casl/ability";
import { AbilityProvider as CaslAbilityProvider, Can as CaslCan } from "@casl/react";
import { ABILITY_OPTIONS } from "@mw/core/authz";
import { type ReactNode, useMemo } from "react";

/**
 * The member's CASL rules, built on the server from their roles, rehydrated in the browser so
 * components can hide what the user cannot do. Same options as the server (`manage` is a plain
 * action here, not a wildcard). The server still checks every action; this is only the UI.
 */
export function AbilityProvider({ rules, children }: { rules: RawRuleOf<MongoAbility>[]; children: ReactNode }) {
  const ability = useMemo(() => createMongoAbility(rules, ABILITY_OPTIONS), [rules]);
  return <CaslAbilityProvider value={ability}>{children}</CaslAbilityProvider>;
}

export const Can = CaslCan;
