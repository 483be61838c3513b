export type { SessionKind } from "../db/schema/index";
export { type ClerkSessionContext, resolveClerkSession } from "./clerk";
export { type AuthCtx, MAGIC_LINK_TTL_MS, SESSION_TTL_MS } from "./context";
export { createSession, type SessionMethod } from "./create-session";
export { getSession, type SessionContext } from "./get-session";
export { consoleLanding, type Landing, landingAfterSiteSignIn, siteLanding } from "./landing";
export { consumeMagicLink, requestMagicLink } from "./magic-link";
export { hashPassword, PasswordSchema, verifyPassword } from "./password";
export {
  revokeOtherSessions,
  revokeSessionsFor,
  revokeSessionsOnAccessLoss,
  type SessionHolder,
  type SessionRevocationReason,
  signOut,
} from "./revoke";
export { signInWithPassword } from "./sign-in";
export { confirmSignUp, SIGN_UP_ROLE, type SignUpRequested, signUpWithPassword } from "./sign-up";
