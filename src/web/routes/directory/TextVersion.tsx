// The listing as one short text message (the server writes it to fit an SMS): to copy into a
// message, read aloud on a call, or send from a phone with its own messages app.
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "../../components/forms";
import { copyOrSelect } from "../../lib/clipboard";
import { describeError } from "../../lib/errors";
import { directoryKeys, getServiceText } from "./directoryApi";

/** Phones and tablets (a coarse pointer) have a messages app that `sms:` links open. */
function canSendSms(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(pointer: coarse)").matches === true;
}

export function TextVersion({ serviceId, language }: { serviceId: string; language: "en" | "es" }) {
  const { t } = useTranslation();
  const text = useQuery({
    queryKey: directoryKeys.text(serviceId, language),
    queryFn: ({ signal }) => getServiceText(serviceId, language, signal),
  });
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState("");

  async function copy() {
    if (!text.data) return;
    const outcome = await copyOrSelect(text.data, field.current);
    setCopied(t(outcome === "copied" ? "findHelp.text.copied" : "findHelp.text.selected"));
  }

  return (
    <section className="section directory-text" aria-labelledby="text-version-title">
      <h2 id="text-version-title">{t("findHelp.text.title")}</h2>
      <p className="field-hint">{t("findHelp.text.hint")}</p>
      {text.isPending ? <p role="status">{t("findHelp.text.loading")}</p> : null}
      {text.isError ? <p className="field-error">{describeError(text.error, t).title}</p> : null}
      {text.data ? (
        <>
          <label htmlFor="directory-sms-text" className="visually-hidden">
            {t("findHelp.text.label")}
          </label>
          <textarea
            id="directory-sms-text"
            ref={field}
            className="directory-sms"
            readOnly
            rows={5}
            value={text.data}
          />
          <p className="muted">{t("findHelp.text.length", { count: text.data.length })}</p>
          <p className="button-row">
            <button type="button" className="button-secondary" onClick={copy}>
              {t("findHelp.text.copy")}
            </button>
            {canSendSms() ? (
              <a className="button-secondary" href={`sms:?&body=${encodeURIComponent(text.data)}`}>
                {t("findHelp.text.send")}
              </a>
            ) : null}
          </p>
        </>
      ) : null}
      <StatusMessage>{copied}</StatusMessage>
    </section>
  );
}
