// Possible duplicates, for a group's coordinators: each flagged request beside the earlier one it
// may repeat (side by side on wide screens, one above the other on phones), with "join them" and
// "not a duplicate", each asked again before it happens.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  DuplicateSideView,
  DuplicatesView,
  ReviewView,
} from "../../../modules/exchange/duplicates-routes";
import { ConfirmBox, ErrorSummary, StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import enRecords from "../../i18n/records/screens.en.json";
import esRecords from "../../i18n/records/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { apiFetch } from "../../lib/api";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";

addScreenTexts({ en: enRecords, es: esRecords });

type Pair = DuplicatesView["pairs"][number];
const CLOSED = ["fulfilled", "cancelled", "duplicate", "referred", "unreachable"];

const duplicatesKey = (groupId: string) => ["groups", groupId, "duplicates"] as const;
const base = (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/needs`;

function listDuplicates(groupId: string, signal?: AbortSignal): Promise<DuplicatesView> {
  return apiFetch(`${base(groupId)}/duplicates`, { signal });
}

function review(
  groupId: string,
  needId: string,
  action: "merge" | "dismiss",
  into?: string,
): Promise<ReviewView> {
  return apiFetch(`${base(groupId)}/${encodeURIComponent(needId)}/duplicate/${action}`, {
    method: "POST",
    json: action === "merge" ? { into } : {},
  });
}

export default function Duplicates() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const list = useQuery({
    queryKey: duplicatesKey(groupId),
    queryFn: ({ signal }) => listDuplicates(groupId, signal),
  });
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("duplicates.title", { name: group.data.name })
        : t("duplicates.loadingTitle"),
    }),
  );
  if (list.isError) return <Refusal error={list.error} onRetry={() => void list.refetch()} />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (list.isPending || group.isPending) return <Loading />;
  return <DuplicatesPage group={group.data} pairs={list.data.pairs} />;
}

function DuplicatesPage({ group, pairs }: { group: GroupDetail; pairs: Pair[] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  function done(message: string) {
    setAnnouncement(message);
    // The reviewed pair has gone: start again from the top of the page.
    heading.current?.focus();
  }

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1 ref={heading} tabIndex={-1}>
        {t("duplicates.title", { name: group.name })}
      </h1>
      <GroupNav group={group} />
      <p className="lead">{t("duplicates.lead")}</p>
      <StatusMessage>{announcement}</StatusMessage>
      {pairs.length === 0 ? (
        <p className="empty">{t("duplicates.empty")}</p>
      ) : (
        pairs.map((pair) => (
          <PairPanel key={pair.need.id} groupId={group.id} pair={pair} onDone={done} />
        ))
      )}
    </>
  );
}

function PairPanel({
  groupId,
  pair,
  onDone,
}: {
  groupId: string;
  pair: Pair;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<"merge" | "dismiss" | null>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const { need, original } = pair;
  const canMerge = original !== null && !CLOSED.includes(original.status);

  const mutation = useMutation({
    mutationFn: (action: "merge" | "dismiss") =>
      review(groupId, need.id, action, original?.id ?? undefined),
    onSuccess: async (_result, action) => {
      queryClient.setQueryData<DuplicatesView>(duplicatesKey(groupId), (old) =>
        old ? { pairs: old.pairs.filter((p) => p.need.id !== need.id) } : old,
      );
      onDone(
        action === "merge"
          ? t("duplicates.merged", { code: need.shortCode, into: original?.shortCode ?? "" })
          : t("duplicates.dismissed", { code: need.shortCode }),
      );
      await queryClient.invalidateQueries({ queryKey: duplicatesKey(groupId) });
    },
  });

  function back() {
    const which = confirming;
    setConfirming(null);
    mutation.reset();
    (which === "merge" ? mergeButton : dismissButton).current?.focus();
  }

  const titleId = `pair-${need.id}`;
  return (
    <article className="section panel duplicate-pair" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("duplicates.pairTitle", { code: need.shortCode })}</h2>
      <p>{need.sameContact ? t("duplicates.sameContact") : t("duplicates.similar")}</p>
      <ul className="cards duplicate-sides">
        <li className="card">
          <Side heading={t("duplicates.newer")} side={need} />
        </li>
        <li className="card">
          {original ? (
            <Side heading={t("duplicates.earlier")} side={original} />
          ) : (
            <>
              <h3>{t("duplicates.earlier")}</h3>
              <p>{t("duplicates.gone")}</p>
            </>
          )}
        </li>
      </ul>
      {!canMerge ? <p>{t("duplicates.cannotMerge")}</p> : null}
      <p className="button-row">
        {canMerge ? (
          <button
            ref={mergeButton}
            type="button"
            className="button"
            aria-expanded={confirming === "merge"}
            onClick={() => {
              mutation.reset();
              setConfirming("merge");
            }}
          >
            {t("duplicates.merge")}
          </button>
        ) : null}
        <button
          ref={dismissButton}
          type="button"
          className="button-secondary"
          aria-expanded={confirming === "dismiss"}
          onClick={() => {
            mutation.reset();
            setConfirming("dismiss");
          }}
        >
          {t("duplicates.dismiss")}
        </button>
      </p>
      {confirming ? (
        <ConfirmBox key={confirming}>
          <p>
            {confirming === "merge"
              ? t("duplicates.mergeConfirm", {
                  code: need.shortCode,
                  into: original?.shortCode ?? "",
                })
              : t("duplicates.dismissConfirm")}
          </p>
          <ErrorSummary error={mutation.error ? describeError(mutation.error, t) : null} />
          <p className="button-row">
            <button
              type="button"
              className={confirming === "merge" ? "button-danger" : "button"}
              aria-disabled={mutation.isPending || undefined}
              aria-busy={mutation.isPending || undefined}
              onClick={() => !mutation.isPending && mutation.mutate(confirming)}
            >
              {mutation.isPending
                ? t(confirming === "merge" ? "duplicates.merging" : "duplicates.dismissing")
                : t(confirming === "merge" ? "duplicates.mergeYes" : "duplicates.dismissYes")}
            </button>
            <button type="button" className="button-secondary" onClick={back}>
              {t("duplicates.back")}
            </button>
          </p>
        </ConfirmBox>
      ) : null}
    </article>
  );
}

function Side({ heading, side }: { heading: string; side: DuplicateSideView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const notGiven = <span className="muted">{t("duplicates.notGiven")}</span>;
  return (
    <>
      <h3>{heading}</h3>
      <dl className="facts">
        <div>
          <dt>{t("duplicates.facts.code")}</dt>
          <dd className="short-code-inline">{side.shortCode}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.status")}</dt>
          <dd>{t(`status.statuses.${side.status}` as "status.statuses.new")}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.category")}</dt>
          <dd>{t(`exchange.categories.${side.category}` as "exchange.categories.other")}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.posted")}</dt>
          <dd>
            <time dateTime={side.createdAt}>{formatDateTime(side.createdAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.description")}</dt>
          <dd className="need-description">{side.description}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.name")}</dt>
          <dd>{side.contact.name ?? notGiven}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.phone")}</dt>
          <dd>{side.contact.phone ?? notGiven}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.email")}</dt>
          <dd className="email-address">{side.contact.email ?? notGiven}</dd>
        </div>
        <div>
          <dt>{t("duplicates.facts.place")}</dt>
          <dd>{side.locationText ?? notGiven}</dd>
        </div>
      </dl>
    </>
  );
}
