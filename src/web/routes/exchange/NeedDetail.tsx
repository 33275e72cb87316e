// One need, for the group: what the server lets this viewer see (contact and exact place only
// for the volunteer holding it and coordinators; the server logs each showing), its history,
// the actions this viewer may take, and the thread with the requester. A refused action shows
// the server's translated problem and the need is fetched again.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  ConfirmBox,
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
} from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import en from "../../i18n/board/screens.en.json";
import es from "../../i18n/board/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { clientErrors, describeError, type ErrorView, fieldMessage } from "../../lib/errors";
import { formatDateTime, languageName } from "../../lib/format";
import { isCoordinatorOrAdmin } from "../../lib/groupRules";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";
import { waitingText } from "./Board";
import {
  ACTIVE_STATUSES,
  type CloseAction,
  closeNeed,
  type FulfilRequest,
  fulfilNeed,
  getNeed,
  groupThread,
  type NeedActionName,
  type NeedView,
  needAction,
  needKeys,
  sendToThread,
} from "./needsApi";
import { Thread } from "./Thread";

addScreenTexts({ en, es });

/** The need is fetched again this often, so a claim by someone else shows up. */
const NEED_POLL_MS = 20_000;
const CURRENCIES = ["USD", "EUR", "MXN", "GBP", "CAD"];

export default function NeedDetail() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const needId = useParams().needId ?? "";
  const need = useQuery({
    queryKey: needKeys.need(groupId, needId),
    queryFn: ({ signal }) => getNeed(groupId, needId, signal),
    refetchInterval: NEED_POLL_MS,
  });
  usePageTitle(
    t("common.documentTitle", {
      page: need.data
        ? t("board.detail.title", {
            category: t(`exchange.categories.${need.data.category}` as "exchange.categories.other"),
          })
        : t("board.detail.loadingTitle"),
    }),
  );
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (need.isError) return <Refusal error={need.error} onRetry={() => void need.refetch()} />;
  if (group.isPending || need.isPending) return <Loading />;
  return <NeedPage group={group.data} need={need.data} />;
}

type Refusable = ErrorView | null;

function NeedPage({ group, need }: { group: GroupDetail; need: NeedView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const coordinator = isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin);
  const volunteer = coordinator || group.viewer.role === "volunteer";
  const [message, setMessage] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusable>(null);
  const key = needKeys.need(group.id, need.id);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: needKeys.board(group.id) }),
    ]);

  const action = useMutation({
    mutationFn: (name: NeedActionName) => needAction(group.id, need.id, name),
    onMutate: () => setRefusal(null),
    onSuccess: (_data, name) => {
      setMessage(t(`board.detail.done.${name}` as "board.detail.done.claim"));
      heading.current?.focus();
    },
    onError: (error) => setRefusal(describeError(error, t)),
    onSettled: () => void refresh(),
  });

  const active = ACTIVE_STATUSES.includes(need.status);
  const held = need.status === "claimed" || need.status === "in_progress";
  const mine = need.claimedByYou;
  const canClaim =
    volunteer &&
    !need.claimed &&
    (need.status === "triaged" || (need.status === "new" && !group.settings.intakeRequiresTriage));
  const canTriage = coordinator && need.status === "new";
  const canRelease = held && (mine || coordinator);
  const canStart = mine && need.status === "claimed";
  const canFulfil = held && (mine || coordinator);
  const closeActions: CloseAction[] = !active
    ? []
    : coordinator
      ? ["cancel", "refer", "mark_unreachable"]
      : mine
        ? ["mark_unreachable"]
        : [];
  const inThread = mine || coordinator;

  const button = (name: NeedActionName, primary = false) => (
    <button
      key={name}
      type="button"
      className={primary ? "button" : "button-secondary"}
      aria-busy={(action.isPending && action.variables === name) || undefined}
      onClick={() => !action.isPending && action.mutate(name)}
    >
      {t(`board.detail.actions.${name}` as "board.detail.actions.claim")}
    </button>
  );

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1 ref={heading} tabIndex={-1}>
        {t("board.detail.title", {
          category: t(`exchange.categories.${need.category}` as "exchange.categories.other"),
        })}
      </h1>
      <GroupNav group={group} />
      {volunteer ? (
        <p className="back-link">
          <Link to={`/groups/${group.id}/needs`}>{t("board.detail.backToBoard")}</Link>
        </p>
      ) : null}
      <div className="panel">
        <h2>{t("board.detail.nowTitle")}</h2>
        <p className="need-state">
          {t(`board.status.${need.status}` as "board.status.new")}
          {mine ? ` · ${t("board.yours")}` : ""}
        </p>
        <StatusMessage>{message}</StatusMessage>
        <ErrorSummary error={refusal} />
        {canClaim || canTriage || canRelease || canStart ? (
          <p className="button-row">
            {canClaim ? button("claim", true) : null}
            {canTriage ? button("triage", true) : null}
            {canStart ? button("start", true) : null}
            {canRelease ? button("release") : null}
          </p>
        ) : null}
      </div>

      <section className="section" aria-labelledby="need-facts-title">
        <h2 id="need-facts-title">{t("board.detail.factsTitle")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("board.detail.facts.description")}</dt>
            <dd className="need-description">{need.description}</dd>
          </div>
          <div>
            <dt>{t("board.detail.facts.urgency")}</dt>
            <dd>{t(`exchange.urgency.${need.urgency}` as "exchange.urgency.low")}</dd>
          </div>
          <div>
            <dt>{t("board.detail.facts.waiting")}</dt>
            <dd>{waitingText(t, need.ageMinutes)}</dd>
          </div>
          {need.languages.length > 0 ? (
            <div>
              <dt>{t("board.detail.facts.languages")}</dt>
              <dd>{need.languages.map((code) => languageName(code, t, language)).join(", ")}</dd>
            </div>
          ) : null}
          {need.householdSize ? (
            <div>
              <dt>{t("board.detail.facts.household")}</dt>
              <dd>{need.householdSize}</dd>
            </div>
          ) : null}
          {need.windowStart || need.windowEnd ? (
            <div>
              <dt>{t("board.detail.facts.window")}</dt>
              <dd>
                {[need.windowStart, need.windowEnd]
                  .map((iso) => (iso ? formatDateTime(iso, language) : "…"))
                  .join(" – ")}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      {need.contact || need.location ? (
        <section className="section panel" aria-labelledby="need-private-title">
          <h2 id="need-private-title">{t("board.detail.privateTitle")}</h2>
          <p className="muted">{t("board.detail.privateLead")}</p>
          <dl className="facts">
            {need.contact?.name ? (
              <div>
                <dt>{t("board.detail.facts.name")}</dt>
                <dd>{need.contact.name}</dd>
              </div>
            ) : null}
            {need.contact?.phone ? (
              <div>
                <dt>{t("board.detail.facts.phone")}</dt>
                <dd>
                  <a href={`tel:${need.contact.phone.replace(/\s+/g, "")}`}>{need.contact.phone}</a>
                </dd>
              </div>
            ) : null}
            {need.contact?.email ? (
              <div>
                <dt>{t("board.detail.facts.email")}</dt>
                <dd className="email-address">{need.contact.email}</dd>
              </div>
            ) : null}
            {need.contact ? (
              <div>
                <dt>{t("board.detail.facts.channel")}</dt>
                <dd>
                  {t(
                    `board.detail.channels.${need.contact.channel}` as "board.detail.channels.none",
                  )}
                </dd>
              </div>
            ) : null}
            {need.location?.text ? (
              <div>
                <dt>{t("board.detail.facts.place")}</dt>
                <dd>{need.location.text}</dd>
              </div>
            ) : null}
            {need.location?.lat !== null && need.location?.lat !== undefined ? (
              <div>
                <dt>{t("board.detail.facts.point")}</dt>
                <dd>
                  <a
                    href={`geo:${need.location.lat},${need.location.lng}`}
                    className="email-address"
                  >
                    {need.location.lat.toFixed(5)}, {need.location.lng?.toFixed(5)}
                  </a>
                </dd>
              </div>
            ) : null}
            {need.sensitiveNotes ? (
              <div>
                <dt>{t("board.detail.facts.notes")}</dt>
                <dd className="need-description">{need.sensitiveNotes}</dd>
              </div>
            ) : null}
            {need.shortCode ? (
              <div>
                <dt>{t("board.detail.facts.code")}</dt>
                <dd className="short-code-inline">{need.shortCode}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}

      {canFulfil ? (
        <FulfilForm
          group={group}
          need={need}
          onDone={() => {
            setMessage(t("board.detail.done.fulfil"));
            heading.current?.focus();
            void refresh();
          }}
          onRefused={() => void refresh()}
        />
      ) : null}

      {closeActions.length > 0 ? (
        <CloseForm
          group={group}
          need={need}
          actions={closeActions}
          onDone={(closed) => {
            setMessage(t(`board.detail.done.${closed}` as "board.detail.done.cancel"));
            heading.current?.focus();
            void refresh();
          }}
          onRefused={() => void refresh()}
        />
      ) : null}

      {inThread ? (
        <Thread
          reader="group"
          queryKey={needKeys.thread(group.id, need.id)}
          load={(signal) => groupThread(group.id, need.id, signal)}
          send={(body) => sendToThread(group.id, need.id, body)}
        />
      ) : null}

      {need.history && need.history.length > 0 ? (
        <section className="section" aria-labelledby="need-history-title">
          <h2 id="need-history-title">{t("board.detail.historyTitle")}</h2>
          <ol className="timeline">
            {need.history.map((step) => (
              <li key={`${step.createdAt}-${step.action}`}>
                <span className="timeline-label">
                  {t(`board.history.${historyKey(step.action)}` as "board.history.other")}
                </span>{" "}
                <time className="timeline-time" dateTime={step.createdAt}>
                  {formatDateTime(step.createdAt, language)}
                </time>
                {step.reason ? <p className="muted">{step.reason}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

const HISTORY_ACTIONS = [
  "post",
  "triage",
  "claim",
  "release",
  "expire",
  "start",
  "fulfil",
  "cancel",
  "mark_duplicate",
  "refer",
  "mark_unreachable",
  "add_details",
  "confirm",
];
export const historyKey = (action: string) => (HISTORY_ACTIONS.includes(action) ? action : "other");

/** "What moved": time, goods, money (all optional), then fulfilled. */
function FulfilForm({
  group,
  need,
  onDone,
  onRefused,
}: {
  group: GroupDetail;
  need: NeedView;
  onDone: () => void;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState("");
  const [goods, setGoods] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("");
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);

  const fulfil = useMutation({
    mutationFn: (body: FulfilRequest) => fulfilNeed(group.id, need.id, body),
    onSuccess: onDone,
    onError: onRefused,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fulfil.isPending) return;
    const problems: { field: string; detail: string }[] = [];
    const body: FulfilRequest = {};
    if (minutes.trim()) {
      const n = Number(minutes);
      if (!Number.isInteger(n) || n < 1) {
        problems.push({ field: "minutes", detail: t("board.fulfil.minutesInvalid") });
      } else body.minutes = n;
    }
    if (goods.trim()) body.goods = goods.trim();
    if (amount.trim()) {
      const n = Number(amount.replace(",", "."));
      if (!Number.isFinite(n) || n <= 0) {
        problems.push({ field: "amount", detail: t("board.fulfil.amountInvalid") });
      } else body.amount = n;
      if (!currency) problems.push({ field: "currency", detail: t("board.fulfil.currencyNeeded") });
      else body.currency = currency;
    }
    if (reason.trim()) body.reason = reason.trim();
    const local = clientErrors(t, problems);
    setChecked(local);
    if (!local) fulfil.mutate(body);
  }

  const error = checked ?? (fulfil.error ? describeError(fulfil.error, t) : null);
  const fields = {
    minutes: { id: "fulfil-minutes", label: t("board.fulfil.minutes") },
    goods: { id: "fulfil-goods", label: t("board.fulfil.goods") },
    amount: { id: "fulfil-amount", label: t("board.fulfil.amount") },
    currency: { id: "fulfil-currency", label: t("board.fulfil.currency") },
    reason: { id: "fulfil-reason", label: t("board.fulfil.reason") },
  };
  return (
    <section className="section" aria-labelledby="fulfil-title">
      <h2 id="fulfil-title">{t("board.fulfil.title")}</h2>
      <p className="muted">{t("board.fulfil.lead")}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} fields={fields} />
        <TextField
          id="fulfil-minutes"
          label={fields.minutes.label}
          optional
          inputMode="numeric"
          className="field-short"
          value={minutes}
          onValue={setMinutes}
          error={fieldMessage(error, "minutes")}
        />
        <TextField
          id="fulfil-goods"
          label={fields.goods.label}
          optional
          maxLength={500}
          value={goods}
          onValue={setGoods}
          error={fieldMessage(error, "goods")}
        />
        <TextField
          id="fulfil-amount"
          label={fields.amount.label}
          optional
          inputMode="decimal"
          className="field-short"
          value={amount}
          onValue={setAmount}
          error={fieldMessage(error, "amount")}
        />
        <SelectField
          id="fulfil-currency"
          label={fields.currency.label}
          value={currency}
          onValue={setCurrency}
          options={[
            { value: "", label: t("board.fulfil.noCurrency") },
            ...CURRENCIES.map((code) => ({ value: code, label: code })),
          ]}
          error={fieldMessage(error, "currency")}
        />
        <TextField
          id="fulfil-reason"
          label={fields.reason.label}
          optional
          maxLength={500}
          value={reason}
          onValue={setReason}
          error={fieldMessage(error, "reason")}
        />
        <SubmitButton pending={fulfil.isPending}>{t("board.fulfil.submit")}</SubmitButton>
      </form>
    </section>
  );
}

/** Cancel, refer, or mark unreachable, always with a reason. */
function CloseForm({
  group,
  need,
  actions,
  onDone,
  onRefused,
}: {
  group: GroupDetail;
  need: NeedView;
  actions: CloseAction[];
  onDone: (action: CloseAction) => void;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<CloseAction>(actions[0] ?? "mark_unreachable");
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState<ErrorView | null>(null);
  const close = useMutation({
    mutationFn: () => closeNeed(group.id, need.id, choice, reason.trim()),
    onSuccess: () => onDone(choice),
    onError: onRefused,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (close.isPending) return;
    const local = reason.trim()
      ? null
      : clientErrors(t, [{ field: "reason", detail: t("board.close.reasonNeeded") }]);
    setChecked(local);
    if (!local) close.mutate();
  }

  const error = checked ?? (close.error ? describeError(close.error, t) : null);
  return (
    <section className="section" aria-labelledby="close-title">
      <h2 id="close-title">{t("board.close.title")}</h2>
      <p>
        <button
          ref={opener}
          type="button"
          className="button-secondary"
          aria-expanded={open}
          onClick={() => setOpen(true)}
        >
          {t("board.close.open")}
        </button>
      </p>
      {open ? (
        <ConfirmBox>
          <form onSubmit={submit} noValidate>
            <ErrorSummary
              error={error}
              fields={{ reason: { id: "close-reason", label: t("board.close.reason") } }}
            />
            <SelectField
              id="close-action"
              label={t("board.close.action")}
              value={choice}
              onValue={(value) => setChoice(value as CloseAction)}
              options={actions.map((a) => ({
                value: a,
                label: t(`board.close.actions.${a}` as "board.close.actions.cancel"),
              }))}
            />
            <TextField
              id="close-reason"
              label={t("board.close.reason")}
              maxLength={500}
              value={reason}
              onValue={setReason}
              error={fieldMessage(error, "reason")}
            />
            <p className="button-row">
              <SubmitButton pending={close.isPending} className="button-danger">
                {t("board.close.submit")}
              </SubmitButton>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setOpen(false);
                  opener.current?.focus();
                }}
              >
                {t("board.close.keep")}
              </button>
            </p>
          </form>
        </ConfirmBox>
      ) : null}
    </section>
  );
}
