"use client";

import { createMongoAbility, type MongoAbility, type RawRuleOf } from "@casl/ability";
import { createContextualCan } from "@casl/react";
import { ABILITY_OPTIONS } from "@mw/core/authz";
import { createContext, type ReactNode, useMemo } from "react";

type Ability = MongoAbility;

const AbilityContext = createContext<Ability>(createMongoAbility([]));

/**
 * The member's CASL rules, built on the server from their roles, rehydrated in the browser so
 * components can hide what the user cannot do. Same options as the server (`manage` is a plain
 * action here, not a wildcard). The server still checks every action; this is only the UI.
 */
export function AbilityProvider({ rules, children }: { rules: RawRuleOf<Ability>[]; children: ReactNode }) {
  const ability = useMemo(() => createMongoAbility(rules, ABILITY_OPTIONS), [rules]);
  return <AbilityContext.Provider value={ability}>{children}</AbilityContext.Provider>;
}

export const Can = createContextualCan(AbilityContext.Consumer);
