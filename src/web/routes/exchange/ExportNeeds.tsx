// Coordinators download the group's requests as CSV: open ones or all, with personal columns
// only when explicitly ticked. The server writes every download to the group's audit log.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox, RadioGroup } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { addScreenTexts } from "../../i18n/screenTexts";
import en from "../../i18n/sharing/screens.en.json";
import es from "../../i18n/sharing/screens.es.json";
import { usePageTitle } from "../../lib/usePageTitle";
import { GroupNav } from "../groups/GroupNav";
import { useGroup } from "../groups/useGroup";

addScreenTexts({ en, es });

type Which = "open" | "all";

export default function ExportNeeds() {
  const { t } = useTranslation();
  const { groupId, group } = useGroup();
  const [which, setWhich] = useState<Which>("open");
  const [personal, setPersonal] = useState(false);
  usePageTitle(t("common.documentTitle", { page: t("sharing.export.title") }));

  if (group.isPending) return <Loading />;
  if (group.isError) return <Refusal error={group.error} onRetry={() => void group.refetch()} />;

  const query = new URLSearchParams({ status: which, personal: String(personal) });
  const href = `/api/v1/groups/${encodeURIComponent(groupId)}/needs/export.csv?${query}`;
  return (
    <>
      <h1>{t("sharing.export.title")}</h1>
      <GroupNav group={group.data} />
      <p className="lead">{t("sharing.export.lead")}</p>
      <RadioGroup<Which>
        id="export-which"
        legend={t("sharing.export.which")}
        value={which}
        onValue={setWhich}
        choices={[
          { value: "open", label: t("sharing.export.open") },
          { value: "all", label: t("sharing.export.all") },
        ]}
      />
      <Checkbox
        id="export-personal"
        label={t("sharing.export.personal")}
        description={t("sharing.export.personalHint")}
        checked={personal}
        onChecked={setPersonal}
      />
      <p>{t("sharing.export.audited")}</p>
      <p>
        <a className="button" href={href} download>
          {t("sharing.export.download")}
        </a>
      </p>
    </>
  );
}
