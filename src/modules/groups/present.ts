// What leaves the server about groups and their members, per viewer. Contact details of other
// people are included only where policy allows, and each inclusion becomes a reveal-log row.

import { isNetworkAdmin, type Viewer } from "../../server/viewer";
import type { Reveal } from "../audit/store";
import type { GroupDetail, GroupSummary, Member } from "./contract";
import { effectiveSettings } from "./model";
import { type ContactField, contactRevealReason } from "./policy";
import type { NetworkRole } from "./schema";
import type { GroupRow, MemberRow, NetworkRow } from "./store";

function viewerStatus(viewer: Viewer, group: GroupRow) {
  return {
    role: viewer.groupRoles.get(group.id) ?? null,
    pending: viewer.pendingGroups.has(group.id),
    networkAdmin: isNetworkAdmin(viewer, group.networkId),
  };
}

export function presentGroupSummary(
  group: GroupRow & { memberCount: number },
  viewer: Viewer,
): GroupSummary {
  return {
    id: group.id,
    networkId: group.networkId,
    slug: group.slug,
    name: group.name,
    description: group.description,
    mode: group.mode,
    languages: group.languages,
    joining: group.joining,
    memberCount: group.memberCount,
    viewer: viewerStatus(viewer, group),
  };
}

/** The group's public page: its contact is the group's own, not a person's. */
export function presentGroupDetail(
  group: GroupRow & { memberCount: number },
  viewer: Viewer,
): GroupDetail {
  return {
    ...presentGroupSummary(group, viewer),
    area: group.area ?? null,
    timeZone: group.timeZone,
    contactEmail: group.contactEmail,
    contactPhone: group.contactPhone,
    autoApprove: group.autoApprove,
    settings: effectiveSettings(group.mode, group.settings),
    customisedSettings: Object.keys(group.settings),
    createdAt: group.createdAt.toISOString(),
  };
}

export function presentNetwork(
  network: NetworkRow & { groupCount: number },
  viewer: Viewer,
): {
  id: string;
  name: string;
  defaultLanguage: string;
  timeZone: string;
  groupCount: number;
  viewerRoles: NetworkRole[];
} {
  return {
    id: network.id,
    name: network.name,
    defaultLanguage: network.defaultLanguage,
    timeZone: network.timeZone,
    groupCount: network.groupCount,
    viewerRoles: [...(viewer.networkRoles.get(network.id) ?? [])],
  };
}

export function presentMembers(
  rows: MemberRow[],
  viewer: Viewer,
  group: GroupRow,
): { members: Member[]; reveals: Reveal[] } {
  const reveals: Reveal[] = [];
  const members = rows.map((row) => {
    const member: Member = {
      userId: row.userId,
      name: row.name,
      role: row.role,
      joinedAt: row.joinedAt.toISOString(),
    };
    for (const field of ["email", "phone"] as ContactField[]) {
      const value = row[field];
      if (!value) continue;
      const reason = contactRevealReason(
        viewer,
        group,
        { userId: row.userId, preferences: row.preferences },
        field,
      );
      if (!reason) continue;
      member[field] = value;
      if (reason !== "self") {
        reveals.push({
          viewerId: viewer.user?.id ?? null,
          subjectUserId: row.userId,
          subjectType: "user",
          subjectId: row.userId,
          field,
          reason: `member_list:${reason}`,
          groupId: group.id,
        });
      }
    }
    return member;
  });
  return { members, reveals };
}
