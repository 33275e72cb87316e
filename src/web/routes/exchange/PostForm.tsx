// The parts the public ask and offer forms share: the page around the form (group loading,
// then the form, then the confirmation), the heading, the category cards, the description with
// its character count, the languages, and the honeypot, privacy note and submit button.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupArea } from "../../components/area/areaText";
import {
  CheckboxGroup,
  HoneypotField,
  RadioGroup,
  SubmitButton,
  TextArea,
} from "../../components/forms";
import { type LocationValue, locationForRequest } from "../../components/LocationPicker";
import { Loading, Refusal } from "../../components/Refusal";
import { clientErrors, describeError, type ErrorView } from "../../lib/errors";
import { usePageTitle } from "../../lib/usePageTitle";
import { useGroup } from "../groups/useGroup";
import {
  type ContactValue,
  contactForRequest,
  contactProblems,
  EMPTY_CONTACT,
} from "../offers/ContactFields";
import { CATEGORY_IDS, type PostNeedRequest } from "./needsApi";

export const DESCRIPTION_MAX = 2000;
export type Category = PostNeedRequest["category"];
export type Language = "en" | "es";

export interface PostFormProps<R> {
  groupId: string;
  groupName: string;
  area: GroupArea | null;
  onDone: (result: R) => void;
}

/** The group's page for a public form: loading, refusal, the form, then what it returned. */
export function PostPage<R>({
  formTitle,
  doneTitle,
  form,
  done,
}: {
  formTitle: string;
  doneTitle: string;
  form: (props: PostFormProps<R>) => ReactNode;
  done: (groupId: string, result: R) => ReactNode;
}) {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [result, setResult] = useState<R | null>(null);
  usePageTitle(t("common.documentTitle", { page: result ? doneTitle : formTitle }));

  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (result) return done(groupId, result);
  return form({ groupId, groupName: group.data.name, area: group.data.area, onDone: setResult });
}

/** The section, back link, heading and lead; the error summary and form go inside. */
export function PostFormPage({
  titleId,
  title,
  lead,
  groupId,
  groupName,
  children,
}: {
  titleId: string;
  title: string;
  lead: string;
  groupId: string;
  groupName: string;
  children: ReactNode;
}) {
  return (
    <section className="form-page ask-page" aria-labelledby={titleId}>
      <p className="back-link">
        <Link to={`/groups/${encodeURIComponent(groupId)}`}>{groupName}</Link>
      </p>
      <h1 id={titleId}>{title}</h1>
      <p className="lead">{lead}</p>
      {children}
    </section>
  );
}

export function CategoryField({
  legend,
  error,
  value,
  onValue,
}: {
  legend: string;
  error: string | undefined;
  value: Category | "";
  onValue: (value: Category) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="category-cards">
      <RadioGroup
        id="category"
        legend={legend}
        error={error}
        value={value as Category}
        onValue={onValue}
        choices={CATEGORY_IDS.map((id) => ({
          value: id,
          label: t(`exchange.categories.${id}` as "exchange.categories.other"),
        }))}
      />
    </div>
  );
}

export function DescriptionField({
  label,
  hint,
  count,
  value,
  onValue,
  error,
}: {
  label: string;
  hint: string;
  /** The character count text, given the current length and the maximum. */
  count: (count: number, max: number) => string;
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <TextArea
      id="description"
      label={label}
      hint={
        <>
          {hint} <span className="char-count">{count(value.length, DESCRIPTION_MAX)}</span>
        </>
      }
      value={value}
      onValue={onValue}
      error={error}
      maxLength={DESCRIPTION_MAX}
      rows={4}
      required
    />
  );
}

export function LanguagesField({
  legend,
  error,
  values,
  onValues,
}: {
  legend: string;
  error: string | undefined;
  values: Language[];
  onValues: (values: Language[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      id="languages"
      legend={legend}
      error={error}
      values={values}
      onValues={onValues}
      choices={(["es", "en"] as const).map((code) => ({
        value: code,
        label: t(`common.languageNames.${code}` as "common.languageNames.en"),
      }))}
    />
  );
}

/** The honeypot, the privacy note and the submit button that end both forms. */
export function PostFormEnd({
  website,
  onWebsite,
  privacy,
  pending,
  pendingLabel,
  submit,
}: {
  website: string;
  onWebsite: (value: string) => void;
  privacy: string;
  pending: boolean;
  pendingLabel: string;
  submit: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <HoneypotField label={t("ask.honeypot")} value={website} onChange={onWebsite} />
      <p className="field-hint">{privacy}</p>
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {submit}
      </SubmitButton>
    </>
  );
}

type Problem = { field: string; detail: string };

/** What both forms send, whatever else each adds. */
export interface CommonPost {
  category: Category;
  description: string;
  location?: NonNullable<ReturnType<typeof locationForRequest>>;
  contact: PostNeedRequest["contact"];
  languages?: Language[];
  website?: string;
}

/**
 * The state, checks and sending the two forms share: category, description, place, contact,
 * languages and the honeypot. `extraProblems` checks the form's own fields (after the shared
 * ones); `build` adds them to what is sent.
 */
export function usePostForm<Req, R>({
  post,
  onDone,
  texts,
  extraProblems,
  build,
}: {
  post: (body: Req) => Promise<R>;
  onDone: (result: R) => void;
  texts: { categoryRequired: string; descriptionRequired: string };
  extraProblems?: () => Problem[];
  build: (common: CommonPost) => Req;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category | "">("");
  const [description, setDescription] = useState("");
  const [place, setPlace] = useState<LocationValue>({});
  const [contact, setContact] = useState<ContactValue>(EMPTY_CONTACT);
  const [languages, setLanguages] = useState<Language[]>([]);
  const [website, setWebsite] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);

  const mutation = useMutation({ mutationFn: post, onSuccess: onDone });
  const error = checked ?? (mutation.error ? describeError(mutation.error, t) : null);

  function check(): ErrorView | null {
    const problems: Problem[] = [];
    if (!category) problems.push({ field: "category", detail: texts.categoryRequired });
    if (!description.trim()) {
      problems.push({ field: "description", detail: texts.descriptionRequired });
    }
    problems.push(...contactProblems(t, contact));
    if (extraProblems) problems.push(...extraProblems());
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
    mutation.mutate(
      build({
        category,
        description: description.trim(),
        ...(location ? { location } : {}),
        contact: contactForRequest({ ...contact, channel }),
        ...(languages.length ? { languages } : {}),
        ...(website ? { website } : {}),
      }),
    );
  }

  return {
    category,
    setCategory,
    description,
    setDescription,
    place,
    setPlace,
    contact,
    setContact,
    languages,
    setLanguages,
    website,
    setWebsite,
    error,
    pending: mutation.isPending,
    submit,
  };
}
