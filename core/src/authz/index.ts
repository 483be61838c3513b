export * from "./ability";
export * from "./permissions";
export * from "./staff-roles";
export * from "./system-roles";
