export {
  getStaffSession,
  STAFF_SESSION_TTL_MS,
  type StaffSession,
  signInStaff,
  signOutStaff,
  upsertStaffUser,
} from "./auth";
