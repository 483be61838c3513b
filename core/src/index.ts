export * from "./context";
export * from "./errors";
export { isId, newId } from "./ids";
