// The shareable list: what kind of help is waiting, how urgent and for how long, by area —
// for a coordinator to paste into a neighbourhood chat. Public; areas with fewer than the
// group's k needs are only counted (the server decides), never names, contacts or places.
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SharedNeedsView } from "../../../modules/exchange/contract";
import { StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { addScreenTexts } from "../../i18n/screenTexts";
import en from "../../i18n/sharing/screens.en.json";
import es from "../../i18n/sharing/screens.es.json";
import { apiFetch, ProblemError, toProblem } from "../../lib/api";
import { type CopyOutcome, copyOrSelect } from "../../lib/clipboard";
import { formatDateTime } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";

addScreenTexts({ en, es });

function sharedPath(groupId: string) {
  return `/api/v1/groups/${encodeURIComponent(groupId)}/needs/shared`;
}

/** The same list as plain text, written by the server in the person's language. */
async function sharedText(groupId: string, language: string, signal?: AbortSignal) {
  const response = await fetch(`${sharedPath(groupId)}?format=text`, {
    credentials: "same-origin",
    headers: { Accept: "text/plain", "Accept-Language": language },
    signal,
  });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ProblemError(toProblem(body, response.status, response.statusText));
  }
  return response.text();
}

export default function SharedList() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { groupId, group } = useGroup();
  const list = useQuery({
    queryKey: ["needs", groupId, "shared", language],
    queryFn: ({ signal }) => apiFetch<SharedNeedsView>(sharedPath(groupId), { signal }),
  });
  const text = useQuery({
    queryKey: ["needs", groupId, "shared-text", language],
    queryFn: ({ signal }) => sharedText(groupId, language, signal),
  });
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const name = group.data?.name ?? "";
  usePageTitle(t("common.documentTitle", { page: t("sharing.shared.title", { group: name }) }));

  if (group.isPending || list.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (list.isError) return <Refusal error={list.error} onRetry={() => void list.refetch()} />;

  const view = list.data;
  let number = 0;
  return (
    <>
      <h1>{t("sharing.shared.title", { group: name })}</h1>
      <GroupNav group={group.data} />
      <p className="lead">{t("sharing.shared.lead")}</p>
      <p className="field-hint">
        {t("sharing.shared.hiddenNote", { k: group.data.settings.anonymityK })}
      </p>
      <p>
        {t("sharing.shared.updated", {
          date: formatDateTime(view.generatedAt, language, group.data.timeZone),
        })}{" "}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setCopied(null);
            void list.refetch();
            void text.refetch();
          }}
        >
          {t("sharing.shared.refresh")}
        </button>
      </p>
      {view.areas.length === 0 ? <p>{t("sharing.shared.none")}</p> : null}
      {view.areas.map((area) => {
        const title =
          area.cell === null
            ? t("sharing.shared.noArea")
            : t("sharing.shared.area", { number: ++number });
        return (
          <section key={area.cell ?? "none"} className="panel" aria-label={title}>
            <h2>
              {title}: {t("sharing.shared.waiting", { count: area.count })}
            </h2>
            <ul>
              {area.needs.map((need, index) => (
                <li
                  // The list has no ids on purpose; its order is stable within one answer.
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows carry no identity
                  key={index}
                >
                  {t("sharing.shared.line", {
                    category: t(
                      `exchange.categories.${need.category}` as "exchange.categories.other",
                    ),
                    urgency: t(`exchange.urgency.${need.urgency}` as "exchange.urgency.normal"),
                    hours: need.waitingHours,
                  })}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {view.hiddenAreas > 0 ? (
        <p>{t("sharing.shared.hidden", { count: view.hiddenAreas })}</p>
      ) : null}
      <section className="section" aria-labelledby="shared-text-title">
        <h2 id="shared-text-title">{t("sharing.shared.textTitle")}</h2>
        {text.isError ? (
          <Refusal error={text.error} onRetry={() => void text.refetch()} />
        ) : (
          <>
            <div className="field">
              <label htmlFor="shared-text">{t("sharing.shared.textLabel")}</label>
              <textarea
                id="shared-text"
                ref={field}
                readOnly
                rows={10}
                value={text.data ?? ""}
                onFocus={(event) => event.target.select()}
              />
            </div>
            <button
              type="button"
              className="button"
              disabled={!text.data}
              onClick={() => {
                if (text.data) void copyOrSelect(text.data, field.current).then(setCopied);
              }}
            >
              {t("sharing.shared.copy")}
            </button>
            <StatusMessage>
              {copied
                ? t(copied === "copied" ? "sharing.shared.copied" : "sharing.shared.copyManually")
                : null}
            </StatusMessage>
          </>
        )}
      </section>
    </>
  );
}
