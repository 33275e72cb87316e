// The group's audit log, for its admins: who did what, newest first, with "load more".
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { actionName, describeEntry } from "../../lib/auditText";
import { formatDateTime } from "../../lib/format";
import { groupKeys, listAudit } from "../../lib/groupsApi";
import type { AuditEntry, GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "./GroupNav";
import { useGroup } from "./useGroup";

export default function AuditLog() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const log = useInfiniteQuery({
    queryKey: groupKeys.audit(groupId),
    queryFn: ({ pageParam, signal }) => listAudit(groupId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore,
  });
  usePageTitle(
    t("common.documentTitle", {
      page: group.data ? t("audit.title", { name: group.data.name }) : t("audit.loadingTitle"),
    }),
  );

  if (log.isError) return <Refusal error={log.error} onRetry={() => void log.refetch()} />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (log.isPending || group.isPending) return <Loading />;
  return (
    <AuditView
      group={group.data}
      entries={log.data.pages.flatMap((page) => page.entries)}
      hasMore={log.hasNextPage}
      loadingMore={log.isFetchingNextPage}
      loadMore={() => log.fetchNextPage()}
    />
  );
}

function AuditView({
  group,
  entries,
  hasMore,
  loadingMore,
  loadMore,
}: {
  group: GroupDetail;
  entries: AuditEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [announcement, setAnnouncement] = useState<string | null>(null);

  async function more() {
    if (loadingMore) return;
    const before = entries.length;
    const result = (await loadMore()) as { data?: { pages: { entries: unknown[] }[] } };
    const after = result.data?.pages.reduce((sum, page) => sum + page.entries.length, 0) ?? before;
    setAnnouncement(t("audit.loaded", { count: after - before }));
  }

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("audit.title", { name: group.name })}</h1>
      <GroupNav group={group} />
      <p className="lead">{t("audit.lead")}</p>
      {entries.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <ol className="audit-list">
          {entries.map((entry) => (
            <li key={entry.id} className="audit-entry">
              <p className="audit-action">{actionName(t, entry.action)}</p>
              <p>{describeEntry(t, entry)}</p>
              <p className="muted">
                <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, language)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <StatusMessage>{announcement}</StatusMessage>
      {hasMore ? (
        <p>
          <button
            type="button"
            className="button-secondary"
            aria-disabled={loadingMore || undefined}
            aria-busy={loadingMore || undefined}
            onClick={() => void more()}
          >
            {loadingMore ? t("app.loading") : t("audit.loadMore")}
          </button>
        </p>
      ) : null}
    </>
  );
}
