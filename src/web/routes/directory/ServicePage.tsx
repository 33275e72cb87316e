// A service's page: what it is, whether it is open, where and how to get there, what to bring,
// how much is left today, when it was last checked, a text version that fits in an SMS, and a
// way to tell the network when something is wrong.
import "./directory.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ServiceDetail } from "../../../modules/directory/contract";
import { SuggestCorrection } from "../../components/directory/SuggestCorrection";
import { Loading, Refusal } from "../../components/Refusal";
import enTexts from "../../i18n/directory/screens.en.json";
import esTexts from "../../i18n/directory/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { formatDate, formatDateTime, formatList, languageName } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { directoryKeys, getService } from "./directoryApi";
import { Fact } from "./Fact";
import { AccessChips, PhoneList, StaleMark } from "./Listing";
import { ServiceLocation } from "./ServiceLocation";
import { TextVersion } from "./TextVersion";

addScreenTexts({ en: enTexts, es: esTexts });

const HSDS_STATUSES = ["inactive", "defunct", "temporarily closed"];

export default function ServicePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "es" ? "es" : "en";
  const { serviceId = "" } = useParams();
  const service = useQuery({
    queryKey: directoryKeys.service(serviceId, language),
    queryFn: ({ signal }) => getService(serviceId, signal),
  });
  usePageTitle(
    t("common.documentTitle", { page: service.data?.name ?? t("findHelp.service.title") }),
  );

  if (service.isPending) return <Loading />;
  if (service.isError) return <Refusal error={service.error} onRetry={() => service.refetch()} />;
  return <ServiceView service={service.data} language={language} />;
}

function ServiceView({ service, language }: { service: ServiceDetail; language: "en" | "es" }) {
  const { t } = useTranslation();
  const status = service.status.toLowerCase();
  return (
    <article className="directory-service" aria-labelledby="service-title">
      <p className="back-link">
        <Link to="/directory">{t("findHelp.service.back")}</Link>
      </p>
      <h1 id="service-title">{service.name}</h1>
      {service.alternate_name ? <p className="muted">{service.alternate_name}</p> : null}
      <p className="directory-org">
        {service.organization.website ? (
          <a href={service.organization.website} rel="noopener noreferrer">
            {service.organization.name}
          </a>
        ) : (
          service.organization.name
        )}
      </p>
      {HSDS_STATUSES.includes(status) ? (
        <p className="badge badge-closed">
          {t(
            `findHelp.service.status.${status === "temporarily closed" ? "temporarilyClosed" : status}`,
          )}
        </p>
      ) : null}
      {service.alert ? (
        <div className="panel directory-alert" role="note">
          <h2>{t("findHelp.service.alert")}</h2>
          <p>{service.alert}</p>
        </div>
      ) : null}
      <Verified service={service} language={language} />
      {service.description ? <p className="directory-description">{service.description}</p> : null}

      <Capacity service={service} language={language} />

      {service.locations.map((location) => (
        <ServiceLocation
          key={location.location_id}
          location={location}
          language={language}
          single={service.locations.length === 1}
          serviceName={service.name}
        />
      ))}

      <Requirements service={service} language={language} />
      <Contact service={service} language={language} />
      <TextVersion serviceId={service.id} language={language} />
      <SuggestCorrection serviceId={service.id} />
    </article>
  );
}

function Verified({ service, language }: { service: ServiceDetail; language: "en" | "es" }) {
  const { t } = useTranslation();
  return (
    <>
      {service.stale ? <StaleMark /> : null}
      <p className="muted directory-verified">
        {service.verified_at
          ? t("findHelp.service.verified", { date: formatDate(service.verified_at, language) })
          : t("findHelp.service.neverVerified")}
      </p>
    </>
  );
}

function Capacity({ service, language }: { service: ServiceDetail; language: "en" | "es" }) {
  const { t } = useTranslation();
  if (service.capacity.length === 0) return null;
  return (
    <section className="panel directory-capacity" aria-labelledby="capacity-title">
      <h2 id="capacity-title">{t("findHelp.capacity.title")}</h2>
      <ul>
        {service.capacity.map((c) => (
          <li key={`${c.unit}:${c.updated}`}>
            <strong>
              {c.maximum !== null
                ? t("findHelp.capacity.leftOf", {
                    count: c.available,
                    unit: c.unit,
                    maximum: c.maximum,
                  })
                : t("findHelp.capacity.left", { count: c.available, unit: c.unit })}
            </strong>{" "}
            <span className="muted">
              {t("findHelp.capacity.updated", { time: formatDateTime(c.updated, language) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function money(amount: number, currency: string | null, language: string): string {
  try {
    return new Intl.NumberFormat(language, {
      style: "currency",
      currency: currency ?? "USD",
    }).format(amount);
  } catch {
    return String(amount);
  }
}

function Requirements({ service, language }: { service: ServiceDetail; language: "en" | "es" }) {
  const { t } = useTranslation();
  const costs = service.cost_options.map((c) =>
    [c.option, c.amount !== null ? money(c.amount, c.currency, language) : null]
      .filter(Boolean)
      .join(": "),
  );
  const hasAny =
    service.access.length > 0 ||
    service.required_documents.length > 0 ||
    service.eligibility_description ||
    service.application_process ||
    service.fees_description ||
    costs.some(Boolean);
  if (!hasAny) return null;
  return (
    <section className="section directory-requirements" aria-labelledby="requirements-title">
      <h2 id="requirements-title">{t("findHelp.service.requirements")}</h2>
      <AccessChips codes={service.access} language={language} />
      <dl className="facts">
        {service.required_documents.length > 0 ? (
          <Fact label={t("findHelp.service.documents")}>
            <ul>
              {service.required_documents.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {service.eligibility_description ? (
          <Fact label={t("findHelp.service.eligibility")}>{service.eligibility_description}</Fact>
        ) : null}
        {service.application_process ? (
          <Fact label={t("findHelp.service.howToApply")}>{service.application_process}</Fact>
        ) : null}
        {service.fees_description || costs.some(Boolean) ? (
          <Fact label={t("findHelp.service.fees")}>
            {[service.fees_description, ...costs].filter(Boolean).join(" · ")}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function Contact({ service, language }: { service: ServiceDetail; language: "en" | "es" }) {
  const { t } = useTranslation();
  const languages = service.languages.map((code) => languageName(code, t, language));
  if (
    !service.phones.length &&
    !service.email &&
    !service.url &&
    !languages.length &&
    !service.interpretation_services
  )
    return null;
  return (
    <section className="section directory-contact" aria-labelledby="contact-title">
      <h2 id="contact-title">{t("findHelp.service.contact")}</h2>
      <dl className="facts">
        {service.phones.length ? (
          <Fact label={t("findHelp.service.phones")}>
            <PhoneList phones={service.phones} />
          </Fact>
        ) : null}
        {service.email ? (
          <Fact label={t("findHelp.service.email")}>
            <a href={`mailto:${service.email}`}>{service.email}</a>
          </Fact>
        ) : null}
        {service.url ? (
          <Fact label={t("findHelp.service.website")}>
            <a href={service.url} rel="noopener noreferrer">
              {service.url}
            </a>
          </Fact>
        ) : null}
        {languages.length ? (
          <Fact label={t("findHelp.service.languages")}>{formatList(languages, language)}</Fact>
        ) : null}
        {service.interpretation_services ? (
          <Fact label={t("findHelp.service.interpretation")}>
            {service.interpretation_services}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}
