// A group's members with their roles; admins change roles and remove members; coordinators and
// admins answer join requests and hand out invitation links.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Flash } from "../../components/Flash";
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
import { clientErrors, describeError, fieldMessage } from "../../lib/errors";
import { formatDate, formatDateTime } from "../../lib/format";
import { grantableRoles, isAdmin, isCoordinatorOrAdmin } from "../../lib/groupRules";
import {
  answerJoinRequest,
  changeRole,
  createInvitation,
  groupKeys,
  listInvitations,
  listJoinRequests,
  listMembers,
  removeMember,
  revokeInvitation,
} from "../../lib/groupsApi";
import { roleDescription, roleName } from "../../lib/groupText";
import { useMe } from "../../lib/session";
import type {
  GroupDetail,
  GroupRole,
  InvitationCreated,
  InvitationSummary,
  JoinRequest,
  Member,
} from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";
import { BackToGroup, GroupNav } from "./GroupNav";
import { useGroup } from "./useGroup";

export default function Members() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const members = useQuery({
    queryKey: groupKeys.members(groupId),
    queryFn: ({ signal }) => listMembers(groupId, signal),
  });
  usePageTitle(
    t("common.documentTitle", {
      page: group.data
        ? t("groups.members.title", { name: group.data.name })
        : t("groups.members.loadingTitle"),
    }),
  );

  // The members list is what is refused (sign in first, members only): say so first.
  if (members.isError)
    return <Refusal error={members.error} onRetry={() => void members.refetch()} />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;
  if (members.isPending || group.isPending) return <Loading />;
  return <MembersView group={group.data} members={members.data} />;
}

function MembersView({ group, members }: { group: GroupDetail; members: Member[] }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const steward = isCoordinatorOrAdmin(group.viewer.role, group.viewer.networkAdmin);

  return (
    <>
      <BackToGroup groupId={group.id} name={group.name} />
      <h1>{t("groups.members.title", { name: group.name })}</h1>
      <GroupNav group={group} />
      <Flash />
      <StatusMessage>{message}</StatusMessage>
      {steward ? <JoinRequests group={group} onDone={setMessage} /> : null}
      <section className="section" aria-labelledby="members-title">
        <h2 id="members-title" tabIndex={-1}>
          {t("groups.members.listTitle", { count: members.length })}
        </h2>
        <ul className="cards member-cards">
          {members.map((member) => (
            <MemberCard key={member.userId} group={group} member={member} onDone={setMessage} />
          ))}
        </ul>
      </section>
      {steward ? <Invitations group={group} onDone={setMessage} /> : null}
    </>
  );
}

function useRefreshGroup(groupId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: groupKeys.detail(groupId) }),
      queryClient.invalidateQueries({ queryKey: ["groups", "list"] }),
    ]);
}

function MemberCard({
  group,
  member,
  onDone,
}: {
  group: GroupDetail;
  member: Member;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const refreshGroup = useRefreshGroup(group.id);
  const language = currentLanguage();
  const headingId = useId();
  const admin = isAdmin(group.viewer.role, group.viewer.networkAdmin);
  const roles = grantableRoles(group.viewer.role, group.viewer.networkAdmin);
  const [role, setRole] = useState<GroupRole>(member.role);
  const [confirming, setConfirming] = useState<"role" | "remove" | null>(null);
  const isSelf = me?.id === member.userId;
  const roleButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: groupKeys.members(group.id) }),
      refreshGroup(),
    ]);
  const change = useMutation({
    mutationFn: () => changeRole(group.id, member.userId, role),
    onSuccess: async () => {
      setConfirming(null);
      roleButton.current?.focus();
      onDone(t("groups.members.roleChanged", { name: member.name, role: roleName(t, role) }));
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => removeMember(group.id, member.userId),
    onSuccess: async () => {
      setConfirming(null);
      // This card goes away: keep the keyboard in the list.
      document.getElementById("members-title")?.focus();
      onDone(t("groups.members.removed", { name: member.name }));
      await refresh();
    },
  });
  const error = change.error ?? remove.error;

  function submitRole(event: FormEvent) {
    event.preventDefault();
    change.reset();
    remove.reset();
    if (role !== member.role) setConfirming("role");
  }

  return (
    <li className="card member-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {member.name}
        {isSelf ? <span className="you"> {t("groups.members.you")}</span> : null}
      </h3>
      <p className="badge">{roleName(t, member.role)}</p>
      <p className="muted">
        {t("groups.members.since", { date: formatDate(member.joinedAt, language) })}
      </p>
      {member.email || member.phone ? (
        <ul className="contact-list">
          {member.email ? (
            <li>
              <span className="contact-kind">{t("groups.page.email")}</span>{" "}
              <a href={`mailto:${member.email}`}>{member.email}</a>
            </li>
          ) : null}
          {member.phone ? (
            <li>
              <span className="contact-kind">{t("groups.page.phone")}</span>{" "}
              <a href={`tel:${member.phone.replace(/[^+0-9]/g, "")}`}>{member.phone}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {admin ? (
        <div className="member-actions">
          <ErrorSummary error={error ? describeError(error, t) : null} />
          <form className="role-form" onSubmit={submitRole}>
            <SelectField
              id={`role-${member.userId}`}
              label={t("groups.members.roleFor", { name: member.name })}
              value={role}
              onValue={(value) => {
                setRole(value as GroupRole);
                setConfirming(null);
              }}
              options={roles.map((r) => ({ value: r, label: roleName(t, r) }))}
            />
            <button ref={roleButton} type="submit" className="button-secondary">
              {t("groups.members.changeRole")}
            </button>
          </form>
          {confirming === "role" ? (
            <ConfirmBox>
              <p>
                {t("groups.members.confirmRole", { name: member.name, role: roleName(t, role) })}
              </p>
              <p className="muted">{roleDescription(t, role)}</p>
              <p className="button-row">
                <button
                  type="button"
                  className="button"
                  aria-disabled={change.isPending || undefined}
                  aria-busy={change.isPending || undefined}
                  onClick={() => !change.isPending && change.mutate()}
                >
                  {t("groups.members.confirmRoleYes")}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setConfirming(null);
                    setRole(member.role);
                    roleButton.current?.focus();
                  }}
                >
                  {t("common.actions.cancel")}
                </button>
              </p>
            </ConfirmBox>
          ) : null}
          {!isSelf ? (
            <p>
              <button
                ref={removeButton}
                type="button"
                className="button-link danger"
                aria-expanded={confirming === "remove"}
                onClick={() => {
                  change.reset();
                  remove.reset();
                  setConfirming("remove");
                }}
              >
                {t("groups.members.remove", { name: member.name })}
              </button>
            </p>
          ) : null}
          {confirming === "remove" ? (
            <ConfirmBox>
              <p>{t("groups.members.confirmRemove", { name: member.name, group: group.name })}</p>
              <p className="button-row">
                <button
                  type="button"
                  className="button-danger"
                  aria-disabled={remove.isPending || undefined}
                  aria-busy={remove.isPending || undefined}
                  onClick={() => !remove.isPending && remove.mutate()}
                >
                  {t("groups.members.confirmRemoveYes")}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setConfirming(null);
                    removeButton.current?.focus();
                  }}
                >
                  {t("common.actions.cancel")}
                </button>
              </p>
            </ConfirmBox>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function JoinRequests({
  group,
  onDone,
}: {
  group: GroupDetail;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const requests = useQuery({
    queryKey: groupKeys.joinRequests(group.id),
    queryFn: ({ signal }) => listJoinRequests(group.id, signal),
  });
  return (
    <section className="section" aria-labelledby="requests-title">
      <h2 id="requests-title">{t("groups.requests.title")}</h2>
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorSummary error={describeError(requests.error, t)} focus={false} />
      ) : requests.data.length === 0 ? (
        <p className="empty">{t("groups.requests.none")}</p>
      ) : (
        <ul className="cards">
          {requests.data.map((request) => (
            <JoinRequestCard key={request.userId} group={group} request={request} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JoinRequestCard({
  group,
  request,
  onDone,
}: {
  group: GroupDetail;
  request: JoinRequest;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refreshGroup = useRefreshGroup(group.id);
  const headingId = useId();
  const answer = useMutation({
    mutationFn: (choice: "approve" | "decline") =>
      answerJoinRequest(group.id, request.userId, choice),
    onSuccess: async (_result, choice) => {
      onDone(
        choice === "approve"
          ? t("groups.requests.approved", { name: request.name })
          : t("groups.requests.declined", { name: request.name }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: groupKeys.joinRequests(group.id) }),
        queryClient.invalidateQueries({ queryKey: groupKeys.members(group.id) }),
        refreshGroup(),
      ]);
    },
  });
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{request.name}</h3>
      <p className="muted">
        {t("groups.requests.asked", {
          date: formatDateTime(request.requestedAt, currentLanguage()),
        })}
      </p>
      <ErrorSummary error={answer.error ? describeError(answer.error, t) : null} />
      <p className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={answer.isPending || undefined}
          onClick={() => !answer.isPending && answer.mutate("approve")}
        >
          {t("groups.requests.approve", { name: request.name })}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-disabled={answer.isPending || undefined}
          onClick={() => !answer.isPending && answer.mutate("decline")}
        >
          {t("groups.requests.decline", { name: request.name })}
        </button>
      </p>
    </li>
  );
}

const EXPIRY_DAYS = [1, 3, 7, 14, 30];

function Invitations({ group, onDone }: { group: GroupDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = grantableRoles(group.viewer.role, group.viewer.networkAdmin);
  const [role, setRole] = useState<GroupRole>("member");
  const [maxUses, setMaxUses] = useState("1");
  const [expiresInDays, setExpiresInDays] = useState("7");
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [checkError, setCheckError] = useState<ReturnType<typeof clientErrors>>(null);
  const invitations = useQuery({
    queryKey: groupKeys.invitations(group.id),
    queryFn: ({ signal }) => listInvitations(group.id, signal),
  });
  const create = useMutation({
    mutationFn: () =>
      createInvitation(group.id, {
        role,
        maxUses: Number(maxUses),
        expiresInDays: Number(expiresInDays),
      }),
    onSuccess: async (invitation) => {
      setCreated(invitation);
      await queryClient.invalidateQueries({ queryKey: groupKeys.invitations(group.id) });
    },
  });
  const error = checkError ?? (create.error ? describeError(create.error, t) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const uses = maxUses.trim();
    const valid = /^\d{1,3}$/.test(uses) && Number(uses) >= 1 && Number(uses) <= 500;
    const problems = valid
      ? []
      : [{ field: "maxUses", detail: t("groups.invitations.usesInvalid") }];
    const found = clientErrors(t, problems);
    setCheckError(found);
    if (found) return;
    setCreated(null);
    create.mutate();
  }

  return (
    <section className="section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t("groups.invitations.title")}</h2>
      <p>{t("groups.invitations.lead")}</p>
      <ErrorSummary
        error={error}
        fields={{
          role: { id: "invitation-role", label: t("groups.invitations.role") },
          maxUses: { id: "invitation-uses", label: t("groups.invitations.uses") },
          expiresInDays: { id: "invitation-expiry", label: t("groups.invitations.expiry") },
        }}
      />
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="invitation-form-title">
        <h3 id="invitation-form-title">{t("groups.invitations.formTitle")}</h3>
        <SelectField
          id="invitation-role"
          label={t("groups.invitations.role")}
          hint={roleDescription(t, role)}
          value={role}
          onValue={(value) => setRole(value as GroupRole)}
          error={fieldMessage(error, "role")}
          options={roles.map((r) => ({ value: r, label: roleName(t, r) }))}
        />
        <TextField
          id="invitation-uses"
          label={t("groups.invitations.uses")}
          hint={t("groups.invitations.usesHint")}
          value={maxUses}
          onValue={setMaxUses}
          error={fieldMessage(error, "maxUses")}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          className="field-short"
        />
        <SelectField
          id="invitation-expiry"
          label={t("groups.invitations.expiry")}
          value={expiresInDays}
          onValue={setExpiresInDays}
          error={fieldMessage(error, "expiresInDays")}
          options={EXPIRY_DAYS.map((days) => ({
            value: String(days),
            label: t("groups.invitations.days", { count: days }),
          }))}
        />
        <SubmitButton pending={create.isPending} className="button">
          {t("groups.invitations.create")}
        </SubmitButton>
      </form>
      <StatusMessage>{created ? t("groups.invitations.created") : null}</StatusMessage>
      {created ? <CreatedInvitation invitation={created} /> : null}
      <h3>{t("groups.invitations.activeTitle")}</h3>
      {invitations.isPending ? (
        <Loading />
      ) : invitations.isError ? (
        <ErrorSummary error={describeError(invitations.error, t)} focus={false} />
      ) : invitations.data.length === 0 ? (
        <p className="empty">{t("groups.invitations.none")}</p>
      ) : (
        <ul className="cards">
          {invitations.data.map((invitation) => (
            <InvitationCard
              key={invitation.id}
              group={group}
              invitation={invitation}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreatedInvitation({ invitation }: { invitation: InvitationCreated }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "manual" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied("yes");
    } catch {
      // No clipboard (older phones, insecure pages): select the text for a long-press copy.
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopied("manual");
    }
  }

  return (
    <div className="panel invitation-link">
      <label htmlFor="invitation-url">{t("groups.invitations.linkLabel")}</label>
      <p className="field-hint" id="invitation-url-hint">
        {t("groups.invitations.linkHint", {
          role: roleName(t, invitation.role),
          count: invitation.maxUses,
          date: formatDateTime(invitation.expiresAt, currentLanguage()),
        })}
      </p>
      <div className="copy-row">
        <input
          ref={inputRef}
          id="invitation-url"
          type="text"
          readOnly
          value={invitation.url}
          aria-describedby="invitation-url-hint"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t("groups.invitations.copy")}
        </button>
      </div>
      <StatusMessage>
        {copied === "yes"
          ? t("groups.invitations.copied")
          : copied === "manual"
            ? t("groups.invitations.copyManually")
            : null}
      </StatusMessage>
    </div>
  );
}

function InvitationCard({
  group,
  invitation,
  onDone,
}: {
  group: GroupDetail;
  invitation: InvitationSummary;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const detailsId = useId();
  const revoke = useMutation({
    mutationFn: () => revokeInvitation(group.id, invitation.id),
    onSuccess: async () => {
      onDone(t("groups.invitations.revoked"));
      await queryClient.invalidateQueries({ queryKey: groupKeys.invitations(group.id) });
    },
  });
  return (
    <li className="card">
      <p>
        <strong>{t("groups.invitations.forRole", { role: roleName(t, invitation.role) })}</strong>
      </p>
      <p id={detailsId}>
        {t("groups.invitations.usage", { uses: invitation.uses, count: invitation.maxUses })}
        <br />
        {t("groups.invitations.expires", { date: formatDateTime(invitation.expiresAt, language) })}
        {invitation.createdByName ? (
          <>
            <br />
            {t("groups.invitations.createdBy", { name: invitation.createdByName })}
          </>
        ) : null}
      </p>
      <ErrorSummary error={revoke.error ? describeError(revoke.error, t) : null} />
      <p>
        <button
          type="button"
          className="button-secondary"
          aria-disabled={revoke.isPending || undefined}
          aria-busy={revoke.isPending || undefined}
          aria-describedby={detailsId}
          onClick={() => !revoke.isPending && revoke.mutate()}
        >
          {t("groups.invitations.revoke")}
        </button>
      </p>
    </li>
  );
}
