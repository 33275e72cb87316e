// Asking a group for help: no account, no map needed, a few plain questions. The place comes
// from the LocationPicker (my location, a pin or an area on a map, or words). On success the
// same address shows the short code and the private status link.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupArea } from "../../components/area/areaText";
import {
  CheckboxGroup,
  ErrorSummary,
  HoneypotField,
  RadioGroup,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
} from "../../components/forms";
import {
  LocationPicker,
  type LocationValue,
  locationForRequest,
} from "../../components/LocationPicker";
import { Loading, Refusal } from "../../components/Refusal";
import { clientErrors, describeError, type ErrorView, fieldMessage } from "../../lib/errors";
import { usePageTitle } from "../../lib/usePageTitle";
import { useGroup } from "../groups/useGroup";
import {
  CATEGORY_IDS,
  CHANNELS,
  type Channel,
  type PostNeedRequest,
  type PostNeedResult,
  postNeed,
  URGENCIES,
} from "./needsApi";

const DESCRIPTION_MAX = 2000;
type Category = PostNeedRequest["category"];
type Urgency = NonNullable<PostNeedRequest["urgency"]>;
type Language = "en" | "es";

export default function AskForHelp() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [result, setResult] = useState<PostNeedResult | null>(null);
  const page = result ? t("ask.done.title") : t("ask.title");
  usePageTitle(t("common.documentTitle", { page }));

  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (result) return <Confirmation groupId={groupId} result={result} />;
  return (
    <AskForm
      groupId={groupId}
      groupName={group.data.name}
      area={group.data.area}
      onDone={setResult}
    />
  );
}

function AskForm({
  groupId,
  groupName,
  area,
  onDone,
}: {
  groupId: string;
  groupName: string;
  area: GroupArea | null;
  onDone: (result: PostNeedResult) => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category | "">("");
  const [description, setDescription] = useState("");
  const [urgency, setUrgency] = useState<Urgency>("normal");
  const [place, setPlace] = useState<LocationValue>({});
  const [channel, setChannel] = useState<Channel | "">("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [householdSize, setHouseholdSize] = useState("");
  const [languages, setLanguages] = useState<Language[]>([]);
  const [notes, setNotes] = useState("");
  const [website, setWebsite] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);

  const mutation = useMutation({
    mutationFn: (body: PostNeedRequest) => postNeed(groupId, body),
    onSuccess: onDone,
  });
  const error = checked ?? (mutation.error ? describeError(mutation.error, t) : null);

  function check(): ErrorView | null {
    const problems: { field: string; detail: string }[] = [];
    if (!category) problems.push({ field: "category", detail: t("ask.categoryRequired") });
    if (!description.trim()) {
      problems.push({ field: "description", detail: t("ask.descriptionRequired") });
    }
    if (!channel) {
      problems.push({ field: "contact.channel", detail: t("ask.contact.channelRequired") });
    } else if (channel === "email" && !email.trim()) {
      problems.push({ field: "contact.email", detail: t("ask.contact.emailRequired") });
    } else if ((channel === "sms" || channel === "phone") && !phone.trim()) {
      problems.push({ field: "contact.phone", detail: t("ask.contact.phoneRequired") });
    }
    const size = householdSize.trim();
    if (size && !(/^\d+$/.test(size) && Number(size) >= 1 && Number(size) <= 30)) {
      problems.push({ field: "householdSize", detail: t("ask.more.householdSizeInvalid") });
    }
    return clientErrors(t, problems);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const problems = check();
    setChecked(problems);
    if (problems || !category || !channel) return;
    const location = locationForRequest(place);
    const contact: PostNeedRequest["contact"] = { channel };
    if (name.trim()) contact.name = name.trim();
    if (channel === "email") contact.email = email.trim();
    if (channel === "sms" || channel === "phone") contact.phone = phone.trim();
    mutation.mutate({
      category,
      description: description.trim(),
      urgency,
      ...(location ? { location } : {}),
      contact,
      ...(householdSize.trim() ? { householdSize: Number(householdSize) } : {}),
      ...(languages.length ? { languages } : {}),
      ...(notes.trim() ? { sensitiveNotes: notes.trim() } : {}),
      ...(website ? { website } : {}),
    });
  }

  return (
    <section className="form-page ask-page" aria-labelledby="ask-title">
      <p className="back-link">
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{groupName}</Link>
      </p>
      <h1 id="ask-title">{t("ask.titleGroup", { group: groupName })}</h1>
      <p className="lead">{t("ask.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          category: { id: "category", label: t("ask.category.legend") },
          description: { id: "description", label: t("ask.description.label") },
          urgency: { id: "urgency", label: t("ask.urgency.legend") },
          location: { id: "location-text", label: t("ask.location.text") },
          "contact.channel": { id: "contact-channel", label: t("ask.contact.legend") },
          "contact.name": { id: "contact-name", label: t("ask.contact.name") },
          "contact.email": { id: "contact-email", label: t("ask.contact.email") },
          "contact.phone": { id: "contact-phone", label: t("ask.contact.phone") },
          householdSize: { id: "householdSize", label: t("ask.more.householdSize") },
          languages: { id: "languages", label: t("ask.more.languages") },
          sensitiveNotes: { id: "sensitiveNotes", label: t("ask.more.notes") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <div className="category-cards">
          <RadioGroup
            id="category"
            legend={t("ask.category.legend")}
            error={fieldMessage(error, "category")}
            value={category as Category}
            onValue={setCategory}
            choices={CATEGORY_IDS.map((id) => ({
              value: id,
              label: t(`exchange.categories.${id}` as "exchange.categories.other"),
            }))}
          />
        </div>
        <TextArea
          id="description"
          label={t("ask.description.label")}
          hint={
            <>
              {t("ask.description.hint")}{" "}
              <span className="char-count">
                {t("ask.description.count", {
                  count: description.length,
                  max: DESCRIPTION_MAX,
                })}
              </span>
            </>
          }
          value={description}
          onValue={setDescription}
          error={fieldMessage(error, "description")}
          maxLength={DESCRIPTION_MAX}
          rows={4}
          required
        />
        <RadioGroup
          id="urgency"
          legend={t("ask.urgency.legend")}
          error={fieldMessage(error, "urgency")}
          value={urgency}
          onValue={setUrgency}
          choices={[...URGENCIES].reverse().map((id) => ({
            value: id,
            label: t(`exchange.urgency.${id}` as "exchange.urgency.low"),
          }))}
        />
        <LocationPicker
          groupId={groupId}
          area={area}
          value={place}
          onChange={setPlace}
          error={fieldMessage(error, "location")}
        />
        <div className="ask-contact">
          <RadioGroup
            id="contact-channel"
            legend={t("ask.contact.legend")}
            hint={t("ask.contact.hint")}
            error={fieldMessage(error, "contact.channel")}
            value={channel as Channel}
            onValue={setChannel}
            choices={CHANNELS.map((id) => ({
              value: id,
              label: t(`ask.contact.channels.${id}` as "ask.contact.channels.sms"),
              ...(id === "none" ? { description: t("ask.contact.noneDescription") } : {}),
            }))}
          />
          {channel === "sms" || channel === "phone" ? (
            <TextField
              id="contact-phone"
              type="tel"
              label={t("ask.contact.phone")}
              hint={t("ask.contact.phoneHint")}
              value={phone}
              onValue={setPhone}
              error={fieldMessage(error, "contact.phone")}
              autoComplete="tel"
              inputMode="tel"
              required
              maxLength={32}
            />
          ) : null}
          {channel === "email" ? (
            <TextField
              id="contact-email"
              type="email"
              label={t("ask.contact.email")}
              value={email}
              onValue={setEmail}
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
            value={name}
            onValue={setName}
            error={fieldMessage(error, "contact.name")}
            autoComplete="given-name"
            maxLength={120}
          />
        </div>
        <section className="section ask-more" aria-labelledby="ask-more-title">
          <h2 id="ask-more-title">{t("ask.more.title")}</h2>
          <p className="field-hint">{t("ask.more.lead")}</p>
          <TextField
            id="householdSize"
            className="field-short"
            label={t("ask.more.householdSize")}
            optional
            value={householdSize}
            onValue={setHouseholdSize}
            error={fieldMessage(error, "householdSize")}
            inputMode="numeric"
            autoComplete="off"
            maxLength={2}
          />
          <CheckboxGroup
            id="languages"
            legend={t("ask.more.languages")}
            error={fieldMessage(error, "languages")}
            values={languages}
            onValues={setLanguages}
            choices={(["es", "en"] as const).map((code) => ({
              value: code,
              label: t(`common.languageNames.${code}` as "common.languageNames.en"),
            }))}
          />
          <TextArea
            id="sensitiveNotes"
            label={t("ask.more.notes")}
            hint={t("ask.more.notesHint")}
            optional
            value={notes}
            onValue={setNotes}
            error={fieldMessage(error, "sensitiveNotes")}
            maxLength={2000}
            rows={3}
          />
        </section>
        <HoneypotField label={t("ask.honeypot")} value={website} onChange={setWebsite} />
        <p className="field-hint">{t("ask.privacy")}</p>
        <SubmitButton pending={mutation.isPending} pendingLabel={t("ask.submitting")}>
          {t("ask.submit")}
        </SubmitButton>
      </form>
    </section>
  );
}

function Confirmation({ groupId, result }: { groupId: string; result: PostNeedResult }) {
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

  async function copy() {
    try {
      await navigator.clipboard.writeText(result.statusUrl);
      setCopied("yes");
    } catch {
      // No clipboard (older phones, insecure pages): select the text for a long-press copy.
      input.current?.focus();
      input.current?.select();
      setCopied("manual");
    }
  }

  return (
    <section className="ask-done" aria-labelledby="ask-done-title">
      <h1 id="ask-done-title" ref={heading} tabIndex={-1}>
        {t("ask.done.title")}
      </h1>
      <StatusMessage>{announced ? t("ask.done.announce") : null}</StatusMessage>
      <div className="panel short-code-panel">
        <h2 id="short-code-label">{t("ask.done.codeLabel")}</h2>
        <p className="short-code">{result.shortCode}</p>
        <p className="field-hint">{t("ask.done.codeHint")}</p>
      </div>
      <div className="panel status-link-panel">
        <label htmlFor="status-url" className="status-link-label">
          {t("ask.done.linkLabel")}
        </label>
        <p className="field-hint" id="status-url-hint">
          {t("ask.done.linkHint")}
        </p>
        <div className="copy-row">
          <input
            ref={input}
            id="status-url"
            type="text"
            readOnly
            value={result.statusUrl}
            aria-describedby="status-url-hint"
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={() => void copy()}>
            {t("ask.done.copy")}
          </button>
        </div>
        <StatusMessage>
          {copied === "yes"
            ? t("ask.done.copied")
            : copied === "manual"
              ? t("ask.done.copyManually")
              : null}
        </StatusMessage>
        <p>
          <a className="button-secondary" href={result.statusUrl}>
            {t("ask.done.open")}
          </a>
        </p>
      </div>
      <section className="section" aria-labelledby="ask-next-title">
        <h2 id="ask-next-title">{t("ask.done.nextTitle")}</h2>
        <ol className="steps">
          <li>{t("ask.done.next1")}</li>
          <li>{t("ask.done.next2")}</li>
          <li>{t("ask.done.next3")}</li>
        </ol>
      </section>
      <p>
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{t("ask.done.back")}</Link>
      </p>
    </section>
  );
}
