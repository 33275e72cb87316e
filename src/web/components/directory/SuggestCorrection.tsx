// "Something wrong? Tell us": anyone, signed in or not, tells the listing's stewards what is out
// of date. Folded away by default so the service page stays short; the thanks is announced.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  SUGGESTION_TOPICS,
  type SuggestionTopic,
} from "../../../modules/directory/stewardship-contract";
import { currentLanguage } from "../../i18n";
import enTexts from "../../i18n/directory-admin/screens.en.json";
import esTexts from "../../i18n/directory-admin/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { apiFetch } from "../../lib/api";
import { clientErrors, describeError, type ErrorView, fieldMessage } from "../../lib/errors";
import {
  ErrorSummary,
  HoneypotField,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
} from "../forms";

addScreenTexts({ en: enTexts, es: esTexts });

const MAX_MESSAGE = 2000;

export function SuggestCorrection({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [topic, setTopic] = useState<SuggestionTopic>("hours");
  const [message, setMessage] = useState("");
  const [email, setEmail] = useState("");
  const [website, setWebsite] = useState("");
  const [error, setError] = useState<ErrorView | null>(null);
  const [sent, setSent] = useState(false);

  const send = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/directory/services/${serviceId}/suggestions`, {
        method: "POST",
        json: {
          topic,
          message,
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(website ? { website } : {}),
          language: currentLanguage(),
        },
      }),
    onSuccess: () => {
      setSent(true);
      setMessage("");
      setEmail("");
      setError(null);
    },
    onError: (e) => setError(describeError(e, t)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    if (!message.trim()) {
      setError(
        clientErrors(t, [{ field: "message", detail: t("directoryAdmin.suggest.messageMissing") }]),
      );
      return;
    }
    send.mutate();
  }

  const fields = {
    topic: { id: `${id}-topic`, label: t("directoryAdmin.suggest.topic") },
    message: { id: `${id}-message`, label: t("directoryAdmin.suggest.message") },
    email: { id: `${id}-email`, label: t("directoryAdmin.suggest.email") },
  };

  return (
    <section className="suggest-correction" aria-labelledby={`${id}-heading`}>
      <details>
        <summary id={`${id}-heading`}>{t("directoryAdmin.suggest.heading")}</summary>
        <p>{t("directoryAdmin.suggest.intro")}</p>
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} fields={fields} />
          <SelectField
            id={fields.topic.id}
            label={fields.topic.label}
            value={topic}
            onValue={(v) => setTopic(v as SuggestionTopic)}
            options={SUGGESTION_TOPICS.map((value) => ({
              value,
              label: t(`directoryAdmin.topic.${value}`),
            }))}
            error={fieldMessage(error, "topic")}
          />
          <TextArea
            id={fields.message.id}
            label={fields.message.label}
            value={message}
            onValue={setMessage}
            maxLength={MAX_MESSAGE}
            rows={4}
            hint={t("directoryAdmin.suggest.messageHint")}
            error={fieldMessage(error, "message")}
          />
          <TextField
            id={fields.email.id}
            label={fields.email.label}
            type="email"
            autoComplete="email"
            value={email}
            onValue={setEmail}
            optional
            hint={t("directoryAdmin.suggest.emailHint")}
            error={fieldMessage(error, "email")}
          />
          <HoneypotField
            label={t("directoryAdmin.suggest.honeypot")}
            value={website}
            onChange={setWebsite}
          />
          <SubmitButton pending={send.isPending} pendingLabel={t("directoryAdmin.suggest.sending")}>
            {t("directoryAdmin.suggest.send")}
          </SubmitButton>
        </form>
        <StatusMessage>{sent ? t("directoryAdmin.suggest.thanks") : null}</StatusMessage>
      </details>
    </section>
  );
}
