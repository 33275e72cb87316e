// The group's open offers for volunteers and coordinators, filtered by category, kind and
// language (public fields only). Coordinators open one offer to see how to reach the offerer
// (the showing is logged) and record each use.
import "./texts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ComponentProps, type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
} from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { clientErrors, describeError, type ErrorView, fieldMessage } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { CATEGORY_IDS } from "../exchange/needsApi";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";
import { OfferFacts } from "./OfferFacts";
import {
  getOffer,
  listOffers,
  OFFER_KINDS,
  type OffersQuery,
  offerKeys,
  openNeeds,
  type PublicOfferView,
  recordOfferUse,
} from "./offersApi";

export default function Offers() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [query, setQuery] = useState<OffersQuery>({});
  const offers = useQuery({
    queryKey: offerKeys.list(groupId, query),
    queryFn: ({ signal }) => listOffers(groupId, query, signal),
    placeholderData: (previous) => previous,
  });
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("offers.list.title", { name: group.data.name })
        : t("offers.list.loadingTitle"),
    }),
  );

  // The list is what is refused (sign in first, volunteers only): say so first.
  if (offers.isError && !offers.data) {
    return <Refusal error={offers.error} onRetry={() => void offers.refetch()} />;
  }
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (group.isPending) return <Loading />;
  return (
    <OffersView group={group.data} query={query} onQuery={setQuery} offers={offers.data ?? null} />
  );
}

function OffersView({
  group,
  query,
  onQuery,
  offers,
}: {
  group: GroupDetail;
  query: OffersQuery;
  onQuery: (query: OffersQuery) => void;
  offers: PublicOfferView[] | null;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const countHeading = useRef<HTMLHeadingElement>(null);
  const coordinator = isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin);
  const any = { value: "", label: t("offers.list.any") };
  const set = (key: keyof OffersQuery) => (value: string) =>
    onQuery({ ...query, [key]: value || undefined });

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("offers.list.title", { name: group.name })}</h1>
      <GroupNav group={group} />
      <p className="lead">{t("offers.list.lead")}</p>
      <p>
        <Link to={`/groups/${encodeURIComponent(group.id)}/offer`}>
          {t("offers.list.shareLink")}
        </Link>
      </p>
      <form
        className="search-form offers-filters"
        aria-label={t("offers.list.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          id="filter-category"
          label={t("offers.list.category")}
          value={query.category ?? ""}
          onValue={set("category")}
          options={[
            any,
            ...CATEGORY_IDS.map((id) => ({
              value: id,
              label: t(`exchange.categories.${id}` as "exchange.categories.other"),
            })),
          ]}
        />
        <SelectField
          id="filter-kind"
          label={t("offers.list.kind")}
          value={query.kind ?? ""}
          onValue={set("kind")}
          options={[
            any,
            ...OFFER_KINDS.map((id) => ({
              value: id,
              label: t(`offers.form.kinds.${id}` as "offers.form.kinds.once"),
            })),
          ]}
        />
        <SelectField
          id="filter-language"
          label={t("offers.list.language")}
          value={query.language ?? ""}
          onValue={set("language")}
          options={[
            any,
            ...(["es", "en"] as const).map((code) => ({
              value: code,
              label: t(`common.languageNames.${code}` as "common.languageNames.en"),
            })),
          ]}
        />
      </form>
      <StatusMessage>{message}</StatusMessage>
      {offers === null ? (
        <Loading />
      ) : (
        <section aria-labelledby="offers-count">
          <h2 id="offers-count" ref={countHeading} tabIndex={-1}>
            {t("offers.list.count", { count: offers.length })}
          </h2>
          {offers.length === 0 ? <p className="empty">{t("offers.list.empty")}</p> : null}
          <ul className="cards offer-cards">
            {offers.map((offer) => (
              <li key={offer.id} className="card offer-card">
                <h3>{t(`exchange.categories.${offer.category}` as "exchange.categories.other")}</h3>
                <p className="badge">
                  {t(`offers.form.kinds.${offer.kind}` as "offers.form.kinds.once")}
                </p>
                <p className="card-description need-description">{offer.description}</p>
                {offer.availability ? <p>{offer.availability}</p> : null}
                <p className="muted">
                  {t("offers.list.posted", { date: formatDate(offer.createdAt, language) })}
                  {" · "}
                  {t("offers.list.usedTimes", { count: offer.uses })}
                </p>
                {coordinator ? (
                  <p>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-expanded={openId === offer.id}
                      aria-controls={`offer-detail-${offer.id}`}
                      onClick={() => {
                        setMessage(null);
                        setOpenId(openId === offer.id ? null : offer.id);
                      }}
                    >
                      {openId === offer.id ? t("offers.list.close") : t("offers.list.open")}
                    </button>
                  </p>
                ) : null}
                {coordinator && openId === offer.id ? (
                  <OfferDetail
                    groupId={group.id}
                    offerId={offer.id}
                    onUsed={(text, closed) => {
                      setMessage(text);
                      if (closed) {
                        setOpenId(null);
                        countHeading.current?.focus();
                      }
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** One offer's contact (the showing is logged) and the form that records a use. */
function OfferDetail({
  groupId,
  offerId,
  onUsed,
}: {
  groupId: string;
  offerId: string;
  onUsed: (message: string, closed: boolean) => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const offer = useQuery({
    queryKey: ["offer", groupId, offerId],
    queryFn: () => getOffer(groupId, offerId),
    staleTime: 0,
  });
  useEffect(() => {
    if (offer.isSuccess) heading.current?.focus();
  }, [offer.isSuccess]);

  return (
    <section
      id={`offer-detail-${offerId}`}
      className="nested"
      aria-label={t("offers.detail.title")}
    >
      {offer.isPending ? <Loading label={t("offers.detail.loading")} /> : null}
      {offer.isError ? <ErrorSummary error={describeError(offer.error, t)} /> : null}
      {offer.data ? (
        <>
          <h4 ref={heading} tabIndex={-1}>
            {t("offers.detail.title")}
          </h4>
          <OfferFacts offer={offer.data} />
          <p className="field-hint">{t("offers.detail.logged")}</p>
          <UseForm groupId={groupId} offerId={offerId} onUsed={onUsed} />
        </>
      ) : null}
    </section>
  );
}

function UseForm({
  groupId,
  offerId,
  onUsed,
}: {
  groupId: string;
  offerId: string;
  onUsed: (message: string, closed: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const needs = useQuery({
    queryKey: ["offers", groupId, "needs"],
    queryFn: ({ signal }) => openNeeds(groupId, signal),
  });
  const [needId, setNeedId] = useState("");
  const [minutes, setMinutes] = useState("");
  const [goods, setGoods] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);
  const id = (name: string) => `use-${name}-${offerId}`;

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof recordOfferUse>[2]) =>
      recordOfferUse(groupId, offerId, body),
    onSuccess: async ({ offer }) => {
      const closed = offer.status !== "open";
      queryClient.setQueryData(["offer", groupId, offerId], (shown: object | undefined) =>
        shown ? { ...shown, ...offer } : shown,
      );
      await queryClient.invalidateQueries({ queryKey: offerKeys.all(groupId) });
      onUsed(
        closed
          ? t("offers.detail.recordedClosed")
          : t("offers.detail.recorded", { count: offer.uses }),
        closed,
      );
      setMinutes("");
      setGoods("");
      setAmount("");
    },
  });
  const error = checked ?? (mutation.error ? describeError(mutation.error, t) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const problems: { field: string; detail: string }[] = [];
    const m = minutes.trim();
    if (m && !(/^\d+$/.test(m) && Number(m) >= 1)) {
      problems.push({ field: "minutes", detail: t("offers.detail.minutesInvalid") });
    }
    const a = amount.trim().replace(",", ".");
    if (a && !/^\d+(\.\d{1,2})?$/.test(a)) {
      problems.push({ field: "amount", detail: t("offers.detail.amountInvalid") });
    }
    if (a && !currency.trim()) {
      problems.push({ field: "currency", detail: t("offers.detail.currencyRequired") });
    }
    const found = clientErrors(t, problems);
    setChecked(found);
    if (found) return;
    mutation.mutate({
      ...(needId ? { needId } : {}),
      ...(m ? { minutes: Number(m) } : {}),
      ...(goods.trim() ? { goods: goods.trim() } : {}),
      ...(a ? { amount: Number(a), currency: currency.trim().toUpperCase() } : {}),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={id("title")}>
      <h4 id={id("title")}>{t("offers.detail.useTitle")}</h4>
      <p className="field-hint">{t("offers.detail.useLead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          needId: { id: id("need"), label: t("offers.detail.need") },
          minutes: { id: id("minutes"), label: t("offers.detail.minutes") },
          goods: { id: id("goods"), label: t("offers.detail.goods") },
          amount: { id: id("amount"), label: t("offers.detail.amount") },
          currency: { id: id("currency"), label: t("offers.detail.currency") },
        }}
      />
      <SelectField
        id={id("need")}
        label={t("offers.detail.need")}
        hint={t("offers.detail.needHint")}
        value={needId}
        onValue={setNeedId}
        error={fieldMessage(error, "needId")}
        options={[
          { value: "", label: t("offers.detail.needNone") },
          ...(needs.data ?? []).map((need) => ({
            value: need.id,
            label: `${t(`exchange.categories.${need.category}` as "exchange.categories.other")}: ${need.description.slice(0, 60)}`,
          })),
        ]}
      />
      <UseField
        name="minutes"
        id={id}
        error={error}
        className="field-short"
        value={minutes}
        onValue={setMinutes}
        inputMode="numeric"
        maxLength={6}
      />
      <UseField
        name="goods"
        id={id}
        error={error}
        hint={t("offers.detail.goodsHint")}
        value={goods}
        onValue={setGoods}
        maxLength={300}
      />
      <UseField
        name="amount"
        id={id}
        error={error}
        className="field-short"
        hint={t("offers.detail.amountHint")}
        value={amount}
        onValue={setAmount}
        inputMode="decimal"
        maxLength={12}
      />
      <UseField
        name="currency"
        id={id}
        error={error}
        className="field-short"
        hint={t("offers.detail.currencyHint")}
        value={currency}
        onValue={setCurrency}
        autoCapitalize="characters"
        maxLength={3}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel={t("offers.detail.submitting")}>
        {t("offers.detail.submit")}
      </SubmitButton>
    </form>
  );
}

/** One of the use form's optional answers (its id, label and message follow its name). */
function UseField({
  name,
  id,
  error,
  ...field
}: {
  name: "minutes" | "goods" | "amount" | "currency";
  id: (part: string) => string;
  error: ErrorView | null;
} & Omit<ComponentProps<typeof TextField>, "id" | "label" | "error" | "optional">) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id(name)}
      label={t(`offers.detail.${name}` as "offers.detail.goods")}
      optional
      error={fieldMessage(error, name)}
      autoComplete="off"
      {...field}
    />
  );
}
