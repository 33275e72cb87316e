// A group's settings, for its admins: every field, and the rules the mode sets by default with
// the choice to keep the default or set the group's own.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, StatusMessage, SubmitButton } from "../../components/forms";
import {
  GroupFieldsEditor,
  type GroupFormState,
  groupFieldLabels,
  toGroupFields,
} from "../../components/GroupFields";
import { Loading, Refusal } from "../../components/Refusal";
import { clientErrors, describeError, type ErrorView, fieldMessage } from "../../lib/errors";
import {
  changedFields,
  currentOverrides,
  invalidSettings,
  isAdmin,
  MODE_DEFAULTS,
  NUMERIC_SETTINGS,
  type NumericSetting,
  SETTING_LIMITS,
  type SettingsForm,
  settingsFormFrom,
  settingsPayload,
} from "../../lib/groupRules";
import { groupKeys, updateGroup } from "../../lib/groupsApi";
import { modeName } from "../../lib/groupText";
import type { GroupDetail, GroupMode } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "./GroupNav";
import { useGroup } from "./useGroup";

export default function GroupSettings() {
  const { t } = useTranslation();
  const { group } = useGroup();
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("groupSettings.title", { name: group.data.name })
        : t("groupSettings.loadingTitle"),
    }),
  );
  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (!isAdmin(group.data.viewer.role, group.data.viewer.networkAdmin)) {
    return (
      <section className="message-page" aria-labelledby="settings-refused">
        <h1 id="settings-refused">{t("groupSettings.adminsOnlyTitle")}</h1>
        <p>{t("groupSettings.adminsOnly")}</p>
        <BackToGroup groupId={group.data.id} name={group.data.name} />
      </section>
    );
  }
  return <SettingsEditor key={group.data.id} group={group.data} />;
}

function formFrom(group: GroupDetail): GroupFormState {
  return {
    name: group.name,
    description: group.description,
    mode: group.mode,
    languages: group.languages.filter((l): l is "en" | "es" => l === "en" || l === "es"),
    timeZone: group.timeZone,
    contactEmail: group.contactEmail ?? "",
    contactPhone: group.contactPhone ?? "",
    joining: group.joining,
    autoApprove: group.autoApprove,
    area: group.area,
  };
}

function SettingsEditor({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<GroupFormState>(() => formFrom(group));
  const [settings, setSettings] = useState<SettingsForm>(() =>
    settingsFormFrom(group.settings, group.customisedSettings),
  );
  const [checkError, setCheckError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const changes: Parameters<typeof updateGroup>[1] = changedFields(
        toGroupFields(formFrom(group)),
        toGroupFields(form),
      );
      const chosen = settingsPayload(settings);
      const before = currentOverrides(group.settings, group.customisedSettings);
      if (
        Object.keys(changedFields(before, chosen)).length > 0 ||
        Object.keys(chosen).length !== Object.keys(before).length
      ) {
        changes.settings = chosen;
      }
      return updateGroup(group.id, changes);
    },
    onSuccess: async (updated) => {
      setSaved(true);
      queryClient.setQueryData(groupKeys.detail(group.id), updated);
      await queryClient.invalidateQueries({ queryKey: ["groups", "list"] });
    },
  });
  const error = checkError ?? (save.error ? describeError(save.error, t) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const found = clientErrors(
      t,
      invalidSettings(settings).map((key) => ({
        field: `settings.${key}`,
        detail: t("groupSettings.numberRange", SETTING_LIMITS[key]),
      })),
    );
    setCheckError(found);
    if (!found) save.mutate();
  }

  const labels = {
    ...groupFieldLabels(t),
    ...Object.fromEntries(
      NUMERIC_SETTINGS.map((key) => [
        `settings.${key}`,
        { id: `setting-${key}`, label: settingLabel(t, key) },
      ]),
    ),
  };

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("groupSettings.title", { name: group.name })}</h1>
      <GroupNav group={group} />
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <section className="section" aria-labelledby="about-title">
          <h2 id="about-title">{t("groupSettings.aboutTitle")}</h2>
          <GroupFieldsEditor
            form={form}
            onChange={(changes) => setForm((previous) => ({ ...previous, ...changes }))}
            error={error}
          />
        </section>
        <section className="section" aria-labelledby="rules-title">
          <h2 id="rules-title">{t("groupSettings.rulesTitle")}</h2>
          <p>{t("groupSettings.rulesLead", { mode: modeName(t, form.mode) })}</p>
          {NUMERIC_SETTINGS.map((key) => (
            <NumberSetting
              key={key}
              settingKey={key}
              mode={form.mode}
              choice={settings[key]}
              onChange={(choice) => setSettings((previous) => ({ ...previous, [key]: choice }))}
              error={fieldMessage(error, `settings.${key}`)}
            />
          ))}
          <TriageSetting
            mode={form.mode}
            choice={settings.intakeRequiresTriage}
            onChange={(choice) =>
              setSettings((previous) => ({ ...previous, intakeRequiresTriage: choice }))
            }
            error={fieldMessage(error, "settings.intakeRequiresTriage")}
          />
        </section>
        <SubmitButton pending={save.isPending} pendingLabel={t("common.form.saving")}>
          {t("groupSettings.save")}
        </SubmitButton>
      </form>
      <StatusMessage>{saved ? t("groupSettings.saved") : null}</StatusMessage>
    </>
  );
}

function settingLabel(t: (key: string) => string, key: NumericSetting): string {
  switch (key) {
    case "claimExpiryHours":
      return t("common.settings.claimExpiryHours.label");
    case "maxOpenClaimsPerVolunteer":
      return t("common.settings.maxOpenClaimsPerVolunteer.label");
    case "retentionDays":
      return t("common.settings.retentionDays.label");
    case "anonymityK":
      return t("common.settings.anonymityK.label");
  }
}

function settingExplanation(t: (key: string) => string, key: NumericSetting): string {
  switch (key) {
    case "claimExpiryHours":
      return t("common.settings.claimExpiryHours.explanation");
    case "maxOpenClaimsPerVolunteer":
      return t("common.settings.maxOpenClaimsPerVolunteer.explanation");
    case "retentionDays":
      return t("common.settings.retentionDays.explanation");
    case "anonymityK":
      return t("common.settings.anonymityK.explanation");
  }
}

function settingValue(
  t: (key: string, options?: Record<string, unknown>) => string,
  key: NumericSetting,
  count: number,
): string {
  switch (key) {
    case "claimExpiryHours":
      return t("common.settings.claimExpiryHours.value", { count });
    case "maxOpenClaimsPerVolunteer":
      return t("common.settings.maxOpenClaimsPerVolunteer.value", { count });
    case "retentionDays":
      return t("common.settings.retentionDays.value", { count });
    case "anonymityK":
      return t("common.settings.anonymityK.value", { count });
  }
}

function NumberSetting({
  settingKey,
  mode,
  choice,
  onChange,
  error,
}: {
  settingKey: NumericSetting;
  mode: GroupMode;
  choice: SettingsForm[NumericSetting];
  onChange: (choice: SettingsForm[NumericSetting]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = `setting-${settingKey}`;
  const fallback = MODE_DEFAULTS[mode][settingKey];
  const limits = SETTING_LIMITS[settingKey];
  return (
    <fieldset className={`field setting${error ? " field-invalid" : ""}`}>
      <legend>{settingLabel(t, settingKey)}</legend>
      <p className="field-hint">{settingExplanation(t, settingKey)}</p>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-default`}
          name={id}
          checked={choice.useDefault}
          onChange={() => onChange({ useDefault: true, value: String(fallback) })}
        />
        <label htmlFor={`${id}-default`}>
          {t("groupSettings.useDefault", { value: settingValue(t, settingKey, fallback) })}
        </label>
      </div>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-own`}
          name={id}
          checked={!choice.useDefault}
          onChange={() => onChange({ useDefault: false, value: choice.value })}
        />
        <label htmlFor={`${id}-own`}>{t("groupSettings.useOwn")}</label>
      </div>
      {!choice.useDefault ? (
        <div className="field nested">
          <label htmlFor={id}>
            {t("groupSettings.ownValue", { min: limits.min, max: limits.max })}
          </label>
          {error ? (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          ) : null}
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={limits.min}
            max={limits.max}
            className="input-short"
            value={choice.value}
            onChange={(event) => onChange({ useDefault: false, value: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
      ) : null}
      <p className="setting-effect">
        {choice.useDefault || /^\d+$/.test(choice.value.trim())
          ? t("groupSettings.effect", {
              sentence: sentenceFor(
                t,
                settingKey,
                choice.useDefault ? fallback : Number(choice.value),
              ),
            })
          : null}
      </p>
    </fieldset>
  );
}

function sentenceFor(
  t: (key: string, options?: Record<string, unknown>) => string,
  key: NumericSetting,
  count: number,
): string {
  switch (key) {
    case "claimExpiryHours":
      return t("common.settings.claimExpiryHours.sentence", { count });
    case "maxOpenClaimsPerVolunteer":
      return t("common.settings.maxOpenClaimsPerVolunteer.sentence", { count });
    case "retentionDays":
      return t("common.settings.retentionDays.sentence", { count });
    case "anonymityK":
      return t("common.settings.anonymityK.sentence", { count });
  }
}

function TriageSetting({
  mode,
  choice,
  onChange,
  error,
}: {
  mode: GroupMode;
  choice: SettingsForm["intakeRequiresTriage"];
  onChange: (choice: SettingsForm["intakeRequiresTriage"]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const fallback = MODE_DEFAULTS[mode].intakeRequiresTriage;
  const id = "setting-intakeRequiresTriage";
  const value = choice.useDefault ? "default" : choice.value ? "yes" : "no";
  const set = (next: string) => {
    if (next === "default") onChange({ useDefault: true, value: fallback });
    else onChange({ useDefault: false, value: next === "yes" });
  };
  const options = [
    {
      value: "default",
      label: t("groupSettings.useDefault", {
        value: fallback ? t("groupSettings.triageYesShort") : t("groupSettings.triageNoShort"),
      }),
    },
    { value: "yes", label: t("common.settings.intakeRequiresTriage.on") },
    { value: "no", label: t("common.settings.intakeRequiresTriage.off") },
  ];
  return (
    <fieldset id={id} tabIndex={-1} className={`field setting${error ? " field-invalid" : ""}`}>
      <legend>{t("common.settings.intakeRequiresTriage.label")}</legend>
      <p className="field-hint">{t("common.settings.intakeRequiresTriage.explanation")}</p>
      {error ? <p className="field-error">{error}</p> : null}
      {options.map((option) => (
        <div className="choice" key={option.value}>
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name={id}
            checked={value === option.value}
            onChange={() => set(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
