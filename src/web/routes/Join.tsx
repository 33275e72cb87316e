// Landing page of an invitation link (/join#<token>): shows the group and the role offered;
// a signed-in person accepts; a visitor signs up or signs in and comes back here. The token is
// kept in this tab's sessionStorage, never in the address.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorSummary, SubmitButton } from "../components/forms";
import { Loading } from "../components/Refusal";
import { currentLanguage } from "../i18n";
import { describeError } from "../lib/errors";
import { flash } from "../lib/flash";
import { formatDateTime } from "../lib/format";
import { acceptInvitation, groupKeys, previewInvitation } from "../lib/groupsApi";
import { roleDescription, roleName } from "../lib/groupText";
import { signInPath, signUpPath, tabStorage } from "../lib/navigation";
import { useSession } from "../lib/session";
import type { InvitationPreview } from "../lib/types";
import { useFragmentToken } from "../lib/useFragmentToken";
import { usePageTitle } from "../lib/usePageTitle";

export const INVITATION_KEY = "mutuo.invitation";

function useInvitationToken(): string | null {
  const fromLink = useFragmentToken();
  if (fromLink) {
    tabStorage.set(INVITATION_KEY, fromLink);
    return fromLink;
  }
  return tabStorage.get(INVITATION_KEY);
}

export default function Join() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("invitation.title") }));
  const token = useInvitationToken();
  const preview = useQuery({
    queryKey: groupKeys.invitation(token ?? ""),
    queryFn: ({ signal }) => previewInvitation(token ?? "", signal),
    enabled: token !== null,
  });

  if (!token) {
    return (
      <section className="message-page" aria-labelledby="join-title">
        <h1 id="join-title">{t("invitation.title")}</h1>
        <p>{t("invitation.missing")}</p>
        <p className="actions">
          <Link className="button" to="/groups">
            {t("common.refusal.toGroups")}
          </Link>
        </p>
      </section>
    );
  }
  if (preview.isPending) return <Loading />;
  if (preview.isError) {
    return (
      <section className="message-page" aria-labelledby="join-title">
        <h1 id="join-title">{t("invitation.title")}</h1>
        <ErrorSummary error={describeError(preview.error, t)} focus={false} />
        <p className="actions">
          <Link className="button" to="/groups">
            {t("common.refusal.toGroups")}
          </Link>
        </p>
      </section>
    );
  }
  return <Invitation token={token} preview={preview.data} />;
}

function Invitation({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: async (result) => {
      tabStorage.remove(INVITATION_KEY);
      await queryClient.invalidateQueries({ queryKey: groupKeys.all });
      await queryClient.invalidateQueries({ queryKey: groupKeys.memberships });
      navigate(`/groups/${preview.group.id}`, {
        replace: true,
        state:
          result.status === "active"
            ? flash("invitation.joined", {
                role: roleName(t, result.role),
                name: preview.group.name,
              })
            : flash("invitation.pending"),
      });
    },
  });

  return (
    <section className="form-page" aria-labelledby="join-title">
      <h1 id="join-title">{t("invitation.heading", { name: preview.group.name })}</h1>
      {preview.group.description ? <p className="lead">{preview.group.description}</p> : null}
      <div className="panel">
        <p>
          {t("invitation.role", { role: roleName(t, preview.role) })}{" "}
          {roleDescription(t, preview.role)}
        </p>
        <p className="muted">
          {t("invitation.expires", { date: formatDateTime(preview.expiresAt, currentLanguage()) })}
        </p>
      </div>
      {session.status === "loading" ? (
        <Loading />
      ) : session.status === "signedIn" ? (
        <>
          <ErrorSummary error={accept.error ? describeError(accept.error, t) : null} />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!accept.isPending) accept.mutate();
            }}
          >
            <p>{t("invitation.signedInAs", { name: session.me.name })}</p>
            <SubmitButton pending={accept.isPending} pendingLabel={t("invitation.accepting")}>
              {t("invitation.accept")}
            </SubmitButton>
          </form>
        </>
      ) : (
        <>
          <p>{t("invitation.needAccount")}</p>
          <p className="button-row">
            <Link className="button" to={signUpPath("/join")}>
              {t("invitation.signUp")}
            </Link>
            <Link className="button-secondary" to={signInPath("/join")}>
              {t("invitation.signIn")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
