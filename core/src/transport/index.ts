export { type ActionResult, formValues, safeNext, toActionResult } from "./action-result";
export { isInternalHost } from "./internal-host";
export { type NoticeTable, noticeFor } from "./notices";
export { signRevalidation, verifyRevalidation } from "./signature";
