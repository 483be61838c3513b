export * from "./ability";
export * from "./console-access";
export * from "./permissions";
export * from "./staff-roles";
export * from "./system-roles";
