export { createResendMailer, isRetryableResendError, RESEND_API_URL, type ResendMailerOptions } from "./resend";
export {
  createVercelDomainHosting,
  isRetryableVercelFailure,
  VERCEL_API_URL,
  type VercelDomainHostingOptions,
} from "./vercel";
