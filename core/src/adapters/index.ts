export { createResendMailer, isRetryableResendError, RESEND_API_URL, type ResendMailerOptions } from "./resend";
