// The directory of groups: search, cards in plain words, and "Create a group" for network admins.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Flash } from "../../components/Flash";
import { Checkbox, StatusMessage } from "../../components/forms";
import { Loading, Refusal } from "../../components/Refusal";
import { currentLanguage } from "../../i18n";
import { groupKeys, listGroups, listNetworks } from "../../lib/groupsApi";
import {
  joiningText,
  languagesText,
  modeExplanation,
  modeName,
  viewerStatusText,
} from "../../lib/groupText";
import { useSession } from "../../lib/session";
import type { GroupSummary } from "../../lib/types";
import { usePageTitle } from "../../lib/usePageTitle";

export default function GroupDirectory() {
  const { t } = useTranslation();
  usePageTitle(t("common.documentTitle", { page: t("groups.directory.title") }));
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const mine = params.get("mine") === "true";
  const [text, setText] = useState(search);
  const session = useSession();
  const signedIn = session.status === "signedIn";

  const groups = useQuery({
    queryKey: groupKeys.list(search, mine),
    queryFn: ({ signal }) => listGroups(search, mine, signal),
    placeholderData: keepPreviousData,
  });
  const networks = useQuery({
    queryKey: groupKeys.networks,
    queryFn: ({ signal }) => listNetworks(signal),
    enabled: signedIn,
  });
  const canCreate =
    networks.data?.some((network) => network.viewerRoles.includes("admin")) ?? false;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set("search", text.trim());
    else next.delete("search");
    setParams(next);
  }

  function setMine(value: boolean) {
    const next = new URLSearchParams(params);
    if (value) next.set("mine", "true");
    else next.delete("mine");
    setParams(next);
  }

  return (
    <>
      <div className="page-heading">
        <h1>{t("groups.directory.title")}</h1>
        {canCreate ? (
          <Link className="button" to="/groups/new">
            {t("groups.directory.create")}
          </Link>
        ) : null}
      </div>
      <Flash />
      <p className="lead">{t("groups.directory.lead")}</p>
      <search>
        <form
          className="search-form"
          onSubmit={submit}
          aria-label={t("groups.directory.searchLabel")}
        >
          <label htmlFor="group-search">{t("groups.directory.searchLabel")}</label>
          <div className="search-row">
            <input
              id="group-search"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              maxLength={100}
              autoComplete="off"
              enterKeyHint="search"
            />
            <button type="submit" className="button">
              {t("groups.directory.searchButton")}
            </button>
          </div>
          {signedIn ? (
            <Checkbox
              id="mine"
              label={t("groups.directory.mine")}
              checked={mine}
              onChecked={setMine}
            />
          ) : null}
        </form>
      </search>
      <StatusMessage>
        {groups.data && (search || mine)
          ? t("groups.directory.found", { count: groups.data.length })
          : null}
      </StatusMessage>
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <Refusal error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.length === 0 ? (
        <p className="empty">
          {search || mine ? t("groups.directory.noneFound") : t("groups.directory.noneYet")}
        </p>
      ) : (
        <ul className="cards group-cards">
          {groups.data.map((group) => (
            <GroupCard key={group.id} group={group} />
          ))}
        </ul>
      )}
    </>
  );
}

function GroupCard({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const status = viewerStatusText(t, group.viewer);
  return (
    <li className="card group-card">
      <h2>
        <Link className="group-card-link" to={`/groups/${group.id}`}>
          {group.name}
        </Link>
      </h2>
      {status ? <p className="badge badge-ok">{status}</p> : null}
      {group.description ? <p className="card-description">{group.description}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t("groups.facts.mode")}</dt>
          <dd>
            {modeName(t, group.mode)}. {modeExplanation(t, group.mode)}
          </dd>
        </div>
        <div>
          <dt>{t("groups.facts.languages")}</dt>
          <dd>{languagesText(t, group.languages, language)}</dd>
        </div>
        <div>
          <dt>{t("groups.facts.joining")}</dt>
          <dd>{joiningText(t, group.joining)}</dd>
        </div>
        <div>
          <dt>{t("groups.facts.members")}</dt>
          <dd>{t("groups.facts.memberCount", { count: group.memberCount })}</dd>
        </div>
      </dl>
    </li>
  );
}
