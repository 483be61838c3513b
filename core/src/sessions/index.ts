export { type ClerkSessionContext, resolveClerkSession } from "./clerk";
export { type AuthCtx, MAGIC_LINK_TTL_MS, type MailCtx, SESSION_TTL_MS } from "./context";
export { createSession, type SessionMethod } from "./create-session";
export { getSession, type SessionContext } from "./get-session";
export { consumeMagicLink, requestMagicLink } from "./magic-link";
export { hashPassword, PasswordSchema, verifyPassword } from "./password";
export { revokeOtherSessions, signOut } from "./revoke";
export { signInWithPassword } from "./sign-in";
export { SIGN_UP_ROLE, signUpWithPassword } from "./sign-up";
