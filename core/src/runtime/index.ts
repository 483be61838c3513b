export { CONTENT_CHANGED_CHANNEL } from "../showcase/notify";
export { normalizeHost } from "./host";
export { HostResolver, type HostResolverOptions, type ResolvedTenant, TENANT_CHANGED_CHANNEL } from "./host-resolver";
