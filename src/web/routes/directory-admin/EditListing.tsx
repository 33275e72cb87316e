// Editing one listing: its texts, status, phones, languages, what people do not need, hours in
// plain words (with how they were understood), closures and today's capacity. Saving also
// confirms the listing is correct. An edit made on an older copy is refused, never merged.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  CAPACITY_UNITS,
  LISTING_STATUSES,
  type ListingDetail,
  type ListingEdit,
} from "../../../modules/directory/stewardship-contract";
import { ACCESS_TERMS, type AccessCode } from "../../../modules/directory/taxonomy";
import {
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
} from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { describeError, type ErrorView, fieldMessage, hasCode } from "../../lib/errors";
import { languageName } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { HoursPreview } from "./HoursPreview";
import { StaleBadge, statusKey } from "./ListingParts";
import { editListing, listListings, stewardshipKeys } from "./stewardshipApi";

/** Languages offered as checkboxes; others a listing already has are kept and shown too. */
const COMMON_LANGUAGES = ["en", "es", "zh", "tl", "vi", "ar", "ru", "fr", "pt", "ko"];

interface PhoneRow {
  number: string;
  description: string;
}
interface ClosureRow {
  from: string;
  to: string;
  note: string;
}
interface FormState {
  name: string;
  description: string;
  status: string;
  alert: string;
  application_process: string;
  eligibility_description: string;
  fees_description: string;
  phones: PhoneRow[];
  languages: string[];
  access: AccessCode[];
  /** Hours text per place id ("" key: the service's own hours). */
  hours: Record<string, string>;
  closures: ClosureRow[];
  capacityUnit: string;
  capacityAvailable: string;
  capacityMaximum: string;
}

const SERVICE_HOURS = "";

function formFrom(d: ListingDetail): FormState {
  const hours: Record<string, string> = {};
  if (d.places.length === 0) hours[SERVICE_HOURS] = d.service_hours_text;
  for (const p of d.places) hours[p.location_id] = p.hours_text;
  return {
    name: d.name,
    description: d.description ?? "",
    status: d.status,
    alert: d.alert ?? "",
    application_process: d.application_process ?? "",
    eligibility_description: d.eligibility_description ?? "",
    fees_description: d.fees_description ?? "",
    phones: d.phones.map((p) => ({ number: p.number, description: p.description ?? "" })),
    languages: d.languages,
    access: d.access as AccessCode[],
    hours,
    closures: d.closures.map((c) => ({ from: c.from, to: c.to, note: c.note ?? "" })),
    capacityUnit: d.capacity ? unitCode(d.capacity.unit) : "",
    capacityAvailable: d.capacity ? String(d.capacity.available) : "",
    capacityMaximum: d.capacity?.maximum != null ? String(d.capacity.maximum) : "",
  };
}

/** The unit's code from its stored name ("food boxes" → food_boxes). */
function unitCode(name: string): string {
  const code = name.replace(/ /g, "_");
  return (CAPACITY_UNITS as readonly string[]).includes(code) ? code : "";
}

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** What to send: every field, but hours and capacity only when changed (they are rewritten). */
function editFrom(form: FormState, before: FormState, detail: ListingDetail): ListingEdit {
  const edit: ListingEdit = {
    updated_at: detail.updated_at,
    name: form.name,
    description: form.description,
    status: form.status as ListingEdit["status"],
    alert: form.alert,
    application_process: form.application_process,
    eligibility_description: form.eligibility_description,
    fees_description: form.fees_description,
    phones: form.phones
      .filter((p) => p.number.trim())
      .map((p) => ({ number: p.number.trim(), description: p.description.trim() || null })),
    languages: form.languages,
    access: form.access,
    closures: form.closures
      .filter((c) => c.from)
      .map((c) => ({ from: c.from, to: c.to || c.from, note: c.note.trim() || null })),
  };
  const hours = Object.entries(form.hours)
    .filter(([key, text]) => text.trim() !== (before.hours[key] ?? "").trim() && text.trim())
    .map(([key, text]) => ({ location_id: key === SERVICE_HOURS ? null : key, text }));
  if (hours.length) edit.hours = hours;
  const capacityChanged =
    form.capacityUnit !== before.capacityUnit ||
    form.capacityAvailable !== before.capacityAvailable ||
    form.capacityMaximum !== before.capacityMaximum;
  if (capacityChanged) {
    edit.capacity = form.capacityUnit
      ? {
          unit: form.capacityUnit as (typeof CAPACITY_UNITS)[number],
          available: Number(form.capacityAvailable || 0),
          maximum: numberOrNull(form.capacityMaximum),
        }
      : null;
  }
  return edit;
}

export default function EditListing() {
  const { t } = useTranslation();
  const params = useParams();
  const groupId = params.groupId ?? null;
  const serviceId = params.serviceId ?? "";
  const query = { service: serviceId };
  const listing = useQuery({
    queryKey: stewardshipKeys.listings(groupId, query),
    queryFn: ({ signal }) => listListings(groupId, query, signal),
  });
  const detail = listing.data?.detail;
  // Kept here: a save reloads the listing, which starts a fresh form.
  const [saved, setSaved] = useState(false);
  usePageTitle(
    t("common.documentTitle", {
      page: detail
        ? t("directoryAdmin.edit.title", { name: detail.name })
        : t("directoryAdmin.edit.loadingTitle"),
    }),
  );
  if (listing.isError) {
    return <Refusal error={listing.error} onRetry={() => void listing.refetch()} />;
  }
  if (listing.isPending) return <Loading />;
  if (!detail) {
    return (
      <>
        <h1>{t("directoryAdmin.edit.notYours.title")}</h1>
        <p>{t("directoryAdmin.edit.notYours.detail")}</p>
      </>
    );
  }
  return (
    <>
      <EditForm
        key={detail.updated_at}
        detail={detail}
        groupId={groupId}
        reload={() => void listing.refetch()}
        onSaved={setSaved}
      />
      <StatusMessage>{saved ? t("directoryAdmin.edit.saved") : null}</StatusMessage>
    </>
  );
}

function EditForm({
  detail,
  groupId,
  reload,
  onSaved,
}: {
  detail: ListingDetail;
  groupId: string | null;
  reload: () => void;
  onSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [before] = useState(() => formFrom(detail));
  const [form, setForm] = useState(before);
  const [error, setError] = useState<ErrorView | null>(null);
  const [conflict, setConflict] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = useMutation({
    mutationFn: () => editListing(groupId, detail.service_id, editFrom(form, before, detail)),
    onSuccess: async () => {
      setError(null);
      onSaved(true);
      await queryClient.invalidateQueries({ queryKey: stewardshipKeys.all });
    },
    onError: (e) => {
      onSaved(false);
      setConflict(hasCode(e, "listing_changed"));
      setError(describeError(e, t));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  }

  const back = groupId ? `/groups/${groupId}/directory` : "/directory/listings";
  const languages = [...new Set([...COMMON_LANGUAGES, ...form.languages])];
  const text = (key: keyof FormState, label: string, rows = 3) => (
    <TextArea
      id={`edit-${key}`}
      label={label}
      value={form[key] as string}
      onValue={(v) => set(key, v as never)}
      rows={rows}
      maxLength={4000}
      optional
      error={fieldMessage(error, key)}
    />
  );

  return (
    <div className="form-page">
      <p className="back-link">
        <Link to={back}>{t("directoryAdmin.edit.back")}</Link>
      </p>
      <h1>{t("directoryAdmin.edit.title", { name: detail.name })}</h1>
      <p className="muted">{detail.organization.name}</p>
      <StaleBadge listing={detail} />
      <p className="lead">{t("directoryAdmin.edit.lead")}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        {conflict ? (
          <p>
            <button type="button" className="button-secondary" onClick={reload}>
              {t("directoryAdmin.edit.reload")}
            </button>
          </p>
        ) : null}
        <TextField
          id="edit-name"
          label={t("directoryAdmin.edit.name")}
          value={form.name}
          onValue={(v) => set("name", v)}
          required
          maxLength={300}
          error={fieldMessage(error, "name")}
        />
        <RadioGroup
          id="edit-status"
          legend={t("directoryAdmin.edit.status")}
          value={form.status}
          onValue={(v) => set("status", v)}
          choices={[...new Set([...LISTING_STATUSES, form.status])].map((s) => ({
            value: s,
            label: t(`directoryAdmin.status.${statusKey(s)}`),
          }))}
        />
        {text("alert", t("directoryAdmin.edit.alert"), 2)}
        {text("description", t("directoryAdmin.edit.description"), 5)}

        <fieldset className="field">
          <legend>{t("directoryAdmin.edit.hours")}</legend>
          <p className="field-hint">{t("directoryAdmin.edit.hoursHint")}</p>
          {Object.keys(form.hours).map((key) => {
            const place = detail.places.find((p) => p.location_id === key);
            const label = place
              ? t("directoryAdmin.edit.hoursAt", {
                  place: place.name ?? place.address ?? t("directoryAdmin.edit.thePlace"),
                })
              : t("directoryAdmin.edit.hoursService");
            return (
              <div key={key || "service"}>
                <TextArea
                  id={`edit-hours-${key || "service"}`}
                  label={label}
                  value={form.hours[key] ?? ""}
                  onValue={(v) => set("hours", { ...form.hours, [key]: v })}
                  rows={2}
                  maxLength={500}
                  error={fieldMessage(error, "hours")}
                />
                <HoursPreview text={form.hours[key] ?? ""} />
              </div>
            );
          })}
        </fieldset>

        <fieldset className="field">
          <legend>{t("directoryAdmin.edit.closures")}</legend>
          <p className="field-hint">{t("directoryAdmin.edit.closuresHint")}</p>
          {form.closures.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={i} className="closure-row">
              <TextField
                id={`edit-closure-${i}-from`}
                type="date"
                label={t("directoryAdmin.edit.closureFrom")}
                value={c.from}
                onValue={(v) => set("closures", replaceAt(form.closures, i, { ...c, from: v }))}
              />
              <TextField
                id={`edit-closure-${i}-to`}
                type="date"
                label={t("directoryAdmin.edit.closureTo")}
                value={c.to}
                onValue={(v) => set("closures", replaceAt(form.closures, i, { ...c, to: v }))}
              />
              <TextField
                id={`edit-closure-${i}-note`}
                label={t("directoryAdmin.edit.closureNote")}
                value={c.note}
                optional
                onValue={(v) => set("closures", replaceAt(form.closures, i, { ...c, note: v }))}
              />
              <button
                type="button"
                className="button-link danger"
                onClick={() =>
                  set(
                    "closures",
                    form.closures.filter((_, j) => j !== i),
                  )
                }
              >
                {t("directoryAdmin.edit.remove")}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() => set("closures", [...form.closures, { from: "", to: "", note: "" }])}
          >
            {t("directoryAdmin.edit.addClosure")}
          </button>
        </fieldset>

        <fieldset className="field">
          <legend>{t("directoryAdmin.edit.capacity")}</legend>
          <p className="field-hint">{t("directoryAdmin.edit.capacityHint")}</p>
          <SelectField
            id="edit-capacity-unit"
            label={t("directoryAdmin.edit.capacityUnit")}
            value={form.capacityUnit}
            onValue={(v) => set("capacityUnit", v)}
            options={[
              { value: "", label: t("directoryAdmin.edit.capacityNone") },
              ...CAPACITY_UNITS.map((u) => ({ value: u, label: t(`directoryAdmin.unit.${u}`) })),
            ]}
          />
          {form.capacityUnit ? (
            <>
              <TextField
                id="edit-capacity-available"
                type="number"
                inputMode="numeric"
                min={0}
                label={t("directoryAdmin.edit.capacityAvailable")}
                value={form.capacityAvailable}
                onValue={(v) => set("capacityAvailable", v)}
                error={fieldMessage(error, "capacity")}
              />
              <TextField
                id="edit-capacity-maximum"
                type="number"
                inputMode="numeric"
                min={0}
                optional
                label={t("directoryAdmin.edit.capacityMaximum")}
                value={form.capacityMaximum}
                onValue={(v) => set("capacityMaximum", v)}
              />
            </>
          ) : null}
        </fieldset>

        <fieldset className="field">
          <legend>{t("directoryAdmin.edit.phones")}</legend>
          {form.phones.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={i} className="phone-row">
              <TextField
                id={`edit-phone-${i}`}
                type="tel"
                label={t("directoryAdmin.edit.phone", { n: i + 1 })}
                value={p.number}
                onValue={(v) => set("phones", replaceAt(form.phones, i, { ...p, number: v }))}
                error={fieldMessage(error, `phones.${i}`)}
              />
              <TextField
                id={`edit-phone-${i}-description`}
                label={t("directoryAdmin.edit.phoneDescription")}
                value={p.description}
                optional
                onValue={(v) => set("phones", replaceAt(form.phones, i, { ...p, description: v }))}
              />
              <button
                type="button"
                className="button-link danger"
                onClick={() =>
                  set(
                    "phones",
                    form.phones.filter((_, j) => j !== i),
                  )
                }
              >
                {t("directoryAdmin.edit.remove")}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() => set("phones", [...form.phones, { number: "", description: "" }])}
          >
            {t("directoryAdmin.edit.addPhone")}
          </button>
        </fieldset>

        <CheckboxGroup
          id="edit-languages"
          legend={t("directoryAdmin.edit.languages")}
          choices={languages.map((code) => ({
            value: code,
            label: languageName(code, t, language),
          }))}
          values={form.languages}
          onValues={(v) => set("languages", v)}
        />
        <CheckboxGroup
          id="edit-access"
          legend={t("directoryAdmin.edit.access")}
          hint={t("directoryAdmin.edit.accessHint")}
          choices={ACCESS_TERMS.map((term) => ({
            value: term.code,
            label: language === "es" ? term.es : term.en,
          }))}
          values={form.access}
          onValues={(v) => set("access", v)}
        />
        {text("application_process", t("directoryAdmin.edit.applicationProcess"))}
        {text("eligibility_description", t("directoryAdmin.edit.eligibility"))}
        {text("fees_description", t("directoryAdmin.edit.fees"))}

        <SubmitButton pending={save.isPending} pendingLabel={t("directoryAdmin.edit.saving")}>
          {t("directoryAdmin.edit.save")}
        </SubmitButton>
      </form>
    </div>
  );
}

function replaceAt<T>(rows: T[], index: number, row: T): T[] {
  return rows.map((r, i) => (i === index ? row : r));
}
