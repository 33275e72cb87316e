import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  ErrorSummary,
  HoneypotField,
  PasswordField,
  SubmitButton,
  TextField,
} from "../../components/forms";
import { currentLanguage } from "../../i18n";
import { signUp } from "../../lib/accountApi";
import { describeError, fieldMessage } from "../../lib/errors";
import { flash } from "../../lib/flash";
import { safeNext } from "../../lib/navigation";
import { loadSession, useSession } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { AlreadySignedIn } from "./AlreadySignedIn";

export default function SignUp() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("auth.signUp.title") }));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const session = useSession();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [phone, setPhone] = useState("");
  const [website, setWebsite] = useState("");

  const mutation = useMutation({
    mutationFn: () =>
      signUp({
        name,
        email,
        password,
        ...(phone.trim() ? { phone } : {}),
        language: currentLanguage(),
        ...(website ? { website } : {}),
      }),
    onSuccess: async () => {
      await loadSession();
      navigate(safeNext(next, "/profile"), { state: flash("auth.signUp.success") });
    },
  });
  const error = mutation.error ? describeError(mutation.error, t) : null;

  if (session.status === "signedIn" && !mutation.isPending && !mutation.isSuccess) {
    return <AlreadySignedIn next={next} />;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  }

  const signInLink = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";

  return (
    <section className="form-page" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">{t("auth.signUp.title")}</h1>
      <p className="lead">{t("auth.signUp.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          name: { id: "name", label: t("auth.fields.name") },
          email: { id: "email", label: t("auth.fields.email") },
          password: { id: "password", label: t("auth.fields.password") },
          phone: { id: "phone", label: t("auth.fields.phone") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          id="name"
          label={t("auth.fields.name")}
          hint={t("auth.fields.nameHint")}
          value={name}
          onValue={setName}
          error={fieldMessage(error, "name")}
          autoComplete="name"
          required
          maxLength={120}
        />
        <TextField
          id="email"
          type="email"
          label={t("auth.fields.email")}
          hint={t("auth.fields.emailHint")}
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
        <PasswordField
          id="password"
          label={t("auth.fields.password")}
          hint={t("common.form.passwordHint")}
          value={password}
          onValue={setPassword}
          error={fieldMessage(error, "password")}
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
        />
        <TextField
          id="phone"
          type="tel"
          label={t("auth.fields.phone")}
          hint={t("auth.fields.phoneHint")}
          optional
          value={phone}
          onValue={setPhone}
          error={fieldMessage(error, "phone")}
          autoComplete="tel"
          inputMode="tel"
          maxLength={32}
        />
        <HoneypotField label={t("auth.fields.honeypot")} value={website} onChange={setWebsite} />
        <p className="field-hint">{t("auth.signUp.privacy")}</p>
        <SubmitButton pending={mutation.isPending} pendingLabel={t("auth.signUp.submitting")}>
          {t("auth.signUp.submit")}
        </SubmitButton>
      </form>
      <p className="after-form">
        {t("auth.signUp.haveAccount")} <Link to={signInLink}>{t("auth.signUp.signInLink")}</Link>
      </p>
    </section>
  );
}
