// The review queue of suggested corrections, for the network's admins: open ones first, each
// accepted (after fixing the listing) or dismissed, with a note.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  SUGGESTION_STATUSES,
  type SuggestionStatusValue,
} from "../../../modules/directory/stewardship-contract";
import { SelectField, StatusMessage } from "../../components/forms";
import { usePageTitle } from "../../lib/usePageTitle";
import { SuggestionList } from "./ListingParts";

export default function Suggestions() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SuggestionStatusValue | "">("open");
  const [announcement, setAnnouncement] = useState<string | null>(null);
  usePageTitle(t("common.documentTitle", { page: t("directoryAdmin.review.title") }));
  return (
    <>
      <h1>{t("directoryAdmin.review.title")}</h1>
      <p className="lead">{t("directoryAdmin.review.lead")}</p>
      <p>
        <Link to="/directory/listings">{t("directoryAdmin.review.toListings")}</Link>
      </p>
      <SelectField
        id="suggestions-status"
        label={t("directoryAdmin.review.show")}
        value={status}
        onValue={(v) => setStatus(v as SuggestionStatusValue | "")}
        options={[
          ...SUGGESTION_STATUSES.map((s) => ({
            value: s,
            label: t(`directoryAdmin.review.filter.${s}`),
          })),
          { value: "", label: t("directoryAdmin.review.filter.all") },
        ]}
      />
      <StatusMessage>{announcement}</StatusMessage>
      <SuggestionList groupId={null} status={status} onReviewed={setAnnouncement} />
    </>
  );
}
