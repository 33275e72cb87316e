// Finding help: a search box in plain words, where and how far, filters that fit a phone, and
// results as a list (the map is optional and never needed). The search lives in the address
// bar, so it can be shared and the back button returns to it.
import "./directory.css";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { lazy, type Ref, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { SearchResponse, SearchResult } from "../../../modules/directory/contract";
import { Loading } from "../../components/Refusal";
import enTexts from "../../i18n/directory/screens.en.json";
import esTexts from "../../i18n/directory/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { describeError } from "../../lib/errors";
import { groupKeys, listNetworks } from "../../lib/groupsApi";
import { useSession } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { directoryKeys, searchDirectory } from "./directoryApi";
import { formatDistance, timeZoneNote, visitorTimeZone } from "./hoursText";
import { AccessChips, OpenBadge, StaleMark, todayText } from "./Listing";
import { useServerMeta } from "./PlaceChooser";
import { SearchForm } from "./SearchForm";
import {
  EMPTY_STATE,
  hasCriteria,
  readSearchState,
  type SearchState,
  searchApiQuery,
  widerRadius,
  writeSearchState,
} from "./searchState";

addScreenTexts({ en: enTexts, es: esTexts });

const ResultsMap = lazy(() => import("./ResultsMap"));

export default function Search() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "es" ? "es" : "en";
  usePageTitle(t("common.documentTitle", { page: t("findHelp.search.title") }));
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readSearchState(params), [params]);
  // Each search asks for focus on the results once they are in (a phone's form is long).
  const [searches, setSearches] = useState(0);
  const search = (next: SearchState) => {
    setParams(writeSearchState(next));
    setSearches((n) => n + 1);
  };

  return (
    <div className="directory-search">
      <h1>{t("findHelp.search.title")}</h1>
      <p className="lead">{t("findHelp.search.lead")}</p>
      {/* A new address (back button, a shared link) starts the form again from it. */}
      <SearchForm key={params.toString()} initial={state} onSearch={search} />
      {hasCriteria(state) ? (
        <Results state={state} language={language} onSearch={search} focusRequest={searches} />
      ) : (
        <p className="empty">{t("findHelp.search.prompt")}</p>
      )}
      <AdminLinks />
    </div>
  );
}

function Results({
  state,
  language,
  onSearch,
  focusRequest,
}: {
  state: SearchState;
  language: "en" | "es";
  onSearch: (next: SearchState) => void;
  focusRequest: number;
}) {
  const { t } = useTranslation();
  const key = searchApiQuery(state, 1, language).toString();
  const query = useInfiniteQuery({
    queryKey: directoryKeys.search(key),
    queryFn: ({ pageParam, signal }) =>
      searchDirectory(searchApiQuery(state, pageParam, language), signal),
    initialPageParam: 1,
    getNextPageParam: (last: SearchResponse) =>
      last.page * last.per_page < last.total ? last.page + 1 : undefined,
  });
  const [mapOpen, setMapOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstNewRef = useRef<HTMLAnchorElement>(null);
  const shownBefore = useRef(0);

  const results = query.data?.pages.flatMap((page) => page.results) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  const at: "now" | "then" = state.open === "at" ? "then" : "now";

  const focused = useRef(0);
  useEffect(() => {
    if (query.isPending || focusRequest === focused.current) return;
    focused.current = focusRequest;
    // After the layout's own focus move for the new address.
    const timer = setTimeout(() => headingRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [focusRequest, query.isPending]);

  // After "More results", the first new result takes focus so the reader continues from there.
  useEffect(() => {
    if (shownBefore.current > 0 && results.length > shownBefore.current)
      firstNewRef.current?.focus();
    shownBefore.current = results.length;
  }, [results.length]);

  const status = query.isPending
    ? t("findHelp.results.searching")
    : query.isError
      ? ""
      : total === 0
        ? t("findHelp.results.none")
        : results.length < total
          ? t("findHelp.results.someOf", { count: total, shown: results.length })
          : t("findHelp.results.count", { count: total });

  return (
    <section className="directory-results" aria-labelledby="directory-results-title">
      <h2 id="directory-results-title" ref={headingRef} tabIndex={-1}>
        {t("findHelp.results.title")}
      </h2>
      <p role="status" className="directory-count" data-testid="directory-count">
        {status}
      </p>
      {query.isError ? <SearchError error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.isSuccess && total === 0 ? <NoResults state={state} onSearch={onSearch} /> : null}
      {results.some((r) => r.lat !== null && r.lng !== null) ? (
        <p className="button-row">
          <button
            type="button"
            className="button-secondary"
            aria-expanded={mapOpen}
            aria-controls="directory-results-map"
            onClick={() => setMapOpen((open) => !open)}
          >
            {mapOpen ? t("findHelp.map.hide") : t("findHelp.map.show")}
          </button>
        </p>
      ) : null}
      <div id="directory-results-map">
        {mapOpen ? <MapOfResults results={results} state={state} /> : null}
      </div>
      <ol className="directory-list">
        {results.map((result, index) => (
          <ResultCard
            key={`${result.service_id}:${result.location_id ?? ""}`}
            result={result}
            at={at}
            language={language}
            linkRef={index === shownBefore.current ? firstNewRef : undefined}
          />
        ))}
      </ol>
      {query.hasNextPage ? (
        <p className="button-row">
          <button
            type="button"
            className="button-secondary"
            aria-busy={query.isFetchingNextPage || undefined}
            onClick={() => query.fetchNextPage()}
          >
            {query.isFetchingNextPage
              ? t("findHelp.results.loadingMore")
              : t("findHelp.results.more")}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function ResultCard({
  result,
  at,
  language,
  linkRef,
}: {
  result: SearchResult;
  at: "now" | "then";
  language: "en" | "es";
  linkRef: Ref<HTMLAnchorElement> | undefined;
}) {
  const { t } = useTranslation();
  const zone = timeZoneNote(result.time_zone, language, visitorTimeZone());
  return (
    <li className="directory-result">
      <h3>
        <Link to={`/directory/services/${result.service_id}`} ref={linkRef}>
          {result.name}
        </Link>
      </h3>
      {result.organization_name && result.organization_name !== result.name ? (
        <p className="muted directory-org">{result.organization_name}</p>
      ) : null}
      <p className="directory-facts">
        <OpenBadge open={result.open} at={at} />
        {result.distance_m !== null ? (
          <span className="directory-distance">
            {t("findHelp.results.away", { distance: formatDistance(result.distance_m, language) })}
          </span>
        ) : null}
      </p>
      <p className="directory-today">
        {todayText(result.today, result.open, language, t)}
        {zone && result.today.length > 0 ? (
          <span className="muted"> {t("findHelp.hours.zone", { zone })}</span>
        ) : null}
      </p>
      {result.address ? <p className="directory-address">{result.address}</p> : null}
      {result.summary ? <p className="card-description">{result.summary}</p> : null}
      <AccessChips codes={result.access} language={language} />
      {result.stale ? <StaleMark /> : null}
    </li>
  );
}

function NoResults({
  state,
  onSearch,
}: {
  state: SearchState;
  onSearch: (next: SearchState) => void;
}) {
  const { t } = useTranslation();
  const wider = state.near ? widerRadius(state.radiusKm) : undefined;
  const filtered =
    state.open !== "" || state.language !== "" || state.category !== "" || state.access.length > 0;
  return (
    <div className="empty directory-empty">
      <p>{t("findHelp.empty.text")}</p>
      <ul>
        {wider ? (
          <li>
            <button
              type="button"
              className="button-link"
              onClick={() => onSearch({ ...state, radiusKm: wider })}
            >
              {t("findHelp.empty.wider", { count: wider })}
            </button>
          </li>
        ) : null}
        {filtered ? (
          <li>
            <button
              type="button"
              className="button-link"
              onClick={() =>
                onSearch({
                  ...EMPTY_STATE,
                  q: state.q,
                  near: state.near,
                  ...(state.lat !== undefined && state.lng !== undefined
                    ? { lat: state.lat, lng: state.lng }
                    : {}),
                  place: state.place,
                  radiusKm: state.radiusKm,
                })
              }
            >
              {t("findHelp.empty.removeFilters")}
            </button>
          </li>
        ) : null}
        {state.q.trim() ? <li>{t("findHelp.empty.fewerWords")}</li> : null}
        <li>{t("findHelp.empty.call211")}</li>
      </ul>
    </div>
  );
}

function SearchError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const view = describeError(error, t);
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary-title">{view.title}</p>
      {view.detail ? <p>{view.detail}</p> : null}
      <p>
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t("common.refusal.retry")}
        </button>
      </p>
    </div>
  );
}

function MapOfResults({ results, state }: { results: SearchResult[]; state: SearchState }) {
  const meta = useServerMeta();
  if (meta.isPending) return <Loading />;
  const centre: [number, number] | null =
    state.lat !== undefined && state.lng !== undefined ? [state.lat, state.lng] : null;
  return (
    <Suspense fallback={<Loading />}>
      <ResultsMap
        results={results}
        centre={centre}
        tileUrl={meta.data?.map?.tileUrl ?? ""}
        attribution={meta.data?.map?.attribution ?? ""}
      />
    </Suspense>
  );
}

/** For the network's administrators: where listings are imported, kept and corrected. */
function AdminLinks() {
  const { t } = useTranslation();
  const session = useSession();
  const networks = useQuery({
    queryKey: groupKeys.networks,
    queryFn: ({ signal }) => listNetworks(signal),
    enabled: session.status === "signedIn",
  });
  const admin = networks.data?.some((network) => network.viewerRoles.includes("admin")) ?? false;
  if (!admin) return null;
  return (
    <nav className="panel directory-admin-links" aria-labelledby="directory-admin-title">
      <h2 id="directory-admin-title">{t("findHelp.admin.title")}</h2>
      <ul>
        <li>
          <Link to="/directory/import">{t("findHelp.admin.import")}</Link>
        </li>
        <li>
          <Link to="/directory/listings">{t("findHelp.admin.listings")}</Link>
        </li>
        <li>
          <Link to="/directory/suggestions">{t("findHelp.admin.suggestions")}</Link>
        </li>
      </ul>
    </nav>
  );
}
