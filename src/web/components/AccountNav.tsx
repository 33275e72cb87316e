// The header's account links: the person's name (to their profile) and sign out, or sign in
// and sign up for a visitor.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { apiFetch, isProblemError } from "../lib/api";
import { flash } from "../lib/flash";
import { setSignedOut, useSession } from "../lib/session";

export function AccountNav() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const [failed, setFailed] = useState(false);

  if (session.status === "loading") return <div className="account-nav" />;

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    setFailed(false);
    try {
      await apiFetch("/api/v1/auth/sign-out", { method: "POST" });
    } catch (error) {
      // Already signed out on the server is as good as signed out.
      if (!isProblemError(error) || error.status !== 401) {
        setFailed(true);
        setSigningOut(false);
        return;
      }
    }
    setSignedOut();
    setSigningOut(false);
    navigate("/sign-in", { state: flash("auth.signOut.done") });
  }

  // Coming back to this page after signing in is the natural next step.
  const here = `${location.pathname}${location.search}`;
  const next = /^\/(sign-in|sign-up|reset-password|unlock|verify-email)/.test(location.pathname)
    ? ""
    : `?next=${encodeURIComponent(here)}`;

  return (
    <nav className="account-nav" aria-label={t("common.header.accountLabel")}>
      {session.status === "signedIn" ? (
        <ul>
          <li>
            <Link to="/profile" className="account-name">
              <span className="visually-hidden">{t("common.header.profilePrefix")} </span>
              {session.me.name}
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void signOut()}
              aria-disabled={signingOut || undefined}
              aria-busy={signingOut || undefined}
            >
              {t("common.header.signOut")}
            </button>
          </li>
          {failed ? (
            <li role="alert" className="field-error">
              {t("common.header.signOutFailed")}
            </li>
          ) : null}
        </ul>
      ) : (
        <ul>
          <li>
            <Link to={`/sign-in${next}`}>{t("common.header.signIn")}</Link>
          </li>
          <li>
            <Link to={`/sign-up${next}`}>{t("common.header.signUp")}</Link>
          </li>
        </ul>
      )}
    </nav>
  );
}
