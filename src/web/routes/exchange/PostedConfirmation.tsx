// What the public ask and offer forms show once sent: the short code, the private link (with a
// copy button that falls back to selecting the text) and a way back to the group.
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StatusMessage } from "../../components/forms";

export interface PostedTexts {
  title: string;
  announce: string;
  codeLabel: string;
  codeHint: string;
  linkLabel: string;
  linkHint: string;
  open: string;
  back: string;
}

export function PostedConfirmation({
  groupId,
  result,
  titleId,
  urlId,
  texts,
  children,
}: {
  groupId: string;
  result: { shortCode: string; statusUrl: string };
  /** Element ids: the heading, and the link's input (its hint is `${urlId}-hint`). */
  titleId: string;
  urlId: string;
  texts: PostedTexts;
  /** Anything shown between the link and the way back (e.g. what happens next). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "manual" | null>(null);
  const [announced, setAnnounced] = useState(false);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
    setAnnounced(true);
  }, []);

  function copy() {
    // navigator.clipboard is missing on insecure pages: that throws inside the promise too.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(result.statusUrl))
      .then(
        () => setCopied("yes"),
        () => {
          // No clipboard (older phones, insecure pages): select the text for a long-press copy.
          input.current?.focus();
          input.current?.select();
          setCopied("manual");
        },
      );
  }

  const hintId = `${urlId}-hint`;
  return (
    <section className="ask-done" aria-labelledby={titleId}>
      <h1 id={titleId} ref={heading} tabIndex={-1}>
        {texts.title}
      </h1>
      <StatusMessage>{announced ? texts.announce : null}</StatusMessage>
      <div className="panel short-code-panel">
        <h2>{texts.codeLabel}</h2>
        <p className="short-code">{result.shortCode}</p>
        <p className="field-hint">{texts.codeHint}</p>
      </div>
      <div className="panel status-link-panel">
        <label htmlFor={urlId} className="status-link-label">
          {texts.linkLabel}
        </label>
        <p className="field-hint" id={hintId}>
          {texts.linkHint}
        </p>
        <div className="copy-row">
          <input
            ref={input}
            id={urlId}
            type="text"
            readOnly
            value={result.statusUrl}
            aria-describedby={hintId}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={copy}>
            {t("ask.done.copy")}
          </button>
        </div>
        <StatusMessage>
          {copied ? t(copied === "yes" ? "ask.done.copied" : "ask.done.copyManually") : null}
        </StatusMessage>
        <p>
          <a className="button-secondary" href={result.statusUrl}>
            {texts.open}
          </a>
        </p>
      </div>
      {children}
      <p>
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{texts.back}</Link>
      </p>
    </section>
  );
}
