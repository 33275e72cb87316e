// Sign in with a password, or ask for a one-time link by email (no password to remember).
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Flash } from "../../components/Flash";
import {
  ErrorSummary,
  PasswordField,
  RadioGroup,
  StatusMessage,
  SubmitButton,
  TextField,
} from "../../components/forms";
import { requestSignInLink, signIn } from "../../lib/accountApi";
import { describeError, fieldMessage } from "../../lib/errors";
import { flash } from "../../lib/flash";
import { rememberNext, safeNext } from "../../lib/navigation";
import { loadSession, useSession } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { AlreadySignedIn } from "./AlreadySignedIn";

type Method = "password" | "link";

export default function SignIn() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("auth.signIn.title") }));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const session = useSession();
  const [method, setMethod] = useState<Method>("password");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);

  const withPassword = useMutation({
    mutationFn: () => signIn(email, password),
    onSuccess: async () => {
      await loadSession();
      navigate(safeNext(next, "/groups"), { state: flash("auth.signIn.success") });
    },
  });
  const withLink = useMutation({
    mutationFn: () => requestSignInLink(email),
    onSuccess: () => {
      rememberNext(next);
      setLinkSentTo(email.trim());
    },
  });
  const active = method === "password" ? withPassword : withLink;
  const error = active.error ? describeError(active.error, t) : null;

  if (session.status === "signedIn" && !withPassword.isPending && !withPassword.isSuccess) {
    return <AlreadySignedIn next={next} />;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (active.isPending) return;
    setLinkSentTo(null);
    active.mutate();
  }

  const signUpLink = next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up";

  return (
    <section className="form-page" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("auth.signIn.title")}</h1>
      <Flash />
      <ErrorSummary
        error={error}
        fields={{
          email: { id: "email", label: t("auth.fields.email") },
          password: { id: "password", label: t("auth.fields.password") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <RadioGroup<Method>
          id="method"
          legend={t("auth.signIn.methodLegend")}
          value={method}
          onValue={(value) => {
            setMethod(value);
            setLinkSentTo(null);
          }}
          choices={[
            { value: "password", label: t("auth.signIn.methodPassword") },
            {
              value: "link",
              label: t("auth.signIn.methodLink"),
              description: t("auth.signIn.methodLinkHint"),
            },
          ]}
        />
        <TextField
          id="email"
          type="email"
          label={t("auth.fields.email")}
          value={email}
          onValue={setEmail}
          error={fieldMessage(error, "email")}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
        />
        {method === "password" ? (
          <>
            <PasswordField
              id="password"
              label={t("auth.fields.password")}
              value={password}
              onValue={setPassword}
              error={fieldMessage(error, "password")}
              autoComplete="current-password"
              required
              maxLength={200}
            />
            <p>
              <Link to="/reset-password">{t("auth.signIn.forgot")}</Link>
            </p>
            <SubmitButton
              pending={withPassword.isPending}
              pendingLabel={t("auth.signIn.submitting")}
            >
              {t("auth.signIn.submit")}
            </SubmitButton>
          </>
        ) : (
          <SubmitButton pending={withLink.isPending}>{t("auth.signIn.sendLink")}</SubmitButton>
        )}
      </form>
      <StatusMessage>
        {linkSentTo ? (
          <>
            <strong>{t("auth.signIn.linkSentTitle")}</strong>{" "}
            {t("auth.signIn.linkSentText", { email: linkSentTo })}
          </>
        ) : null}
      </StatusMessage>
      <p className="after-form">
        {t("auth.signIn.noAccount")} <Link to={signUpLink}>{t("auth.signIn.signUpLink")}</Link>
      </p>
    </section>
  );
}
