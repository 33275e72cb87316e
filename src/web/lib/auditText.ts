// Audit log entries in plain words: a translated action name and one sentence of who did what.
import type { TFunction } from "i18next";
import { i18n } from "../i18n";
import { roleName } from "./groupText";
import type { AuditEntry } from "./types";

/** "Role changed"; an action this version does not know is shown as its code. */
export function actionName(t: TFunction, action: string): string {
  const key = `audit.actions.${action}`;
  return /^[a-z_]+(\.[a-z_]+)*$/.test(action) && i18n.exists(key) ? t(key) : action;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** One sentence saying who did it and to whom. */
export function describeEntry(t: TFunction, entry: AuditEntry): string {
  const actor = entry.actorName ?? t("audit.someone");
  const target = entry.targetName ?? t("audit.someone");
  const details = entry.details ?? {};
  switch (entry.action) {
    case "member.role_changed": {
      const from = text(details.from);
      const to = text(details.to);
      if (from && to) {
        return t("audit.sentences.roleChanged", {
          actor,
          target,
          from: roleName(t, from),
          to: roleName(t, to),
        });
      }
      break;
    }
    case "member.joined":
      return text(details.via) === "invitation"
        ? t("audit.sentences.joinedByInvitation", {
            target,
            role: roleName(t, text(details.role) ?? "member"),
          })
        : t("audit.sentences.joined", { target });
    case "member.left":
      return t("audit.sentences.left", { target });
    case "member.removed":
      return t("audit.sentences.removed", { actor, target });
    case "join.requested":
      return t("audit.sentences.requested", { target });
    case "join.approved":
      return t("audit.sentences.approved", { actor, target });
    case "join.declined":
      return t("audit.sentences.declined", { actor, target });
    case "invitation.created": {
      const role = text(details.role);
      const uses = Number(details.maxUses);
      if (role && Number.isFinite(uses)) {
        return t("audit.sentences.invitationCreated", {
          actor,
          role: roleName(t, role),
          count: uses,
        });
      }
      break;
    }
    case "invitation.revoked":
      return t("audit.sentences.invitationRevoked", { actor });
    case "group.created":
      return t("audit.sentences.groupCreated", { actor });
    case "group.updated": {
      const changed = Array.isArray(details.changed)
        ? details.changed.filter((c) => typeof c === "string")
        : [];
      return changed.length
        ? t("audit.sentences.groupUpdatedFields", {
            actor,
            fields: changed.map((f) => fieldName(t, f)).join(", "),
          })
        : t("audit.sentences.groupUpdated", { actor });
    }
  }
  return entry.targetName
    ? t("audit.sentences.genericWithTarget", { actor, target })
    : t("audit.sentences.generic", { actor });
}

function fieldName(t: TFunction, field: string): string {
  const key = `audit.fields.${field}`;
  return /^[A-Za-z]+$/.test(field) && i18n.exists(key) ? t(key) : field;
}
