// Offering help to a group: no account, no map needed, a few plain questions (the ask form's
// place picker and contact questions). On success the same address shows the short code and the private link.
import "./texts";
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
import { CATEGORY_IDS } from "../exchange/needsApi";
import { useGroup } from "../groups/useGroup";
import {
  ContactFields,
  type ContactValue,
  contactForRequest,
  contactProblems,
  contactSummaryFields,
  EMPTY_CONTACT,
} from "./ContactFields";
import {
  OFFER_KINDS,
  type OfferKind,
  type PostOfferRequest,
  type PostOfferResult,
  postOffer,
} from "./offersApi";

const DESCRIPTION_MAX = 2000;
type Category = PostOfferRequest["category"];
type Language = "en" | "es";

export default function OfferHelp() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [result, setResult] = useState<PostOfferResult | null>(null);
  const page = result ? t("offers.done.title") : t("offers.form.title");
  usePageTitle(t("common.documentTitle", { page }));

  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (result) return <Confirmation groupId={groupId} result={result} />;
  return (
    <OfferForm
      groupId={groupId}
      groupName={group.data.name}
      area={group.data.area}
      onDone={setResult}
    />
  );
}

function OfferForm({
  groupId,
  groupName,
  area,
  onDone,
}: {
  groupId: string;
  groupName: string;
  area: GroupArea | null;
  onDone: (result: PostOfferResult) => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category | "">("");
  const [description, setDescription] = useState("");
  const [kind, setKind] = useState<OfferKind>("ongoing");
  const [availability, setAvailability] = useState("");
  const [place, setPlace] = useState<LocationValue>({});
  const [contact, setContact] = useState<ContactValue>(EMPTY_CONTACT);
  const [languages, setLanguages] = useState<Language[]>([]);
  const [website, setWebsite] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);

  const mutation = useMutation({
    mutationFn: (body: PostOfferRequest) => postOffer(groupId, body),
    onSuccess: onDone,
  });
  const error = checked ?? (mutation.error ? describeError(mutation.error, t) : null);

  function check(): ErrorView | null {
    const problems: { field: string; detail: string }[] = [];
    if (!category) problems.push({ field: "category", detail: t("offers.form.categoryRequired") });
    if (!description.trim()) {
      problems.push({ field: "description", detail: t("offers.form.descriptionRequired") });
    }
    problems.push(...contactProblems(t, contact));
    return clientErrors(t, problems);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const problems = check();
    setChecked(problems);
    const { channel } = contact;
    if (problems || !category || !channel) return;
    const location = locationForRequest(place);
    mutation.mutate({
      category,
      description: description.trim(),
      kind,
      ...(availability.trim() ? { availability: availability.trim() } : {}),
      ...(location ? { location } : {}),
      contact: contactForRequest({ ...contact, channel }),
      ...(languages.length ? { languages } : {}),
      ...(website ? { website } : {}),
    });
  }

  return (
    <section className="form-page ask-page" aria-labelledby="offer-title">
      <p className="back-link">
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{groupName}</Link>
      </p>
      <h1 id="offer-title">{t("offers.form.titleGroup", { group: groupName })}</h1>
      <p className="lead">{t("offers.form.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          category: { id: "category", label: t("offers.form.category") },
          description: { id: "description", label: t("offers.form.description") },
          kind: { id: "kind", label: t("offers.form.kind") },
          availability: { id: "availability", label: t("offers.form.availability") },
          location: { id: "location-text", label: t("ask.location.text") },
          ...contactSummaryFields(t, t("offers.form.contactLegend")),
          languages: { id: "languages", label: t("offers.form.languages") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <div className="category-cards">
          <RadioGroup
            id="category"
            legend={t("offers.form.category")}
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
          label={t("offers.form.description")}
          hint={
            <>
              {t("offers.form.descriptionHint")}{" "}
              <span className="char-count">
                {t("offers.form.count", { count: description.length, max: DESCRIPTION_MAX })}
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
          id="kind"
          legend={t("offers.form.kind")}
          error={fieldMessage(error, "kind")}
          value={kind}
          onValue={setKind}
          choices={OFFER_KINDS.map((id) => ({
            value: id,
            label: t(`offers.form.kinds.${id}` as "offers.form.kinds.once"),
            description: t(`offers.form.kindHints.${id}` as "offers.form.kindHints.once"),
          }))}
        />
        <TextField
          id="availability"
          label={t("offers.form.availability")}
          hint={t("offers.form.availabilityHint")}
          optional
          value={availability}
          onValue={setAvailability}
          error={fieldMessage(error, "availability")}
          autoComplete="off"
          maxLength={300}
        />
        <LocationPicker
          groupId={groupId}
          area={area}
          value={place}
          onChange={setPlace}
          error={fieldMessage(error, "location")}
        />
        <ContactFields
          legend={t("offers.form.contactLegend")}
          hint={t("offers.form.contactHint")}
          value={contact}
          onChange={setContact}
          error={error}
        />
        <CheckboxGroup
          id="languages"
          legend={t("offers.form.languages")}
          error={fieldMessage(error, "languages")}
          values={languages}
          onValues={setLanguages}
          choices={(["es", "en"] as const).map((code) => ({
            value: code,
            label: t(`common.languageNames.${code}` as "common.languageNames.en"),
          }))}
        />
        <HoneypotField label={t("ask.honeypot")} value={website} onChange={setWebsite} />
        <p className="field-hint">{t("offers.form.privacy")}</p>
        <SubmitButton pending={mutation.isPending} pendingLabel={t("offers.form.submitting")}>
          {t("offers.form.submit")}
        </SubmitButton>
      </form>
    </section>
  );
}

function Confirmation({ groupId, result }: { groupId: string; result: PostOfferResult }) {
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
          input.current?.select();
          setCopied("manual");
        },
      );
  }

  return (
    <section className="ask-done" aria-labelledby="offer-done-title">
      <h1 id="offer-done-title" ref={heading} tabIndex={-1}>
        {t("offers.done.title")}
      </h1>
      <StatusMessage>{announced ? t("offers.done.announce") : null}</StatusMessage>
      <div className="panel short-code-panel">
        <h2>{t("offers.done.codeLabel")}</h2>
        <p className="short-code">{result.shortCode}</p>
        <p className="field-hint">{t("offers.done.codeHint")}</p>
      </div>
      <div className="panel status-link-panel">
        <label htmlFor="offer-url" className="status-link-label">
          {t("offers.done.linkLabel")}
        </label>
        <p className="field-hint" id="offer-url-hint">
          {t("offers.done.linkHint")}
        </p>
        <div className="copy-row">
          <input
            ref={input}
            id="offer-url"
            type="text"
            readOnly
            value={result.statusUrl}
            aria-describedby="offer-url-hint"
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
            {t("offers.done.open")}
          </a>
        </p>
      </div>
      <p>
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{t("offers.done.back")}</Link>
      </p>
    </section>
  );
}
