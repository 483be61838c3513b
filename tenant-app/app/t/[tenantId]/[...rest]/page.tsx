import { notFound } from "next/navigation";

/**
 * Any path of a tenant's site that is no page: the tenant's branded 404, rendered per request
 * (Next's own 404 is prerendered without a CSP nonce, so its scripts would be refused; ADR 0011).
 */
export default function UnknownPage() {
  notFound();
}
