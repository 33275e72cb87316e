// An offer's facts as a definition list, shared by the offerer's page and the coordinators' view.
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatDateTime, formatList, languageName } from "../../lib/format";
import type { OfferView, PublicOfferView } from "./offersApi";

type Private = Pick<OfferView, "location" | "contact" | "shortCode">;

export function OfferFacts({ offer }: { offer: PublicOfferView & Private }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const contact = offer.contact;
  const reach = contact
    ? [
        contact.name,
        contact.phone,
        contact.email,
        t(`ask.contact.channels.${contact.channel}` as "ask.contact.channels.sms"),
      ].filter(Boolean)
    : [];
  const place = offer.location
    ? [
        offer.location.text,
        offer.location.lat !== null ? `${offer.location.lat}, ${offer.location.lng}` : null,
      ].filter(Boolean)
    : [];
  const rows: [string, string | number, string?][] = [
    [
      t("offers.facts.category"),
      t(`exchange.categories.${offer.category}` as "exchange.categories.other"),
    ],
    [t("offers.facts.description"), offer.description, "need-description"],
    [t("offers.facts.kind"), t(`offers.form.kinds.${offer.kind}` as "offers.form.kinds.once")],
    [t("offers.facts.availability"), offer.availability ?? t("offers.facts.notGiven")],
    [
      t("offers.facts.languages"),
      formatList(
        offer.languages.map((code) => languageName(code, t, language)),
        language,
      ),
    ],
    [t("offers.facts.posted"), formatDateTime(offer.createdAt, language)],
    [t("offers.facts.uses"), offer.uses],
  ];
  if (offer.shortCode) rows.push([t("offers.facts.code"), offer.shortCode, "short-code-inline"]);
  if (offer.contact) rows.push([t("offers.facts.contact"), reach.join(" · ")]);
  if (offer.location) {
    rows.push([t("offers.facts.place"), place.join(" · ") || t("offers.facts.notGiven")]);
  }
  return (
    <dl className="facts">
      {rows.map(([term, value, className]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd className={className}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
