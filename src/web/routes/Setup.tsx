// First-run setup: the network and its first administrator. Shown by the home page while the
// server says setup is required; afterwards the administrator is signed in and creates a group.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import {
  ErrorSummary,
  PasswordField,
  RadioGroup,
  SubmitButton,
  TextField,
} from "../components/forms";
import { LANGUAGE_CHOICES } from "../components/LanguageChoices";
import { Loading, Refusal } from "../components/Refusal";
import { TimeZoneField } from "../components/TimeZoneField";
import { currentLanguage, type Language } from "../i18n";
import { apiFetch } from "../lib/api";
import { describeError, fieldMessage } from "../lib/errors";
import { flash } from "../lib/flash";
import { loadSession } from "../lib/session";
import { fetchSetupRequired, markSetupDone } from "../lib/setup";
import { deviceTimeZone } from "../lib/timeZones";
import { usePageTitle } from "../lib/usePageTitle";

export default function Setup() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("setup.title") }));
  const status = useQuery({ queryKey: ["setup"], queryFn: fetchSetupRequired });

  if (status.isPending) return <Loading />;
  if (status.isError) return <Refusal error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) {
    return (
      <section className="message-page" aria-labelledby="setup-done-title">
        <h1 id="setup-done-title">{t("setup.done.title")}</h1>
        <p>{t("setup.done.text")}</p>
        <p className="actions">
          <Link className="button" to="/groups">
            {t("setup.done.groups")}
          </Link>
        </p>
      </section>
    );
  }
  return <SetupForm />;
}

function SetupForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [networkName, setNetworkName] = useState("");
  const [defaultLanguage, setDefaultLanguage] = useState<Language>(currentLanguage());
  const [timeZone, setTimeZone] = useState(deviceTimeZone() ?? "UTC");
  const [adminName, setAdminName] = useState("");
  const [adminEmail, setAdminEmail] = useState("");
  const [adminPassword, setAdminPassword] = useState("");

  const setup = useMutation({
    mutationFn: () =>
      apiFetch<{ networkId: string; userId: string }>("/api/v1/setup", {
        method: "POST",
        json: { networkName, defaultLanguage, timeZone, adminName, adminEmail, adminPassword },
      }),
    onSuccess: async () => {
      markSetupDone();
      queryClient.setQueryData(["setup"], false);
      await loadSession();
      navigate("/groups/new", { state: flash("setup.success") });
    },
  });
  const error = setup.error ? describeError(setup.error, t) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!setup.isPending) setup.mutate();
  }

  return (
    <section className="form-page" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("setup.title")}</h1>
      <p className="lead">{t("setup.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          networkName: { id: "networkName", label: t("setup.networkName") },
          defaultLanguage: { id: "defaultLanguage", label: t("setup.defaultLanguage") },
          timeZone: { id: "timeZone", label: t("common.timeZone.label") },
          adminName: { id: "adminName", label: t("setup.adminName") },
          adminEmail: { id: "adminEmail", label: t("setup.adminEmail") },
          adminPassword: { id: "adminPassword", label: t("setup.adminPassword") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <h2>{t("setup.networkHeading")}</h2>
        <TextField
          id="networkName"
          label={t("setup.networkName")}
          hint={t("setup.networkNameHint")}
          value={networkName}
          onValue={setNetworkName}
          error={fieldMessage(error, "networkName")}
          autoComplete="organization"
          required
          maxLength={120}
        />
        <RadioGroup<Language>
          id="defaultLanguage"
          legend={t("setup.defaultLanguage")}
          hint={t("setup.defaultLanguageHint")}
          value={defaultLanguage}
          onValue={setDefaultLanguage}
          error={fieldMessage(error, "defaultLanguage")}
          choices={[...LANGUAGE_CHOICES]}
        />
        <TimeZoneField
          id="timeZone"
          value={timeZone}
          onValue={setTimeZone}
          error={fieldMessage(error, "timeZone")}
        />
        <h2>{t("setup.adminHeading")}</h2>
        <p>{t("setup.adminText")}</p>
        <TextField
          id="adminName"
          label={t("setup.adminName")}
          value={adminName}
          onValue={setAdminName}
          error={fieldMessage(error, "adminName")}
          autoComplete="name"
          required
          maxLength={120}
        />
        <TextField
          id="adminEmail"
          type="email"
          label={t("setup.adminEmail")}
          value={adminEmail}
          onValue={setAdminEmail}
          error={fieldMessage(error, "adminEmail")}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
        />
        <PasswordField
          id="adminPassword"
          label={t("setup.adminPassword")}
          hint={t("common.form.passwordHint")}
          value={adminPassword}
          onValue={setAdminPassword}
          error={fieldMessage(error, "adminPassword")}
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
        />
        <SubmitButton pending={setup.isPending} pendingLabel={t("setup.submitting")}>
          {t("setup.submit")}
        </SubmitButton>
      </form>
    </section>
  );
}
