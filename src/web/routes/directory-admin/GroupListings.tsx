// A partner group's own listings: which need checking, "Still correct" in one tap, a link to
// edit each, and the corrections people suggested about them.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox, StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";
import { ListingCard, SuggestionList } from "./ListingParts";
import { Pager } from "./Pager";
import { listListings, stewardshipKeys } from "./stewardshipApi";

export default function GroupListings() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [staleOnly, setStaleOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const query: Record<string, string> = {
    page: String(page),
    ...(staleOnly ? { stale: "true" } : {}),
  };
  const listings = useQuery({
    queryKey: stewardshipKeys.listings(groupId, query),
    queryFn: ({ signal }) => listListings(groupId, query, signal),
  });
  const name = group.data?.name ?? "";
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("directoryAdmin.group.title", { name })
        : t("directoryAdmin.group.loadingTitle"),
    }),
  );

  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (group.isPending) return <Loading />;
  return (
    <>
      <BackToGroup groupId={groupId} name={name} />
      <h1>{t("directoryAdmin.group.title", { name })}</h1>
      <GroupNav group={group.data} />
      <p className="lead">{t("directoryAdmin.group.lead")}</p>
      <Checkbox
        id="group-listings-stale"
        label={t("directoryAdmin.listings.staleOnly")}
        checked={staleOnly}
        onChecked={(checked) => {
          setStaleOnly(checked);
          setPage(1);
        }}
      />
      {listings.isError ? (
        <Refusal error={listings.error} onRetry={() => void listings.refetch()} />
      ) : listings.isPending ? (
        <Loading />
      ) : (
        <section aria-labelledby="group-listings-heading">
          <h2 id="group-listings-heading">
            {t("directoryAdmin.listings.count", { count: listings.data.total })}
          </h2>
          {listings.data.results.length === 0 ? (
            <p className="empty">{t("directoryAdmin.group.empty")}</p>
          ) : (
            <ul className="cards">
              {listings.data.results.map((listing) => (
                <ListingCard key={listing.service_id} listing={listing} groupId={groupId} />
              ))}
            </ul>
          )}
          <Pager
            page={page}
            perPage={listings.data.per_page}
            total={listings.data.total}
            onPage={setPage}
          />
        </section>
      )}
      <section aria-labelledby="group-suggestions-heading">
        <h2 id="group-suggestions-heading">{t("directoryAdmin.group.suggestions")}</h2>
        <StatusMessage>{announcement}</StatusMessage>
        <SuggestionList groupId={groupId} status="open" onReviewed={setAnnouncement} />
      </section>
    </>
  );
}
