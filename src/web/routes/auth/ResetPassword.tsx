// Forgotten password: ask for a link by email, then choose a new password on the linked page.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  ErrorSummary,
  PasswordField,
  StatusMessage,
  SubmitButton,
  TextField,
} from "../../components/forms";
import { completePasswordReset, requestPasswordReset } from "../../lib/accountApi";
import { describeError, fieldMessage } from "../../lib/errors";
import { loadSession, useSession } from "../../lib/session";
import { useFragmentToken } from "../../lib/useFragmentToken";
import { usePageTitle } from "../../lib/usePageTitle";

export function RequestReset() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("auth.reset.title") }));
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => requestPasswordReset(email),
    onSuccess: () => setSentTo(email.trim()),
  });
  const error = mutation.error ? describeError(mutation.error, t) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    setSentTo(null);
    mutation.mutate();
  }

  return (
    <section className="form-page" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.reset.title")}</h1>
      <p className="lead">{t("auth.reset.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{ email: { id: "email", label: t("auth.fields.email") } }}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          id="email"
          type="email"
          label={t("auth.fields.email")}
          value={email}
          onValue={setEmail}
          error={fieldMessage(error, "email")}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
        />
        <SubmitButton pending={mutation.isPending}>{t("auth.reset.submit")}</SubmitButton>
      </form>
      <StatusMessage>
        {sentTo ? (
          <>
            <strong>{t("auth.signIn.linkSentTitle")}</strong>{" "}
            {t("auth.reset.sent", { email: sentTo })}
          </>
        ) : null}
      </StatusMessage>
      <p className="after-form">
        <Link to="/sign-in">{t("auth.reset.backToSignIn")}</Link>
      </p>
    </section>
  );
}

export function CompleteReset() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("auth.reset.completeTitle") }));
  const token = useFragmentToken();
  const session = useSession();
  const [password, setPassword] = useState("");
  const mutation = useMutation({
    mutationFn: () => completePasswordReset(token ?? "", password),
    onSuccess: () => loadSession(),
  });
  const error = mutation.error ? describeError(mutation.error, t) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  }

  return (
    <section className="form-page" aria-labelledby="reset-complete-title">
      <h1 id="reset-complete-title">{t("auth.reset.completeTitle")}</h1>
      {!token ? (
        <>
          <p>{t("auth.links.missing")}</p>
          <p className="actions">
            <Link className="button" to="/reset-password">
              {t("auth.reset.newLink")}
            </Link>
          </p>
        </>
      ) : mutation.isSuccess ? (
        <>
          <StatusMessage>{t("auth.reset.done")}</StatusMessage>
          <p className="actions">
            {session.status === "signedIn" ? (
              <Link className="button" to="/profile">
                {t("auth.reset.toProfile")}
              </Link>
            ) : (
              <Link className="button" to="/sign-in">
                {t("auth.links.toSignIn")}
              </Link>
            )}
          </p>
        </>
      ) : (
        <>
          <ErrorSummary
            error={error}
            fields={{ password: { id: "password", label: t("auth.reset.newPassword") } }}
          />
          {error && !error.fields.length ? (
            <p>
              <Link to="/reset-password">{t("auth.reset.newLink")}</Link>
            </p>
          ) : null}
          <form onSubmit={submit} noValidate>
            <PasswordField
              id="password"
              label={t("auth.reset.newPassword")}
              hint={t("common.form.passwordHint")}
              value={password}
              onValue={setPassword}
              error={fieldMessage(error, "password")}
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={200}
            />
            <SubmitButton pending={mutation.isPending}>
              {t("auth.reset.completeSubmit")}
            </SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
