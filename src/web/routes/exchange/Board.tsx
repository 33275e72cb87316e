// The board: a group's open needs for its volunteers and coordinators, as cards (fine on a
// 360 px phone), with filters and two orders, updated live from the group's Server-Sent Events
// and announced politely. Never an exact place: distance is computed on the server from the
// viewer's own position, which is sent only when they choose "near me".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary, SelectField, StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import en from "../../i18n/board/screens.en.json";
import es from "../../i18n/board/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { describeError } from "../../lib/errors";
import { languageName } from "../../lib/format";
import { isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";
import {
  BOARD_EVENTS,
  type BoardEvent,
  type BoardNeedView,
  type BoardQuery,
  boardEventsUrl,
  boardNeeds,
  CATEGORY_IDS,
  needAction,
  needKeys,
  URGENCIES,
} from "./needsApi";

addScreenTexts({ en, es });

const RADII = ["1", "2", "5", "10", "25"];
const AGES = ["", "24", "72", "168"];
/** After the browser gives up on a stream, try again after this long. */
const RECONNECT_MS = 5_000;

export default function Board() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  usePageTitle(
    t("common.documentTitle", {
      page: group.data ? t("board.title", { name: group.data.name }) : t("board.loadingTitle"),
    }),
  );
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (group.isPending) return <Loading />;
  return <BoardView key={groupId} group={group.data} />;
}

/** Waiting time in words: minutes, hours or days. */
export function waitingText(t: ReturnType<typeof useTranslation>["t"], minutes: number): string {
  if (minutes < 60) return t("board.waiting.minutes", { count: minutes });
  if (minutes < 48 * 60) return t("board.waiting.hours", { count: Math.floor(minutes / 60) });
  return t("board.waiting.days", { count: Math.floor(minutes / 1440) });
}

function BoardView({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const coordinator = isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin);
  const [category, setCategory] = useState("");
  const [urgency, setUrgency] = useState("");
  const [needLanguage, setNeedLanguage] = useState("");
  const [maxAge, setMaxAge] = useState("");
  const [sort, setSort] = useState<"urgency" | "waiting">("urgency");
  const [radius, setRadius] = useState("5");
  const [near, setNear] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [live, setLive] = useState<"connecting" | "live" | "lost">("connecting");

  const query: BoardQuery = {
    category: (category || undefined) as BoardQuery["category"],
    urgency: (urgency || undefined) as BoardQuery["urgency"],
    language: (needLanguage || undefined) as BoardQuery["language"],
    maxAgeHours: maxAge ? Number(maxAge) : undefined,
    near: near ?? undefined,
    radiusKm: near ? Number(radius) : undefined,
  };
  const key = [...needKeys.board(group.id), query] as const;
  const board = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => boardNeeds(group.id, query, signal),
    placeholderData: (previous) => previous,
  });

  // Live updates: refetch on every change, say what happened, and reconnect after a drop.
  const announce = useRef((event: BoardEvent) => {
    void event;
  });
  announce.current = (event: BoardEvent) => {
    const kind = event.type.replace("need.", "");
    const known = ["created", "claimed", "released", "changed"].includes(kind) ? kind : "changed";
    setAnnouncement(t(`board.live.${known}` as "board.live.changed"));
  };
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = () =>
      void queryClient.invalidateQueries({ queryKey: needKeys.board(group.id) });
    const connect = () => {
      source = new EventSource(boardEventsUrl(group.id));
      source.onopen = () => {
        setLive("live");
        // Whatever happened while the stream was down.
        refresh();
      };
      source.onerror = () => {
        setLive("lost");
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, RECONNECT_MS);
        }
      };
      for (const type of BOARD_EVENTS) {
        source.addEventListener(type, (message) => {
          try {
            announce.current(JSON.parse((message as MessageEvent<string>).data) as BoardEvent);
          } catch {
            // A malformed event still means something changed.
          }
          refresh();
        });
      }
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [group.id, queryClient]);

  function locateMe() {
    setPlaceError(null);
    if (!("geolocation" in navigator)) {
      setPlaceError(t("board.filters.placeUnavailable"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const { latitude, longitude } = position.coords;
        setNear(`${latitude.toFixed(5)},${longitude.toFixed(5)}`);
      },
      () => {
        setLocating(false);
        setPlaceError(t("board.filters.placeDenied"));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  const triage = useMutation({
    mutationFn: (needId: string) => needAction(group.id, needId, "triage"),
    onSuccess: () => setAnnouncement(t("board.triaged")),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: needKeys.board(group.id) }),
  });

  const needs = useMemo(() => {
    const list = [...(board.data ?? [])];
    if (sort === "waiting") {
      list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    }
    return list;
  }, [board.data, sort]);

  const anyOption = { value: "", label: t("board.filters.any") };
  const languages = ["en", "es"];

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("board.title", { name: group.name })}</h1>
      <GroupNav group={group} />
      <p className="lead">
        {coordinator && group.settings.intakeRequiresTriage
          ? t("board.leadDispatch")
          : t("board.lead")}
      </p>
      <p className="muted">
        {live === "live"
          ? t("board.liveOn")
          : live === "lost"
            ? t("board.liveLost")
            : t("board.liveConnecting")}
      </p>

      <form className="panel board-filters" onSubmit={(event) => event.preventDefault()}>
        <h2>{t("board.filters.title")}</h2>
        <SelectField
          id="board-category"
          label={t("board.filters.category")}
          value={category}
          onValue={setCategory}
          options={[
            anyOption,
            ...CATEGORY_IDS.map((id) => ({
              value: id,
              label: t(`exchange.categories.${id}` as "exchange.categories.other"),
            })),
          ]}
        />
        <SelectField
          id="board-urgency"
          label={t("board.filters.urgency")}
          value={urgency}
          onValue={setUrgency}
          options={[
            anyOption,
            ...[...URGENCIES].reverse().map((id) => ({
              value: id,
              label: t(`exchange.urgency.${id}` as "exchange.urgency.low"),
            })),
          ]}
        />
        <SelectField
          id="board-language"
          label={t("board.filters.language")}
          value={needLanguage}
          onValue={setNeedLanguage}
          options={[
            anyOption,
            ...languages.map((code) => ({ value: code, label: languageName(code, t, language) })),
          ]}
        />
        <SelectField
          id="board-age"
          label={t("board.filters.age")}
          value={maxAge}
          onValue={setMaxAge}
          options={AGES.map((hours) => ({
            value: hours,
            label: hours
              ? t("board.filters.ageWithin", { count: Number(hours) / 24 })
              : t("board.filters.any"),
          }))}
        />
        <SelectField
          id="board-sort"
          label={t("board.filters.sort")}
          value={sort}
          onValue={(value) => setSort(value === "waiting" ? "waiting" : "urgency")}
          options={[
            { value: "urgency", label: t("board.filters.sortUrgency") },
            { value: "waiting", label: t("board.filters.sortWaiting") },
          ]}
        />
        <SelectField
          id="board-radius"
          label={t("board.filters.radius")}
          hint={t("board.filters.radiusHint")}
          value={radius}
          onValue={setRadius}
          options={RADII.map((km) => ({
            value: km,
            label: t("board.filters.km", { count: Number(km) }),
          }))}
        />
        <p className="button-row">
          {near ? (
            <button type="button" className="button-secondary" onClick={() => setNear(null)}>
              {t("board.filters.anywhere")}
            </button>
          ) : (
            <button
              type="button"
              className="button-secondary"
              aria-busy={locating || undefined}
              onClick={locateMe}
            >
              {locating ? t("board.filters.locating") : t("board.filters.nearMe")}
            </button>
          )}
        </p>
        {near ? (
          <p className="muted">{t("board.filters.nearOn", { count: Number(radius) })}</p>
        ) : null}
        {placeError ? <p className="field-error">{placeError}</p> : null}
      </form>

      <StatusMessage>{announcement}</StatusMessage>
      <ErrorSummary error={triage.error ? describeError(triage.error, t) : null} />

      <section aria-labelledby="board-list-title" aria-busy={board.isFetching || undefined}>
        <h2 id="board-list-title">
          {board.data ? t("board.count", { count: needs.length }) : t("board.listTitle")}
        </h2>
        {board.isError ? (
          <Refusal error={board.error} onRetry={() => void board.refetch()} />
        ) : board.isPending ? (
          <Loading />
        ) : needs.length === 0 ? (
          <p className="empty">{t("board.empty")}</p>
        ) : (
          <ul className="cards board-cards">
            {needs.map((need) => (
              <NeedCard
                key={need.id}
                need={need}
                groupId={group.id}
                canTriage={coordinator && need.status === "new"}
                triaging={triage.isPending && triage.variables === need.id}
                onTriage={() => !triage.isPending && triage.mutate(need.id)}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function NeedCard({
  need,
  groupId,
  canTriage,
  triaging,
  onTriage,
}: {
  need: BoardNeedView;
  groupId: string;
  canTriage: boolean;
  triaging: boolean;
  onTriage: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = `need-${need.id}`;
  const urgent = need.urgency === "urgent" || need.urgency === "high";
  const excerpt =
    need.description.length > 240 ? `${need.description.slice(0, 240)}…` : need.description;
  return (
    <li className="card need-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/groups/${groupId}/needs/${need.id}`}>
          {t(`exchange.categories.${need.category}` as "exchange.categories.other")}
        </Link>
      </h3>
      <p>
        <span className={`badge${urgent ? " badge-warn" : ""}`}>
          {t(`exchange.urgency.${need.urgency}` as "exchange.urgency.low")}
        </span>{" "}
        <span className="badge">{t(`board.status.${need.status}` as "board.status.new")}</span>
        {need.claimedByYou ? (
          <>
            {" "}
            <span className="badge badge-ok">{t("board.yours")}</span>
          </>
        ) : null}
      </p>
      <p className="card-description need-description">{excerpt}</p>
      <p className="muted">
        {waitingText(t, need.ageMinutes)}
        {need.languages.length > 0
          ? ` · ${need.languages.map((code) => languageName(code, t, language)).join(", ")}`
          : ""}
        {need.householdSize ? ` · ${t("board.household", { count: need.householdSize })}` : ""}
        {need.duplicateOf ? ` · ${t("board.maybeDuplicate")}` : ""}
      </p>
      {canTriage ? (
        <p className="button-row">
          <button
            type="button"
            className="button"
            aria-busy={triaging || undefined}
            aria-describedby={headingId}
            onClick={onTriage}
          >
            {triaging ? t("board.triaging") : t("board.triage")}
          </button>
        </p>
      ) : null}
    </li>
  );
}
