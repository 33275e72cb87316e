// A group's page: what it is, how it works in plain words, its rules, and joining or leaving.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Fragment, type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Flash } from "../../components/Flash";
import { ConfirmBox, ErrorSummary, StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { describeError, hasCode } from "../../lib/errors";
import { groupKeys, joinGroup, leaveGroup } from "../../lib/groupsApi";
import {
  joiningText,
  languagesText,
  modeExplanation,
  modeName,
  roleName,
  settingSentences,
} from "../../lib/groupText";
import { signInPath, signUpPath } from "../../lib/navigation";
import { useSession } from "../../lib/session";
import type { GroupDetail } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { OfferHelpPanel } from "../offers/OfferLinks";
import { GroupNav } from "./GroupNav";
import { useGroup } from "./useGroup";

export default function GroupPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  usePageTitle(
    t("common.documentTitle", { page: group.data?.name ?? t("groups.page.loadingTitle") }),
  );
  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  return <GroupView group={group.data} />;
}

function GroupView({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const sentences = settingSentences(t, group.settings);

  return (
    <>
      <h1>{group.name}</h1>
      <GroupNav group={group} />
      <Flash />
      {group.description ? <p className="lead group-description">{group.description}</p> : null}
      <section className="panel ask-link" aria-labelledby="ask-link-title">
        <h2 id="ask-link-title">{t("ask.title")}</h2>
        <p>{t("ask.groupLinkLead")}</p>
        <p>
          <Link className="button" to={`/groups/${encodeURIComponent(group.id)}/ask`}>
            {t("ask.title")}
          </Link>
        </p>
        <p>
          {/* The texts of the shareable list's link are registered by GroupNav, imported above. */}
          <Link to={`/groups/${encodeURIComponent(group.id)}/shared`}>
            {t("sharing.shared.nav")}
          </Link>
        </p>
      </section>
      <OfferHelpPanel groupId={group.id} />
      <Membership group={group} />
      <section className="section" aria-labelledby="how-title">
        <h2 id="how-title">{t("groups.page.howTitle")}</h2>
        <p>
          <strong>{modeName(t, group.mode)}.</strong> {modeExplanation(t, group.mode)}
        </p>
        <dl className="facts">
          <div>
            <dt>{t("groups.facts.languages")}</dt>
            <dd>{languagesText(t, group.languages, language)}</dd>
          </div>
          <div>
            <dt>{t("groups.facts.joining")}</dt>
            <dd>{joiningText(t, group.joining, group.autoApprove)}</dd>
          </div>
          <div>
            <dt>{t("groups.facts.members")}</dt>
            <dd>{t("groups.facts.memberCount", { count: group.memberCount })}</dd>
          </div>
          <div>
            <dt>{t("groups.facts.timeZone")}</dt>
            <dd>{group.timeZone.replace(/_/g, " ")}</dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("groups.page.rulesTitle")}</h2>
        <ul className="rules">
          <li>{sentences.claimExpiryHours}</li>
          <li>{sentences.maxOpenClaimsPerVolunteer}</li>
          <li>{sentences.intakeRequiresTriage}</li>
          <li>{sentences.retentionDays}</li>
          <li>{sentences.anonymityK}</li>
        </ul>
      </section>
      {group.contactEmail || group.contactPhone ? (
        <section className="section" aria-labelledby="contact-title">
          <h2 id="contact-title">{t("groups.page.contactTitle")}</h2>
          <ul className="contact-list">
            {group.contactEmail ? (
              <li>
                <span className="contact-kind">{t("groups.page.email")}</span>{" "}
                <a href={`mailto:${group.contactEmail}`}>{group.contactEmail}</a>
              </li>
            ) : null}
            {group.contactPhone ? (
              <li>
                <span className="contact-kind">{t("groups.page.phone")}</span>{" "}
                <a href={`tel:${group.contactPhone.replace(/[^+0-9]/g, "")}`}>
                  {group.contactPhone}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** Joining, a request waiting, an invitation needed, or leaving. */
function Membership({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const leaveButton = useRef<HTMLButtonElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const here = `${location.pathname}${location.search}`;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: groupKeys.all });
    await queryClient.invalidateQueries({ queryKey: groupKeys.memberships });
  };
  const join = useMutation({
    mutationFn: () => joinGroup(group.id),
    onSuccess: async (result) => {
      document.getElementById("membership-title")?.focus();
      setMessage(
        result.status === "active"
          ? t("groups.page.joined", { role: roleName(t, result.role) })
          : t("groups.page.requestSent"),
      );
      await refresh();
    },
  });
  const leave = useMutation({
    mutationFn: () => leaveGroup(group.id),
    onSuccess: async () => {
      setConfirmLeave(false);
      document.getElementById("membership-title")?.focus();
      setMessage(t("groups.page.left", { name: group.name }));
      await refresh();
    },
  });
  const error = join.error ?? leave.error;
  const role = group.viewer.role;

  let body: ReactNode = null;
  if (session.status === "loading") {
    // Who is looking is not known yet: say nothing rather than the wrong thing.
  } else if (session.status !== "signedIn") {
    body =
      group.joining === "invite_only" ? (
        <p>{t("groups.page.inviteOnly")}</p>
      ) : (
        <>
          <p>{t("groups.page.signInToJoin")}</p>
          <p className="button-row">
            <Link className="button" to={signInPath(here)}>
              {t("common.header.signIn")}
            </Link>
            <Link className="button-secondary" to={signUpPath(here)}>
              {t("common.header.signUp")}
            </Link>
          </p>
        </>
      );
  } else if (role) {
    // Keyed apart from the join branch: React must not reuse the join button's element for
    // "leave", or its colours animate from one style to the other and read badly mid-way.
    body = (
      <Fragment key="member">
        <p className="badge badge-ok">{t("common.viewer.role", { role: roleName(t, role) })}</p>
        <p>
          <button
            ref={leaveButton}
            type="button"
            className="button-secondary"
            aria-expanded={confirmLeave}
            onClick={() => {
              leave.reset();
              setConfirmLeave(true);
            }}
          >
            {t("groups.page.leave")}
          </button>
        </p>
        {confirmLeave ? (
          <ConfirmBox>
            <p>{t("groups.page.leaveConfirm", { name: group.name })}</p>
            <p className="button-row">
              <button
                type="button"
                className="button-danger"
                aria-disabled={leave.isPending || undefined}
                aria-busy={leave.isPending || undefined}
                onClick={() => !leave.isPending && leave.mutate()}
              >
                {t("groups.page.leaveYes")}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setConfirmLeave(false);
                  leaveButton.current?.focus();
                }}
              >
                {t("groups.page.leaveNo")}
              </button>
            </p>
          </ConfirmBox>
        ) : null}
      </Fragment>
    );
  } else if (group.viewer.pending) {
    body = <p className="badge badge-warn">{t("common.viewer.pending")}</p>;
  } else if (group.joining === "invite_only" || hasCode(join.error, "invitation_required")) {
    body = <p>{t("groups.page.inviteOnly")}</p>;
  } else {
    body = (
      <Fragment key="join">
        <p>{group.autoApprove ? t("groups.page.joinAuto") : t("groups.page.joinReviewed")}</p>
        <p>
          <button
            type="button"
            className="button"
            aria-disabled={join.isPending || undefined}
            aria-busy={join.isPending || undefined}
            onClick={() => !join.isPending && join.mutate()}
          >
            {group.autoApprove ? t("groups.page.join") : t("groups.page.askToJoin")}
          </button>
        </p>
      </Fragment>
    );
  }

  return (
    <section className="panel membership" aria-labelledby="membership-title">
      <h2 id="membership-title" tabIndex={-1}>
        {t("groups.page.membershipTitle")}
      </h2>
      <ErrorSummary error={error ? describeError(error, t) : null} />
      {body}
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}
