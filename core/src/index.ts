export * from "./context";
export * from "./errors";
export { isId, newId } from "./ids";
export { EmailSchema, INVITATION_TTL_MS } from "./invitations/create";
export { platformHostname } from "./tenants/create";
export { SlugSchema } from "./tenants/slug";
export { displayName, lineText, multilineText, rejectUnsafeText } from "./validation/names";
export { describeCodePoint, findUnsafeChar, showUnsafe, unsafeCharMessage } from "./validation/text-safety";
