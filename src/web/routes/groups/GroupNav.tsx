import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import boardEn from "../../i18n/board/screens.en.json";
// The board link's text lives with the board's screen texts.
import boardEs from "../../i18n/board/screens.es.json";
import directoryAdminEn from "../../i18n/directory-admin/screens.en.json";
import directoryAdminEs from "../../i18n/directory-admin/screens.es.json";
import importsEn from "../../i18n/imports/screens.en.json";
import importsEs from "../../i18n/imports/screens.es.json";
import recordsEn from "../../i18n/records/screens.en.json";
import recordsEs from "../../i18n/records/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import sharingEn from "../../i18n/sharing/screens.en.json";
import sharingEs from "../../i18n/sharing/screens.es.json";
import { isAdmin, isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";
import { OffersNavItem } from "../offers/OfferLinks";

addScreenTexts({ en: boardEn, es: boardEs });
// The duplicates link's text lives with the duplicates screen's texts.
addScreenTexts({ en: recordsEn, es: recordsEs });
// The import link's text lives with the import screen's texts.
addScreenTexts({ en: importsEn, es: importsEs });
// The shareable list's and the export's link texts live with their screens' texts.
addScreenTexts({ en: sharingEn, es: sharingEs });
// The directory listings link's text, and the names of directory actions in the activity log.
addScreenTexts({ en: directoryAdminEn, es: directoryAdminEs });

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
        {admin || role === "volunteer" || role === "coordinator" ? (
          <li>
            <NavLink to={`/groups/${group.id}/needs`} end>
              {t("board.nav")}
            </NavLink>
          </li>
        ) : null}
        <OffersNavItem group={group} />
        <li>
          <NavLink to={`/groups/${group.id}/shared`}>{t("sharing.shared.nav")}</NavLink>
        </li>
        {isCoordinatorOrAdmin(role, group.viewer.networkAdmin) ? (
          <li>
            <NavLink to={`/groups/${group.id}/needs/duplicates`}>{t("duplicates.nav")}</NavLink>
          </li>
        ) : null}
        {isCoordinatorOrAdmin(role, group.viewer.networkAdmin) ? (
          <li>
            <NavLink to={`/groups/${group.id}/import`}>{t("imports.screen.nav")}</NavLink>
          </li>
        ) : null}
        {isCoordinatorOrAdmin(role, group.viewer.networkAdmin) ? (
          <li>
            <NavLink to={`/groups/${group.id}/export`}>{t("sharing.export.nav")}</NavLink>
          </li>
        ) : null}
        {isCoordinatorOrAdmin(role, group.viewer.networkAdmin) ? (
          <li>
            <NavLink to={`/groups/${group.id}/directory`}>{t("directoryAdmin.nav")}</NavLink>
          </li>
        ) : null}
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
