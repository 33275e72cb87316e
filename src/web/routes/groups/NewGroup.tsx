// "Create a group", for network administrators: the creator becomes the group's admin.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Flash } from "../../components/Flash";
import { ErrorSummary, SelectField, SubmitButton } from "../../components/forms";
import {
  GroupFieldsEditor,
  type GroupFormState,
  groupFieldLabels,
  toGroupFields,
} from "../../components/GroupFields";
import { Loading, Refusal, SignInNeeded } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { describeError } from "../../lib/errors";
import { flash } from "../../lib/flash";
import { createGroup, groupKeys, listNetworks } from "../../lib/groupsApi";
import { useSession } from "../../lib/session";
import { deviceTimeZone } from "../../lib/timeZones";
import type { NetworkSummary } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";

export default function NewGroup() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("groups.new.title") }));
  const session = useSession();
  const networks = useQuery({
    queryKey: groupKeys.networks,
    queryFn: ({ signal }) => listNetworks(signal),
    enabled: session.status === "signedIn",
  });

  if (session.status === "loading") return <Loading />;
  if (session.status !== "signedIn") return <SignInNeeded />;
  if (networks.isPending) return <Loading />;
  if (networks.isError)
    return <Refusal error={networks.error} onRetry={() => void networks.refetch()} />;
  const adminOf = networks.data.filter((network) => network.viewerRoles.includes("admin"));
  if (adminOf.length === 0) {
    return (
      <section className="message-page" aria-labelledby="new-group-title">
        <h1 id="new-group-title">{t("groups.new.title")}</h1>
        <p>{t("groups.new.notAdmin")}</p>
      </section>
    );
  }
  return <NewGroupForm networks={adminOf} />;
}

function NewGroupForm({ networks }: { networks: NetworkSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const first = networks[0] as NetworkSummary;
  const [networkId, setNetworkId] = useState(first.id);
  const [form, setForm] = useState<GroupFormState>({
    name: "",
    description: "",
    mode: "mutual_aid",
    languages: [currentLanguage()],
    timeZone: first.timeZone || deviceTimeZone() || "UTC",
    contactEmail: "",
    contactPhone: "",
    joining: "open",
    autoApprove: false,
    area: null,
  });

  const create = useMutation({
    mutationFn: () => createGroup(networkId, toGroupFields(form)),
    onSuccess: async (group) => {
      queryClient.setQueryData(groupKeys.detail(group.id), group);
      await queryClient.invalidateQueries({ queryKey: groupKeys.all });
      await queryClient.invalidateQueries({ queryKey: groupKeys.memberships });
      navigate(`/groups/${group.id}`, { state: flash("groups.new.created", { name: group.name }) });
    },
  });
  const error = create.error ? describeError(create.error, t) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate();
  }

  return (
    <section className="form-page" aria-labelledby="new-group-title">
      <h1 id="new-group-title">{t("groups.new.title")}</h1>
      <Flash />
      <p className="lead">{t("groups.new.lead")}</p>
      <ErrorSummary error={error} fields={groupFieldLabels(t)} />
      <form onSubmit={submit} noValidate>
        {networks.length > 1 ? (
          <SelectField
            id="network"
            label={t("groups.new.network")}
            value={networkId}
            onValue={setNetworkId}
            options={networks.map((network) => ({ value: network.id, label: network.name }))}
          />
        ) : null}
        <GroupFieldsEditor
          form={form}
          onChange={(changes) => setForm((previous) => ({ ...previous, ...changes }))}
          error={error}
        />
        <p className="field-hint">{t("groups.new.settingsLater")}</p>
        <SubmitButton pending={create.isPending} pendingLabel={t("groups.new.creating")}>
          {t("groups.new.submit")}
        </SubmitButton>
      </form>
    </section>
  );
}
