// Offering help to a group: no account, no map needed, a few plain questions (the ask form's
// place picker and contact questions). On success the same address shows the short code and the private link.
import "./texts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, RadioGroup, TextField } from "../../components/forms";
import { LocationPicker } from "../../components/LocationPicker";
import { fieldMessage } from "../../lib/errors";
import { PostedConfirmation } from "../exchange/PostedConfirmation";
import {
  CategoryField,
  DescriptionField,
  LanguagesField,
  PostFormEnd,
  PostFormPage,
  type PostFormProps,
  PostPage,
  usePostForm,
} from "../exchange/PostForm";
import { ContactFields, contactSummaryFields } from "./ContactFields";
import {
  OFFER_KINDS,
  type OfferKind,
  type PostOfferRequest,
  type PostOfferResult,
  postOffer,
} from "./offersApi";

export default function OfferHelp() {
  const { t } = useTranslation();
  return (
    <PostPage<PostOfferResult>
      formTitle={t("offers.form.title")}
      doneTitle={t("offers.done.title")}
      form={(props) => <OfferForm {...props} />}
      done={(groupId, result) => <Confirmation groupId={groupId} result={result} />}
    />
  );
}

function OfferForm({ groupId, groupName, area, onDone }: PostFormProps<PostOfferResult>) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<OfferKind>("ongoing");
  const [availability, setAvailability] = useState("");
  const form = usePostForm({
    post: (body: PostOfferRequest) => postOffer(groupId, body),
    onDone,
    texts: {
      categoryRequired: t("offers.form.categoryRequired"),
      descriptionRequired: t("offers.form.descriptionRequired"),
    },
    build: (common): PostOfferRequest => ({
      ...common,
      kind,
      ...(availability.trim() ? { availability: availability.trim() } : {}),
    }),
  });
  const { error } = form;

  return (
    <PostFormPage
      titleId="offer-title"
      title={t("offers.form.titleGroup", { group: groupName })}
      lead={t("offers.form.lead")}
      groupId={groupId}
      groupName={groupName}
    >
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
      <form onSubmit={form.submit} noValidate>
        <CategoryField
          legend={t("offers.form.category")}
          error={fieldMessage(error, "category")}
          value={form.category}
          onValue={form.setCategory}
        />
        <DescriptionField
          label={t("offers.form.description")}
          hint={t("offers.form.descriptionHint")}
          count={(count, max) => t("offers.form.count", { count, max })}
          value={form.description}
          onValue={form.setDescription}
          error={fieldMessage(error, "description")}
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
          value={form.place}
          onChange={form.setPlace}
          error={fieldMessage(error, "location")}
        />
        <ContactFields
          legend={t("offers.form.contactLegend")}
          hint={t("offers.form.contactHint")}
          value={form.contact}
          onChange={form.setContact}
          error={error}
        />
        <LanguagesField
          legend={t("offers.form.languages")}
          error={fieldMessage(error, "languages")}
          values={form.languages}
          onValues={form.setLanguages}
        />
        <PostFormEnd
          website={form.website}
          onWebsite={form.setWebsite}
          privacy={t("offers.form.privacy")}
          pending={form.pending}
          pendingLabel={t("offers.form.submitting")}
          submit={t("offers.form.submit")}
        />
      </form>
    </PostFormPage>
  );
}

function Confirmation({ groupId, result }: { groupId: string; result: PostOfferResult }) {
  const { t } = useTranslation();
  return (
    <PostedConfirmation
      groupId={groupId}
      result={result}
      titleId="offer-done-title"
      urlId="offer-url"
      texts={{
        title: t("offers.done.title"),
        announce: t("offers.done.announce"),
        codeLabel: t("offers.done.codeLabel"),
        codeHint: t("offers.done.codeHint"),
        linkLabel: t("offers.done.linkLabel"),
        linkHint: t("offers.done.linkHint"),
        open: t("offers.done.open"),
        back: t("offers.done.back"),
      }}
    />
  );
}
