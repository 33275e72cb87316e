// The fields that describe a group, shared by "Create a group" and the group's settings.
import { useTranslation } from "react-i18next";
import type { ErrorView } from "../lib/errors";
import { fieldMessage } from "../lib/errors";
import { GROUP_MODES } from "../lib/groupRules";
import type { GroupFields } from "../lib/groupsApi";
import { modeExplanation, modeName } from "../lib/groupText";
import type { GroupMode, Joining } from "../lib/types";
import { AreaField } from "./AreaField";
import type { GroupArea } from "./area/areaText";
import { Checkbox, CheckboxGroup, RadioGroup, TextArea, TextField } from "./forms";
import { LANGUAGE_CHOICES } from "./LanguageChoices";
import { TimeZoneField } from "./TimeZoneField";

/** What the form edits: like GroupFields, with the optional contacts as text. */
export interface GroupFormState {
  name: string;
  description: string;
  mode: GroupMode;
  languages: ("en" | "es")[];
  timeZone: string;
  contactEmail: string;
  contactPhone: string;
  joining: Joining;
  autoApprove: boolean;
  area: GroupArea | null;
}

export function toGroupFields(form: GroupFormState): GroupFields {
  return {
    name: form.name,
    description: form.description,
    mode: form.mode,
    languages: form.languages,
    timeZone: form.timeZone,
    contactEmail: form.contactEmail.trim() ? form.contactEmail.trim() : null,
    contactPhone: form.contactPhone.trim() ? form.contactPhone.trim() : null,
    joining: form.joining,
    autoApprove: form.autoApprove,
    area: form.area,
  };
}

/** Labels for the error summary, by the server's field names. */
export function groupFieldLabels(t: (key: string) => string) {
  return {
    name: { id: "name", label: t("groups.form.name") },
    description: { id: "description", label: t("groups.form.description") },
    mode: { id: "mode", label: t("groups.form.mode") },
    languages: { id: "languages", label: t("groups.form.languages") },
    timeZone: { id: "timeZone", label: t("common.timeZone.label") },
    contactEmail: { id: "contactEmail", label: t("groups.form.contactEmail") },
    contactPhone: { id: "contactPhone", label: t("groups.form.contactPhone") },
    joining: { id: "joining", label: t("groups.form.joining") },
    autoApprove: { id: "autoApprove", label: t("groups.form.autoApprove") },
    area: { id: "area", label: t("groups.form.area") },
  };
}

export function GroupFieldsEditor({
  form,
  onChange,
  error,
}: {
  form: GroupFormState;
  onChange: (changes: Partial<GroupFormState>) => void;
  error: ErrorView | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id="name"
        label={t("groups.form.name")}
        hint={t("groups.form.nameHint")}
        value={form.name}
        onValue={(name) => onChange({ name })}
        error={fieldMessage(error, "name")}
        autoComplete="off"
        required
        maxLength={120}
      />
      <TextArea
        id="description"
        label={t("groups.form.description")}
        hint={t("groups.form.descriptionHint")}
        optional
        rows={4}
        value={form.description}
        onValue={(description) => onChange({ description })}
        error={fieldMessage(error, "description")}
        maxLength={2000}
      />
      <RadioGroup<GroupMode>
        id="mode"
        legend={t("groups.form.mode")}
        hint={t("groups.form.modeHint")}
        value={form.mode}
        onValue={(mode) => onChange({ mode })}
        error={fieldMessage(error, "mode")}
        choices={GROUP_MODES.map((mode) => ({
          value: mode,
          label: modeName(t, mode),
          description: modeExplanation(t, mode),
        }))}
      />
      <CheckboxGroup<"en" | "es">
        id="languages"
        legend={t("groups.form.languages")}
        hint={t("groups.form.languagesHint")}
        values={form.languages}
        onValues={(languages) => onChange({ languages })}
        error={fieldMessage(error, "languages")}
        choices={[...LANGUAGE_CHOICES]}
      />
      <AreaField
        value={form.area}
        onChange={(area) => onChange({ area })}
        error={fieldMessage(error, "area")}
      />
      <TimeZoneField
        id="timeZone"
        value={form.timeZone}
        onValue={(timeZone) => onChange({ timeZone })}
        error={fieldMessage(error, "timeZone")}
      />
      <fieldset className="field choice-group">
        <legend>{t("groups.form.contact")}</legend>
        <p className="field-hint">{t("groups.form.contactHint")}</p>
        <TextField
          id="contactEmail"
          type="email"
          label={t("groups.form.contactEmail")}
          optional
          value={form.contactEmail}
          onValue={(contactEmail) => onChange({ contactEmail })}
          error={fieldMessage(error, "contactEmail")}
          autoComplete="off"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
        />
        <TextField
          id="contactPhone"
          type="tel"
          label={t("groups.form.contactPhone")}
          optional
          value={form.contactPhone}
          onValue={(contactPhone) => onChange({ contactPhone })}
          error={fieldMessage(error, "contactPhone")}
          autoComplete="off"
          inputMode="tel"
          maxLength={40}
        />
      </fieldset>
      <RadioGroup<Joining>
        id="joining"
        legend={t("groups.form.joining")}
        value={form.joining}
        onValue={(joining) => onChange({ joining })}
        error={fieldMessage(error, "joining")}
        choices={[
          {
            value: "open",
            label: t("groups.form.joiningOpen"),
            description: t("groups.form.joiningOpenHint"),
          },
          {
            value: "invite_only",
            label: t("groups.form.joiningInvite"),
            description: t("groups.form.joiningInviteHint"),
          },
        ]}
      />
      {form.joining === "open" ? (
        <Checkbox
          id="autoApprove"
          label={t("groups.form.autoApprove")}
          description={t("groups.form.autoApproveHint")}
          checked={form.autoApprove}
          onChecked={(autoApprove) => onChange({ autoApprove })}
          error={fieldMessage(error, "autoApprove")}
        />
      ) : null}
    </>
  );
}
