import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { isAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";

/** Breadcrumb back to the group, and its pages this viewer may open. */
export function GroupNav({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const role = group.viewer.role;
  const admin = isAdmin(role, group.viewer.networkAdmin);
  const member = role !== null;
  if (!member && !admin) return null;
  return (
    <nav className="group-nav" aria-label={t("groups.nav.label", { name: group.name })}>
      <ul>
        <li>
          <NavLink to={`/groups/${group.id}`} end>
            {t("groups.nav.about")}
          </NavLink>
        </li>
        <li>
          <NavLink to={`/groups/${group.id}/members`}>{t("groups.nav.members")}</NavLink>
        </li>
        {admin ? (
          <>
            <li>
              <NavLink to={`/groups/${group.id}/settings`}>{t("groups.nav.settings")}</NavLink>
            </li>
            <li>
              <NavLink to={`/groups/${group.id}/audit`}>{t("groups.nav.audit")}</NavLink>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}

/** "‹ Group name" above a group's sub-pages. */
export function BackToGroup({ groupId, name }: { groupId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to={`/groups/${groupId}`}>{t("groups.nav.back", { name })}</Link>
    </p>
  );
}
