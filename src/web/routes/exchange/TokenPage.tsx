// The frame of a private page opened from a status link: the token arrives in the link's
// #fragment, leaves the address bar at once, and stays in this tab so a reload still works.
// Says when there is no token, waits for the page's data, and shows its errors with a retry.
import type { UseQueryResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../components/Refusal";
import { describeError } from "../../lib/errors";
import { useFragmentToken } from "../../lib/useFragmentToken";
import { usePageTitle } from "../../lib/usePageTitle";

/** The token from the link, else the one this tab kept. */
export function useStoredToken(store: {
  get: () => string | null;
  set: (token: string) => void;
}): string | null {
  const fromLink = useFragmentToken();
  const [token] = useState(() => {
    if (fromLink) store.set(fromLink);
    return fromLink ?? store.get();
  });
  return token;
}

export function TokenPage<T>({
  token,
  query,
  idPrefix,
  texts,
  children,
}: {
  token: string | null;
  query: UseQueryResult<T>;
  /** Element ids: `${idPrefix}-missing-title` and `${idPrefix}-error-title`. */
  idPrefix: string;
  texts: { title: string; missingTitle: string; missingText: string; retry: string };
  children: (token: string, data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  let title = texts.title;
  if (!token) title = texts.missingTitle;
  else if (query.isError) title = describeError(query.error, t).title;
  usePageTitle(t("common.documentTitle", { page: title }));

  if (!token) {
    return (
      <section className="message-page" aria-labelledby={`${idPrefix}-missing-title`}>
        <h1 id={`${idPrefix}-missing-title`}>{texts.missingTitle}</h1>
        <p>{texts.missingText}</p>
      </section>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const view = describeError(query.error, t);
    return (
      <section className="message-page" aria-labelledby={`${idPrefix}-error-title`}>
        <h1 id={`${idPrefix}-error-title`}>{view.title}</h1>
        {view.detail ? <p>{view.detail}</p> : null}
        {view.status === 404 ? null : (
          <p className="actions">
            <button type="button" className="button" onClick={() => void query.refetch()}>
              {texts.retry}
            </button>
          </p>
        )}
      </section>
    );
  }
  return children(token, query.data);
}
