// Asking a group for help: no account, no map needed, a few plain questions. The place comes
// from the LocationPicker (my location, a pin or an area on a map, or words). On success the
// same address shows the short code and the private status link.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, RadioGroup, TextArea, TextField } from "../../components/forms";
import { LocationPicker } from "../../components/LocationPicker";
import { fieldMessage } from "../../lib/errors";
import { ContactFields, contactSummaryFields } from "../offers/ContactFields";
import { type PostNeedRequest, type PostNeedResult, postNeed, URGENCIES } from "./needsApi";
import { PostedConfirmation } from "./PostedConfirmation";
import {
  CategoryField,
  DescriptionField,
  LanguagesField,
  PostFormEnd,
  PostFormPage,
  type PostFormProps,
  PostPage,
  usePostForm,
} from "./PostForm";

type Urgency = NonNullable<PostNeedRequest["urgency"]>;

export default function AskForHelp() {
  const { t } = useTranslation();
  return (
    <PostPage<PostNeedResult>
      formTitle={t("ask.title")}
      doneTitle={t("ask.done.title")}
      form={(props) => <AskForm {...props} />}
      done={(groupId, result) => <Confirmation groupId={groupId} result={result} />}
    />
  );
}

function AskForm({ groupId, groupName, area, onDone }: PostFormProps<PostNeedResult>) {
  const { t } = useTranslation();
  const [urgency, setUrgency] = useState<Urgency>("normal");
  const [householdSize, setHouseholdSize] = useState("");
  const [notes, setNotes] = useState("");
  const form = usePostForm({
    post: (body: PostNeedRequest) => postNeed(groupId, body),
    onDone,
    texts: {
      categoryRequired: t("ask.categoryRequired"),
      descriptionRequired: t("ask.descriptionRequired"),
    },
    extraProblems: () => {
      const size = householdSize.trim();
      if (size && !(/^\d+$/.test(size) && Number(size) >= 1 && Number(size) <= 30)) {
        return [{ field: "householdSize", detail: t("ask.more.householdSizeInvalid") }];
      }
      return [];
    },
    build: (common): PostNeedRequest => ({
      ...common,
      urgency,
      ...(householdSize.trim() ? { householdSize: Number(householdSize) } : {}),
      ...(notes.trim() ? { sensitiveNotes: notes.trim() } : {}),
    }),
  });
  const { error } = form;

  return (
    <PostFormPage
      titleId="ask-title"
      title={t("ask.titleGroup", { group: groupName })}
      lead={t("ask.lead")}
      groupId={groupId}
      groupName={groupName}
    >
      <ErrorSummary
        error={error}
        fields={{
          category: { id: "category", label: t("ask.category.legend") },
          description: { id: "description", label: t("ask.description.label") },
          urgency: { id: "urgency", label: t("ask.urgency.legend") },
          location: { id: "location-text", label: t("ask.location.text") },
          ...contactSummaryFields(t, t("ask.contact.legend")),
          householdSize: { id: "householdSize", label: t("ask.more.householdSize") },
          languages: { id: "languages", label: t("ask.more.languages") },
          sensitiveNotes: { id: "sensitiveNotes", label: t("ask.more.notes") },
        }}
      />
      <form onSubmit={form.submit} noValidate>
        <CategoryField
          legend={t("ask.category.legend")}
          error={fieldMessage(error, "category")}
          value={form.category}
          onValue={form.setCategory}
        />
        <DescriptionField
          label={t("ask.description.label")}
          hint={t("ask.description.hint")}
          count={(count, max) => t("ask.description.count", { count, max })}
          value={form.description}
          onValue={form.setDescription}
          error={fieldMessage(error, "description")}
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
          value={form.place}
          onChange={form.setPlace}
          error={fieldMessage(error, "location")}
        />
        <ContactFields
          legend={t("ask.contact.legend")}
          hint={t("ask.contact.hint")}
          noneDescription={t("ask.contact.noneDescription")}
          value={form.contact}
          onChange={form.setContact}
          error={error}
        />
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
          <LanguagesField
            legend={t("ask.more.languages")}
            error={fieldMessage(error, "languages")}
            values={form.languages}
            onValues={form.setLanguages}
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
        <PostFormEnd
          website={form.website}
          onWebsite={form.setWebsite}
          privacy={t("ask.privacy")}
          pending={form.pending}
          pendingLabel={t("ask.submitting")}
          submit={t("ask.submit")}
        />
      </form>
    </PostFormPage>
  );
}

function Confirmation({ groupId, result }: { groupId: string; result: PostNeedResult }) {
  const { t } = useTranslation();
  return (
    <PostedConfirmation
      groupId={groupId}
      result={result}
      titleId="ask-done-title"
      urlId="status-url"
      texts={{
        title: t("ask.done.title"),
        announce: t("ask.done.announce"),
        codeLabel: t("ask.done.codeLabel"),
        codeHint: t("ask.done.codeHint"),
        linkLabel: t("ask.done.linkLabel"),
        linkHint: t("ask.done.linkHint"),
        open: t("ask.done.open"),
        back: t("ask.done.back"),
      }}
    >
      <section className="section" aria-labelledby="ask-next-title">
        <h2 id="ask-next-title">{t("ask.done.nextTitle")}</h2>
        <ol className="steps">
          <li>{t("ask.done.next1")}</li>
          <li>{t("ask.done.next2")}</li>
          <li>{t("ask.done.next3")}</li>
        </ol>
      </section>
    </PostedConfirmation>
  );
}
