// Pieces the listing pages share: a listing's card with its stale flag and the one-tap "Still
// correct", and a suggested correction with accept / dismiss and a note.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type {
  ListingOut,
  SuggestionOut,
  SuggestionStatusValue,
} from "../../../modules/directory/stewardship-contract";
import { ErrorSummary, StatusMessage, TextArea } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import enTexts from "../../i18n/directory-admin/screens.en.json";
import esTexts from "../../i18n/directory-admin/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { describeError, type ErrorView } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import {
  editPath,
  listSuggestions,
  reviewSuggestion,
  stewardshipKeys,
  verifyListing,
} from "./stewardshipApi";

addScreenTexts({ en: enTexts, es: esTexts });

/** "Needs checking" (stale) or "Checked on …", in words and not by colour alone. */
export function StaleBadge({ listing }: { listing: ListingOut }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (listing.stale) {
    return (
      <p className="badge badge-warn">
        {listing.verified_at
          ? t("directoryAdmin.listing.staleSince", {
              date: formatDate(listing.verified_at, language),
            })
          : t("directoryAdmin.listing.neverVerified")}
      </p>
    );
  }
  return (
    <p className="badge badge-ok">
      {listing.verified_at
        ? t("directoryAdmin.listing.verifiedOn", {
            date: formatDate(listing.verified_at, language),
          })
        : t("directoryAdmin.listing.recentImport")}
    </p>
  );
}

export function ListingCard({
  listing,
  groupId,
  children,
}: {
  listing: ListingOut;
  /** The steward group whose route verifies it; null for a network admin's. */
  groupId: string | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<ErrorView | null>(null);
  const [done, setDone] = useState(false);
  const verify = useMutation({
    mutationFn: () => verifyListing(groupId, listing.service_id),
    onSuccess: async () => {
      setError(null);
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: stewardshipKeys.all });
    },
    onError: (e) => setError(describeError(e, t)),
  });
  const edit = editPath(listing.service_id, groupId);
  return (
    <li className="card">
      <h3>
        <Link to={`/directory/services/${listing.service_id}`}>{listing.name}</Link>
      </h3>
      <p className="muted">
        {listing.organization.name}
        {listing.status !== "active"
          ? ` · ${t(`directoryAdmin.status.${statusKey(listing.status)}`)}`
          : ""}
      </p>
      <StaleBadge listing={listing} />
      {listing.open_suggestions > 0 ? (
        <p>{t("directoryAdmin.listing.openSuggestions", { count: listing.open_suggestions })}</p>
      ) : null}
      {children}
      <ErrorSummary error={error} focus={false} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={verify.isPending || undefined}
          onClick={() => {
            if (!verify.isPending) verify.mutate();
          }}
        >
          {t("directoryAdmin.listing.verify")}
          <span className="visually-hidden">: {listing.name}</span>
        </button>
        <Link className="button-secondary" to={edit}>
          {t("directoryAdmin.listing.edit")}
          <span className="visually-hidden">: {listing.name}</span>
        </Link>
      </div>
      <StatusMessage>
        {done ? t("directoryAdmin.listing.verified", { name: listing.name }) : null}
      </StatusMessage>
    </li>
  );
}

/** HSDS statuses as translation keys ("temporarily closed" → temporarilyClosed). */
export function statusKey(status: string): string {
  return status === "temporarily closed"
    ? "temporarilyClosed"
    : ["active", "inactive", "defunct"].includes(status)
      ? status
      : "other";
}

export function SuggestionCard({
  suggestion,
  groupId,
  onReviewed,
}: {
  suggestion: SuggestionOut;
  groupId: string | null;
  /** Told what happened, for the page's live region (the card may leave the list). */
  onReviewed: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<ErrorView | null>(null);
  const review = useMutation({
    mutationFn: (status: "accepted" | "dismissed") =>
      reviewSuggestion(groupId, suggestion.id, status, note),
    onSuccess: async (row) => {
      setError(null);
      onReviewed(
        t(`directoryAdmin.review.done.${row.status}`, { name: suggestion.service_name ?? "" }),
      );
      await queryClient.invalidateQueries({ queryKey: stewardshipKeys.all });
    },
    onError: (e) => setError(describeError(e, t)),
  });
  const edit = editPath(suggestion.service_id, groupId);
  return (
    <li className="card">
      <h3>
        <Link to={`/directory/services/${suggestion.service_id}`}>
          {suggestion.service_name ?? t("directoryAdmin.review.unknownListing")}
        </Link>
      </h3>
      <p className="muted">
        {t(`directoryAdmin.topic.${suggestion.topic}`)} ·{" "}
        <time dateTime={suggestion.created_at}>{formatDate(suggestion.created_at, language)}</time>
      </p>
      <blockquote lang={suggestion.language}>{suggestion.message}</blockquote>
      {suggestion.email ? (
        <p>
          {t("directoryAdmin.review.from")}{" "}
          <a href={`mailto:${suggestion.email}`}>{suggestion.email}</a>
        </p>
      ) : null}
      {suggestion.status === "open" ? (
        <>
          <ErrorSummary error={error} focus={false} />
          <TextArea
            id={`${id}-note`}
            label={t("directoryAdmin.review.note")}
            value={note}
            onValue={setNote}
            optional
            maxLength={1000}
            rows={2}
          />
          <div className="button-row">
            <button
              type="button"
              className="button"
              aria-disabled={review.isPending || undefined}
              onClick={() => {
                if (!review.isPending) review.mutate("accepted");
              }}
            >
              {t("directoryAdmin.review.accept")}
            </button>
            <button
              type="button"
              className="button-secondary"
              aria-disabled={review.isPending || undefined}
              onClick={() => {
                if (!review.isPending) review.mutate("dismissed");
              }}
            >
              {t("directoryAdmin.review.dismiss")}
            </button>
            <Link to={edit}>{t("directoryAdmin.review.editListing")}</Link>
          </div>
        </>
      ) : (
        <p className="badge">
          {t(`directoryAdmin.review.status.${suggestion.status}`)}
          {suggestion.review_note ? ` — ${suggestion.review_note}` : ""}
        </p>
      )}
    </li>
  );
}

/** The suggestions of a queue (a group's, or every one), with their review forms. */
export function SuggestionList({
  groupId,
  status,
  onReviewed,
}: {
  groupId: string | null;
  status: SuggestionStatusValue | "";
  onReviewed: (message: string) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useQuery({
    queryKey: stewardshipKeys.suggestions(groupId, status),
    queryFn: ({ signal }) => listSuggestions(groupId, status, signal),
  });
  if (suggestions.isError) {
    return <Refusal error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  }
  if (suggestions.isPending) return <Loading />;
  if (suggestions.data.results.length === 0) {
    return <p className="empty">{t("directoryAdmin.review.empty")}</p>;
  }
  return (
    <ul className="cards">
      {suggestions.data.results.map((s) => (
        <SuggestionCard key={s.id} suggestion={s} groupId={groupId} onReviewed={onReviewed} />
      ))}
    </ul>
  );
}
