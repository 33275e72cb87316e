// What a page shows instead of its content when the server refuses it or cannot be reached:
// the server's translated words, and the next step (sign in and come back, go to the groups...).
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { describeError } from "../lib/errors";
import { signInPath } from "../lib/navigation";
import { usePageTitle } from "../lib/usePageTitle";

export function Refusal({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const described = describeError(error, t);
  // A malformed address (a broken id in a link) is, for a person, a page that does not exist.
  const view =
    described.status === 400
      ? { ...described, status: 404, title: t("notFound.title"), detail: t("notFound.text") }
      : described;
  usePageTitle(t("common.documentTitle", { page: view.title }));
  const here = `${location.pathname}${location.search}`;

  return (
    <section className="message-page refusal" aria-labelledby="refusal-title">
      <h1 id="refusal-title">{view.title}</h1>
      {view.detail ? <p>{view.detail}</p> : null}
      <p className="actions">
        {view.status === 401 ? (
          <Link className="button" to={signInPath(here)}>
            {t("common.refusal.signIn")}
          </Link>
        ) : view.status === 403 || view.status === 404 ? (
          <Link className="button" to="/groups">
            {t("common.refusal.toGroups")}
          </Link>
        ) : onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            {t("common.refusal.retry")}
          </button>
        ) : null}
      </p>
      {view.status === 401 ? (
        <p>
          <Link to={`/sign-up?next=${encodeURIComponent(here)}`}>{t("common.refusal.signUp")}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** A page that needs someone signed in, shown to a visitor who is not. */
export function SignInNeeded() {
  const { t } = useTranslation();
  const location = useLocation();
  usePageTitle(t("common.documentTitle", { page: t("common.signInNeeded.title") }));
  const here = `${location.pathname}${location.search}`;
  return (
    <section className="message-page" aria-labelledby="sign-in-needed-title">
      <h1 id="sign-in-needed-title">{t("common.signInNeeded.title")}</h1>
      <p>{t("common.signInNeeded.text")}</p>
      <p className="actions">
        <Link className="button" to={signInPath(here)}>
          {t("common.refusal.signIn")}
        </Link>
      </p>
      <p>
        <Link to={`/sign-up?next=${encodeURIComponent(here)}`}>{t("common.refusal.signUp")}</Link>
      </p>
    </section>
  );
}

/** While a page's data is on its way. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {label ?? t("app.loading")}
    </p>
  );
}
