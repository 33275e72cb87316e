import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { safeNext } from "../../lib/navigation";
import { useMe } from "../../lib/session";

/** Sign-in and sign-up pages, opened by someone who is signed in already. */
export function AlreadySignedIn({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <section className="message-page" aria-labelledby="already-title">
      <h1 id="already-title">{t("auth.already.title")}</h1>
      <p>{t("auth.already.text", { name: me?.name ?? "" })}</p>
      <p className="actions">
        <Link className="button" to={safeNext(next, "/groups")}>
          {t("auth.already.continue")}
        </Link>
      </p>
    </section>
  );
}
