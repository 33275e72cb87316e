// Plain words for a group's mode, roles, joining rules and settings, in the reader's language.
import type { TFunction } from "i18next";
import { formatList, languageName } from "./format";
import type { GroupRole, GroupSettings, GroupSummary } from "./types";

export function roleName(t: TFunction, role: string): string {
  switch (role) {
    case "member":
      return t("common.roles.member");
    case "volunteer":
      return t("common.roles.volunteer");
    case "coordinator":
      return t("common.roles.coordinator");
    case "admin":
      return t("common.roles.admin");
    case "partner_staff":
      return t("common.roles.partner_staff");
    default:
      return role;
  }
}

export function roleDescription(t: TFunction, role: GroupRole): string {
  switch (role) {
    case "member":
      return t("common.roleDescriptions.member");
    case "volunteer":
      return t("common.roleDescriptions.volunteer");
    case "coordinator":
      return t("common.roleDescriptions.coordinator");
    case "admin":
      return t("common.roleDescriptions.admin");
    case "partner_staff":
      return t("common.roleDescriptions.partner_staff");
  }
}

export function modeName(t: TFunction, mode: string): string {
  switch (mode) {
    case "mutual_aid":
      return t("common.modes.mutual_aid.name");
    case "resource_sharing":
      return t("common.modes.resource_sharing.name");
    case "hybrid":
      return t("common.modes.hybrid.name");
    default:
      return mode;
  }
}

export function modeExplanation(t: TFunction, mode: string): string {
  switch (mode) {
    case "mutual_aid":
      return t("common.modes.mutual_aid.explanation");
    case "resource_sharing":
      return t("common.modes.resource_sharing.explanation");
    case "hybrid":
      return t("common.modes.hybrid.explanation");
    default:
      return "";
  }
}

export function joiningText(t: TFunction, joining: string, autoApprove?: boolean): string {
  if (joining === "invite_only") return t("common.joining.invite_only");
  if (autoApprove === true) return t("common.joining.openAuto");
  if (autoApprove === false) return t("common.joining.openReviewed");
  return t("common.joining.open");
}

export function languagesText(t: TFunction, codes: string[], uiLanguage: string): string {
  if (codes.length === 0) return t("common.languagesNone");
  return formatList(
    codes.map((code) => languageName(code, t, uiLanguage)),
    uiLanguage,
  );
}

/** "You are a coordinator", "Your request to join is waiting", or null for a visitor. */
export function viewerStatusText(t: TFunction, viewer: GroupSummary["viewer"]): string | null {
  if (viewer.role) return t("common.viewer.role", { role: roleName(t, viewer.role) });
  if (viewer.pending) return t("common.viewer.pending");
  return null;
}

/** One sentence per setting, e.g. "A volunteer has 72 hours to complete a request…". */
export function settingSentences(
  t: TFunction,
  settings: GroupSettings,
): Record<keyof GroupSettings, string> {
  return {
    claimExpiryHours: t("common.settings.claimExpiryHours.sentence", {
      count: settings.claimExpiryHours,
    }),
    maxOpenClaimsPerVolunteer: t("common.settings.maxOpenClaimsPerVolunteer.sentence", {
      count: settings.maxOpenClaimsPerVolunteer,
    }),
    retentionDays: t("common.settings.retentionDays.sentence", { count: settings.retentionDays }),
    anonymityK: t("common.settings.anonymityK.sentence", { count: settings.anonymityK }),
    intakeRequiresTriage: settings.intakeRequiresTriage
      ? t("common.settings.intakeRequiresTriage.on")
      : t("common.settings.intakeRequiresTriage.off"),
  };
}
