// The requester's private status page: the token arrives in the link's #fragment, leaves the
// address bar at once, and stays in this tab (sessionStorage) so a reload still works. It
// refreshes by itself (polling), and holds the thread with the group, a form to add details
// and the confirmation that the help came.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
} from "../../components/forms";
import { currentLanguage } from "../../i18n";
import en from "../../i18n/board/screens.en.json";
import es from "../../i18n/board/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { clientErrors, describeError, fieldMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import {
  addDetails,
  CANCELLABLE,
  cancelNeed,
  confirmFulfilled,
  type NeedStatusView,
  needStatus,
  sendByToken,
  statusTokenStore,
  threadByToken,
} from "./needsApi";
import { StopSection } from "./StopSection";
import { Thread } from "./Thread";
import { TokenPage, useStoredToken } from "./TokenPage";

addScreenTexts({ en, es });

/** The page looks for news this often (the requester has no other way to hear of it). */
const STATUS_POLL_MS = 15_000;
const DETAILS_MAX = 1000;
/** History steps named by the board's texts rather than the status page's. */
const BOARD_HISTORY_ACTIONS = ["add_details", "confirm"];

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
];

export default function NeedStatusPage() {
  const { t } = useTranslation();
  const token = useStoredToken(statusTokenStore);
  const need = useQuery({
    queryKey: ["needStatus", token],
    queryFn: ({ signal }) => needStatus(token ?? "", signal),
    enabled: token !== null,
    retry: false,
    refetchInterval: (query) => (query.state.status === "error" ? false : STATUS_POLL_MS),
  });
  return (
    <TokenPage
      token={token}
      query={need}
      idPrefix="status"
      texts={{
        title: t("status.title"),
        missingTitle: t("status.missing.title"),
        missingText: t("status.missing.text"),
        retry: t("status.retry"),
      }}
    >
      {(token, data) => <StatusView token={token} need={data} />}
    </TokenPage>
  );
}

function StatusView({ token, need }: { token: string; need: NeedStatusView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const nowHeading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  // Say it when the status changes by itself (a volunteer claimed, started, finished); the
  // requester's own actions say their own words.
  const lastStatus = useRef(need.status);

  const cancel = useMutation({
    mutationFn: () => cancelNeed(token, reason.trim() || undefined),
    onSuccess: (updated) => {
      lastStatus.current = updated.status;
      queryClient.setQueryData(["needStatus", token], updated);
      setConfirming(false);
      setMessage(t("status.cancelled"));
      nowHeading.current?.focus();
    },
  });
  const open = CANCELLABLE.includes(need.status);
  const when = (iso: string) => formatDateTime(iso, language);

  useEffect(() => {
    if (lastStatus.current !== need.status) {
      lastStatus.current = need.status;
      setMessage(t(`status.statuses.${need.status}` as "status.statuses.new"));
    }
  }, [need.status, t]);

  return (
    <section className="need-status" aria-labelledby="status-title">
      <h1 id="status-title">{t("status.title")}</h1>
      <p className="lead">{t("status.group", { name: need.group.name })}</p>
      <div className="panel status-now">
        <h2 id="status-now-title" ref={nowHeading} tabIndex={-1}>
          {t("status.nowTitle")}
        </h2>
        <p className={`need-state need-state-${need.status}`}>
          {t(`status.statuses.${need.status}` as "status.statuses.new")}
        </p>
        <StatusMessage>{message}</StatusMessage>
      </div>
      <section className="section" aria-labelledby="status-details-title">
        <h2 id="status-details-title">{t("status.detailsTitle")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("status.facts.category")}</dt>
            <dd>{t(`exchange.categories.${need.category}` as "exchange.categories.other")}</dd>
          </div>
          <div>
            <dt>{t("status.facts.description")}</dt>
            <dd className="need-description">{need.description}</dd>
          </div>
          <div>
            <dt>{t("status.facts.urgency")}</dt>
            <dd>{t(`exchange.urgency.${need.urgency}` as "exchange.urgency.low")}</dd>
          </div>
          <div>
            <dt>{t("status.facts.posted")}</dt>
            <dd>{when(need.createdAt)}</dd>
          </div>
          <div>
            <dt>{t("status.facts.code")}</dt>
            <dd className="short-code-inline">{need.shortCode}</dd>
          </div>
        </dl>
      </section>
      {need.history.length > 0 ? (
        <section className="section" aria-labelledby="status-history-title">
          <h2 id="status-history-title">{t("status.historyTitle")}</h2>
          <ol className="timeline">
            {need.history.map((step) => (
              <li key={`${step.createdAt}-${step.action}-${step.toStatus}`}>
                <span className="timeline-label">
                  {BOARD_HISTORY_ACTIONS.includes(step.action)
                    ? t(
                        `board.statusPage.history.${step.action}` as "board.statusPage.history.confirm",
                      )
                    : t(
                        `status.history.${HISTORY_ACTIONS.includes(step.action) ? step.action : "other"}` as "status.history.other",
                      )}
                </span>{" "}
                <time className="timeline-time" dateTime={step.createdAt}>
                  {when(step.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <Confirm
        token={token}
        need={need}
        onConfirmed={(updated) => {
          lastStatus.current = updated.status;
          queryClient.setQueryData(["needStatus", token], updated);
          setMessage(t("board.statusPage.confirmed"));
          nowHeading.current?.focus();
        }}
      />
      <Thread
        reader="requester"
        queryKey={["needStatusThread", token]}
        load={(signal) => threadByToken(token, signal)}
        send={(body) => sendByToken(token, body)}
      />
      {open ? (
        <AddDetails
          token={token}
          onAdded={(updated) => queryClient.setQueryData(["needStatus", token], updated)}
        />
      ) : null}
      {open ? (
        <StopSection
          titleId="status-cancel-title"
          title={t("status.cancelTitle")}
          action={cancel}
          openButton={cancelButton}
          confirming={confirming}
          onConfirming={setConfirming}
          texts={{
            open: t("status.cancel"),
            yes: t("status.cancelYes"),
            pending: t("status.cancelling"),
            no: t("status.cancelNo"),
          }}
        >
          <p>{t("status.cancelConfirm")}</p>
          <TextField
            id="cancel-reason"
            label={t("status.reason")}
            value={reason}
            onValue={setReason}
            maxLength={500}
            autoComplete="off"
          />
        </StopSection>
      ) : (
        <p>
          <Link
            className="button-secondary"
            to={`/groups/${encodeURIComponent(need.group.id)}/ask`}
          >
            {t("status.askAgain")}
          </Link>
        </p>
      )}
    </section>
  );
}

/** "Yes, I got the help": while a volunteer holds the need, or once they marked it done. */
function Confirm({
  token,
  need,
  onConfirmed,
}: {
  token: string;
  need: NeedStatusView;
  onConfirmed: (updated: NeedStatusView) => void;
}) {
  const { t } = useTranslation();
  const confirm = useMutation({
    mutationFn: () => confirmFulfilled(token),
    onSuccess: onConfirmed,
  });
  const confirmed = need.history.some(
    (step) => step.action === "confirm" || (step.action === "fulfil" && step.byYou),
  );
  const possible =
    need.status === "claimed" || need.status === "in_progress" || need.status === "fulfilled";
  if (!possible) return null;
  return (
    <section className="section" aria-labelledby="status-confirm-title">
      <h2 id="status-confirm-title">{t("board.statusPage.confirmTitle")}</h2>
      {confirmed ? (
        <p>{t("board.statusPage.confirmedAlready")}</p>
      ) : (
        <>
          <p>
            {need.status === "fulfilled"
              ? t("board.statusPage.confirmLeadDone")
              : t("board.statusPage.confirmLead")}
          </p>
          <ErrorSummary error={confirm.error ? describeError(confirm.error, t) : null} />
          <p>
            <button
              type="button"
              className="button"
              aria-disabled={confirm.isPending || undefined}
              aria-busy={confirm.isPending || undefined}
              onClick={() => !confirm.isPending && confirm.mutate()}
            >
              {confirm.isPending ? t("board.statusPage.confirming") : t("board.statusPage.confirm")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/** More words for the request: added to its description, which the volunteers read. */
function AddDetails({
  token,
  onAdded,
}: {
  token: string;
  onAdded: (updated: NeedStatusView) => void;
}) {
  const { t } = useTranslation();
  const [details, setDetails] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReturnType<typeof clientErrors>>(null);
  const add = useMutation({
    mutationFn: (text: string) => addDetails(token, text),
    onSuccess: (updated) => {
      onAdded(updated);
      setDetails("");
      setDone(t("board.statusPage.detailsAdded"));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (add.isPending) return;
    setDone(null);
    const local = details.trim()
      ? null
      : clientErrors(t, [{ field: "details", detail: t("board.statusPage.detailsEmpty") }]);
    setChecked(local);
    if (!local) add.mutate(details.trim());
  }

  const error = checked ?? (add.error ? describeError(add.error, t) : null);
  const label = t("board.statusPage.detailsLabel");
  return (
    <section className="section" aria-labelledby="status-details-add-title">
      <h2 id="status-details-add-title">{t("board.statusPage.detailsTitle")}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} fields={{ details: { id: "status-details", label } }} />
        <TextArea
          id="status-details"
          label={label}
          hint={t("board.statusPage.detailsHint")}
          value={details}
          onValue={setDetails}
          maxLength={DETAILS_MAX}
          rows={3}
          error={fieldMessage(error, "details")}
        />
        <SubmitButton pending={add.isPending}>{t("board.statusPage.detailsSubmit")}</SubmitButton>
        <StatusMessage>{done}</StatusMessage>
      </form>
    </section>
  );
}
