// Every domain verb, one file each; transports import them from here.

export {
  addCustomDomain,
  listDomains,
  reconcileDomains,
  removeCustomDomain,
  setPrimaryDomain,
  verifyCustomDomain,
} from "./domains/index";
export { acceptInvitation } from "./invitations/accept";
export { inviteMember } from "./invitations/create";
export { revokeInvitation } from "./invitations/revoke";
export { loadMemberAccess } from "./members/load-ability";
export { removeMember } from "./members/remove";
export { updateMemberRoles } from "./members/update-roles";
export { createRole } from "./roles/create";
export { deleteRole } from "./roles/delete";
export { updateRole } from "./roles/update";
export { createTenant } from "./tenants/create";
export { activateTenant, resumeTenant, suspendTenant } from "./tenants/lifecycle";
export { updateTenant } from "./tenants/update";
export { publishTheme, rollbackTheme } from "./themes/publish";
export { saveThemeDraft } from "./themes/save-draft";
