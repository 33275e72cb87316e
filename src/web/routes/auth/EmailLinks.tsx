// Pages opened from emailed links (#token=… in the address): sign in, confirm the email address,
// unlock the account. Each reads the token, removes it from the address bar, sends it once and
// says in plain words what happened and what to do next.
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorSummary, StatusMessage } from "../../components/forms";
import {
  consumeSignInLink,
  resendVerification,
  unlockAccount,
  verifyEmail,
} from "../../lib/accountApi";
import { describeError, type ErrorView } from "../../lib/errors";
import { flash } from "../../lib/flash";
import { safeNext, takeRememberedNext } from "../../lib/navigation";
import { loadSession, useSession } from "../../lib/session";
import { runOnce, useFragmentToken } from "../../lib/useFragmentToken";
import { usePageTitle } from "../../lib/usePageTitle";

type Outcome = { state: "working" } | { state: "done" } | { state: "failed"; error: unknown };

/** Sends the link's token once; the outcome survives re-renders. */
function useTokenAction(
  purpose: string,
  token: string | null,
  action: (token: string) => Promise<unknown>,
) {
  const [outcome, setOutcome] = useState<Outcome>({ state: "working" });
  useEffect(() => {
    if (!token) return;
    let active = true;
    // Another link opened on this page: its own outcome, from the start.
    setOutcome((now) => (now.state === "working" ? now : { state: "working" }));
    runOnce(purpose, token, () => action(token)).then(
      () => active && setOutcome({ state: "done" }),
      (error: unknown) => active && setOutcome({ state: "failed", error }),
    );
    return () => {
      active = false;
    };
  }, [purpose, token, action]);
  return outcome;
}

function LinkPage({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: title }));
  return (
    <section className="message-page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{title}</h1>
      {children}
    </section>
  );
}

function Failure({ error, children }: { error: ErrorView; children?: ReactNode }) {
  return (
    <>
      <ErrorSummary error={error} />
      {children}
    </>
  );
}

function MissingToken({ retry }: { retry: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t("auth.links.missing")}</p>
      {retry}
    </>
  );
}

export function SignInLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useFragmentToken();
  const outcome = useTokenAction("sign-in", token, consumeSignInLink);

  useEffect(() => {
    if (outcome.state !== "done") return;
    void loadSession().then(() => {
      const next = safeNext(
        new URLSearchParams(window.location.search).get("next") ?? takeRememberedNext(),
        "/profile",
      );
      navigate(next, { replace: true, state: flash("auth.links.signedIn") });
    });
  }, [outcome.state, navigate]);

  const retry = (
    <p className="actions">
      <Link className="button" to="/sign-in">
        {t("auth.links.newSignInLink")}
      </Link>
    </p>
  );
  return (
    <LinkPage id="sign-in-link" title={t("auth.links.signInTitle")}>
      {!token ? (
        <MissingToken retry={retry} />
      ) : outcome.state === "failed" ? (
        <Failure error={describeError(outcome.error, t)}>{retry}</Failure>
      ) : (
        <StatusMessage>{t("auth.links.signingIn")}</StatusMessage>
      )}
    </LinkPage>
  );
}

export function VerifyEmail() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const outcome = useTokenAction("verify-email", token, verifyEmail);
  const session = useSession();
  const resend = useMutation({ mutationFn: resendVerification });

  useEffect(() => {
    if (outcome.state === "done") void loadSession();
  }, [outcome.state]);

  const resendBlock =
    session.status === "signedIn" && !session.me.emailVerified ? (
      <>
        <ErrorSummary error={resend.error ? describeError(resend.error, t) : null} />
        <p className="actions">
          <button
            type="button"
            className="button"
            aria-disabled={resend.isPending || undefined}
            onClick={() => !resend.isPending && resend.mutate()}
          >
            {t("auth.links.resend")}
          </button>
        </p>
        <StatusMessage>{resend.isSuccess ? t("auth.links.resent") : null}</StatusMessage>
      </>
    ) : session.status !== "signedIn" ? (
      <p>
        <Link to="/sign-in?next=%2Fprofile">{t("auth.links.signInToResend")}</Link>
      </p>
    ) : null;

  return (
    <LinkPage id="verify-email" title={t("auth.links.verifyTitle")}>
      {!token ? (
        <MissingToken retry={resendBlock} />
      ) : outcome.state === "failed" ? (
        <Failure error={describeError(outcome.error, t)}>{resendBlock}</Failure>
      ) : (
        <>
          <StatusMessage>
            {outcome.state === "done" ? t("auth.links.verified") : t("auth.links.verifying")}
          </StatusMessage>
          {outcome.state === "done" ? (
            <p className="actions">
              <Link className="button" to="/groups">
                {t("auth.links.toGroups")}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </LinkPage>
  );
}

export function Unlock() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const outcome = useTokenAction("unlock", token, unlockAccount);
  const toSignIn = (
    <p className="actions">
      <Link className="button" to="/sign-in">
        {t("auth.links.toSignIn")}
      </Link>
    </p>
  );

  return (
    <LinkPage id="unlock" title={t("auth.links.unlockTitle")}>
      {!token ? (
        <MissingToken retry={toSignIn} />
      ) : outcome.state === "failed" ? (
        <Failure error={describeError(outcome.error, t)}>
          <p>{t("auth.links.unlockFailedHelp")}</p>
          <p>
            <Link to="/reset-password">{t("auth.links.resetInstead")}</Link>
          </p>
        </Failure>
      ) : (
        <>
          <StatusMessage>
            {outcome.state === "done" ? t("auth.links.unlocked") : t("auth.links.unlocking")}
          </StatusMessage>
          {outcome.state === "done" ? toSignIn : null}
        </>
      )}
    </LinkPage>
  );
}
