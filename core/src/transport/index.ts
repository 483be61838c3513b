export { type ActionResult, formValues, safeNext, toActionResult } from "./action-result";
export { signRevalidation, verifyRevalidation } from "./signature";
