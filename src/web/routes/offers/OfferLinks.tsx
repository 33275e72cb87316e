// The ways into offers from a group's pages: the "Offer help" panel on the group page, and the
// "Offers" entry of the group's navigation (volunteers and up).
import "./texts";
import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";

/** Volunteers, coordinators, admins and network admins browse the group's offers. */
export function seesOffers(group: GroupDetail): boolean {
  return (
    group.viewer.role === "volunteer" ||
    isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin)
  );
}

export function OfferHelpPanel({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel ask-link offer-link" aria-labelledby="offer-link-title">
      <h2 id="offer-link-title">{t("offers.links.title")}</h2>
      <p>{t("offers.links.lead")}</p>
      <p>
        <Link className="button-secondary" to={`/groups/${encodeURIComponent(groupId)}/offer`}>
          {t("offers.links.title")}
        </Link>
      </p>
    </section>
  );
}

export function OffersNavItem({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  if (!seesOffers(group)) return null;
  return (
    <li>
      <NavLink to={`/groups/${group.id}/offers`}>{t("offers.links.nav")}</NavLink>
    </li>
  );
}
