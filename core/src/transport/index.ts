export { type ActionResult, formValues, safeNext, toActionResult } from "./action-result";
export { isInternalHost } from "./internal-host";
export { signRevalidation, verifyRevalidation } from "./signature";
