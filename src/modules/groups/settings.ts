// What each group mode means by default, the limits of each setting, and who may grant which
// role. Pure, with no runtime imports, so the web app shows exactly the server's rules.
import type { GroupMode, GroupRole } from "./schema";

export interface GroupSettings {
  claimExpiryHours: number;
  maxOpenClaimsPerVolunteer: number;
  retentionDays: number;
  anonymityK: number;
  intakeRequiresTriage: boolean;
}

/** What each mode means by default; a group overrides any of it and keeps the rest. */
export const MODE_DEFAULTS: Record<GroupMode, GroupSettings> = {
  // Peer to peer: volunteers claim directly, little held for long.
  mutual_aid: {
    claimExpiryHours: 72,
    maxOpenClaimsPerVolunteer: 5,
    retentionDays: 90,
    anonymityK: 5,
    intakeRequiresTriage: false,
  },
  // Dispatch: coordinators triage intake; records kept for a year of reporting.
  resource_sharing: {
    claimExpiryHours: 48,
    maxOpenClaimsPerVolunteer: 10,
    retentionDays: 365,
    anonymityK: 5,
    intakeRequiresTriage: true,
  },
  // Structured operations with community-set rules.
  hybrid: {
    claimExpiryHours: 72,
    maxOpenClaimsPerVolunteer: 5,
    retentionDays: 180,
    anonymityK: 5,
    intakeRequiresTriage: true,
  },
};

export const SETTING_LIMITS = {
  claimExpiryHours: { min: 1, max: 720 },
  maxOpenClaimsPerVolunteer: { min: 1, max: 100 },
  retentionDays: { min: 7, max: 3650 },
  anonymityK: { min: 2, max: 50 },
} as const;

/** Who may hand out which role: coordinators invite members and volunteers; admins any role. */
export function canGrantRole(granter: GroupRole | "network_admin", role: GroupRole): boolean {
  if (granter === "admin" || granter === "network_admin") return true;
  if (granter === "coordinator") return role === "member" || role === "volunteer";
  return false;
}
