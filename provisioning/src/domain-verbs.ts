/**
 * The custom-domain verbs (`@mw/core/domains`), imported in this one module so the steps and the
 * worker do not care where core publishes them.
 */
export { addCustomDomain, reconcileDomains, removeCustomDomain } from "@mw/core/domains";
