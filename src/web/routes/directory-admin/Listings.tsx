// Every listing in the directory, for the network's admins: which need checking (stale first),
// which group keeps each organization true, and one tap to confirm a listing is still correct.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ListingOut } from "../../../modules/directory/stewardship-contract";
import {
  Checkbox,
  ErrorSummary,
  SelectField,
  StatusMessage,
  TextField,
} from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { describeError, type ErrorView } from "../../lib/errors";
import { groupKeys, listGroups } from "../../lib/groupsApi";
import { usePageTitle } from "../../lib/usePageTitle";
import { ListingCard } from "./ListingParts";
import { Pager } from "./Pager";
import { listListings, setSteward, stewardshipKeys } from "./stewardshipApi";

export default function Listings() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [staleOnly, setStaleOnly] = useState(false);
  const [query, setQuery] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  usePageTitle(t("common.documentTitle", { page: t("directoryAdmin.listings.title") }));

  const full = { ...query, page: String(page) };
  const listings = useQuery({
    queryKey: stewardshipKeys.listings(null, full),
    queryFn: ({ signal }) => listListings(null, full, signal),
  });

  function search(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setQuery({
      ...(text.trim() ? { q: text.trim() } : {}),
      ...(staleOnly ? { stale: "true" } : {}),
    });
  }

  return (
    <>
      <h1>{t("directoryAdmin.listings.title")}</h1>
      <p className="lead">{t("directoryAdmin.listings.lead")}</p>
      <p className="button-row">
        <Link to="/directory/suggestions">{t("directoryAdmin.listings.toSuggestions")}</Link>
        <Link to="/directory/import">{t("directoryAdmin.listings.toImport")}</Link>
      </p>
      <search aria-label={t("directoryAdmin.listings.filters")}>
        <form onSubmit={search}>
          <TextField
            id="listings-q"
            label={t("directoryAdmin.listings.text")}
            value={text}
            onValue={setText}
            type="search"
          />
          <Checkbox
            id="listings-stale"
            label={t("directoryAdmin.listings.staleOnly")}
            checked={staleOnly}
            onChecked={setStaleOnly}
          />
          <button type="submit" className="button">
            {t("directoryAdmin.listings.show")}
          </button>
        </form>
      </search>
      {listings.isError ? (
        <Refusal error={listings.error} onRetry={() => void listings.refetch()} />
      ) : listings.isPending ? (
        <Loading />
      ) : (
        <>
          <h2 aria-live="polite">
            {t("directoryAdmin.listings.count", { count: listings.data.total })}
          </h2>
          {listings.data.results.length === 0 ? (
            <p className="empty">{t("directoryAdmin.listings.empty")}</p>
          ) : (
            <ul className="cards">
              {listings.data.results.map((listing) => (
                <ListingCard key={listing.service_id} listing={listing} groupId={null}>
                  <StewardChoice listing={listing} />
                </ListingCard>
              ))}
            </ul>
          )}
          <Pager
            page={page}
            perPage={listings.data.per_page}
            total={listings.data.total}
            onPage={setPage}
          />
        </>
      )}
    </>
  );
}

/** Which group keeps the listing's organization true (every listing of it follows). */
function StewardChoice({ listing }: { listing: ListingOut }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const current = listing.steward_group?.id ?? "";
  const [chosen, setChosen] = useState(current);
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const groups = useQuery({
    queryKey: groupKeys.list("", false),
    queryFn: ({ signal }) => listGroups("", false, signal),
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: () => setSteward(listing.organization.id, chosen || null),
    onSuccess: async () => {
      setError(null);
      setSaved(t("directoryAdmin.steward.saved", { organization: listing.organization.name }));
      await queryClient.invalidateQueries({ queryKey: stewardshipKeys.all });
    },
    onError: (e) => setError(describeError(e, t)),
  });
  const options = [
    { value: "", label: t("directoryAdmin.steward.none") },
    ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name })),
  ];
  return (
    <form
      className="steward-choice"
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending && chosen !== current) save.mutate();
      }}
    >
      <ErrorSummary error={error} focus={false} />
      <SelectField
        id={`${id}-steward`}
        label={t("directoryAdmin.steward.label", { organization: listing.organization.name })}
        value={chosen}
        onValue={setChosen}
        options={options}
      />
      <button
        type="submit"
        className="button-secondary"
        aria-disabled={save.isPending || chosen === current || undefined}
      >
        {t("directoryAdmin.steward.save")}
      </button>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}
