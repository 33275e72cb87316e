// The person's own account: details and contact preferences, email confirmation, their data,
// signing out everywhere, and deleting the account.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { MyExchangesView } from "../../modules/exchange/records-routes";
import { Flash } from "../components/Flash";
import {
  Checkbox,
  CheckboxGroup,
  ConfirmBox,
  ErrorSummary,
  PasswordField,
  StatusMessage,
  SubmitButton,
  TextField,
} from "../components/forms";
import { LANGUAGE_CHOICES } from "../components/LanguageChoices";
import { Loading, SignInNeeded } from "../components/Refusal";
import { currentLanguage } from "../i18n";
import enRecords from "../i18n/records/screens.en.json";
import esRecords from "../i18n/records/screens.es.json";
import { addScreenTexts } from "../i18n/screenTexts";
import {
  confirmationWord,
  deleteMe,
  EXPORT_URL,
  resendVerification,
  signOutEverywhere,
  updateMe,
} from "../lib/accountApi";
import { apiFetch, isProblemError } from "../lib/api";
import { describeError, fieldMessage, hasCode } from "../lib/errors";
import { flash } from "../lib/flash";
import { formatDate } from "../lib/format";
import { groupKeys, myMemberships } from "../lib/groupsApi";
import { loadSession, setSignedIn, setSignedOut, useSession } from "../lib/session";
import type { ContactChannel, Me } from "../lib/types";
import { usePageTitle } from "../lib/usePageTitle";

addScreenTexts({ en: enRecords, es: esRecords });

export default function Profile() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("profile.title") }));
  const session = useSession();
  const [deleted, setDeleted] = useState(false);

  if (deleted) return <Deleted />;
  if (session.status === "loading") return <Loading />;
  if (session.status !== "signedIn") return <SignInNeeded />;
  const me = session.me;

  return (
    <>
      <h1>{t("profile.title")}</h1>
      <Flash />
      <DetailsForm me={me} />
      <EmailSection me={me} />
      <MyExchanges />
      <section className="section panel" aria-labelledby="data-title">
        <h2 id="data-title">{t("profile.data.title")}</h2>
        <p>{t("profile.data.text")}</p>
        <p>
          <a className="button-secondary" href={EXPORT_URL} download="mutuo-my-data.json">
            {t("profile.data.download")}
          </a>
        </p>
      </section>
      <SignOutEverywhere />
      <DeleteAccount onDeleted={() => setDeleted(true)} />
    </>
  );
}

function DetailsForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [name, setName] = useState(me.name);
  const [phone, setPhone] = useState(me.phone ?? "");
  const [languages, setLanguages] = useState<("en" | "es")[]>(me.languages);
  const [channels, setChannels] = useState<ContactChannel[]>(me.contactPreferences.channels);
  const [shareEmail, setShareEmail] = useState(me.contactPreferences.shareEmailWithMembers);
  const [sharePhone, setSharePhone] = useState(me.contactPreferences.sharePhoneWithMembers);

  const save = useMutation({
    mutationFn: () =>
      updateMe({
        name,
        phone: phone.trim() ? phone : null,
        languages,
        contactPreferences: {
          channels,
          shareEmailWithMembers: shareEmail,
          sharePhoneWithMembers: sharePhone,
        },
      }),
    onSuccess: async (updated) => {
      if (updated && typeof updated === "object" && "id" in updated) setSignedIn(updated);
      else await loadSession();
    },
  });
  const error = save.error ? describeError(save.error, t) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    save.mutate();
  }

  return (
    <section className="section" aria-labelledby="details-title">
      <h2 id="details-title">{t("profile.details.title")}</h2>
      <ErrorSummary
        error={error}
        fields={{
          name: { id: "name", label: t("auth.fields.name") },
          phone: { id: "phone", label: t("auth.fields.phone") },
          languages: { id: "languages", label: t("profile.details.languages") },
          "contactPreferences.channels": { id: "channels", label: t("profile.details.channels") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          id="name"
          label={t("auth.fields.name")}
          hint={t("auth.fields.nameHint")}
          value={name}
          onValue={setName}
          error={fieldMessage(error, "name")}
          autoComplete="name"
          required
          maxLength={120}
        />
        <TextField
          id="phone"
          type="tel"
          label={t("auth.fields.phone")}
          hint={t("profile.details.phoneHint")}
          optional
          value={phone}
          onValue={setPhone}
          error={fieldMessage(error, "phone")}
          autoComplete="tel"
          inputMode="tel"
          maxLength={32}
        />
        <CheckboxGroup<"en" | "es">
          id="languages"
          legend={t("profile.details.languages")}
          hint={t("profile.details.languagesHint")}
          values={languages}
          onValues={setLanguages}
          error={fieldMessage(error, "languages")}
          choices={[...LANGUAGE_CHOICES]}
        />
        <CheckboxGroup<ContactChannel>
          id="channels"
          legend={t("profile.details.channels")}
          hint={t("profile.details.channelsHint")}
          values={channels}
          onValues={setChannels}
          error={fieldMessage(error, "contactPreferences.channels")}
          choices={[
            { value: "email", label: t("profile.channels.email") },
            { value: "sms", label: t("profile.channels.sms") },
            { value: "phone", label: t("profile.channels.phone") },
          ]}
        />
        <fieldset className="field choice-group">
          <legend>{t("profile.details.sharing")}</legend>
          <p className="field-hint">{t("profile.details.sharingHint")}</p>
          <Checkbox
            id="shareEmail"
            label={t("profile.details.shareEmail")}
            checked={shareEmail}
            onChecked={setShareEmail}
          />
          <Checkbox
            id="sharePhone"
            label={t("profile.details.sharePhone")}
            checked={sharePhone}
            onChecked={setSharePhone}
          />
        </fieldset>
        <SubmitButton pending={save.isPending} pendingLabel={t("common.form.saving")}>
          {t("profile.details.save")}
        </SubmitButton>
      </form>
      <StatusMessage>{save.isSuccess ? t("profile.details.saved") : null}</StatusMessage>
    </section>
  );
}

function EmailSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const resend = useMutation({ mutationFn: resendVerification });
  return (
    <section className="section panel" aria-labelledby="email-title">
      <h2 id="email-title">{t("profile.email.title")}</h2>
      <p className="email-address">{me.email ?? t("profile.email.none")}</p>
      {me.email ? (
        me.emailVerified ? (
          <p className="badge badge-ok">{t("profile.email.verified")}</p>
        ) : (
          <>
            <p className="badge badge-warn">{t("profile.email.notVerified")}</p>
            <p>{t("profile.email.notVerifiedText")}</p>
            <ErrorSummary error={resend.error ? describeError(resend.error, t) : null} />
            <p>
              <button
                type="button"
                className="button-secondary"
                aria-disabled={resend.isPending || undefined}
                aria-busy={resend.isPending || undefined}
                onClick={() => !resend.isPending && resend.mutate()}
              >
                {t("profile.email.resend")}
              </button>
            </p>
            <StatusMessage>
              {resend.isSuccess ? t("profile.email.resent", { email: me.email }) : null}
            </StatusMessage>
          </>
        )
      ) : null}
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => {
      setSignedOut();
      navigate("/sign-in", { state: flash("profile.signOutEverywhere.done") });
    },
  });
  return (
    <section className="section panel" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">{t("profile.signOutEverywhere.title")}</h2>
      <p>{t("profile.signOutEverywhere.text")}</p>
      <ErrorSummary error={mutation.error ? describeError(mutation.error, t) : null} />
      <p>
        <button
          type="button"
          className="button-secondary"
          aria-disabled={mutation.isPending || undefined}
          aria-busy={mutation.isPending || undefined}
          onClick={() => !mutation.isPending && mutation.mutate()}
        >
          {t("profile.signOutEverywhere.button")}
        </button>
      </p>
    </section>
  );
}

function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (confirming || !returnFocus) return;
    startButton.current?.focus();
    setReturnFocus(false);
  }, [confirming, returnFocus]);
  const [password, setPassword] = useState("");
  const [noPassword, setNoPassword] = useState(false);
  const [typed, setTyped] = useState("");
  const mutation = useMutation({
    mutationFn: () =>
      deleteMe(noPassword ? { confirmation: confirmationWord(typed) } : { password }),
    onSuccess: () => {
      setSignedOut();
      onDeleted();
    },
  });
  const error = mutation.error ? describeError(mutation.error, t) : null;
  const lastAdmin = hasCode(mutation.error, "last_admin");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  }

  return (
    <section className="section panel panel-danger" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("profile.delete.title")}</h2>
      {!confirming ? (
        <>
          <p>{t("profile.delete.intro")}</p>
          <p>
            <button
              ref={startButton}
              type="button"
              className="button-danger"
              onClick={() => setConfirming(true)}
            >
              {t("profile.delete.start")}
            </button>
          </p>
        </>
      ) : (
        <ConfirmBox className="confirm-plain">
          <h3>{t("profile.delete.erasedTitle")}</h3>
          <ul>
            <li>{t("profile.delete.erased1")}</li>
            <li>{t("profile.delete.erased2")}</li>
            <li>{t("profile.delete.erased3")}</li>
          </ul>
          <h3>{t("profile.delete.keptTitle")}</h3>
          <ul>
            <li>{t("profile.delete.kept1")}</li>
            <li>{t("profile.delete.kept2")}</li>
          </ul>
          <p>{t("profile.delete.noUndo")}</p>
          <ErrorSummary
            error={error}
            fields={{
              password: { id: "deletePassword", label: t("auth.fields.password") },
              confirmation: { id: "deleteConfirmation", label: t("profile.delete.typeLabel") },
            }}
          />
          {lastAdmin ? <LastAdminHelp error={mutation.error} /> : null}
          <form onSubmit={submit} noValidate>
            {noPassword ? (
              <TextField
                id="deleteConfirmation"
                label={t("profile.delete.typeLabel")}
                hint={t("profile.delete.typeHint")}
                value={typed}
                onValue={setTyped}
                error={fieldMessage(error, "confirmation")}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
              />
            ) : (
              <PasswordField
                id="deletePassword"
                label={t("auth.fields.password")}
                hint={t("profile.delete.passwordHint")}
                value={password}
                onValue={setPassword}
                error={fieldMessage(error, "password")}
                autoComplete="current-password"
                maxLength={200}
              />
            )}
            <Checkbox
              id="deleteNoPassword"
              label={t("profile.delete.noPassword")}
              checked={noPassword}
              onChecked={setNoPassword}
            />
            <div className="button-row">
              <SubmitButton
                pending={mutation.isPending}
                className="button-danger"
                pendingLabel={t("profile.delete.deleting")}
              >
                {t("profile.delete.confirm")}
              </SubmitButton>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setConfirming(false);
                  setReturnFocus(true);
                  mutation.reset();
                }}
              >
                {t("profile.delete.cancel")}
              </button>
            </div>
          </form>
        </ConfirmBox>
      )}
    </section>
  );
}

/** The groups (and networks) that would be left without an admin: someone else first. */
function LastAdminHelp({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const extensions = isProblemError(error) ? (error.problem.extensions ?? {}) : {};
  const ids = (value: unknown) =>
    Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  const groupIds = ids(extensions.groupIds);
  const networkIds = ids(extensions.networkIds);
  const memberships = useQuery({
    queryKey: groupKeys.memberships,
    queryFn: ({ signal }) => myMemberships(signal),
  });
  const groups =
    memberships.data?.memberships.filter((m) =>
      groupIds.length ? groupIds.includes(m.groupId) : m.role === "admin",
    ) ?? [];
  return (
    <div className="panel">
      {groupIds.length > 0 || networkIds.length === 0 ? (
        <p>{t("profile.delete.lastAdminHelp")}</p>
      ) : null}
      {groups.length > 0 ? (
        <ul>
          {groups.map((m) => (
            <li key={m.groupId}>
              <Link to={`/groups/${m.groupId}/members`}>
                {t("profile.delete.membersOf", { group: m.groupName })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {networkIds.length > 0 ? <p>{t("profile.delete.lastNetworkAdmin")}</p> : null}
    </div>
  );
}

function Deleted() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("profile.deleted.title") }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="message-page" aria-labelledby="deleted-title">
      <h1 id="deleted-title" ref={heading} tabIndex={-1}>
        {t("profile.deleted.title")}
      </h1>
      <StatusMessage>{t("profile.deleted.text")}</StatusMessage>
      <p className="actions">
        <Link className="button" to="/">
          {t("profile.deleted.home")}
        </Link>
      </p>
    </section>
  );
}

// ---- Your exchanges: what you gave and received (only you see it), and for people who have
// only given, a gentle invitation to ask too ----

function myExchanges(signal?: AbortSignal): Promise<MyExchangesView> {
  return apiFetch("/api/v1/me/exchanges", { signal });
}

function formatUnit(value: number, unit: "hour" | "minute", language: string): string {
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    unitDisplay: "long",
    maximumFractionDigits: 1,
  }).format(value);
}

/** "1.5 hours" from 90 minutes; under an hour, in minutes. */
function formatDuration(minutes: number, language: string): string {
  return minutes < 60
    ? formatUnit(minutes, "minute", language)
    : formatUnit(Math.round((minutes / 60) * 10) / 10, "hour", language);
}

function formatMoney(cents: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

function MyExchanges() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const exchanges = useQuery({
    queryKey: ["me", "exchanges"],
    queryFn: ({ signal }) => myExchanges(signal),
  });
  const headingId = useId();

  let content: ReactNode;
  if (exchanges.isPending) content = <Loading />;
  else if (exchanges.isError) {
    content = (
      <>
        <p>{t("records.error")}</p>
        <ErrorSummary error={describeError(exchanges.error, t)} focus={false} />
      </>
    );
  } else {
    const { totals, exchanges: list, inviteToAsk } = exchanges.data;
    content = (
      <>
        <dl className="facts exchange-totals">
          <div>
            <dt>{t("records.hoursGiven")}</dt>
            <dd>
              {new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(
                Math.round((totals.minutesGiven / 60) * 10) / 10,
              )}
            </dd>
          </div>
          <div>
            <dt>{t("records.timesHelped")}</dt>
            <dd>{totals.given}</dd>
          </div>
          <div>
            <dt>{t("records.timesHelpedBy")}</dt>
            <dd>{totals.received}</dd>
          </div>
        </dl>
        {inviteToAsk ? (
          <div className="panel exchange-invite">
            <h3>{t("records.inviteTitle")}</h3>
            <p>{t("records.inviteText")}</p>
            <ul>
              {inviteToAsk.groups.map((group) => (
                <li key={group.id}>
                  <Link to={`/groups/${encodeURIComponent(group.id)}/ask`}>
                    {t("records.inviteLink", { group: group.name })}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {list.length === 0 ? (
          <p className="empty">{t("records.empty")}</p>
        ) : (
          <>
            <h3>{t("records.listTitle")}</h3>
            <ol className="audit-list exchange-list">
              {list.map((item) => (
                <li key={item.id} className="audit-entry">
                  <p className="audit-action">
                    {item.role === "gave"
                      ? item.otherName
                        ? t("records.gave", { name: item.otherName })
                        : t("records.gaveNeighbour")
                      : item.otherName
                        ? t("records.received", { name: item.otherName })
                        : t("records.receivedNeighbour")}
                  </p>
                  <p>
                    {t("records.where", {
                      group: item.group.name,
                      category: t(
                        `exchange.categories.${item.category}` as "exchange.categories.other",
                      ),
                    })}
                  </p>
                  {item.minutes ? (
                    <p>{t("records.time", { time: formatDuration(item.minutes, language) })}</p>
                  ) : null}
                  {item.goods ? <p>{t("records.goods", { goods: item.goods })}</p> : null}
                  {item.amountCents && item.currency ? (
                    <p>
                      {t("records.money", {
                        amount: formatMoney(item.amountCents, item.currency, language),
                      })}
                    </p>
                  ) : null}
                  <p className="muted">
                    <time dateTime={item.createdAt}>{formatDate(item.createdAt, language)}</time>
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </>
    );
  }

  return (
    <section className="section panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("records.title")}</h2>
      <p>{t("records.lead")}</p>
      {content}
    </section>
  );
}
