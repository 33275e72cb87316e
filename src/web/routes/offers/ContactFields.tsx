// "How can we reach you?": the channel, then the phone or email it needs, and a name. The same
// questions as the ask form, as one piece any public form can use (texts under `ask.contact`).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { RadioGroup, TextField } from "../../components/forms";
import { type ErrorView, fieldMessage } from "../../lib/errors";
import { CHANNELS, type Channel, type PostNeedRequest } from "../exchange/needsApi";

export interface ContactValue {
  channel: Channel | "";
  name: string;
  email: string;
  phone: string;
}

export const EMPTY_CONTACT: ContactValue = { channel: "", name: "", email: "", phone: "" };

/** What the form must say before sending (a channel, and its phone or email). */
export function contactProblems(
  t: TFunction,
  value: ContactValue,
): { field: string; detail: string }[] {
  if (!value.channel) {
    return [{ field: "contact.channel", detail: t("ask.contact.channelRequired") }];
  }
  if (value.channel === "email" && !value.email.trim()) {
    return [{ field: "contact.email", detail: t("ask.contact.emailRequired") }];
  }
  if ((value.channel === "sms" || value.channel === "phone") && !value.phone.trim()) {
    return [{ field: "contact.phone", detail: t("ask.contact.phoneRequired") }];
  }
  return [];
}

/** What the API takes: only the detail the chosen channel needs. */
export function contactForRequest(value: ContactValue & { channel: Channel }) {
  const contact: PostNeedRequest["contact"] = { channel: value.channel };
  if (value.name.trim()) contact.name = value.name.trim();
  if (value.channel === "email") contact.email = value.email.trim();
  if (value.channel === "sms" || value.channel === "phone") contact.phone = value.phone.trim();
  return contact;
}

/** The error summary's entries for these fields. */
export function contactSummaryFields(t: TFunction, legend: string) {
  return {
    "contact.channel": { id: "contact-channel", label: legend },
    "contact.name": { id: "contact-name", label: t("ask.contact.name") },
    "contact.email": { id: "contact-email", label: t("ask.contact.email") },
    "contact.phone": { id: "contact-phone", label: t("ask.contact.phone") },
  };
}

export function ContactFields({
  legend,
  hint,
  noneDescription,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint: string;
  /** Said under the "no contact" choice, when the form explains it. */
  noneDescription?: string;
  value: ContactValue;
  onChange: (value: ContactValue) => void;
  error: ErrorView | null;
}) {
  const { t } = useTranslation();
  const set = (key: keyof ContactValue) => (next: string) => onChange({ ...value, [key]: next });
  const byPhone = value.channel === "sms" || value.channel === "phone";
  return (
    <div className="ask-contact">
      <RadioGroup
        id="contact-channel"
        legend={legend}
        hint={hint}
        error={fieldMessage(error, "contact.channel")}
        value={value.channel as Channel}
        onValue={set("channel")}
        choices={CHANNELS.map((id) => ({
          value: id,
          label: t(`ask.contact.channels.${id}` as "ask.contact.channels.sms"),
          ...(id === "none" && noneDescription ? { description: noneDescription } : {}),
        }))}
      />
      {byPhone ? (
        <TextField
          id="contact-phone"
          type="tel"
          label={t("ask.contact.phone")}
          hint={t("ask.contact.phoneHint")}
          value={value.phone}
          onValue={set("phone")}
          error={fieldMessage(error, "contact.phone")}
          autoComplete="tel"
          inputMode="tel"
          required
          maxLength={32}
        />
      ) : null}
      {value.channel === "email" ? (
        <TextField
          id="contact-email"
          type="email"
          label={t("ask.contact.email")}
          value={value.email}
          onValue={set("email")}
          error={fieldMessage(error, "contact.email")}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
        />
      ) : null}
      <TextField
        id="contact-name"
        label={t("ask.contact.name")}
        optional
        value={value.name}
        onValue={set("name")}
        error={fieldMessage(error, "contact.name")}
        autoComplete="given-name"
        maxLength={120}
      />
    </div>
  );
}
